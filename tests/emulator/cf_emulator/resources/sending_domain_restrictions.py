# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sending-domain restrictions (``settings/sending_domain_restrictions``): the SDK's
``sending_domain_restriction_*`` types. No batch endpoint. ``exclude`` ([] allowed) comes back in another
order than sent when ``reorder_sets`` is on (the default)."""

from __future__ import annotations

import typing as t

from .. import checks
from ..errors import ApiError
from ..resource import Resource, Stored


class SendingDomainRestrictions(Resource):
    name = 'sending_domain_restrictions'
    sdk_name = 'sending_domain_restrictions'
    editable = ('domain', 'exclude', 'comments')
    required = ('domain', 'exclude')
    orders = ('domain', 'created_at')
    example = {'domain': 'bank.example', 'exclude': ['newsletter.bank.example']}
    example_edit = {'comments': 'TLS or nothing'}

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'domain':
            return checks.host(name, value)
        if name == 'exclude':
            if not isinstance(value, list):
                raise ApiError(400, 1001, 'exclude must be an array of domain names', '/exclude')
            return [checks.host(name, item) for item in value]
        if name == 'comments':
            return checks.string(name, value, 1024, nullable=True)
        return super().field(name, value)

    def check_body(self, values: Stored, config: t.Mapping[str, t.Any]) -> None:
        if 'exclude' in values and config.get('reorder_sets', True):
            values['exclude'] = sorted(set(values['exclude']), reverse=True)

    def new(self, values: Stored, created: str) -> Stored:
        return dict({'comments': None}, **super().new(values, created))


RESOURCE = SendingDomainRestrictions()
