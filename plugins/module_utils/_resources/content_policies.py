# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security content policies (``/email-security/settings/content_policies``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, EnumSet, Field

CONTENT_POLICIES = Description(
    name='content_policies',
    title='email security content policy',
    fields={
        'name': Field(max_length=256),
        'pattern': Field(max_length=2048),  # a regular expression: compared exactly
        'targets': EnumSet(('SUBJECT', 'BODY')),
        'enabled': Bool(),
        'notes': Field(nullable=True, max_length=4096),
    },
    key=('name',),
    create_required=('pattern', 'targets', 'enabled'),
    batch=True,
)
