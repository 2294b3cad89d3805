# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security trusted domains (``/email-security/settings/trusted_domains``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, Pattern
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import comments

TRUSTED_DOMAINS = Description(
    name='trusted_domains',
    title='email security trusted domain',
    fields={
        'pattern': Pattern(regex_field='is_regex', kind='DOMAIN'),
        'is_regex': Bool(default=False),
        'is_recent': Bool(),
        'is_similarity': Bool(),
        'comments': comments(),
    },
    key=('pattern', 'is_regex'),
    create_required=('is_recent', 'is_similarity'),
    batch=True,
)
