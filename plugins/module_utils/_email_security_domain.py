# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security protected domains: the field table and the module's run.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, reject_blank, run_module, settings_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import desired_from_params, ensure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import (
    Bool, CidrSet, EnumSet, Field, Hostname, IntRange, Uuid,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource, ResourceType

DELIVERY_MODES = ('DIRECT', 'BCC', 'JOURNAL', 'API', 'RETRO_SCAN')
DROP_DISPOSITIONS = ('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL',
                     'UNKNOWN', 'NONE')
REGIONS = ('GLOBAL', 'AU', 'DE', 'IN', 'US')
FOLDERS = ('AllItems', 'Inbox')

# One row per editable field of the API's domain object, as the API reference lists them.
FIELDS = {
    'domain': Hostname(),
    'allowed_delivery_modes': EnumSet(DELIVERY_MODES),
    'drop_dispositions': EnumSet(DROP_DISPOSITIONS),
    'regions': EnumSet(REGIONS),
    'ip_restrictions': CidrSet(),
    'folder': Field(FOLDERS),
    'integration_id': Uuid(),
    'lookback_hops': IntRange(1, 20),
    'require_tls_inbound': Bool(),
    'require_tls_outbound': Bool(),
    'transport': Hostname(),
}  # type: dict[str, Field]

DOMAIN = ResourceType(
    title='email security domain',
    path='/email-security/settings/domains',
    fields=FIELDS,
    name_field='domain',
    create_required=('allowed_delivery_modes', 'drop_dispositions', 'ip_restrictions', 'regions'),
    result_key='domain',
    id_option='domain_id',
)


def argument_spec() -> dict:
    spec = connection_argument_spec()
    spec.update(settings_argument_spec(FIELDS))
    spec.update({
        'domain_id': {'type': 'str'},
        'state': {'type': 'str', 'default': 'present', 'choices': ['present', 'absent']},
    })
    return spec


MODULE_CONSTRAINTS = dict(CONNECTION_CONSTRAINTS, required_one_of=[('domain_id', 'domain')])


def run(module: t.Any) -> None:
    """Reconcile one protected domain and exit the module with the outcome."""
    run_module(module, lambda params, client: reconcile(params, client, module.check_mode, module._diff))


def reconcile(params: t.Mapping[str, t.Any], client: t.Any, check_mode: bool, with_diff: bool) -> dict:
    reject_blank(params, 'domain_id')
    desired = desired_from_params(FIELDS, params)
    resource = ApiResource(DOMAIN, client, params['account_id'])
    outcome = ensure(resource, desired, params['state'], check_mode,
                     object_id=params['domain_id'], name=params['domain'])
    if not with_diff:
        del outcome['diff']
    return outcome
