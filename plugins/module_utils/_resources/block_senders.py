# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security blocked senders (``/email-security/settings/block_senders``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, Field, Pattern
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import (
    PATTERN_TYPES, comments, legacy_pattern_type,
)

BLOCK_SENDERS = Description(
    name='block_senders',
    title='email security blocked sender',
    fields={
        'pattern_type': Field(PATTERN_TYPES),
        'pattern': Pattern(regex_field='is_regex', type_field='pattern_type'),
        'is_regex': Bool(default=False),
        'comments': comments(),
    },
    key=('pattern_type', 'pattern', 'is_regex'),
    batch=True,
    read_only=legacy_pattern_type,
)
