# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email Security protected domains (``/email-security/settings/domains``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description, Filter
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import (
    Bool, CidrSet, EnumSet, Field, Hostname, IntRange, Uuid,
)

DELIVERY_MODES = ('DIRECT', 'BCC', 'JOURNAL', 'API', 'RETRO_SCAN')
DROP_DISPOSITIONS = ('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL',
                     'UNKNOWN', 'NONE')
REGIONS = ('GLOBAL', 'AU', 'DE', 'IN', 'US')
FOLDERS = ('AllItems', 'Inbox')
STATUSES = ('pending', 'active', 'failed', 'timeout')

DOMAINS = Description(
    name='domains',
    title='email security domain',
    # One row per editable field of the API's domain object, as the API reference lists them.
    fields={
        'domain': Hostname(),
        'allowed_delivery_modes': EnumSet(DELIVERY_MODES),
        'drop_dispositions': EnumSet(DROP_DISPOSITIONS),
        'regions': EnumSet(REGIONS),
        'ip_restrictions': CidrSet(),
        'folder': Field(FOLDERS, nullable=True),
        'integration_id': Uuid(nullable=True),
        'lookback_hops': IntRange(1, 20),
        'require_tls_inbound': Bool(),
        'require_tls_outbound': Bool(),
        'transport': Hostname(),
    },
    key=('domain',),
    create_required=('allowed_delivery_modes', 'drop_dispositions', 'ip_restrictions', 'regions'),
    batch=True,
    list_filters={
        'domain': Filter(Hostname(), many=True),
        'status': Filter(Field(STATUSES)),
        'integration_id': Filter(Uuid()),
        'allowed_delivery_mode': Filter(Field(DELIVERY_MODES)),
        'active_delivery_mode': Filter(Field(DELIVERY_MODES)),
    },
    lookup_filters=('domain',),
    id_option='domain_id',
    result_key='domain',
    entries_option='domains',
    entries_aliases=('entries',),
)
