# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The compare engine: desired + current -> plan -> changed / write / diff.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Written once for every resource; a resource brings a field table (see ``_fields``).
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import FieldTable


def desired_from_params(fields: FieldTable, params: t.Mapping[str, t.Any]) -> dict:
    """The settings the task names (options left unset are not managed), validated.

    Raises ``InvalidValue`` before anything is sent.
    """
    desired = {}
    for name, field in fields.items():
        value = params.get(name)
        if value is None:
            continue
        field.validate(name, value)
        desired[name] = field.to_api(value)
    return desired


def plan(fields: FieldTable, desired: t.Mapping[str, t.Any], current: t.Mapping[str, t.Any]) -> dict:
    """The minimal body: the fields the task names whose value differs from ``current``."""
    return {
        name: value
        for name, value in desired.items()
        if fields[name].normalise(value) != fields[name].normalise(current.get(name))
    }


def predict(current: t.Mapping[str, t.Any], body: t.Mapping[str, t.Any]) -> dict:
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


def missing(required: t.Iterable[str], body: t.Mapping[str, t.Any]) -> list:
    """The names in ``required`` that ``body`` does not carry."""
    return [name for name in required if name not in body]


class Failure(Exception):
    """A run that cannot go on, for a reason the user can act on (the message says which).

    ``result`` holds what the module returns besides ``msg`` (for example, what was applied before).
    """

    def __init__(self, message: str, result: t.Optional[dict] = None) -> None:
        super(Failure, self).__init__(message)
        self.result = result or {}


def ensure(resource: t.Any, desired: t.Mapping[str, t.Any], state: str, check_mode: bool,
           object_id: t.Optional[str] = None, name: t.Optional[str] = None) -> dict:
    """Bring one object to ``state`` with the fewest requests: one read, then at most one write.

    ``resource`` reads and writes one kind of object (see ``_resource.ApiResource``). Check mode
    never writes: the answer a write would have given is predicted from ``current`` and the plan.
    """
    kind = resource.kind
    current = resource.read(object_id=object_id, name=name)
    if state == 'absent':
        if current is None:
            return _outcome(kind, False, None, {}, None)
        if not check_mode:
            resource.delete(current)
        return _outcome(kind, True, current, {}, None)

    if current is None:
        if object_id is not None:
            raise Failure('%s %s=%r was not found' % (kind.title, kind.id_option, object_id))
        body = dict(desired)
        body[kind.name_field] = kind.fields[kind.name_field].to_api(name)
        lacking = missing(kind.create_required, body)
        if lacking:
            raise Failure('%s %r does not exist; creating it needs %s (missing: %s)'
                          % (kind.title, name, ', '.join(kind.create_required), ', '.join(lacking)))
        created = predict({}, body) if check_mode else resource.create(body)
        return _outcome(kind, True, None, body, created)

    body = plan(kind.fields, desired, current)
    if not body:
        return _outcome(kind, False, current, {}, current)
    updated = predict(current, body) if check_mode else resource.update(current, body)
    return _outcome(kind, True, current, body, updated)


def _outcome(kind: t.Any, changed: bool, before: t.Optional[dict], body: dict, after: t.Optional[dict]) -> dict:
    return {
        'changed': changed,
        kind.result_key: after or {},
        'changes': body,
        'diff': diff(kind.fields, before, after),
    }
