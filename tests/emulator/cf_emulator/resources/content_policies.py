# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Content policies (``settings/content_policies``): the SDK's ``content_policy_*`` types (no last_modified).
``targets`` comes back in another order than sent when ``reorder_sets`` is on (the default)."""

from __future__ import annotations

import typing as t

from .. import checks
from ..errors import ApiError
from ..resource import Resource, Stored

TARGETS = ('SUBJECT', 'BODY')


class ContentPolicies(Resource):
    name = 'content_policies'
    sdk_name = 'content_policies'
    editable = ('name', 'pattern', 'targets', 'enabled', 'notes')
    required = ('name', 'pattern', 'targets', 'enabled')
    batch = True
    orders = ('name', 'created_at')
    example = {'name': 'Wire fraud', 'pattern': '(?i)wire transfer', 'targets': ['SUBJECT', 'BODY'], 'enabled': True}
    example_edit = {'notes': 'finance asked for it'}

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'name':
            return checks.string(name, value, 256)
        if name == 'pattern':
            return checks.string(name, value, 2048)
        if name == 'notes':
            return checks.string(name, value, 4096, nullable=True)
        if name == 'enabled':
            return checks.boolean(name, value)
        if name == 'targets':
            if not isinstance(value, list) or not value:
                raise ApiError(400, 1001, 'targets must be a non-empty array', '/targets')
            return [checks.choice(name, item, TARGETS) for item in value]
        return super().field(name, value)

    def check_body(self, values: Stored, config: t.Mapping[str, t.Any]) -> None:
        if 'targets' in values and config.get('reorder_sets', True):
            values['targets'] = sorted(set(values['targets']), reverse=True)

    def new(self, values: Stored, created: str) -> Stored:
        return dict({'notes': None}, **values, created_at=created, modified_at=created)

    def select(self, objects: list[Stored], query: t.Mapping[str, list[str]]) -> list[Stored]:
        found = objects
        if 'name' in query:
            found = [obj for obj in found if obj['name'] == query['name'][0]]
        if 'enabled' in query:
            found = [obj for obj in found if str(obj['enabled']).lower() == query['enabled'][0].lower()]
        return found


RESOURCE = ContentPolicies()
