# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Many objects of one resource in one run: one paginated read, a plan per object, then the writes.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Per object it uses the same engine as the single-object modules (``_engine.plan``, ``missing``,
``view``), so a set run and a loop of single runs decide alike. Writes go through the batch endpoint
where the resource has one, one request per operation where it has none.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description, Key, sort_key
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import (
    create_body, desired_from_params, missing, plan, view,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._entries import entry_at
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiObject, ApiResource

# The batch endpoint runs its arrays in this order; all four must be sent.
BATCH_KEYS = ('deletes', 'patches', 'puts', 'posts')
_SHOWN = 10  # names listed in a message before "and N more"
# The mass-deletion guard, with octoDNS's defaults (MAX_SAFE_DELETE_PCENT, MIN_EXISTING_RECORDS): a run may delete at
# most this share of what a resource holds, once it holds at least MIN_GUARDED objects. Below that, one deletion is
# already a large share, and a small list is easy to read in the diff.
DEFAULT_MAX_DELETE_PERCENT = 30
MIN_GUARDED = 10
DEFAULT_BATCH_SIZE = 1000


@dataclass
class Wanted:
    """One entry of the task's list: its key, its state and the settings it names (validated)."""

    entry: t.Mapping[str, t.Any]  # as the task spells it
    key: Key  # normalised: how objects are matched
    state: str
    desired: dict[str, t.Any]


@dataclass
class Operation:
    """One write of the plan: a batch array (``deletes``/``patches``/``posts``) and its item."""

    batch_key: str
    key: Key
    label: t.Any  # how results name the object (see ``Description.label``)
    header: str  # a one-line name, for messages and diff headers
    item: ApiObject  # what goes into the batch array (a patch item carries the object's id)
    current: t.Optional[ApiObject]  # the object read, None for a create
    body: dict[str, t.Any]  # the settings sent (empty for a delete)


class SetPlan:
    """The writes that bring the account to the desired state, in the batch endpoint's order."""

    def __init__(self, deletes: list[Operation], patches: list[Operation], posts: list[Operation],
                 read: ResourceRead, pruned_duplicates: t.Sequence[ApiObject] = ()) -> None:
        self.operations = deletes + patches + posts
        self.read = read  # the objects read, by key: what the plan was made from
        self.read_only = read.read_only()  # objects of the account the run leaves alone
        self.pruned_duplicates = list(pruned_duplicates)  # objects the plan deletes because an older one has their key

    @property
    def description(self) -> Description:
        return self.read.description

    def too_many_deletes(self, max_delete_percent: int) -> t.Optional[str]:
        """Why the mass-deletion guard refuses this plan, or None: it deletes more than ``max_delete_percent`` of
        the objects a run could delete (read-only ones left out, duplicates counted), and there are at least
        MIN_GUARDED of those. 100 switches the guard off."""
        deletes = sum(1 for op in self.operations if op.batch_key == 'deletes')
        deletable = self.read.deletable
        if max_delete_percent >= 100 or deletable < MIN_GUARDED or deletes * 100 <= max_delete_percent * deletable:
            return None
        share = f'{deletes * 100 / deletable:.1f}'.rstrip('0').rstrip('.')
        return (f'{self.description.plural}: this run would delete {deletes} of {deletable} ({share} %), more than '
                f'max_delete_percent {max_delete_percent}; nothing was changed (max_delete_percent: 100 allows it)')

    def backup_entries(self) -> tuple[list[dict[str, t.Any]], list[dict[str, t.Any]]]:
        """What a backup keeps of the resource: its entries as read (one per key, as the export writes them), and
        the duplicates the plan deletes (as entries too: no apply can bring a second object of a key back)."""
        return self.read.entries(), [as_entry(self.description, obj) for obj in self.pruned_duplicates]

    def chunks(self, size: int) -> list[list[Operation]]:
        return [self.operations[start:start + size] for start in range(0, len(self.operations), size)]


def wanted_from_entries(description: Description, entries: t.Sequence[t.Mapping[str, t.Any]],
                        option: str) -> list[Wanted]:
    """Validate the task's list; raises ``InvalidValue`` naming the entry, before any request.

    A key listed twice (also once ``present`` and once ``absent``) is refused: which entry wins would be a guess.
    """
    wanted = []
    seen: dict[Key, int] = {}
    for index, entry in enumerate(entries):
        where = f'{option}[{index}]'
        try:
            for name in description.key:
                description.fields[name].validate_in(name, entry.get(name), entry)
        except InvalidValue as error:
            raise InvalidValue(f'{where}: {error}') from None
        try:
            desired = desired_from_params(description.fields, entry)
        except InvalidValue as error:  # a setting: name the object too
            raise InvalidValue(f'{entry_at(description, where, entry)}: {error}') from None
        key = description.key_of(entry)
        if key in seen:
            first = entries[seen[key]]
            states = {first.get('state'), entry.get('state')}
            clash = ' as both present and absent' if states == {'present', 'absent'} else ' twice'
            named = (f'{description.key[0]} {description.header(entry)!r}' if len(description.key) == 1
                     else description.header(entry))
            raise InvalidValue(f'{option}: {named} is listed{clash} ({option}[{seen[key]}] and {where}); list each once')
        seen[key] = index
        wanted.append(Wanted(entry, key, entry.get('state') or 'present', desired))
    return wanted


def plan_set(description: Description, wanted: t.Sequence[Wanted], current: t.Sequence[ApiObject],
             prune: bool) -> SetPlan:
    """Creates for missing objects, minimal patches for differing ones, deletes for absent (and unlisted
    ones with ``prune``). Raises ``Failure``, before any write, when a create lacks a required setting, when
    a listed key is held by several objects of the account (without ``prune``), or when an entry would change
    a read-only object. With ``prune``, the oldest object of a key is kept and the others are deleted."""
    read = ResourceRead(description, current)
    listed = {item.key for item in wanted}
    if not prune:
        read.refuse_duplicates(listed)
    deletes: list[Operation] = []
    patches: list[Operation] = []
    posts: list[Operation] = []
    lacking: list[str] = []
    for item in wanted:
        found = read.by_key.get(item.key)
        if item.state == 'absent':
            if found is not None:
                read.refuse_change(found, 'delete')
                deletes.append(_delete(description, item.key, found))
            continue
        if found is None:
            body = create_body(description, item.desired, item.entry)
            gaps = missing(description.create_required, body)
            if gaps:
                lacking.append(f"{description.header(body)} (missing: {', '.join(gaps)})")
            posts.append(Operation('posts', item.key, description.label(body), description.header(body), body,
                                   None, body))
            continue
        body = plan(description.fields, item.desired, found)
        if body:
            read.refuse_change(found, f"change {', '.join(body)} of")
            shown = found if all(found.get(name) is not None for name in description.key) else item.entry
            patches.append(Operation('patches', item.key, description.label(shown), description.header(shown),
                                     dict(body, id=found['id']), found, body))
    if lacking:
        raise Failure(f'{len(lacking)} {description.title}(s) do not exist and cannot be created: creating needs '
                      f"{', '.join(description.create_required)}. Lacking: {_summary(lacking, sort=False)}")
    duplicates = read.extra_duplicates() if prune else []
    if prune:
        deletes[:0] = [_delete(description, key, obj) for key, obj in duplicates]
        deletes.extend(_delete(description, key, obj) for key, obj in read.ordered()
                       if key not in listed and not description.why_read_only(obj))
    return SetPlan(deletes, patches, posts, read, [obj for _key, obj in duplicates])


def as_entry(description: Description, obj: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """An object as an entry of its set module: the key fields and the settings the API holds a value for, each in
    its canonical spelling (a set in one order, whatever order the server answers in)."""
    return {name: field.canonical(obj[name]) for name, field in description.fields.items() if obj.get(name) is not None}


class ResourceRead:
    """One resource's objects as read, by key: the one a key names (the oldest where several share it) and the
    others."""

    def __init__(self, description: Description, current: t.Sequence[ApiObject]) -> None:
        self.description = description
        groups: dict[Key, list[ApiObject]] = {}
        for obj in current:
            groups.setdefault(description.key_of(obj), []).append(obj)
        for objects in groups.values():
            objects.sort(key=lambda obj: (str(obj.get('created_at') or ''), str(obj.get('id'))))
        self.groups = groups
        self.by_key = {key: objects[0] for key, objects in groups.items()}
        # What a run could delete (the mass-deletion guard's denominator): read-only objects are never deleted.
        self.deletable = sum(1 for obj in current if not description.why_read_only(obj))

    def entries(self) -> list[dict[str, t.Any]]:
        """The objects as entries of the resource's set module, in key order: one per key (the oldest, which the set
        modules keep with prune), read-only objects left out. Applied back with prune, they change nothing."""
        return [as_entry(self.description, obj) for _key, obj in self.ordered()
                if not self.description.why_read_only(obj)]

    def ordered(self) -> list[tuple[Key, ApiObject]]:
        return sorted(self.by_key.items(), key=lambda pair: sort_key(pair[0]))

    def duplicated(self) -> list[tuple[Key, list[ApiObject]]]:
        return sorted(((key, objects) for key, objects in self.groups.items() if len(objects) > 1),
                      key=lambda pair: sort_key(pair[0]))

    def refuse_duplicates(self, listed: t.Collection[Key]) -> None:
        clashes = [(key, objects) for key, objects in self.duplicated() if key in listed]
        if clashes:
            shown = '; '.join(f"{self.description.header(objects[0])} (ids {', '.join(str(obj['id']) for obj in objects)})"
                              for _key, objects in clashes[:_SHOWN])
            raise Failure(f'{len(clashes)} listed {self.description.title}(s) are held by several objects of the '
                          f'account: {shown}. Which one to manage would be a guess; with prune: true the oldest of '
                          'each is kept and the others are deleted')

    def extra_duplicates(self) -> list[tuple[Key, ApiObject]]:
        """With prune: every object of a shared key but the oldest (read-only ones are left alone)."""
        return [(key, obj) for key, objects in self.duplicated() for obj in objects[1:]
                if not self.description.why_read_only(obj)]

    def refuse_change(self, obj: ApiObject, action: str) -> None:
        why = self.description.why_read_only(obj)
        if why:
            raise Failure(f'cannot {action} {self.description.title} {self.description.header(obj)!r}: it is read-only '
                          f'({why}); leave it out of the list or change it where it comes from')

    def read_only(self) -> list[ApiObject]:
        return [obj for _key, obj in self.ordered() if self.description.why_read_only(obj)]


def _delete(description: Description, key: Key, current: ApiObject) -> Operation:
    return Operation('deletes', key, description.label(current), description.header(current),
                     {'id': current['id']}, dict(current), {})


class ApplyFailure(Exception):
    """A write failed; ``applied`` holds the operations the re-read shows were carried out."""

    def __init__(self, message: str, error: CloudflareError, applied: list[Operation],
                 not_applied: list[Operation]) -> None:
        super().__init__(message)
        self.error = error
        self.applied = applied
        self.not_applied = not_applied


def apply_plan(resource: ApiResource, set_plan: SetPlan, batch_size: int) -> list[str]:
    """Carry out the plan: ``batch_size`` operations a batch call, or one request per operation where the
    resource has no batch endpoint (or ``batch_size`` is 0). Returns warnings.

    When a write fails, the account is read again to find which operations were carried out (a lost answer
    says nothing), and ``ApplyFailure`` reports them. A lost answer after which the re-read shows every
    operation done is not a failure: the account is in the desired state; a warning says what happened.
    """
    if resource.description.batch and batch_size > 0:
        chunks = set_plan.chunks(batch_size)
        for number, chunk in enumerate(chunks, 1):
            body: dict[str, list[t.Any]] = {key: [] for key in BATCH_KEYS}
            for operation in chunk:
                body[operation.batch_key].append(operation.item)
            try:
                resource.batch(body)
            except CloudflareError as error:
                return _after_failure(resource, set_plan, error, f'batch call {number} of {len(chunks)}')
        return []
    for number, operation in enumerate(set_plan.operations, 1):
        try:
            _apply_one(resource, operation)
        except CloudflareError as error:
            return _after_failure(resource, set_plan, error,
                                  f'{operation.header}: write {number} of {len(set_plan.operations)}')
    return []


def _apply_one(resource: ApiResource, operation: Operation) -> None:
    if operation.batch_key == 'posts':
        resource.create(operation.item)
    elif operation.batch_key == 'patches':
        resource.update(operation.current or {}, operation.body)
    else:
        resource.delete(operation.item)


def _after_failure(resource: ApiResource, set_plan: SetPlan, error: CloudflareError, call: str) -> list[str]:
    """Read the account again after a failed write: warnings when it shows every operation done, else raise."""
    where = f'{call} failed: {error}'
    total = len(set_plan.operations)
    try:
        after = resource.list()
    except CloudflareError as reread_error:
        raise ApplyFailure(f'{where}. Reading the {resource.description.title}s again to see what was applied failed '
                           f'too: {reread_error}; none of the {total} operations is confirmed: run again to apply '
                           f'the rest', error, [], set_plan.operations) from None
    applied: list[Operation] = []
    not_applied: list[Operation] = []
    state = _Snapshot(resource.description, after)
    for operation in set_plan.operations:
        (applied if state.shows(operation) else not_applied).append(operation)
    if not not_applied and error.may_have_been_applied:
        return [f'{where}. Reading the {resource.description.title}s again shows all {total} operations applied, '
                f'so the run succeeded.']
    raise ApplyFailure(f"{where}. Applied: {len(applied)} of {total} operations; not applied: "
                       f"{_summary([op.header for op in not_applied]) or 'none'}", error, applied, not_applied)


def _summary(names: t.Sequence[str], sort: bool = True) -> str:
    names = sorted(names) if sort else list(names)
    more = f' and {len(names) - _SHOWN} more' if len(names) > _SHOWN else ''
    return ', '.join(names[:_SHOWN]) + more


class _Snapshot:
    """The account as read after a failed write: does it show an operation carried out?"""

    def __init__(self, description: Description, objects: t.Sequence[ApiObject]) -> None:
        self.description = description
        self.by_id = {obj['id']: obj for obj in objects}
        self.keys = {description.key_of(obj) for obj in objects}

    def shows(self, operation: Operation) -> bool:
        if operation.batch_key == 'deletes':
            return operation.item['id'] not in self.by_id
        if operation.batch_key == 'posts':
            return operation.key in self.keys
        now = self.by_id.get(operation.item['id'])
        return now is not None and not plan(self.description.fields, operation.body, now)


def _ordered(operations: t.Iterable[Operation]) -> list[Operation]:
    return sorted(operations, key=lambda op: sort_key(op.key))


def labels(operations: t.Iterable[Operation]) -> list[t.Any]:
    """How results name the objects of ``operations``, in key order."""
    return [op.label for op in _ordered(operations)]


def outcome(description: Description, operations: t.Sequence[Operation], with_diff: bool,
            read_only: t.Sequence[ApiObject] = ()) -> dict[str, t.Any]:
    """The module result for ``operations`` (all of the plan, or what a failed run applied)."""
    ordered = _ordered(operations)
    result: dict[str, t.Any] = {'changed': bool(operations)}
    headers: dict[str, list[str]] = {}
    for kind, batch_key in KINDS.items():
        result[kind] = [op.label for op in ordered if op.batch_key == batch_key]
        headers[kind] = [op.header for op in ordered if op.batch_key == batch_key]
    result.update(
        headers=headers,
        changes={op.header: op.body for op in ordered if op.batch_key != 'deletes'},
        previous={op.header: {name: (op.current or {}).get(name) for name in op.body}
                  for op in ordered if op.batch_key == 'patches'},
    )
    if description.read_only:
        result['unmanaged'] = [dict({name: obj.get(name) for name in description.key},
                                    reason=description.why_read_only(obj)) for obj in read_only]
    if with_diff:
        result['diff'] = [_diff(description, op) for op in ordered]
    return result


# The result's lists of objects, and the batch array of their operations.
KINDS = {'created': 'posts', 'updated': 'patches', 'deleted': 'deletes'}


def _diff(description: Description, operation: Operation) -> dict[str, t.Any]:
    """One object's part of ``--diff``: only the settings that change, so 10,000 objects stay readable. A created or
    deleted object is shown in the module's input shape."""
    identity = ('id',) + description.key
    if operation.batch_key == 'posts':
        before, after = {}, view(description.fields, operation.body, identity=description.key)
    elif operation.batch_key == 'deletes':
        before, after = as_entry(description, operation.current or {}), {}
    else:
        current = operation.current or {}
        shown = {key: current[key] for key in identity if key in current}
        before = dict(shown, **{name: current.get(name) for name in operation.body})
        after = dict(shown, **operation.body)
    return {'before_header': operation.header, 'after_header': operation.header, 'before': before, 'after': after}


# The one flow of a set run, for one resource (a set module) or several (the account module) ----------------------

@dataclass
class Step:
    """One resource's part of a run: where it is written, and the plan made from its read."""

    resource: ApiResource
    plan: SetPlan


@dataclass
class Run:
    """What a run did, or in check mode would do: per resource the module result of its plan (of what was applied,
    after a failed write), the guard's refusals, the failed write, the backup written and the warnings."""

    outcomes: dict[str, dict[str, t.Any]]
    refused: dict[str, str] = field(default_factory=dict)  # resource -> the guard's message (then nothing was written)
    failed: dict[str, str] = field(default_factory=dict)  # resource -> why its writes stopped (the first one failed)
    not_applied: dict[str, list[t.Any]] = field(default_factory=dict)  # resource -> labels, after a failed write
    error: t.Optional[CloudflareError] = None  # the failed write's error
    backup_path: t.Optional[str] = None
    warnings: dict[str, list[str]] = field(default_factory=dict)  # resource -> warnings


Backup = t.Callable[[t.Mapping[str, t.Any]], str]  # writes a backup's content, returns the file's path


def carry_out(steps: t.Mapping[str, Step], max_delete_percent: int, check_mode: bool, with_diff: bool,
              batch_size: int, backup: t.Optional[Backup]) -> Run:
    """Guard, backup, apply and the failed write: the rails every set run goes through, once for all its resources.

    Every guard is judged before any write, in check mode too, and one refusal stops every write. Outside check mode,
    the backup is written before the first write (when ``backup`` is given and something changes), then the
    resources are written in ``steps``' order; a failed write stops the run there, and the resources after it are
    not attempted.
    """
    run = Run({name: outcome(step.plan.description, step.plan.operations, with_diff, step.plan.read_only)
               for name, step in steps.items()})
    for name, step in steps.items():
        why = step.plan.too_many_deletes(max_delete_percent)
        if why:
            run.refused[name] = why
    changing = [name for name, step in steps.items() if step.plan.operations]
    if run.refused or check_mode or not changing:
        return run
    if backup is not None:
        run.backup_path = backup(backup_content({name: steps[name].plan for name in changing}))
    for position, name in enumerate(changing):
        step = steps[name]
        try:
            warnings = apply_plan(step.resource, step.plan, batch_size)
        except ApplyFailure as failure:
            _stop(run, steps, name, failure, changing[position + 1:], with_diff)
            return run
        if warnings:
            run.warnings[name] = warnings
    return run


def _stop(run: Run, steps: t.Mapping[str, Step], name: str, failure: ApplyFailure, not_attempted: t.Sequence[str],
          with_diff: bool) -> None:
    """The run after the failed write of ``name``: per resource what was applied and what not."""
    def stopped(resource: str, applied: t.Sequence[Operation], not_applied: t.Sequence[Operation], why: str) -> None:
        plan_of = steps[resource].plan
        run.outcomes[resource] = outcome(plan_of.description, applied, with_diff, plan_of.read_only)
        run.failed[resource] = why
        run.not_applied[resource] = labels(not_applied)

    run.error = failure.error
    stopped(name, failure.applied, failure.not_applied, str(failure))
    for later in not_attempted:
        stopped(later, [], steps[later].plan.operations, 'not attempted: an earlier write failed')


# The key a backup keeps the pruned duplicates under, after the resources: apply skips it (see backup_content).
PRUNED_DUPLICATES = 'pruned_duplicates'


def backup_content(plans: t.Mapping[str, SetPlan]) -> dict[str, t.Any]:
    """A backup of the resources of ``plans`` as read, in the export's shape and order (resources and options
    sorted by name, as ``examples/export.yml`` writes them, so that a diff against the export shows real changes);
    then, under PRUNED_DUPLICATES, the duplicates the run deletes with ``prune``, by resource."""
    content: dict[str, t.Any] = {}
    pruned: dict[str, list[dict[str, t.Any]]] = {}
    for name in sorted(plans):
        entries, duplicates = plans[name].backup_entries()
        content[name] = [dict(sorted(entry.items())) for entry in entries]
        if duplicates:
            pruned[name] = [dict(sorted(entry.items())) for entry in duplicates]
    if pruned:
        content[PRUNED_DUPLICATES] = pruned
    return content
