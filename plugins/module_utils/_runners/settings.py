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
import queue
import threading
import typing as t

try:
    import yaml
except ImportError:  # pragma: no cover - PyYAML comes with ansible-core; a managed host may lack it
    yaml = None

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._backup import backup_argument_spec, backup_writer
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import POOL_SIZE, Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._entries import check_set_options, validated_entries
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiObject, ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    DEFAULT_BATCH_SIZE, DEFAULT_MAX_DELETE_PERCENT, PRUNED_DUPLICATES, Run, Step, Wanted, carry_out, plan_set,
    wanted_from_entries,
)


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
    (domains first); ``InvalidValue`` names the resource and the entry (``settings.block_senders[3]``), before any
    request. A backup's PRUNED_DUPLICATES is not a resource: it is left out (see ``pruned_duplicates_note``)."""
    unknown = sorted(str(name) for name in settings if name not in ALL and name != PRUNED_DUPLICATES)
    if unknown:
        raise InvalidValue(f"settings: unknown resource(s) {', '.join(unknown)}; known: {', '.join(ALL)}")
    wanted: dict[str, list[Wanted]] = {}
    for name, description in ALL.items():
        if name not in settings:
            continue
        entries = settings[name]
        where = f'settings.{name}'
        if not isinstance(entries, list):
            raise InvalidValue(f'{where}: must be a list of entries, got {type(entries).__name__}')
        wanted[name] = wanted_from_entries(description, validated_entries(description, entries, where), where)
    return wanted


def pruned_duplicates_note(settings: t.Mapping[str, t.Any]) -> t.Optional[str]:
    """The warning for a backup's PRUNED_DUPLICATES applied back, or None: they are kept for their settings, and no
    apply brings them back (a set run keeps one object per key)."""
    pruned = settings.get(PRUNED_DUPLICATES)
    if pruned is None:
        return None
    lists = pruned.items() if isinstance(pruned, dict) else ()
    held = ', '.join(f'{len(entries)} of {name}' for name, entries in lists if isinstance(entries, list))
    return (f'{PRUNED_DUPLICATES} ({held}) not applied: they are the objects a run deleted as duplicates of an older '
            'object with the same key, kept in the backup for their settings; merge what you need into the entries')


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
    """Every resource read at once, over the client's one pool (at most POOL_SIZE in flight).

    The first read that fails fails the run at once: the client's ``cancelled`` is set, so the other reads stop at
    their next page or wait, and they run in daemon threads, which the interpreter does not wait for when the module
    exits (a ThreadPoolExecutor's are joined at exit: the module would wait for their retries, minutes).
    """
    if not resources:
        return {}
    client = next(iter(resources.values())).client
    todo: queue.Queue[str] = queue.Queue()
    for name in resources:
        todo.put(name)
    done: queue.Queue[tuple[str, t.Any, t.Optional[Exception]]] = queue.Queue()

    def reader() -> None:
        while not client.cancelled.is_set():
            try:
                name = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((name, resources[name].list(), None))
            except Exception as error:  # pylint: disable=broad-exception-caught  # raised again by the main thread
                done.put((name, None, error))
                return

    for number in range(min(POOL_SIZE, len(resources))):
        threading.Thread(target=reader, name=f'email-security-read-{number}', daemon=True).start()
    lists: dict[str, list[ApiObject]] = {}
    while len(lists) < len(resources):
        name, objects, error = done.get()
        if error is not None:
            client.cancelled.set()
            raise error
        lists[name] = objects
    return {name: lists[name] for name in resources}


def reconcile_account(params: t.Mapping[str, t.Any], client: Client, check_mode: bool,
                      with_diff: bool) -> dict[str, t.Any]:
    check_set_options(params)
    settings = params['settings'] if params.get('settings') is not None else load_settings_file(params['settings_file'])
    wanted = wanted_by_resource(settings)
    resources = {name: ApiResource(ALL[name], client, params['account_id']) for name in wanted}
    current = read_all(resources)
    steps: dict[str, Step] = {}
    for name, items in wanted.items():
        try:
            steps[name] = Step(resources[name], plan_set(ALL[name], items, current[name], params['prune']))
        except Failure as error:
            raise Failure(f'{name}: {error}') from None
    run = carry_out(steps, params['max_delete_percent'], check_mode, with_diff, DEFAULT_BATCH_SIZE,
                    backup_writer(params, 'settings'))
    result = _result(run, with_diff)
    if run.refused:  # every guard before any write, in check mode too
        raise Failure('; '.join(run.refused.values()), result)
    if run.error is not None:
        first, *not_attempted = run.failed  # the failed resource, then those after it
        later = f"; not attempted: {', '.join(not_attempted)}" if not_attempted else ''
        result.update(status=run.error.status, errors=run.error.errors)
        raise Failure(f'{first}: {run.failed[first]}{later}', result)
    warnings = [f'{name}: {warning}' for name, resource_warnings in run.warnings.items() for warning in resource_warnings]
    note = pruned_duplicates_note(settings)
    if note:
        warnings.append(note)
    if warnings:
        result['warnings'] = warnings
    return result


def _result(run: Run, with_diff: bool) -> dict[str, t.Any]:
    """The module result of a run: per resource what the role's summary fact holds (with ``failed`` and ``msg``, and
    ``not_applied`` after a failed write), the diffs headed by the resource under --diff, the backup, the counts."""
    summary: dict[str, dict[str, t.Any]] = {}
    diffs: list[dict[str, t.Any]] = []
    for name, part in run.outcomes.items():
        part = dict(part)
        diffs.extend(dict(entry, before_header=f"{name}: {entry['before_header']}",
                          after_header=f"{name}: {entry['after_header']}") for entry in part.pop('diff', []))
        part.setdefault('unmanaged', [])
        why = run.refused.get(name) or run.failed.get(name)
        part.update(failed=bool(why), msg=why or '')
        if name in run.not_applied:
            part['not_applied'] = run.not_applied[name]
        summary[name] = part
    result: dict[str, t.Any] = {'changed': any(part['changed'] for part in summary.values()), 'summary': summary}
    if with_diff:
        result['diff'] = diffs
    if run.backup_path:
        result['backup_path'] = run.backup_path
    result['counts'] = counts(summary)
    return result


def counts(summary: t.Mapping[str, t.Mapping[str, t.Any]]) -> dict[str, dict[str, t.Any]]:
    return {name: {'created': len(part['created']), 'updated': len(part['updated']), 'deleted': len(part['deleted']),
                   'unmanaged': len(part['unmanaged']), 'failed': part['failed']} for name, part in summary.items()}
