# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The export run (email_security_settings_info): every resource asked for, in its set module's input shape.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiObject, ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import ResourceRead


def argument_spec() -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec['resources'] = {'type': 'list', 'elements': 'str', 'choices': list(ALL), 'default': list(ALL)}
    spec['include_objects'] = {'type': 'bool', 'default': False}
    return spec


MODULE_CONSTRAINTS: dict[str, t.Any] = dict(CONNECTION_CONSTRAINTS)


def run(module: AnsibleModule) -> None:
    """Read the resources asked for and exit the module with them."""
    run_module(module, read)


def read(params: t.Mapping[str, t.Any], client: Client) -> dict[str, t.Any]:
    settings: dict[str, list[dict[str, t.Any]]] = {}
    unmanaged: dict[str, int] = {}
    objects: dict[str, list[ApiObject]] = {}
    for name in ALL:  # in the order the role applies them, whatever order the task lists them in
        if name not in params['resources']:
            continue
        description = ALL[name]
        read_objects = ApiResource(description, client, params['account_id']).list()
        # One entry per key, as the set modules see the account: where several objects share a key, the oldest
        # (the one they keep with prune), so that the file applies.
        settings[name] = ResourceRead(description, read_objects).entries()
        unmanaged[name] = sum(1 for obj in read_objects if description.why_read_only(obj))
        objects[name] = read_objects
    result: dict[str, t.Any] = {'changed': False, 'settings': settings, 'unmanaged': unmanaged}
    if params['include_objects']:
        result['objects'] = objects
    return result
