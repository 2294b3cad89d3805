# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Protected domains (``settings/domains``), as CONTRACT.md and the SDK's ``domain_*`` types describe them.

Where a real server can make a client's life hard, it does: lists come back deduplicated in another order
than sent, CIDRs in canonical form (a bare address gains /32 or /128), host names lower-cased, and
``status`` in lower or upper case (the ``status_case`` setting). A second domain of the same name is refused
(409).
"""

from __future__ import annotations

import ipaddress
import typing as t

from ..errors import ApiError
from ..resource import Resource, Stored

DELIVERY_MODES = ('DIRECT', 'BCC', 'JOURNAL', 'API', 'RETRO_SCAN')
DROP_DISPOSITIONS = ('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL',
                     'UNKNOWN', 'NONE')
REGIONS = ('GLOBAL', 'AU', 'DE', 'IN', 'US')
FOLDERS = ('AllItems', 'Inbox')


def _hostname(value: str) -> str:
    return value.strip().rstrip('.').lower()


def _server_order(values: t.Iterable[str]) -> list[str]:
    """Deduplicated, in an order a client did not ask for (reverse sorted)."""
    return sorted(set(values), reverse=True)


def _enum_list(name: str, value: t.Any, choices: t.Sequence[str]) -> list[str]:
    if not isinstance(value, list):
        raise ApiError(400, 1001, f'{name} must be an array', f'/{name}')
    for item in value:
        if item not in choices:
            raise ApiError(400, 1002, f"{name}: {item!r} is not one of {', '.join(choices)}", f'/{name}')
    return _server_order(value)


class Domains(Resource):
    name = 'domains'
    sdk_name = 'domains'
    editable = ('allowed_delivery_modes', 'drop_dispositions', 'regions', 'ip_restrictions', 'folder',
                'integration_id', 'lookback_hops', 'require_tls_inbound', 'require_tls_outbound', 'transport',
                'domain')
    required = ('domain', 'allowed_delivery_modes', 'drop_dispositions', 'ip_restrictions', 'regions')
    batch = True
    bulk_delete = True
    orders = ('domain', 'created_at')
    example = {'domain': 'example.com', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'],
               'ip_restrictions': ['192.0.2.0/24'], 'regions': ['GLOBAL']}
    example_edit = {'lookback_hops': 9}

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'allowed_delivery_modes':
            return _enum_list(name, value, DELIVERY_MODES)
        if name == 'drop_dispositions':
            return _enum_list(name, value, DROP_DISPOSITIONS)
        if name == 'regions':
            return _enum_list(name, value, REGIONS)
        if name == 'ip_restrictions':
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ApiError(400, 1001, 'ip_restrictions must be an array of strings', '/ip_restrictions')
            try:
                return _server_order(str(ipaddress.ip_network(item.strip(), strict=False)) for item in value)
            except ValueError as error:
                raise ApiError(400, 1003, f'ip_restrictions: {error}', '/ip_restrictions') from None
        if name == 'folder':
            if value is not None and value not in FOLDERS:
                raise ApiError(400, 1002, f"folder: {value!r} is not one of {', '.join(FOLDERS)}", '/folder')
            return value
        if name == 'integration_id':
            if value is not None and not isinstance(value, str):
                raise ApiError(400, 1001, 'integration_id must be a string', '/integration_id')
            return value
        if name == 'lookback_hops':
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
                raise ApiError(400, 1004, 'lookback_hops must be an integer from 1 to 20', '/lookback_hops')
            return value
        if name in ('require_tls_inbound', 'require_tls_outbound'):
            if not isinstance(value, bool):
                raise ApiError(400, 1001, f'{name} must be a boolean', f'/{name}')
            return value
        if name in ('transport', 'domain'):
            if not isinstance(value, str) or not value.strip():
                raise ApiError(400, 1001, f'{name} must be a non-empty string', f'/{name}')
            return _hostname(value)
        return super().field(name, value)

    def new(self, values: Stored, created: str) -> Stored:
        stored = {
            'domain': values['domain'],
            'allowed_delivery_modes': [], 'drop_dispositions': [], 'regions': [], 'ip_restrictions': [],
            'folder': None, 'integration_id': None, 'lookback_hops': 1,
            'require_tls_inbound': False, 'require_tls_outbound': False, 'transport': values['domain'],
            'authorization': {'authorized': True, 'timestamp': created, 'status_message': None},
            'created_at': created, 'modified_at': created, 'last_modified': created,
            'dmarc_status': 'none', 'spf_status': 'none', 'status': 'active',
            'emails_processed': {'timestamp': created, 'total_emails_processed': 0,
                                 'total_emails_processed_previous': 0},
            'inbox_provider': None, 'o365_tenant_id': None,
        }
        stored.update(values)
        return stored

    def replace(self, stored: Stored, body: t.Any) -> None:
        """PUT: every editable field but ``domain`` (immutable); the optional ones not sent go back to null."""
        values = self.body(body, self.editable[:-1], self.required[1:])
        stored.update(folder=None, integration_id=None)
        stored.update(values)

    def check_conflict(self, objects: t.Iterable[Stored], values: Stored, except_id: t.Optional[str] = None) -> None:
        if 'domain' not in values:
            return
        for stored in objects:
            if stored['domain'] == values['domain'] and stored['id'] != except_id:
                raise ApiError(409, 1009, f"domain {values['domain']} is already protected", '/domain')

    def select(self, objects: list[Stored], query: t.Mapping[str, list[str]]) -> list[Stored]:
        names = {_hostname(name) for name in query.get('domain', [])}
        found = objects
        if names:
            found = [stored for stored in found if stored['domain'] in names]
        for key in ('allowed_delivery_mode', 'active_delivery_mode'):
            if key in query:
                found = [stored for stored in found if query[key][0] in stored['allowed_delivery_modes']]
        if 'status' in query:
            found = [stored for stored in found if stored['status'].lower() == query['status'][0].lower()]
        if 'integration_id' in query:
            found = [stored for stored in found if stored['integration_id'] == query['integration_id'][0]]
        if 'search' in query:
            found = [stored for stored in found if query['search'][0].lower() in stored['domain']]
        return found

    def public(self, stored: Stored, config: t.Mapping[str, t.Any]) -> Stored:
        shown = super().public(stored, config)
        status = stored['status']
        shown['status'] = status.upper() if config.get('status_case') == 'upper' else status.lower()
        return shown


RESOURCE = Domains()
