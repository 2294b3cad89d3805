# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security protected domains as a fleet: the email_security_domains module's run.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import NoLogError, UnsupportedError

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, run_module, settings_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._email_security_domain import DOMAIN, FIELDS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import Failure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fleet import (
    BatchFailure, apply_fleet, outcome, plan_fleet, wanted_from_params,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource

DEFAULT_BATCH_SIZE = 1000


def entry_spec() -> dict:
    """The options of one entry of ``domains``: the single-domain module's settings, ``domain`` and ``state``."""
    entry = settings_argument_spec(FIELDS)
    entry['domain'] = dict(entry['domain'], required=True)
    entry['state'] = {'type': 'str', 'default': 'present', 'choices': ['present', 'absent']}
    return entry


def argument_spec() -> dict:
    spec = connection_argument_spec()
    spec.update({
        # The entries are validated by ``validated_entries`` against ``entry_spec()`` (as documented), not here:
        # for an entry that is not a dict (``domains: [example.com]``) Ansible's own check fails with a message
        # that does not name the option.
        'domains': {'type': 'list', 'elements': 'dict', 'required': True},
        'prune': {'type': 'bool', 'default': False},
        'batch_size': {'type': 'int', 'default': DEFAULT_BATCH_SIZE},
    })
    return spec


def validated_entries(entries: t.Sequence[t.Any]) -> list:
    """The entries with types converted and defaults set, as Ansible would; ``InvalidValue`` names the option."""
    spec = {'domains': {'type': 'list', 'elements': 'dict', 'options': entry_spec()}}
    result = ArgumentSpecValidator(spec).validate({'domains': entries})
    errors = [error for error in result.errors.errors if not isinstance(error, NoLogError)]
    if errors:
        error = errors[0]
        if isinstance(error, UnsupportedError):
            raise InvalidValue('domains: unsupported parameter %s' % error.msg)
        raise InvalidValue(error.msg)
    return result.validated_parameters['domains']


MODULE_CONSTRAINTS = dict(CONNECTION_CONSTRAINTS)


def run(module: t.Any) -> None:
    """Reconcile the listed domains (and, with prune, the unlisted ones) and exit the module."""
    run_module(module, lambda params, client: reconcile(params, client, module.check_mode, module._diff))


def reconcile(params: t.Mapping[str, t.Any], client: t.Any, check_mode: bool, with_diff: bool) -> dict:
    if params['batch_size'] < 1:
        raise InvalidValue('batch_size: %r must be 1 or more' % params['batch_size'])
    wanted = wanted_from_params(DOMAIN, validated_entries(params['domains']), 'domains')
    resource = ApiResource(DOMAIN, client, params['account_id'])
    fleet_plan = plan_fleet(DOMAIN, wanted, resource.list(), params['prune'])
    if not check_mode:
        try:
            apply_fleet(resource, fleet_plan, params['batch_size'])
        except BatchFailure as failure:
            result = outcome(DOMAIN, failure.applied, with_diff)
            result.update(status=failure.error.status, errors=failure.error.errors,
                          not_applied=sorted(op.name for op in failure.not_applied))
            raise Failure(str(failure), result)
    return outcome(DOMAIN, fleet_plan.operations, with_diff)
