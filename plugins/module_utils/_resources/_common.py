# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Field kinds and rules the list resources share.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Field

PATTERN_TYPES = ('EMAIL', 'DOMAIN', 'IP')


def comments() -> Field:
    """A free-text comment: "" equals null and clears it; at most 1024 characters."""
    return Field(nullable=True, max_length=1024)


def legacy_pattern_type(obj: t.Mapping[str, t.Any]) -> t.Optional[str]:
    """Rows whose pattern_type is UNKNOWN (deprecated: the API no longer accepts it on a write) are read-only."""
    if obj.get('pattern_type') == 'UNKNOWN':
        return 'its pattern_type is UNKNOWN, which the API no longer accepts'
    return None
