# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Many objects in one run: one paginated read, a plan per object, writes through the batch endpoint.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Per object it uses the same engine as the single-object modules (``_engine.plan``, ``missing``,
``view``), so a fleet run and a loop of single runs decide alike.
"""

from __future__ import annotations

import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import (
    Failure, desired_from_params, missing, plan, view,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import InvalidValue

# The batch endpoint runs its arrays in this order; all four must be sent.
BATCH_KEYS = ('deletes', 'patches', 'puts', 'posts')
_SHOWN_MISSING = 10  # names listed in an error before "and N more"


class Wanted:
    """One entry of the task's list: a name, its state and the settings it names (validated)."""

    def __init__(self, name: str, key: str, state: str, desired: dict) -> None:
        self.name = name  # as the task spells it
        self.key = key  # normalised: how names are matched
        self.state = state
        self.desired = desired


class Operation:
    """One write of the plan: a batch array (``deletes``/``patches``/``posts``) and its item."""

    def __init__(self, batch_key: str, name: str, item: dict, current: t.Optional[dict], body: dict) -> None:
        self.batch_key = batch_key
        self.name = name
        self.item = item  # what goes into the batch array
        self.current = current  # the object read, None for a create
        self.body = body  # the settings sent (empty for a delete)


class FleetPlan:
    """The writes that bring the account to the desired state, in the batch endpoint's order."""

    def __init__(self, deletes: list, patches: list, posts: list) -> None:
        self.operations = deletes + patches + posts  # type: list[Operation]

    def chunks(self, size: int) -> list:
        return [self.operations[start:start + size] for start in range(0, len(self.operations), size)]


def wanted_from_params(kind: t.Any, entries: t.Sequence[t.Mapping[str, t.Any]], option: str) -> list:
    """Validate the task's list; raises ``InvalidValue`` naming the entry, before any request.

    A name listed twice (also once ``present`` and once ``absent``) is refused: which entry wins
    would be a guess.
    """
    name_field = kind.fields[kind.name_field]
    wanted = []
    seen = {}  # type: dict[str, int]
    for index, entry in enumerate(entries):
        where = '%s[%d]' % (option, index)
        name = entry.get(kind.name_field)
        try:
            name_field.validate(kind.name_field, name)
            desired = desired_from_params(kind.fields, entry)
        except InvalidValue as error:
            raise InvalidValue('%s: %s' % (where, error))
        key = name_field.normalise(name)
        if key in seen:
            first = entries[seen[key]]
            states = {first.get('state'), entry.get('state')}
            clash = ' as both present and absent' if states == {'present', 'absent'} else ' twice'
            raise InvalidValue('%s: %s %r is listed%s (%s[%d] and %s); list each once'
                               % (option, kind.name_field, name, clash, option, seen[key], where))
        seen[key] = index
        wanted.append(Wanted(name, key, entry.get('state') or 'present', desired))
    return wanted


def plan_fleet(kind: t.Any, wanted: t.Sequence[Wanted], current: t.Sequence[t.Mapping[str, t.Any]],
               prune: bool) -> FleetPlan:
    """Creates for missing objects, minimal patches for differing ones, deletes for absent (and unlisted
    ones with ``prune``). Raises ``Failure`` when a create lacks a required setting."""
    name_field = kind.fields[kind.name_field]
    by_key = {}  # type: dict[str, dict]
    for obj in current:
        by_key.setdefault(name_field.normalise(obj.get(kind.name_field)), obj)
    deletes, patches, posts, lacking = [], [], [], []
    for item in wanted:
        found = by_key.get(item.key)
        if item.state == 'absent':
            if found is not None:
                deletes.append(_delete(kind, found))
            continue
        if found is None:
            body = dict(item.desired)
            body[kind.name_field] = name_field.to_api(item.name)
            gaps = missing(kind.create_required, body)
            if gaps:
                lacking.append('%s (missing: %s)' % (item.name, ', '.join(gaps)))
            posts.append(Operation('posts', body[kind.name_field], body, None, body))
            continue
        body = plan(kind.fields, item.desired, found)
        if body:
            patches.append(Operation('patches', found.get(kind.name_field) or item.name,
                                     dict(body, id=found['id']), found, body))
    if lacking:
        shown = ', '.join(lacking[:_SHOWN_MISSING])
        more = ' and %d more' % (len(lacking) - _SHOWN_MISSING) if len(lacking) > _SHOWN_MISSING else ''
        raise Failure('%d %s(s) do not exist and cannot be created: creating needs %s. Lacking: %s%s'
                      % (len(lacking), kind.title, ', '.join(kind.create_required), shown, more))
    if prune:
        listed = {item.key for item in wanted}
        deletes.extend(_delete(kind, obj) for key, obj in sorted(by_key.items()) if key not in listed)
    return FleetPlan(deletes, patches, posts)


def _delete(kind: t.Any, current: t.Mapping[str, t.Any]) -> Operation:
    return Operation('deletes', current.get(kind.name_field), {'id': current['id']}, dict(current), {})


class BatchFailure(Exception):
    """A batch call failed; ``applied`` holds the operations the re-read shows were carried out."""

    def __init__(self, message: str, error: CloudflareError, applied: list, not_applied: list) -> None:
        super(BatchFailure, self).__init__(message)
        self.error = error
        self.applied = applied
        self.not_applied = not_applied


def apply_fleet(resource: t.Any, fleet_plan: FleetPlan, batch_size: int) -> None:
    """Send the plan through the batch endpoint, ``batch_size`` operations a call.

    When a call fails, the account is read again to find which operations were carried out (the
    endpoint is not atomic, and a lost answer says nothing), and ``BatchFailure`` reports them.
    """
    chunks = fleet_plan.chunks(batch_size)
    for number, chunk in enumerate(chunks, 1):
        body = {key: [] for key in BATCH_KEYS}  # type: dict[str, list]
        for operation in chunk:
            body[operation.batch_key].append(operation.item)
        try:
            resource.batch(body)
        except CloudflareError as error:
            raise _batch_failure(resource, fleet_plan, error, number, len(chunks))


def _batch_failure(resource: t.Any, fleet_plan: FleetPlan, error: CloudflareError, number: int,
                   total: int) -> BatchFailure:
    where = 'batch call %d of %d failed: %s' % (number, total, error)
    try:
        after = resource.list()
    except CloudflareError as reread_error:
        return BatchFailure('%s. Reading the %ss again to see what was applied failed too: %s; none of the %d '
                            'operations is confirmed: run again to apply the rest'
                            % (where, resource.kind.title, reread_error, len(fleet_plan.operations)),
                            error, [], fleet_plan.operations)
    applied, not_applied = [], []
    state = _Snapshot(resource.kind, after)
    for operation in fleet_plan.operations:
        (applied if state.shows(operation) else not_applied).append(operation)
    return BatchFailure('%s. Applied: %d of %d operations; not applied: %s'
                        % (where, len(applied), len(fleet_plan.operations),
                           _summary([op.name for op in not_applied]) or 'none'),
                        error, applied, not_applied)


def _summary(names: t.Sequence[str]) -> str:
    names = sorted(names)
    more = ' and %d more' % (len(names) - _SHOWN_MISSING) if len(names) > _SHOWN_MISSING else ''
    return ', '.join(names[:_SHOWN_MISSING]) + more


class _Snapshot:
    """The account as read after a failed batch: does it show an operation carried out?"""

    def __init__(self, kind: t.Any, objects: t.Sequence[dict]) -> None:
        self.kind = kind
        name_field = kind.fields[kind.name_field]
        self.by_id = {obj['id']: obj for obj in objects}
        self.keys = {name_field.normalise(obj.get(kind.name_field)) for obj in objects}

    def shows(self, operation: Operation) -> bool:
        if operation.batch_key == 'deletes':
            return operation.item['id'] not in self.by_id
        if operation.batch_key == 'posts':
            return self.kind.fields[self.kind.name_field].normalise(operation.name) in self.keys
        now = self.by_id.get(operation.item['id'])
        return now is not None and not plan(self.kind.fields, operation.body, now)


def outcome(kind: t.Any, operations: t.Sequence[Operation], with_diff: bool) -> dict:
    """The module result for ``operations`` (all of the plan, or what a failed run applied)."""
    result = {
        'changed': bool(operations),
        'created': sorted(op.name for op in operations if op.batch_key == 'posts'),
        'updated': sorted(op.name for op in operations if op.batch_key == 'patches'),
        'deleted': sorted(op.name for op in operations if op.batch_key == 'deletes'),
        'changes': {op.name: op.body for op in operations if op.batch_key != 'deletes'},
    }  # type: dict[str, t.Any]
    if with_diff:
        result['diff'] = [_diff(kind, op) for op in sorted(operations, key=lambda op: op.name)]
    return result


def _diff(kind: t.Any, operation: Operation) -> dict:
    """One object's part of ``--diff``: only the settings that change, so 10,000 objects stay readable."""
    if operation.batch_key == 'posts':
        before, after = {}, view(kind.fields, operation.body, identity=(kind.name_field,))
    elif operation.batch_key == 'deletes':
        before, after = view(kind.fields, operation.current), {}
    else:
        shown = dict((key, operation.current[key]) for key in ('id', kind.name_field) if key in operation.current)
        before = dict(shown, **{name: operation.current.get(name) for name in operation.body})
        after = dict(shown, **operation.body)
    return {'before_header': operation.name, 'after_header': operation.name, 'before': before, 'after': after}
