# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The set run (e.g. email_security_domains): every listed entry of one resource in one task.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._backup import backup_argument_spec, backup_writer
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._entries import check_set_options, validated_entries
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    DEFAULT_BATCH_SIZE, DEFAULT_MAX_DELETE_PERCENT, Step, carry_out, plan_set, wanted_from_entries,
)


def argument_spec(description: Description) -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    # The entries are validated by ``validated_entries`` against ``entry_spec()`` (as documented), not here: for an
    # entry that is not a dict (``domains: [example.com]``) Ansible's own check fails with a message that does not
    # name the option.
    spec[description.entries_option] = {'type': 'list', 'elements': 'dict', 'required': True}
    if description.entries_aliases:
        spec[description.entries_option]['aliases'] = list(description.entries_aliases)
    spec['prune'] = {'type': 'bool', 'default': False}
    spec['max_delete_percent'] = {'type': 'int', 'default': DEFAULT_MAX_DELETE_PERCENT}
    spec.update(backup_argument_spec())
    if description.batch:
        spec['batch_size'] = {'type': 'int', 'default': DEFAULT_BATCH_SIZE}
    return spec


MODULE_CONSTRAINTS: dict[str, t.Any] = dict(CONNECTION_CONSTRAINTS)


def run(module: AnsibleModule, description: Description) -> None:
    """Reconcile the listed entries (and, with prune, the unlisted ones) and exit the module."""
    run_module(module, lambda params, client: reconcile(description, params, client, module.check_mode, module._diff))


def reconcile(description: Description, params: t.Mapping[str, t.Any], client: Client, check_mode: bool,
              with_diff: bool) -> dict[str, t.Any]:
    check_set_options(params)
    option = description.entries_option
    wanted = wanted_from_entries(description, validated_entries(description, params[option], option), option)
    resource = ApiResource(description, client, params['account_id'])
    name = description.name
    steps = {name: Step(resource, plan_set(description, wanted, resource.list(), params['prune']))}
    run = carry_out(steps, params['max_delete_percent'], check_mode, with_diff, params.get('batch_size') or 0,
                    backup_writer(params, name))
    result = run.outcomes[name]
    if run.backup_path:
        result['backup_path'] = run.backup_path
    if run.refused:  # in check mode too: the nightly audit shows it before anyone applies
        raise Failure(run.refused[name], result)
    if run.error is not None:
        result.update(status=run.error.status, errors=run.error.errors, not_applied=run.not_applied[name])
        raise Failure(run.failed[name], result)
    if run.warnings:
        result['warnings'] = run.warnings[name]
    return result
