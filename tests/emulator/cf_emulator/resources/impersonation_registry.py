# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The impersonation registry (``settings/impersonation_registry``): the SDK's ``impersonation_registry_*``
types. No batch endpoint. Directory-synced entries (``provenance`` other than null or A1S_INTERNAL) cannot be
updated, as the SDK's edit docstring says."""

from __future__ import annotations

import typing as t

from .. import checks
from ..errors import ApiError
from ..resource import Resource, Stored

PROVENANCES = ('A1S_INTERNAL', 'SNOOPY-CASB_OFFICE_365', 'SNOOPY-OFFICE_365', 'SNOOPY-GOOGLE_DIRECTORY')


class ImpersonationRegistry(Resource):
    name = 'impersonation_registry'
    sdk_name = 'impersonation_registry'
    editable = ('name', 'email', 'is_email_regex', 'comments', 'directory_id', 'directory_node_id',
                'external_directory_node_id', 'provenance')
    required = ('name', 'email', 'is_email_regex')
    orders = ('name', 'email', 'created_at')
    example = {'name': 'Jane Doe (CEO)', 'email': 'jane.doe@example.com', 'is_email_regex': False}
    example_edit = {'comments': 'board member'}

    def field(self, name: str, value: t.Any) -> t.Any:
        if name in ('name', 'email'):
            return checks.string(name, value, 1024)
        if name in ('comments', 'external_directory_node_id'):
            return checks.string(name, value, 1024, nullable=True)
        if name == 'is_email_regex':
            return checks.boolean(name, value)
        if name in ('directory_id', 'directory_node_id'):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ApiError(400, 1001, f'{name} must be an integer or null', f'/{name}')
            return value
        if name == 'provenance':
            return None if value is None else checks.choice(name, value, PROVENANCES)
        return super().field(name, value)

    def check_body(self, values: Stored, config: t.Mapping[str, t.Any]) -> None:
        if 'email' in values and not values.get('is_email_regex'):
            checks.address('email', values['email'])

    def check_patch(self, stored: Stored, values: Stored) -> None:
        if stored.get('provenance') not in (None, 'A1S_INTERNAL'):
            raise ApiError(400, 1012, "Directory-synced entries can't be updated")
        if 'email' not in values and values.get('is_email_regex') is False:
            checks.address('email', stored['email'])

    def new(self, values: Stored, created: str) -> Stored:
        defaults = {'comments': None, 'directory_id': None, 'directory_node_id': None,
                    'external_directory_node_id': None, 'provenance': None}
        return dict(defaults, **super().new(values, created))

    def select(self, objects: list[Stored], query: t.Mapping[str, list[str]]) -> list[Stored]:
        if 'provenance' in query:
            return [obj for obj in objects if obj.get('provenance') == query['provenance'][0]]
        return objects


RESOURCE = ImpersonationRegistry()
