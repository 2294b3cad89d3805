# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security URL ignore patterns (``/email-security/settings/url_ignore_patterns``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Field
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import comments

URL_IGNORE_PATTERNS = Description(
    name='url_ignore_patterns',
    title='email security URL ignore pattern',
    fields={
        'pattern': Field(max_length=1024),  # a regular expression: compared exactly
        'comments': comments(),
    },
    key=('pattern',),
)
