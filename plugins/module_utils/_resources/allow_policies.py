# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security allow policies (``/email-security/settings/allow_policies``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
The deprecated flags is_sender, is_spoof and is_recipient are not in the table: never sent nor compared.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, Field, Pattern
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import (
    PATTERN_TYPES, comments, legacy_pattern_type,
)

ALLOW_POLICIES = Description(
    name='allow_policies',
    title='email security allow policy',
    fields={
        'pattern_type': Field(PATTERN_TYPES),
        'pattern': Pattern(regex_field='is_regex', type_field='pattern_type'),
        'is_regex': Bool(default=False),
        'is_trusted_sender': Bool(),
        'is_acceptable_sender': Bool(),
        'is_exempt_recipient': Bool(),
        'verify_sender': Bool(),
        'comments': comments(),
    },
    key=('pattern_type', 'pattern', 'is_regex'),
    create_required=('is_trusted_sender', 'is_acceptable_sender', 'is_exempt_recipient', 'verify_sender'),
    batch=True,
    read_only=legacy_pattern_type,
)
