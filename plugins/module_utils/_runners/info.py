# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The info run (e.g. email_security_domain_info): the objects of one resource, all, filtered, or one by id.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, reject_blank,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module


def argument_spec(description: Description) -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec[description.id_option] = {'type': 'str'}
    spec.update((name, list_filter.argument_spec()) for name, list_filter in description.list_filters.items())
    return spec


def module_constraints(description: Description) -> dict[str, t.Any]:
    exclusive = [(description.id_option, name) for name in description.list_filters]
    return {
        'mutually_exclusive': CONNECTION_CONSTRAINTS['mutually_exclusive'] + exclusive,
        'required_together': CONNECTION_CONSTRAINTS['required_together'],
    }


def run(module: AnsibleModule, description: Description) -> None:
    """Read the objects asked for and exit the module with them."""
    run_module(module, lambda params, client: read(description, params, client))


def read(description: Description, params: t.Mapping[str, t.Any], client: Client) -> dict[str, t.Any]:
    reject_blank(params, description.id_option)
    query = query_from_params(description, params)
    resource = ApiResource(description, client, params['account_id'])
    if params[description.id_option] is not None:
        found = resource.read(object_id=params[description.id_option])
        return {'changed': False, description.name: [found] if found else []}
    if any(value == [] for value in query.values()):
        return {'changed': False, description.name: []}  # nothing matches an empty list of values: nothing to ask
    return {'changed': False, description.name: resource.list(query)}


def query_from_params(description: Description, params: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The list endpoint's query for the filters given; raises ``InvalidValue`` before any request."""
    query: dict[str, t.Any] = {}
    for name, list_filter in description.list_filters.items():
        value = params.get(name)
        if value is None:
            continue
        values = value if list_filter.many else [value]
        for item in values:
            list_filter.field.validate(name, item)
        sent = [list_filter.field.to_api(item) for item in values]
        query[name] = sent if list_filter.many else sent[0]
    return query
