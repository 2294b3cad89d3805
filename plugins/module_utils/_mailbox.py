# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where a message is now. No field of the API says so; these are the rules this collection assumes.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

- ``is_quarantined: true``: in no mailbox folder (``QUARANTINE``).
- Otherwise the latest MOVE or release entry of its action log decides: a successful MOVE puts it in the entry's
  ``properties.folder``, a successful release in ``Inbox``; one that did not succeed leaves it ``UNKNOWN`` (not at
  any destination: it is moved again).
- With no such entry it is where delivery put it, taken as ``Inbox``.

The message object's own (deprecated) ``action_log`` is used when its latest MOVE or release entry says whether it
succeeded; otherwise, when the message shows a post-delivery move or release, its action log is read (one request).
"""

from __future__ import annotations

import datetime
import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import parse_api_time

QUARANTINE = 'quarantine'  # held in quarantine: in no mailbox folder
UNKNOWN = 'unknown'  # the last move or release did not succeed, or its outcome cannot be told
DELIVERED_TO = 'Inbox'
_MOVE = 'MOVE'
_RELEASES = ('QUARANTINE_RELEASE', 'RELEASE')
_SUCCEEDED = ('completed', 'success', 'succeeded')
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def place(message: t.Mapping[str, t.Any], action_log: t.Optional[t.Sequence[t.Any]] = None) -> t.Optional[str]:
    """The message's folder, ``QUARANTINE`` or ``UNKNOWN``; None when its action log must be read to tell
    (``action_log`` given: that log decides)."""
    if message.get('is_quarantined') is True:
        return QUARANTINE
    if action_log is not None:
        return _from_entry(_latest(action_log)) or DELIVERED_TO
    embedded = _latest(message.get('action_log'))
    if embedded is not None:
        return _from_entry(embedded) if _succeeded(embedded) is not None else None
    return None if _shows_a_later_operation(message) else DELIVERED_TO


def _shows_a_later_operation(message: t.Mapping[str, t.Any]) -> bool:
    operations = message.get('post_delivery_operations')
    statuses = message.get('delivery_status')
    return (isinstance(operations, list) and any(op in (_MOVE, 'QUARANTINE_RELEASE') for op in operations)) or \
        (isinstance(statuses, list) and any(status in ('moved', 'move_failed') for status in statuses))


def _latest(entries: t.Any) -> t.Optional[t.Mapping[str, t.Any]]:
    """The latest MOVE or release entry (by ``completed_at``, else ``started_at``; the order is unspecified)."""
    if not isinstance(entries, list):
        return None
    relevant = [(index, entry) for index, entry in enumerate(entries)
                if isinstance(entry, dict) and (entry.get('operation') == _MOVE or entry.get('operation') in _RELEASES)]
    if not relevant:
        return None
    return max(relevant, key=lambda pair: (_when(pair[1]), pair[0]))[1]


def _when(entry: t.Mapping[str, t.Any]) -> datetime.datetime:
    for name in ('completed_at', 'completed_timestamp', 'started_at'):
        moment = parse_api_time(entry.get(name))
        if moment is not None:
            return moment
    return _EPOCH


def _succeeded(entry: t.Mapping[str, t.Any]) -> t.Optional[bool]:
    """True or False when the entry says; None when it has neither ``success`` nor ``status``."""
    if isinstance(entry.get('success'), bool):
        return entry['success']
    status = entry.get('status')
    if isinstance(status, str) and status:
        return status.lower() in _SUCCEEDED
    return None


def _from_entry(entry: t.Optional[t.Mapping[str, t.Any]]) -> t.Optional[str]:
    if entry is None:
        return None
    if not _succeeded(entry):
        return UNKNOWN
    if entry.get('operation') in _RELEASES:
        return DELIVERED_TO
    properties = entry.get('properties')
    folder = properties.get('folder') if isinstance(properties, dict) else None
    return folder if isinstance(folder, str) and folder else UNKNOWN
