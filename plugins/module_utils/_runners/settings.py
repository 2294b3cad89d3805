# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The account run (email_security_settings): every resource a settings dict names, in one module run.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Each resource goes through the same set engine as its set module (validation, plan, duplicates, read-only rows, the
deletion guard); what is particular here is the order of things: every entry of every resource is validated before
any request, the resources are read concurrently, every plan is made and every guard checked before any write, and
the writes go resource by resource, domains first.
"""

from __future__ import annotations

import json
import typing as t
from concurrent.futures import ThreadPoolExecutor

try:
    import yaml
except ImportError:  # pragma: no cover - PyYAML comes with ansible-core; a managed host may lack it
    yaml = None

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._backup import backup_argument_spec, write_backup
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiObject, ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.set import (
    DEFAULT_BATCH_SIZE, check_set_options, validated_entries,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    DEFAULT_MAX_DELETE_PERCENT, ApplyFailure, SetPlan, Wanted, apply_plan, labels, outcome, plan_set,
    wanted_from_entries,
)

MAX_READS_IN_FLIGHT = 8  # one per resource: the whole account is read in one round trip


def argument_spec() -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    # The entries are validated per resource against each set module's entry options (see validated_entries).
    spec['settings'] = {'type': 'dict'}
    spec['settings_file'] = {'type': 'path'}
    spec['prune'] = {'type': 'bool', 'default': False}
    spec['max_delete_percent'] = {'type': 'int', 'default': DEFAULT_MAX_DELETE_PERCENT}
    spec.update(backup_argument_spec())
    return spec


MODULE_CONSTRAINTS: dict[str, t.Any] = {
    'mutually_exclusive': CONNECTION_CONSTRAINTS['mutually_exclusive'] + [('settings', 'settings_file')],
    'required_together': CONNECTION_CONSTRAINTS['required_together'],
    'required_one_of': [('settings', 'settings_file')],
}


def run(module: AnsibleModule) -> None:
    run_module(module, lambda params, client: reconcile_account(params, client, module.check_mode, module._diff))


def wanted_by_resource(settings: t.Mapping[str, t.Any]) -> dict[str, list[Wanted]]:
    """Every resource's entries, validated as its set module validates them, in the order they are applied
    (domains first); ``InvalidValue`` names the resource, before any request."""
    unknown = sorted(str(name) for name in settings if name not in ALL)
    if unknown:
        raise InvalidValue(f"settings: unknown resource(s) {', '.join(unknown)}; known: {', '.join(ALL)}")
    wanted: dict[str, list[Wanted]] = {}
    for name, description in ALL.items():
        if name not in settings:
            continue
        entries = settings[name]
        if not isinstance(entries, list):
            raise InvalidValue(f'settings.{name}: must be a list of entries, got {type(entries).__name__}')
        try:
            wanted[name] = wanted_from_entries(description, validated_entries(description, entries),
                                               description.entries_option)
        except InvalidValue as error:
            raise InvalidValue(f'settings.{name}: {error}') from None
    return wanted


def load_settings_file(path: str) -> t.Mapping[str, t.Any]:
    """The settings dict of a JSON file (YAML when the name ends in .yml or .yaml); ``InvalidValue`` says why not.

    Read by the module itself, the file is parsed once, on the host that runs the module, instead of being loaded,
    validated and templated by the controller and then shipped to the module (2 s of a 1,000-per-resource audit).
    """
    try:
        with open(path, encoding='utf-8') as handle:
            text = handle.read()
    except OSError as error:
        raise InvalidValue(f'settings_file: cannot read {path!r}: {error.strerror or error}') from None
    if path.endswith(('.yml', '.yaml')):
        if yaml is None:
            raise InvalidValue(f'settings_file: reading YAML ({path!r}) needs PyYAML on the host that runs the module; '
                               'use a JSON file')
        loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
        try:
            settings = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
        except yaml.YAMLError as error:
            raise InvalidValue(f"settings_file: {path!r} is not valid YAML: {' '.join(str(error).split())}") from None
    else:
        try:
            settings = json.loads(text)
        except ValueError as error:
            raise InvalidValue(f'settings_file: {path!r} is not valid JSON: {error}') from None
    if not isinstance(settings, dict):
        raise InvalidValue(f'settings_file: {path!r} holds a {type(settings).__name__}, not a dict of resource name to '
                           'entries')
    return settings


def read_all(resources: t.Mapping[str, ApiResource]) -> dict[str, list[ApiObject]]:
    """Every resource read at once (at most MAX_READS_IN_FLIGHT in flight, over the client's one pool)."""
    if not resources:
        return {}
    with ThreadPoolExecutor(max_workers=min(MAX_READS_IN_FLIGHT, len(resources))) as pool:
        lists = list(pool.map(lambda resource: resource.list(), resources.values()))  # the first failure is raised here
    return dict(zip(resources, lists))


def reconcile_account(params: t.Mapping[str, t.Any], client: Client, check_mode: bool,
                      with_diff: bool) -> dict[str, t.Any]:
    check_set_options(params)
    settings = params['settings'] if params.get('settings') is not None else load_settings_file(params['settings_file'])
    wanted = wanted_by_resource(settings)
    resources = {name: ApiResource(ALL[name], client, params['account_id']) for name in wanted}
    current = read_all(resources)
    plans: dict[str, SetPlan] = {}
    for name, items in wanted.items():
        try:
            plans[name] = plan_set(ALL[name], items, current[name], params['prune'])
        except Failure as error:
            raise Failure(f'{name}: {error}') from None
    result = _planned(plans, with_diff)
    summary = result['summary']
    refusals = {name: set_plan.too_many_deletes(params['max_delete_percent']) for name, set_plan in plans.items()}
    if any(refusals.values()):  # every guard before any write, in check mode too
        for name, why in refusals.items():
            summary[name].update(failed=bool(why), msg=why or '')
        raise Failure('; '.join(why for why in refusals.values() if why), dict(result, counts=counts(summary)))
    changing = [name for name, set_plan in plans.items() if set_plan.operations]
    if check_mode or not changing:
        return dict(result, counts=counts(summary))
    if params['backup']:
        result['backup_path'] = write_backup({name: plans[name].account.entries() for name in changing},
                                             'settings', params['account_id'], params.get('backup_options'))
    warnings: list[str] = []
    for position, name in enumerate(changing):
        try:
            resource_warnings = apply_plan(resources[name], plans[name], DEFAULT_BATCH_SIZE)
        except ApplyFailure as failure:
            raise Failure(*_failed_write(name, failure, changing[position + 1:], plans, result)) from None
        warnings.extend(f'{name}: {warning}' for warning in resource_warnings)
    if warnings:
        result['warnings'] = warnings
    return dict(result, counts=counts(summary))


def _planned(plans: t.Mapping[str, SetPlan], with_diff: bool) -> dict[str, t.Any]:
    """The result of the plans: per resource what the role's summary fact holds, and the diffs (headed by the
    resource) under --diff; each resource's outcome is made once."""
    summary: dict[str, dict[str, t.Any]] = {}
    diffs: list[dict[str, t.Any]] = []
    for name, set_plan in plans.items():
        part = _summary(outcome(ALL[name], set_plan.operations, with_diff, set_plan.read_only))
        diffs.extend(dict(entry, before_header=f"{name}: {entry['before_header']}",
                          after_header=f"{name}: {entry['after_header']}") for entry in part.pop('diff', []))
        summary[name] = part
    result: dict[str, t.Any] = {'changed': any(part['changed'] for part in summary.values()), 'summary': summary}
    if with_diff:
        result['diff'] = diffs
    return result


def _summary(part: dict[str, t.Any]) -> dict[str, t.Any]:
    """One resource's outcome as the summary holds it: with ``unmanaged`` (empty for a resource without read-only
    objects) and the ``failed``/``msg`` a refusal or a failed write sets."""
    part.setdefault('unmanaged', [])
    part.update(failed=False, msg='')
    return part


def counts(summary: t.Mapping[str, t.Mapping[str, t.Any]]) -> dict[str, dict[str, t.Any]]:
    return {name: {'created': len(part['created']), 'updated': len(part['updated']), 'deleted': len(part['deleted']),
                   'unmanaged': len(part['unmanaged']), 'failed': part['failed']} for name, part in summary.items()}


def _failed_write(name: str, failure: ApplyFailure, not_attempted: t.Sequence[str], plans: t.Mapping[str, SetPlan],
                  result: dict[str, t.Any]) -> tuple[str, dict[str, t.Any]]:
    """The message and result of a run stopped by a failed write: per resource, what was applied and what not."""
    summary = result['summary']

    def stopped(resource: str, applied: t.Sequence[t.Any], not_applied: t.Sequence[t.Any], why: str) -> None:
        summary[resource] = dict(_summary(outcome(ALL[resource], applied, False, plans[resource].read_only)),
                                 failed=True, msg=why, not_applied=labels(not_applied))

    stopped(name, failure.applied, failure.not_applied, str(failure))
    for later in not_attempted:
        stopped(later, [], plans[later].operations, 'not attempted: an earlier write failed')
    result.update(changed=any(part['changed'] for part in summary.values()), status=failure.error.status,
                  errors=failure.error.errors, counts=counts(summary))
    result.pop('diff', None)
    later = f"; not attempted: {', '.join(not_attempted)}" if not_attempted else ''
    return f'{name}: {failure}{later}', result
