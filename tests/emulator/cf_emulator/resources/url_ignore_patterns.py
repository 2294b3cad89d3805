# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""URL ignore patterns (``settings/url_ignore_patterns``): the SDK's ``url_ignore_pattern_*`` types. No batch
endpoint, and no list filter but the pages."""

from __future__ import annotations

import typing as t

from .. import checks
from ..resource import Resource, Stored


class UrlIgnorePatterns(Resource):
    name = 'url_ignore_patterns'
    sdk_name = 'url_ignore_patterns'
    editable = ('pattern', 'comments')
    required = ('pattern',)
    example = {'pattern': '^https://intranet\\.example\\.com/'}
    example_edit = {'comments': 'the intranet'}

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'pattern':
            return checks.string(name, value, 1024)
        if name == 'comments':
            return checks.string(name, value, 1024, nullable=True)
        return super().field(name, value)

    def new(self, values: Stored, created: str) -> Stored:
        return dict({'comments': None}, **super().new(values, created))


RESOURCE = UrlIgnorePatterns()
