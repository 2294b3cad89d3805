# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Email Security investigation API: its search options and query, and its endpoints through the client.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
Shared by email_security_message_info, email_security_message and the email_security_detections event source.
"""

from __future__ import annotations

import datetime
import typing as t
from dataclasses import dataclass, field
from urllib.parse import quote

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client, CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import iso, parse_time

Message = t.Dict[str, t.Any]

MAX_PER_PAGE = 1000
MAX_IDS_PER_REQUEST = 100  # no maximum is documented; larger requests are refused by stricter servers
DEFAULT_START = '-30d'  # the API's own default window is the last 30 days
DESTINATIONS = ['Inbox', 'JunkEmail', 'DeletedItems', 'RecoverableItemsDeletions', 'RecoverableItemsPurges']
# What a message's final_disposition can hold; the search filter takes only the first six, bulk jobs take all.
DISPOSITIONS = ['MALICIOUS', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'NONE',
                'MALICIOUS-BEC', 'ENCRYPTED', 'EXTERNAL', 'UNKNOWN']
SEARCHABLE_DISPOSITIONS = DISPOSITIONS[:6]
MALICIOUS = ('MALICIOUS', 'MALICIOUS-BEC')
DELIVERY_STATUSES = ['delivered', 'moved', 'quarantined', 'rejected', 'deferred', 'bounced', 'queued', 'move_failed']
MESSAGE_ACTIONS = ['PREVIEW', 'QUARANTINE_RELEASED', 'MOVED']
TEXT_FILTERS = ('query', 'sender', 'recipient', 'subject', 'message_id', 'alert_id', 'domain')


def search_argument_spec() -> dict[str, dict[str, t.Any]]:
    """The search options (documented in the edgeops.cloudflare.message_search doc fragment)."""
    spec: dict[str, dict[str, t.Any]] = {name: {'type': 'str'} for name in TEXT_FILTERS}
    spec.update({
        'start': {'type': 'str', 'default': DEFAULT_START},
        'end': {'type': 'str', 'default': 'now'},
        'final_disposition': {'type': 'list', 'elements': 'str', 'choices': DISPOSITIONS},
        'detections_only': {'type': 'bool', 'default': False},
        'delivery_status': {'type': 'str', 'choices': DELIVERY_STATUSES},
        'message_action': {'type': 'str', 'choices': MESSAGE_ACTIONS},
    })
    return spec


@dataclass
class Search:
    """A validated search: the query the API is sent, and what the API cannot filter (done here, after the read)."""

    query: dict[str, t.Any]
    dispositions: list[str] = field(default_factory=list)  # kept locally when the API cannot filter them

    def keeps(self, message: t.Mapping[str, t.Any]) -> bool:
        return not self.dispositions or message.get('final_disposition') in self.dispositions

    @property
    def single_disposition(self) -> t.Optional[str]:
        """The one disposition asked for (sent to the API or kept locally), for a bulk job's search."""
        if 'final_disposition' in self.query:
            return self.query['final_disposition']
        return self.dispositions[0] if len(self.dispositions) == 1 else None


def build_search(params: t.Mapping[str, t.Any], now: datetime.datetime, prefix: str = '') -> Search:
    """The search the options ask for; ``InvalidValue`` names the option (``prefix`` + name) before any request.

    Times become ISO 8601 in UTC (the only form the API knows); ``detections_only`` is always sent (the API's own
    default is undocumented for the search); one ``final_disposition`` the API can filter is sent, any other is
    filtered here.
    """
    query: dict[str, t.Any] = {}
    for name in TEXT_FILTERS:
        value = params.get(name)
        if value is None:
            continue
        if not value.strip():
            raise InvalidValue(f'{prefix}{name}: {value!r} must not be empty (leave it out to search without it)')
        query[name] = value.strip()
    start = parse_time(f'{prefix}start', _given(params.get('start'), DEFAULT_START), now)
    end = parse_time(f'{prefix}end', _given(params.get('end'), 'now'), now)
    if start > now:
        raise InvalidValue(f"{prefix}start: {params.get('start')!r} is in the future ({iso(start)})")
    if start > end:
        raise InvalidValue(f"{prefix}start: {params.get('start')!r} ({iso(start)}) is after {prefix}end "
                           f"{params.get('end')!r} ({iso(end)})")
    query['start'], query['end'] = iso(start), iso(end)
    query['detections_only'] = 'true' if params.get('detections_only') else 'false'
    for name in ('delivery_status', 'message_action'):
        if params.get(name) is not None:
            query[name] = params[name]
    dispositions = _unique(params.get('final_disposition') or [])
    unknown = [value for value in dispositions if value not in DISPOSITIONS]
    if unknown:
        raise InvalidValue(f"{prefix}final_disposition: {unknown[0]!r} is not one of {', '.join(DISPOSITIONS)}")
    if len(dispositions) == 1 and dispositions[0] in SEARCHABLE_DISPOSITIONS:
        query['final_disposition'] = dispositions[0]
        dispositions = []
    return Search(query, dispositions)


def _given(value: t.Any, default: str) -> t.Any:
    return default if value is None else value


def _unique(values: t.Iterable[t.Any]) -> list[t.Any]:
    return list(dict.fromkeys(values))


@dataclass
class Found:
    """What a search read: the messages kept, whether ``limit`` stopped it with more to read, and its requests."""

    messages: list[Message]
    truncated: bool
    pages: int


class Investigate:
    """The investigation endpoints of one account."""

    def __init__(self, client: Client, account_id: str) -> None:
        self.client = client
        self.base = f"/accounts/{quote(account_id, safe='')}/email-security/investigate"

    def message_path(self, message_id: str, suffix: str = '') -> str:
        return f"{self.base}/{quote(message_id, safe='')}{suffix}"

    def pages(self, search: Search, per_page: int = MAX_PER_PAGE) -> t.Iterator[tuple[list[Message], bool]]:
        """The search's pages as ``(messages kept, more to read)``, one request each, newest first."""
        for batch, more in self.client.cursor_pages(self.base, search.query, per_page):
            yield [message for message in batch if isinstance(message, dict) and search.keeps(message)], more

    def search(self, search: Search, limit: t.Optional[int] = None) -> Found:
        """Every message the search keeps, or the first ``limit``; a message that comes twice is kept once."""
        per_page = MAX_PER_PAGE if limit is None or search.dispositions else max(1, min(limit, MAX_PER_PAGE))
        kept: dict[str, Message] = {}
        pages = 0
        for batch, more in self.pages(search, per_page):
            pages += 1
            for message in batch:
                if limit is not None and len(kept) >= limit:
                    return Found(list(kept.values()), True, pages)
                kept.setdefault(str(message.get('id')), message)
            if limit is not None and len(kept) >= limit and more:
                return Found(list(kept.values()), True, pages)
        return Found(list(kept.values()), False, pages)

    def get(self, message_id: str) -> t.Optional[Message]:
        """One message, or None when there is none of that id."""
        try:
            return self.client.call('GET', self.message_path(message_id))
        except CloudflareError as error:
            if error.status == 404:
                return None
            raise

    def detections(self, message_id: str) -> t.Any:
        return self.client.call('GET', self.message_path(message_id, '/detections'))

    def trace(self, message_id: str) -> t.Any:
        return self.client.call('GET', self.message_path(message_id, '/trace'))

    def action_log(self, message_id: str) -> list[t.Any]:
        """The message's action log; the endpoint may page like a v4 list: one page of the largest size."""
        result = self.client.call('GET', self.message_path(message_id, '/action_log'), params={'per_page': MAX_PER_PAGE})
        if isinstance(result, dict):  # tolerate an object wrapping the entries
            result = result.get('entries', result.get('action_log', []))
        return result if isinstance(result, list) else []

    def raw(self, message_id: str) -> str:
        result = self.client.call('GET', self.message_path(message_id, '/raw'))
        raw = result.get('raw') if isinstance(result, dict) else result
        if not isinstance(raw, str):
            raise CloudflareError(f'GET {self.message_path(message_id, "/raw")} failed: no raw message in the answer',
                                  'GET', self.message_path(message_id, '/raw'))
        return raw

    def move(self, ids: t.Sequence[str], destination: str) -> list[t.Any]:
        """One move of many messages (a POST: never repeated after a lost answer); one result per recipient."""
        result = self.client.call('POST', self.base + '/move', body={'destination': destination, 'ids': list(ids)})
        return result if isinstance(result, list) else []

    def release(self, ids: t.Sequence[str]) -> list[t.Any]:
        """One release of many quarantined messages; one result per message.

        The body is the bare JSON array of ids that the API reference documents; a server that refuses it (400,
        nothing done) is sent the SDK's ``{"ids": [...]}`` once.
        """
        try:
            result = self.client.call('POST', self.base + '/release', body=list(ids))
        except CloudflareError as error:
            if error.status != 400:
                raise
            result = self.client.call('POST', self.base + '/release', body={'ids': list(ids)})
        return result if isinstance(result, list) else []

    def create_job(self, body: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
        return self.client.call('POST', self.base + '/bulk', body=dict(body))

    def job(self, job_id: str) -> dict[str, t.Any]:
        return self.client.call('GET', f"{self.base}/bulk/{quote(str(job_id), safe='')}")

    def job_messages(self, job_id: str) -> list[t.Any]:
        return self.client.pages_until_short(f"{self.base}/bulk/{quote(str(job_id), safe='')}/messages")


def chunks(values: t.Sequence[t.Any], size: int) -> t.Iterator[list[t.Any]]:
    for start in range(0, len(values), size):
        yield list(values[start:start + size])


def recipients_of(message: t.Mapping[str, t.Any]) -> list[str]:
    """The message's recipients in this account (``client_recipients``; ``to`` or ``envelope_to`` without it)."""
    for name in ('client_recipients', 'envelope_to', 'to'):
        values = message.get(name)
        if isinstance(values, list) and values:
            return [str(value) for value in values]
    return []
