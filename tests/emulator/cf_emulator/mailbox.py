# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The investigation mailbox of each account: messages, their state per recipient, the search index, and what a
move, a release and a preview do to a message. No HTTP here: ``investigate`` turns requests into these calls.

A message's state is kept per recipient (``delivered``/``moved`` in a folder, ``quarantined``, or never in a
mailbox: ``rejected``, ``deferred``, ``bounced``, ``queued``); the API's message-level fields
(``is_quarantined``, ``delivery_status``, ``post_delivery_operations``, ``action_log``) are drawn from it.
"""

from __future__ import annotations

import base64
import bisect
import datetime
import ipaddress
import operator
import os
import random
import re
import typing as t
from urllib.parse import urlsplit

from .errors import ApiError

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
NAIVE_EPOCH = datetime.datetime(1970, 1, 1)
MICROSECOND = datetime.timedelta(microseconds=1)
DISPOSITIONS = ('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL',
                'UNKNOWN', 'NONE')
DETECTIONS = frozenset(DISPOSITIONS[:6])  # what detections_only keeps
DELIVERY_STATUSES = ('delivered', 'moved', 'quarantined', 'rejected', 'deferred', 'bounced', 'queued', 'move_failed')
IN_A_FOLDER = ('delivered', 'moved')
DESTINATIONS = ('Inbox', 'JunkEmail', 'DeletedItems', 'RecoverableItemsDeletions', 'RecoverableItemsPurges')
DELIVERY_MODES = ('DIRECT', 'BCC', 'JOURNAL', 'REVIEW_SUBMISSION', 'DMARC_UNVERIFIED', 'DMARC_FAILURE_REPORT',
                  'DMARC_AGGREGATE_REPORT', 'THREAT_INTEL_SUBMISSION', 'SIMULATION_SUBMISSION', 'API', 'RETRO_SCAN')
OPERATIONS = ('PREVIEW', 'QUARANTINE_RELEASE', 'SUBMISSION', 'MOVE')
QUARANTINED = 'message is quarantined: release it instead (nothing was moved)'

# What a seeded message may carry: the API's fields (``ts`` is drawn from ``scanned_at``), then conveniences of the
# seed: ``body`` (the text of the .eml), ``links`` (URLs in it), ``attachments`` ([{filename, sha256?, size?,
# content_type?}]), ``detections`` (replaces the generated detections object), ``raw`` (replaces the .eml).
API_FIELDS = ('id', 'postfix_id', 'client_recipients', 'detection_reasons', 'is_phish_submission', 'properties',
              'alert_id', 'delivery_mode', 'edf_hash', 'envelope_from', 'envelope_to', 'final_disposition',
              'findings', 'from', 'from_name', 'htmltext_structure_hash', 'message_id', 'postfix_id_outbound',
              'replyto', 'scanned_at', 'sent_at', 'sent_date', 'smtp_helo_server_ip', 'smtp_previous_hop_ip',
              'subject', 'threat_categories', 'to', 'to_name', 'validation', 'x_originating_ip')
STATE_FIELDS = frozenset(('is_quarantined', 'delivery_status', 'post_delivery_operations', 'action_log'))
SEED_FIELDS = frozenset(API_FIELDS + tuple(STATE_FIELDS) + ('body', 'links', 'attachments', 'detections', 'raw'))
_COPIED = frozenset(API_FIELDS) - {'from', 'client_recipients', 'final_disposition', 'scanned_at'}

_RELATIVE = re.compile(r'^-(\d+)([smhd])$')
_UNITS = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400}
_ADDRESS = re.compile(r'^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$')
_THREATS = {'MALICIOUS': ['CredentialHarvester', 'Link'], 'MALICIOUS-BEC': ['BEC', 'Impersonation'],
            'SUSPICIOUS': ['Suspicious'], 'SPOOF': ['Spoof'], 'SPAM': ['Spam'], 'BULK': ['Bulk']}
_REASONS = {'MALICIOUS': 'Link to a credential harvesting page', 'MALICIOUS-BEC': 'Display name impersonates an '
            'executive', 'SUSPICIOUS': 'Sender domain registered recently', 'SPOOF': 'Sender fails DMARC for a '
            'protected domain', 'SPAM': 'Content matches spam campaigns', 'BULK': 'Sent by a bulk mailer'}


# -- time ---------------------------------------------------------------------------------------------------------
def parse_time(text: t.Any) -> datetime.datetime:
    """An ISO 8601 date-time with its offset (``Z`` or ``±hh:mm``); ValueError for anything else (a date alone,
    a time without offset, a relative form such as ``-24h``)."""
    if not isinstance(text, str) or 'T' not in text:
        raise ValueError(text)
    value = datetime.datetime.fromisoformat(text[:-1] + '+00:00' if text[-1:] in ('Z', 'z') else text)
    if value.tzinfo is None:
        raise ValueError(text)
    return value


def micros(value: datetime.datetime) -> int:
    return (value - EPOCH) // MICROSECOND


def now_us() -> int:
    """Now, in microseconds since the epoch, to the millisecond (the precision the emulator shows)."""
    return micros(datetime.datetime.now(UTC)) // 1000 * 1000


def stamp(us: int) -> str:
    """``2026-12-03T17:00:00.123Z``: how the emulator writes every time it shows."""
    return (NAIVE_EPOCH + datetime.timedelta(microseconds=us)).isoformat(timespec='milliseconds') + 'Z'


def seed_time(value: t.Any, now: int, pointer: str) -> int:
    """A seed's time: ISO 8601 with an offset, or relative to now (``-90s``, ``-15m``, ``-2h``, ``-3d``)."""
    relative = _RELATIVE.match(value) if isinstance(value, str) else None
    if relative:
        return now - int(relative.group(1)) * _UNITS[relative.group(2)] * 1_000_000
    try:
        return micros(parse_time(value)) // 1000 * 1000
    except ValueError:
        raise ApiError(400, 1003, f'{value!r} is neither an ISO 8601 date-time nor -N[smhd]', pointer) from None


class Clock:
    """Action times: now, but strictly increasing, so that sorting a log by ``completed_at`` is never a tie."""

    def __init__(self) -> None:
        self.last = 0

    def tick(self) -> int:
        self.last = max(now_us(), self.last + 1000)
        return self.last


# -- messages -----------------------------------------------------------------------------------------------------
class Message:
    """One message as the emulator keeps it; ``public`` draws the API's view."""

    __slots__ = ('seq', 'ts', 'fields', 'recipients', 'quarantined', 'move_failed', 'operations', 'log', 'trace',
                 'delivered', 'detections', 'raw', 'body', 'attachments', 'links', 'senders', 'rcpts', 'domains',
                 'haystack', 'mid', 'subject')

    def __init__(self) -> None:
        self.recipients: dict[str, dict[str, t.Any]] = {}  # address -> {"delivery", "folder"}
        self.operations: list[str] = []
        self.log: list[dict[str, t.Any]] = []
        self.trace: list[tuple[int, str]] = []  # (time, text) of what actions did; ``trace`` adds the delivery
        self.delivered: list[tuple[str, str]] = []  # (recipient, delivery status) as delivered
        self.move_failed = False
        self.quarantined = False

    @property
    def id(self) -> str:
        return self.fields['id']

    @property
    def key(self) -> tuple[int, int]:
        return self.ts, self.seq

    def delivery_status(self) -> list[str]:
        statuses = list(dict.fromkeys(state['delivery'] for state in self.recipients.values()))
        return statuses + ['move_failed'] if self.move_failed else statuses

    def location(self) -> t.Optional[str]:
        """Where the contract's rule says the message is: None when quarantined or unknown."""
        if self.quarantined:
            return None
        for entry in sorted(self.log, key=lambda entry: entry['completed_at'], reverse=True):
            if entry['operation'] == 'MOVE':
                return entry.get('folder') if entry['success'] else None
            if entry['operation'] == 'QUARANTINE_RELEASE':
                return 'Inbox' if entry['success'] else None
        return 'Inbox'

    def add_operation(self, operation: str) -> None:
        if operation not in self.operations:
            self.operations.append(operation)

    def add_trace(self, at: int, text: str) -> None:
        self.trace.append((at, text))

    def add_log(self, at: int, operation: str, success: bool, requested_by: str,
                folder: t.Optional[str] = None) -> None:
        entry = {'operation': operation, 'started_at': stamp(at - 1000), 'completed_at': stamp(at),
                 'success': success, 'requested_by': requested_by}
        if folder:
            entry['folder'] = folder
        self.log.append(entry)


def public(message: Message) -> dict[str, t.Any]:
    """The message as search and get show it (a fresh dict; its lists may be shared with the stored message)."""
    shown = dict(message.fields)
    shown['is_quarantined'] = message.quarantined
    shown['delivery_status'] = message.delivery_status()
    shown['post_delivery_operations'] = list(message.operations)
    shown['action_log'] = [embedded_entry(entry) for entry in message.log]
    return shown


def log_entry(entry: dict[str, t.Any]) -> dict[str, t.Any]:
    """An entry of ``GET /{id}/action_log``."""
    properties = {'requested_by': entry['requested_by']}
    if 'folder' in entry:
        properties['folder'] = entry['folder']
    return {'operation': entry['operation'], 'started_at': entry['started_at'], 'completed_at': entry['completed_at'],
            'success': entry['success'], 'status': 'completed' if entry['success'] else 'failed',
            'properties': properties}


def embedded_entry(entry: dict[str, t.Any]) -> dict[str, t.Any]:
    """An entry of the deprecated ``action_log`` embedded in a message: no ``success``, the status in capitals."""
    shown = log_entry(entry)
    return {'completed_at': shown['completed_at'], 'completed_timestamp': shown['completed_at'],
            'operation': shown['operation'], 'properties': shown['properties'], 'status': shown['status'].upper()}


# -- seeding ------------------------------------------------------------------------------------------------------
def _address(value: t.Any, pointer: str) -> str:
    if not isinstance(value, str) or not _ADDRESS.match(value):
        raise ApiError(400, 1003, f'{value!r} is not an e-mail address', pointer)
    return value


def _addresses(spec: dict[str, t.Any], name: str, pointer: str) -> list[str]:
    values = spec.get(name)
    if not isinstance(values, list):
        raise ApiError(400, 1001, f'{name} must be a list of e-mail addresses', f'{pointer}/{name}')
    return [_address(value, f'{pointer}/{name}/{index}') for index, value in enumerate(values)]


def _choice(value: t.Any, choices: t.Sequence[str], pointer: str) -> str:
    if value not in choices:
        raise ApiError(400, 1002, f"{value!r} is not one of {', '.join(choices)}", pointer)
    return value


class Seeder:
    """Turns seed messages (API fields plus the seed's conveniences) into ``Message`` objects, with every field a
    real message would have that the seed leaves out; ``random`` makes the generated ids reproducible."""

    def __init__(self, rng: random.Random, now: int) -> None:
        self.rng = rng
        self.now = now

    def token(self, length: int) -> str:
        """``length`` random letters and digits."""
        size = (length * 6 + 7) // 8
        return base64.b64encode(self.rng.getrandbits(size * 8).to_bytes(size, 'big'), b'xy').decode()[:length]

    def message(self, spec: t.Any, pointer: str) -> Message:
        if not isinstance(spec, dict):
            raise ApiError(400, 1000, 'a seed message must be a JSON object', pointer)
        unknown = sorted(spec.keys() - SEED_FIELDS)
        if unknown:
            raise ApiError(400, 1005, f"unknown seed field(s): {', '.join(unknown)}", f'{pointer}/{unknown[0]}')
        sender = _address(spec.get('from'), f'{pointer}/from')
        recipients = _addresses(spec, 'client_recipients' if 'client_recipients' in spec else 'to', pointer)
        if not recipients:
            raise ApiError(400, 1006, 'a seed message needs a recipient (to or client_recipients)', f'{pointer}/to')
        disposition = _choice(spec.get('final_disposition', 'NONE'), DISPOSITIONS, f'{pointer}/final_disposition')
        scanned = seed_time(spec.get('scanned_at', '-0s'), self.now, f'{pointer}/scanned_at')
        message = Message()
        message.ts = scanned
        message.fields = self.fields(spec, sender, recipients, disposition, scanned, pointer)
        message.body = spec.get('body', f"Hello,\n\n{spec.get('subject', '')}\n")
        message.links = [str(link) for link in spec.get('links', [])]
        message.attachments = [dict(attachment) for attachment in spec.get('attachments', [])]
        message.detections = spec.get('detections')
        message.raw = spec.get('raw')
        self.state(message, spec, recipients, pointer)
        message.delivered = [(recipient, state['delivery']) for recipient, state in message.recipients.items()]
        index(message)
        return message

    def fields(self, spec: dict[str, t.Any], sender: str, recipients: list[str], disposition: str, scanned: int,
               pointer: str) -> dict[str, t.Any]:
        detected = disposition in DETECTIONS
        sender_domain = sender.rsplit('@', 1)[1]
        when = stamp(scanned)
        fields: dict[str, t.Any] = {
            'id': f"{self.token(16)}-{when[:19]}-{self.rng.getrandbits(32):08x}",
            'postfix_id': f'{self.rng.getrandbits(48):012X}',
            'client_recipients': recipients,
            'detection_reasons': [_REASONS[disposition]] if detected else [],
            'is_phish_submission': False,
            'properties': {},
            'alert_id': f'{when[:10]}-{self.rng.getrandbits(32):08x}' if detected else None,
            'delivery_mode': 'DIRECT',
            'envelope_from': sender,
            'envelope_to': list(recipients),
            'final_disposition': disposition,
            'from': sender,
            'message_id': f'<{self.token(20)}@{sender_domain}>',
            'scanned_at': when,
            'sent_at': stamp(scanned - 4_000_000),
            'smtp_helo_server_ip': f'203.0.113.{self.rng.randrange(1, 255)}',
            'threat_categories': list(_THREATS.get(disposition, [])),
            'to': list(recipients),
            'ts': when,
            'validation': {'spf': 'fail' if disposition == 'SPOOF' else 'pass', 'dkim': 'pass',
                           'dmarc': 'fail' if disposition == 'SPOOF' else 'pass', 'comment': None},
        }
        if detected:
            fields['findings'] = [{'name': disposition, 'detection': disposition, 'reason': _REASONS[disposition],
                                   'score': 0.97}]
        for name in spec.keys() & _COPIED:
            fields[name] = spec[name]
        if 'sent_at' in spec:
            fields['sent_at'] = stamp(seed_time(spec['sent_at'], self.now, f'{pointer}/sent_at'))
        if 'delivery_mode' in spec:
            _choice(spec['delivery_mode'], DELIVERY_MODES, f'{pointer}/delivery_mode')
        if not isinstance(fields['id'], str) or not fields['id'] or '/' in fields['id']:
            raise ApiError(400, 1003, 'id must be a string without "/"', f'{pointer}/id')
        return fields

    def state(self, message: Message, spec: dict[str, t.Any], recipients: list[str], pointer: str) -> None:
        if not spec.keys() & STATE_FIELDS:  # delivered to the Inbox of every recipient
            message.recipients = {recipient: {'delivery': 'delivered', 'folder': 'Inbox'} for recipient in recipients}
            return
        statuses = spec.get('delivery_status', ['quarantined'] if spec.get('is_quarantined') else ['delivered'])
        if not isinstance(statuses, list):
            raise ApiError(400, 1001, 'delivery_status must be a list', f'{pointer}/delivery_status')
        for number, status in enumerate(statuses):
            _choice(status, DELIVERY_STATUSES, f'{pointer}/delivery_status/{number}')
        quarantined = spec.get('is_quarantined', 'quarantined' in statuses)
        if not isinstance(quarantined, bool) or (not quarantined and 'quarantined' in statuses):
            raise ApiError(400, 1003, 'is_quarantined must be a boolean, true when a recipient is quarantined',
                           f'{pointer}/is_quarantined')
        message.move_failed = 'move_failed' in statuses
        statuses = [status for status in statuses if status != 'move_failed'] or ['delivered']
        if len(statuses) not in (1, len(recipients)):
            raise ApiError(400, 1003, 'delivery_status: one value for all recipients, or one per recipient',
                           f'{pointer}/delivery_status')
        message.quarantined = quarantined
        for number, operation in enumerate(spec.get('post_delivery_operations', [])):
            message.add_operation(_choice(operation, OPERATIONS, f'{pointer}/post_delivery_operations/{number}'))
        for number, entry in enumerate(spec.get('action_log', [])):
            self.seed_log(message, entry, f'{pointer}/action_log/{number}')
        folder = message.location()
        for number, recipient in enumerate(recipients):
            delivery = statuses[number if len(statuses) > 1 else 0]
            if quarantined and delivery != 'delivered':
                delivery = 'quarantined'
            message.recipients[recipient] = {
                'delivery': delivery, 'folder': folder if delivery in IN_A_FOLDER else None}

    def seed_log(self, message: Message, entry: t.Any, pointer: str) -> None:
        """A seeded action log entry: {operation, completed_at (ISO or -N[smhd]), success?, properties{folder?}}."""
        if not isinstance(entry, dict):
            raise ApiError(400, 1000, 'an action log entry must be a JSON object', pointer)
        operation = _choice(entry.get('operation'), OPERATIONS, f'{pointer}/operation')
        at = seed_time(entry.get('completed_at', '-0s'), self.now, f'{pointer}/completed_at')
        folder = (entry.get('properties') or {}).get('folder')
        if operation == 'MOVE':
            _choice(folder, DESTINATIONS, f'{pointer}/properties/folder')
        message.add_log(at, operation, bool(entry.get('success', True)), 'seed', folder)
        message.log.sort(key=lambda logged: logged['completed_at'])


def index(message: Message) -> None:
    """The lower-case values the search filters compare with, computed once per message."""
    fields = message.fields
    senders = {str(fields.get(name) or '').lower() for name in ('from', 'envelope_from')} - {''}
    rcpts = {str(address).lower() for name in ('to', 'envelope_to', 'client_recipients')
             for address in fields.get(name) or ()}
    links = {(urlsplit(link).hostname or '').lower() for link in message.links} - {''}
    message.senders = frozenset(senders)
    message.rcpts = frozenset(rcpts)
    message.domains = frozenset({address.rsplit('@', 1)[-1] for address in senders | rcpts} | links)
    message.mid = str(fields.get('message_id') or '').strip().strip('<>')
    message.subject = str(fields.get('subject') or '').lower()
    attachments = [str(attachment.get(name) or '') for attachment in message.attachments
                   for name in ('filename', 'sha256')]
    message.haystack = '\n'.join(sorted(senders) + sorted(rcpts) + [message.subject, message.mid.lower()]
                                 + [text.lower() for text in attachments])


# -- the mailbox ----------------------------------------------------------------------------------------------------
class Mailbox:
    """The messages of one account, ordered by (scanned_at, arrival) for the search; its bulk jobs."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.messages: dict[str, Message] = {}
        self.keys: list[tuple[int, int]] = []  # ascending (scanned_at, seq), parallel to ``order``
        self.order: list[Message] = []
        self.seq = 0
        self.jobs: dict[str, t.Any] = {}  # job id -> bulk.Job, in creation order

    # filling -------------------------------------------------------------------------------------------------
    def add(self, messages: list[Message]) -> list[Message]:
        """Store ``messages`` (seeded or arrived); an id already stored is a 409 and nothing is added."""
        for message in messages:
            if message.id in self.messages:
                raise ApiError(409, 1409, f'message {message.id} already exists')
        if len({message.id for message in messages}) != len(messages):
            raise ApiError(409, 1409, 'the seed holds one id twice')
        for message in messages:
            self.seq += 1
            message.seq = self.seq
            self.messages[message.id] = message
        if len(messages) > 16:  # a sort beats many insertions
            self.order.extend(messages)
            self.order.sort(key=operator.attrgetter('ts', 'seq'))
            self.keys = [message.key for message in self.order]
        else:
            for message in messages:
                place = bisect.bisect_left(self.keys, message.key)
                self.keys.insert(place, message.key)
                self.order.insert(place, message)
        return messages

    def get(self, message_id: str) -> Message:
        try:
            return self.messages[message_id]
        except KeyError:
            raise ApiError(404, 1551, f'message {message_id} not found') from None

    # search --------------------------------------------------------------------------------------------------
    def search(self, start: int, end: int, match: t.Callable[[Message], bool], per_page: int,
               below: t.Optional[tuple[int, int]] = None,
               scan_limit: int = 0) -> tuple[list[Message], t.Optional[tuple[int, int]]]:
        """Newest first: up to ``per_page`` matches with ``start <= scanned_at <= end`` and a key below ``below``
        (the cursor), looking at no more than ``scan_limit`` messages (0: no limit). Returns the matches and the
        key to continue below, or None when nothing is left in the window."""
        low = bisect.bisect_left(self.keys, (start, -1))
        high = bisect.bisect_left(self.keys, (end + 1, -1))
        if below is not None:
            high = min(high, bisect.bisect_left(self.keys, below))
        found: list[Message] = []
        position = high - 1
        budget = scan_limit or high
        while position >= low and len(found) < per_page and budget > 0:
            message = self.order[position]
            if match(message):
                found.append(message)
            position -= 1
            budget -= 1
        if position < low:
            return found, None
        return found, self.order[position + 1].key

    def every(self, start: int, end: int, match: t.Callable[[Message], bool]) -> list[Message]:
        """Every match, newest first (what a bulk job discovers)."""
        return self.search(start, end, match, len(self.order) + 1)[0]

    # actions -------------------------------------------------------------------------------------------------
    def move(self, message: Message, destination: str, requested_by: str, failing: t.Mapping[str, str],
             recipients: t.Optional[list[str]] = None) -> list[dict[str, t.Any]]:
        """Move ``message`` for ``recipients`` (all by default): one result per recipient.

        Quarantined: every recipient fails and nothing changes. A recipient already in ``destination`` succeeds
        and is left alone; if that holds for all, nothing changes. Otherwise one MOVE entry is logged, successful
        only if every recipient succeeded; a failure adds ``move_failed`` to ``delivery_status``.
        """
        at = self.clock.tick()
        targets = recipients or list(message.recipients)
        if message.quarantined:
            return [move_result(message, recipient, destination, False, QUARANTINED, at) for recipient in targets]
        outcomes: dict[str, t.Optional[str]] = {}  # recipient -> None (moved), 'there' or a failure reason
        for recipient in targets:
            state = message.recipients[recipient]
            if recipient.lower() in failing:
                outcomes[recipient] = failing[recipient.lower()]
            elif state['delivery'] not in IN_A_FOLDER:
                outcomes[recipient] = f"no mailbox copy to move (delivery status: {state['delivery']})"
            else:
                outcomes[recipient] = 'there' if state['folder'] == destination else None
        if all(outcome == 'there' for outcome in outcomes.values()):
            return [move_result(message, recipient, destination, True, f'completed: already in {destination}', at)
                    for recipient in targets]
        for recipient, outcome in outcomes.items():
            if outcome is None:
                message.recipients[recipient].update(delivery='moved', folder=destination)
                message.add_trace(at, f'Moved to {destination} for {recipient}')
            elif outcome != 'there':
                message.add_trace(at, f'Move to {destination} failed for {recipient}: {outcome}')
        succeeded = all(outcome in (None, 'there') for outcome in outcomes.values())
        message.move_failed = not succeeded
        if any(outcome is None for outcome in outcomes.values()):
            message.add_operation('MOVE')
        message.add_log(at, 'MOVE', succeeded, requested_by, destination)
        return [move_result(message, recipient, destination, outcome in (None, 'there'),
                            'completed' if outcome in (None, 'there') else t.cast(str, outcome), at)
                for recipient, outcome in outcomes.items()]

    def release(self, message: Message, requested_by: str, failing: t.Mapping[str, str],
                recipients: t.Optional[list[str]] = None) -> dict[str, list[str]]:
        """Release ``message`` from quarantine for ``recipients`` (all by default).

        Not quarantined: every recipient is ``undelivered`` and nothing changes. Otherwise the recipients that
        do not fail are delivered to their Inbox; the message stays quarantined until every recipient is.
        """
        targets = recipients or list(message.recipients)
        if not message.quarantined:
            return {'delivered': [], 'failed': [], 'undelivered': list(targets)}
        at = self.clock.tick()
        delivered, failed = [], []
        for recipient in targets:
            state = message.recipients[recipient]
            if recipient.lower() in failing:
                failed.append(recipient)
                message.add_trace(at, f'Release failed for {recipient}: {failing[recipient.lower()]}')
                continue
            if state['delivery'] == 'quarantined':
                state.update(delivery='delivered', folder='Inbox')
                message.add_trace(at, f'Released from quarantine to the Inbox of {recipient}')
            delivered.append(recipient)
        message.quarantined = any(state['delivery'] == 'quarantined' for state in message.recipients.values())
        if delivered:
            message.add_operation('QUARANTINE_RELEASE')
        if not message.quarantined:
            message.move_failed = False
        message.add_log(at, 'QUARANTINE_RELEASE', not message.quarantined, requested_by)
        return {'delivered': delivered, 'failed': failed, 'undelivered': []}

    def preview(self, message: Message, requested_by: str) -> None:
        """An administrator's preview of the message: logged, nothing else changes."""
        message.add_operation('PREVIEW')
        message.add_log(self.clock.tick(), 'PREVIEW', True, requested_by)

    def reclassify(self, message: Message, requested_by: str) -> None:
        """A reclassification request (deprecated): logged as a SUBMISSION, the disposition is left as it is."""
        message.add_operation('SUBMISSION')
        message.add_log(self.clock.tick(), 'SUBMISSION', True, requested_by)


def move_result(message: Message, recipient: str, destination: str, success: bool, status: str,
                at: int) -> dict[str, t.Any]:
    return {'success': success, 'recipient': recipient, 'destination': destination, 'message_id': message.id,
            'operation': 'MOVE', 'status': status, 'completed_at': stamp(at), 'completed_timestamp': stamp(at)}


class Mailboxes:
    """Every account's mailbox, the action clock, the cursors' secret and the seeds' randomness: one per emulator,
    replaced by a reset."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.secret = os.urandom(16)
        self.rng = random.Random()
        self.accounts: dict[str, Mailbox] = {}
        self.pending: dict[str, dict[str, t.Any]] = {}  # slow searches ("accepted" fault) by the token of Location

    def of(self, account: str) -> Mailbox:
        if account not in self.accounts:
            self.accounts[account] = Mailbox(self.clock)
        return self.accounts[account]


# -- derived views ----------------------------------------------------------------------------------------------
def detections(message: Message) -> dict[str, t.Any]:
    """What the scan found (the seed's ``detections`` if it gave them)."""
    if message.detections is not None:
        return message.detections
    fields = message.fields
    disposition = fields['final_disposition']
    delivered = {delivery for _recipient, delivery in message.delivered}
    action = 'QUARANTINE' if 'quarantined' in delivered else 'REJECT' if delivered == {'rejected'} else 'DELIVER'
    headers = [{'name': 'From', 'value': fields['from']}, {'name': 'To', 'value': ', '.join(fields['to'])},
               {'name': 'Subject', 'value': fields.get('subject') or ''},
               {'name': 'Message-ID', 'value': fields.get('message_id') or ''}]
    return {
        'action': action,
        'attachments': [dict({'size': 1024, 'content_type': 'application/octet-stream'}, **attachment)
                        for attachment in message.attachments],
        'findings': list(fields.get('findings') or []),
        'headers': headers,
        'links': [{'href': link, 'text': link} for link in message.links],
        'sender_info': {'ip': fields.get('smtp_helo_server_ip'), 'as_name': 'EXAMPLE-AS', 'as_number': 64500,
                        'geo': 'US', 'pld': fields['from'].rsplit('@', 1)[1]},
        'threat_categories': [{'id': number + 1, 'name': name, 'description': f'{name} threat'}
                              for number, name in enumerate(fields.get('threat_categories') or [])],
        'validation': dict(fields.get('validation') or {}),
        'final_disposition': disposition,
    }


def trace(message: Message) -> dict[str, t.Any]:
    """The delivery path (as delivered), then what actions did (moves, releases)."""
    lines = [(message.ts - 2000, f"Received from {message.fields.get('smtp_helo_server_ip')} "
                                 f"(envelope from {message.fields.get('envelope_from')})"),
             (message.ts, f"Scanned: final disposition {message.fields['final_disposition']}")]
    lines += [(message.ts + 1000, f'{delivery.capitalize()} for {recipient}') for recipient, delivery in message.delivered]
    shown = [{'lineno': number, 'logged_at': stamp(at), 'message': text, 'ts': stamp(at)}
             for number, (at, text) in enumerate(lines + message.trace, 1)]
    return {'inbound': {'lines': shown, 'pending': False}, 'outbound': {'lines': [], 'pending': False}}


def raw(message: Message) -> str:
    """The message as an .eml (CRLF line ends)."""
    if message.raw is not None:
        return message.raw
    fields = message.fields
    sent = EPOCH + datetime.timedelta(microseconds=message.ts - 4_000_000)
    lines = [f"From: {fields.get('from_name') or ''} <{fields['from']}>".replace(':  <', ': <'),
             f"To: {', '.join(fields['to'])}", f"Subject: {fields.get('subject') or ''}",
             f"Message-ID: {fields.get('message_id') or ''}", f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
             'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '']
    body = message.body + ''.join(f'\n{link}' for link in message.links)
    return '\r\n'.join(lines + body.splitlines()) + '\r\n'


# -- generated mailboxes (benchmarks) ----------------------------------------------------------------------------
def generate(count: int, rng_seed: int, now: int, days: float = 7.0,
             recipients: int = 50, domain: str = 'example.com') -> list[Message]:
    """``count`` varied messages over the last ``days`` days: every disposition, ``recipients`` mailboxes,
    some quarantined, some to several recipients. The same ``rng_seed`` gives the same mailbox."""
    rng = random.Random(rng_seed)
    seeder = Seeder(rng, now)
    people = [f'user{number:03d}@{domain}' for number in range(recipients)]
    span = int(days * 86400)
    weights = (5, 1, 6, 2, 20, 16, 1, 1, 1, 47)  # in DISPOSITIONS' order: mostly clean mail
    messages = []
    for number in range(count):
        disposition = rng.choices(DISPOSITIONS, weights)[0]
        spec = {'from': f'sender{rng.randrange(500)}@{"bad" if disposition in DETECTIONS else "ok"}{number % 97}.example',
                'to': rng.sample(people, 1 if rng.random() < 0.9 else 3),
                'subject': f'Message {number} about {rng.choice(("invoices", "the meeting", "your account", "news"))}',
                'final_disposition': disposition,
                'scanned_at': f'-{rng.randrange(span)}s'}
        if disposition in ('MALICIOUS', 'SPAM') and rng.random() < 0.3:
            spec['is_quarantined'] = True
        messages.append(seeder.message(spec, f'/generated/{number}'))
    return messages


def same_ip(left: t.Any, right: str) -> bool:
    try:
        return ipaddress.ip_address(str(left)) == ipaddress.ip_address(right)
    except ValueError:
        return False
