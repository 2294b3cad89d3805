# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security protected domains, read only: the email_security_domain_info module's run.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, reject_blank, run_module,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._email_security_domain import (
    DELIVERY_MODES, DOMAIN, FIELDS,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource

STATUSES = ('pending', 'active', 'failed', 'timeout')
FILTERS = ('domain', 'status', 'integration_id', 'allowed_delivery_mode', 'active_delivery_mode')


def argument_spec() -> dict:
    spec = connection_argument_spec()
    spec.update({
        'domain_id': {'type': 'str'},
        'domain': {'type': 'list', 'elements': 'str'},
        'status': {'type': 'str', 'choices': list(STATUSES)},
        'integration_id': {'type': 'str'},
        'allowed_delivery_mode': {'type': 'str', 'choices': list(DELIVERY_MODES)},
        'active_delivery_mode': {'type': 'str', 'choices': list(DELIVERY_MODES)},
    })
    return spec


MODULE_CONSTRAINTS = {
    'mutually_exclusive': CONNECTION_CONSTRAINTS['mutually_exclusive'] + [('domain_id', name) for name in FILTERS],
    'required_together': CONNECTION_CONSTRAINTS['required_together'],
}


def run(module: t.Any) -> None:
    """Read the domains asked for and exit the module with them."""
    run_module(module, read)


def read(params: t.Mapping[str, t.Any], client: t.Any) -> dict:
    filters = query_from_params(params)
    resource = ApiResource(DOMAIN, client, params['account_id'])
    if params['domain_id'] is not None:
        found = resource.read(object_id=params['domain_id'])
        return {'changed': False, 'domains': [found] if found else []}
    if filters.get('domain') == []:
        return {'changed': False, 'domains': []}  # no name matches an empty list of names: nothing to ask
    return {'changed': False, 'domains': resource.list(filters)}


def query_from_params(params: t.Mapping[str, t.Any]) -> dict:
    """The list endpoint's query for the filters given; raises ``InvalidValue`` before any request."""
    reject_blank(params, 'domain_id')
    query = {}  # type: dict[str, t.Any]
    if params['domain'] is not None:
        for name in params['domain']:
            FIELDS['domain'].validate('domain', name)
        query['domain'] = [FIELDS['domain'].to_api(name) for name in params['domain']]
    if params['integration_id'] is not None:
        FIELDS['integration_id'].validate('integration_id', params['integration_id'])
        query['integration_id'] = params['integration_id']
    for name in ('status', 'allowed_delivery_mode', 'active_delivery_mode'):
        if params[name] is not None:
            query[name] = params[name]
    return query
