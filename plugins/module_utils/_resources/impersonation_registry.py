# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Email Security impersonation registry (``/email-security/settings/impersonation_registry``).

Private to this collection: no compatibility promise outside edgeops.cloudflare.
Only entries made by hand are managed: the directory fields (directory_id, directory_node_id, provenance and
the deprecated external_directory_node_id) are never sent, and directory-synced entries are read-only.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, Field, Pattern
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources._common import comments


def directory_synced(obj: t.Mapping[str, t.Any]) -> t.Optional[str]:
    provenance = obj.get('provenance')
    if provenance not in (None, 'A1S_INTERNAL'):
        return f'synced from a directory (provenance {provenance}); the API refuses to update it'
    return None


IMPERSONATION_REGISTRY = Description(
    name='impersonation_registry',
    title='email security impersonation registry entry',
    fields={
        'email': Pattern(regex_field='is_email_regex', kind='EMAIL'),
        'is_email_regex': Bool(default=False),
        'name': Field(max_length=1024),
        'comments': comments(),
    },
    key=('email', 'is_email_regex'),
    create_required=('name',),
    read_only=directory_synced,
)
