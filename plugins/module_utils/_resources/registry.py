# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every settings resource, for the modules that read them all (imports, so Ansible ships each description).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.allow_policies import ALLOW_POLICIES
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.block_senders import BLOCK_SENDERS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.content_policies import (
    CONTENT_POLICIES,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.impersonation_registry import (
    IMPERSONATION_REGISTRY,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.sending_domain_restrictions import (
    SENDING_DOMAIN_RESTRICTIONS,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.trusted_domains import TRUSTED_DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.url_ignore_patterns import (
    URL_IGNORE_PATTERNS,
)

# In a safe order to apply: domains first.
ALL: dict[str, Description] = {description.name: description for description in (
    DOMAINS, ALLOW_POLICIES, BLOCK_SENDERS, TRUSTED_DOMAINS, CONTENT_POLICIES, IMPERSONATION_REGISTRY,
    SENDING_DOMAIN_RESTRICTIONS, URL_IGNORE_PATTERNS)}
