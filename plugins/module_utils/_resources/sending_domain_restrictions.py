# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security sending-domain restrictions (``/email-security/settings/sending_domain_restrictions``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Hostname, HostnameSet
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import comments

SENDING_DOMAIN_RESTRICTIONS = Description(
    name='sending_domain_restrictions',
    title='email security sending domain restriction',
    fields={
        'domain': Hostname(),
        'exclude': HostnameSet(),
        'comments': comments(),
    },
    key=('domain',),
    create_required=('exclude',),
)
