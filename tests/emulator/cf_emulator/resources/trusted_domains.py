# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Trusted domains (``settings/trusted_domains``): the SDK's ``trusted_domain_*`` types (no pattern_type)."""

from __future__ import annotations

import typing as t

from ._senders import SenderPatterns


class TrustedDomains(SenderPatterns):
    name = 'trusted_domains'
    sdk_name = 'trusted_domains'
    fixed_type = 'DOMAIN'
    editable = ('pattern', 'is_regex', 'is_recent', 'is_similarity', 'comments')
    required = ('pattern', 'is_regex', 'is_recent', 'is_similarity')
    example = {'pattern': 'partner.example', 'is_regex': False, 'is_recent': True, 'is_similarity': False}
    example_edit = {'comments': 'a partner'}

    def select(self, objects: list[dict[str, t.Any]], query: t.Mapping[str, list[str]]) -> list[dict[str, t.Any]]:
        found = super().select(objects, query)
        for name in ('is_recent', 'is_similarity'):
            if name in query:
                found = [obj for obj in found if str(obj.get(name)).lower() == query[name][0].lower()]
        return found


RESOURCE = TrustedDomains()
