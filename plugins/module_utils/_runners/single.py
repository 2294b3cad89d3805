# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The single-object run (e.g. email_security_domain): one read, at most one write.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, reject_blank, settings_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import desired_from_params, ensure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module


def argument_spec(description: Description) -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec.update(settings_argument_spec(description.fields))
    spec.update({
        description.id_option: {'type': 'str'},
        'state': {'type': 'str', 'default': 'present', 'choices': ['present', 'absent']},
    })
    return spec


def module_constraints(description: Description) -> dict[str, t.Any]:
    return dict(CONNECTION_CONSTRAINTS, required_one_of=[(description.id_option,) + description.key])


def run(module: AnsibleModule, description: Description) -> None:
    """Reconcile one object and exit the module with the outcome."""
    run_module(module, lambda params, client: reconcile(description, params, client, module.check_mode, module._diff))


def reconcile(description: Description, params: t.Mapping[str, t.Any], client: Client, check_mode: bool,
              with_diff: bool) -> dict[str, t.Any]:
    reject_blank(params, description.id_option)
    desired = desired_from_params(description.fields, params)
    resource = ApiResource(description, client, params['account_id'])
    outcome = ensure(resource, desired, params['state'], check_mode, object_id=params[description.id_option],
                     key_values={name: params[name] for name in description.key})
    if not with_diff:
        del outcome['diff']
    return outcome
