# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the sender-pattern resources (allow policies, block senders, trusted domains) share: a pattern checked
against its type once the whole body is known, kept in the case it was sent; duplicates are allowed."""

from __future__ import annotations

import typing as t

from .. import checks
from ..errors import ApiError
from ..resource import Resource, Stored

PATTERN_TYPES = ('EMAIL', 'DOMAIN', 'IP')


class SenderPatterns(Resource):
    fixed_type: t.Optional[str] = None  # the pattern kind of a resource without a pattern_type field
    batch = True
    orders = ('pattern', 'created_at')

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'pattern':
            return checks.string(name, value, 1024)
        if name == 'pattern_type':  # UNKNOWN shows on old rows but cannot be written
            return checks.choice(name, value, PATTERN_TYPES)
        if name == 'comments':
            return checks.string(name, value, 1024, nullable=True)
        if name in self.editable:
            return checks.boolean(name, value)
        return super().field(name, value)

    def check_body(self, values: Stored, config: t.Mapping[str, t.Any]) -> None:
        checks.sender_pattern(values, config.get('canonical_ips', True), self.fixed_type)

    def check_patch(self, stored: Stored, values: Stored) -> None:
        merged = dict(stored, **values)
        if merged.get('pattern_type') == 'UNKNOWN':
            raise ApiError(400, 1002, 'pattern_type UNKNOWN cannot be written: set another type', '/pattern_type')
        if 'pattern_type' in values and 'pattern' not in values:
            checks.sender_pattern(merged, False, self.fixed_type)

    def new(self, values: Stored, created: str) -> Stored:
        return dict({'comments': None}, **super().new(values, created))

    def select(self, objects: list[Stored], query: t.Mapping[str, list[str]]) -> list[Stored]:
        found = objects
        if 'pattern' in query:
            found = [obj for obj in found if obj.get('pattern') == query['pattern'][0]]
        if 'pattern_type' in query:
            found = [obj for obj in found if obj.get('pattern_type') == query['pattern_type'][0]]
        return found
