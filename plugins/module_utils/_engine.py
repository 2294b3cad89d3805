# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The compare engine: desired + current -> plan -> changed / write / diff.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Written once for every resource; a resource brings a field table (see ``_fields``) in its description.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import FieldTable
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiObject, ApiResource


def desired_from_params(fields: FieldTable, params: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The settings the task names (options left unset are not managed), validated.

    Raises ``InvalidValue`` before anything is sent.
    """
    desired = {}
    for name, field in fields.items():
        value = params.get(name)
        if value is None:
            continue
        field.validate_in(name, value, params)
        desired[name] = field.to_api(value)
    return desired


def plan(fields: FieldTable, desired: t.Mapping[str, t.Any], current: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The minimal body: the fields the task names whose value differs from ``current``."""
    return {
        name: value
        for name, value in desired.items()
        if fields[name].normalise_in(value, desired) != fields[name].normalise_in(current.get(name), current)
    }


def predict(current: t.Mapping[str, t.Any], body: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The object the server should hold after ``body`` is applied to ``current``."""
    predicted = dict(current)
    predicted.update(body)
    return predicted


def view(fields: FieldTable, obj: t.Optional[t.Mapping[str, t.Any]], identity: t.Sequence[str] = ('id',)) -> dict:
    """What ``--diff`` shows of an object: its identity and editable fields, in table order."""
    if not obj:
        return {}
    shown = {key: obj[key] for key in identity if key in obj}
    shown.update((name, obj[name]) for name in fields if name in obj)
    return shown


def diff(fields: FieldTable, before: t.Optional[t.Mapping[str, t.Any]], after: t.Optional[t.Mapping[str, t.Any]]) -> dict:
    return {'before': view(fields, before), 'after': view(fields, after)}


def missing(required: t.Iterable[str], body: t.Mapping[str, t.Any]) -> list[str]:
    """The names in ``required`` that ``body`` does not carry."""
    return [name for name in required if name not in body]


def create_body(description: Description, desired: t.Mapping[str, t.Any],
                key_values: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """What a create sends: the settings named, and the key fields as the task spells them."""
    body = dict(desired)
    for name in description.key:
        if key_values.get(name) is not None:
            body[name] = description.fields[name].to_api(key_values[name])
    return body


def ensure(resource: ApiResource, desired: t.Mapping[str, t.Any], state: str, check_mode: bool,
           object_id: t.Optional[str] = None, key_values: t.Optional[t.Mapping[str, t.Any]] = None) -> dict:
    """Bring one object to ``state`` with the fewest requests: one read, then at most one write.

    Check mode never writes: the answer a write would have given is predicted from ``current`` and the plan.
    """
    description = resource.description
    current = resource.read(object_id=object_id, key_values=key_values)
    if state == 'absent':
        if current is None:
            return _outcome(description, False, None, {}, None)
        if not check_mode:
            resource.delete(current)
        return _outcome(description, True, current, {}, None)

    if current is None:
        if object_id is not None:
            raise Failure(f'{description.title} {description.id_option}={object_id!r} was not found')
        body = create_body(description, desired, key_values or {})
        required = description.key + description.create_required
        lacking = missing(required, body)
        if lacking:
            raise Failure(f'{description.title} {description.header(key_values or {})!r} does not exist; creating it '
                          f"needs {', '.join(description.create_required)} (missing: {', '.join(lacking)})")
        created = predict({}, body) if check_mode else resource.create(body)
        return _outcome(description, True, None, body, created)

    body = plan(description.fields, desired, current)
    if not body:
        return _outcome(description, False, current, {}, current)
    updated = predict(current, body) if check_mode else resource.update(current, body)
    return _outcome(description, True, current, body, updated)


def _outcome(description: Description, changed: bool, before: t.Optional[ApiObject], body: dict,
             after: t.Optional[ApiObject]) -> dict:
    return {
        'changed': changed,
        description.result_key: after or {},
        'changes': body,
        'diff': diff(description.fields, before, after),
    }
