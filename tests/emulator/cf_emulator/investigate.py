# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The investigation API (``/accounts/{account_id}/email-security/investigate``, investigate.md) and the mailbox's
control endpoints: requests are checked here, strictly (every query parameter and body field, once each, with
its exact enum values), then carried out by ``mailbox``. The package docstring lists the routes and the rules.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import ssl
import typing as t
import uuid
from urllib.parse import parse_qsl, unquote, urlsplit

from . import bulk
from . import mailbox as mb
from .errors import ApiError

if t.TYPE_CHECKING:
    from .core import Handler

ROUTE = re.compile(r'^/accounts/(?P<account>[^/]+)/email-security/investigate(?P<rest>(?:/[^/]+)*)/?$')
SEARCH_PATH = re.compile(r'^(?P<base>.*/accounts/(?P<account>[^/]+)/email-security/investigate)/?$')
MAX_PER_PAGE = 1000
PNG = ('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==')  # 1x1
RECLASSIFY_DISPOSITIONS = ('NONE', 'BULK', 'MALICIOUS', 'SPAM', 'SPOOF', 'SUSPICIOUS')
DEFAULT_BULK_PER_POLL = 100  # messages a poll of a bulk job processes
MAX_IDS = 100  # per move or release request (no maximum is documented: the contract's assumption)
DEFAULT_PER_PAGE = 20
DEFAULT_SCAN_LIMIT = 5000  # messages a search page looks at before it answers (short, with a next cursor)
WINDOW_US = 30 * 86400 * 1_000_000  # start defaults to end - 30 days

SEARCH_DISPOSITIONS = ('MALICIOUS', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'NONE')  # the filter: no MALICIOUS-BEC
MESSAGE_ACTIONS = {'PREVIEW': 'PREVIEW', 'QUARANTINE_RELEASED': 'QUARANTINE_RELEASE', 'MOVED': 'MOVE'}
TEXT_FILTERS = ('query', 'sender', 'recipient', 'subject', 'message_id', 'alert_id', 'domain', 'smtp_helo_ip',
                'metric')
SEARCH_FILTERS = TEXT_FILTERS + ('start', 'end', 'detections_only', 'final_disposition', 'delivery_status',
                                 'message_action')
RETIRED = {  # deprecated names past their end of life on 2026-12-03: refused, with what to send instead
    'page': 'page is past its end of life (2026-11-01): page with the cursor of result_info.next',
    'postfix_ids': 'postfix_ids is past its end of life (2026-11-01): send ids',
    'expected_disposition': 'expected_disposition is past its end of life (2026-12-01): do not send it',
    'action_log': 'action_log is past its end of life (2026-11-01): read GET /{id}/action_log',
}


class Reply(dict):
    """A response envelope, with the headers (Location, Retry-After) ``Handler.send`` adds to it."""

    def __init__(self, envelope: dict[str, t.Any], headers: t.Optional[dict[str, str]] = None) -> None:
        super().__init__(envelope)
        self.headers = headers or {}


def envelope(result: t.Any, info: t.Optional[dict[str, t.Any]] = None,
             headers: t.Optional[dict[str, str]] = None) -> Reply:
    body: dict[str, t.Any] = {'success': True, 'errors': [], 'messages': [], 'result': result}
    if info is not None:
        body['result_info'] = info
    return Reply(body, headers)


# -- checks of query parameters and body fields ------------------------------------------------------------------
def query_values(query: str, allowed: t.Iterable[str]) -> dict[str, str]:
    """The query parameters, each at most once and each one of ``allowed``."""
    values: dict[str, str] = {}
    allowed = set(allowed)
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name not in allowed:
            raise ApiError(400, 1005, RETIRED.get(name, f'unknown query parameter {name!r}'), f'/{name}')
        if name in values:
            raise ApiError(400, 1007, f'query parameter {name!r} given more than once', f'/{name}')
        values[name] = value
    return values


def body_fields(body: t.Any, allowed: t.Iterable[str], required: t.Iterable[str] = (),
                pointer: str = '') -> dict[str, t.Any]:
    """A JSON object body with only ``allowed`` members and every ``required`` one."""
    if not isinstance(body, dict):
        raise ApiError(400, 1000, 'the request body must be a JSON object', pointer or None)
    for name in body:
        if name not in allowed:
            raise ApiError(400, 1005, RETIRED.get(name, f'unknown field {name!r}'), f'{pointer}/{name}')
    for name in required:
        if name not in body:
            raise ApiError(400, 1006, f'{name} is required', f'{pointer}/{name}')
    return body


def text(value: t.Any, pointer: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 1000:
        raise ApiError(400, 1001, f'{pointer[1:]} must be a non-empty string', pointer)
    return value


def choice(value: t.Any, choices: t.Iterable[str], pointer: str) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise ApiError(400, 1002, f"{pointer[1:]}: {value!r} is not one of {', '.join(choices)}", pointer)
    return value


def query_bool(value: str, pointer: str) -> bool:
    """A boolean query parameter: exactly ``true`` or ``false``."""
    return choice(value, ('true', 'false'), pointer) == 'true'


def query_int(value: str, low: int, high: int, pointer: str) -> int:
    if not re.fullmatch(r'[0-9]{1,9}', value) or not low <= int(value) <= high:
        raise ApiError(400, 1001, f'{pointer[1:]} must be an integer from {low} to {high}', pointer)
    return int(value)


def date_time(value: t.Any, pointer: str) -> int:
    try:
        return mb.micros(mb.parse_time(value))
    except ValueError:
        raise ApiError(400, 1003, f'{pointer[1:]}: {value!r} is not an ISO 8601 date-time with an offset (such as '
                                  f'2026-12-03T17:00:00Z)', pointer) from None


def address_or_domain(value: t.Any, pointer: str) -> str:
    value = text(value, pointer).lower()
    if '@' in value:
        if not re.fullmatch(r'[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}', value):
            raise ApiError(400, 1003, f'{pointer[1:]}: {value!r} is not an e-mail address', pointer)
    elif not re.fullmatch(r'([a-z0-9-]+\.)+[a-z]{2,}', value):
        raise ApiError(400, 1003, f'{pointer[1:]}: {value!r} is neither an address nor a domain', pointer)
    return value


# -- the search ------------------------------------------------------------------------------------------------
class Search:
    """A search's window and filters, from the query (strings) or from a bulk job's ``search_params`` (JSON)."""

    def __init__(self, values: dict[str, t.Any], pointer: str, dispositions: t.Sequence[str],
                 from_query: bool) -> None:
        now = mb.micros(mb.datetime.datetime.now(mb.UTC))
        self.end = date_time(values['end'], f'{pointer}/end') if values.get('end') is not None else now
        self.start = (date_time(values['start'], f'{pointer}/start') if values.get('start') is not None
                      else self.end - WINDOW_US)
        if self.start > now:
            raise ApiError(400, 1013, 'start must not be in the future', f'{pointer}/start')
        if self.start > self.end:
            raise ApiError(400, 1013, 'start must not be after end', f'{pointer}/start')
        self.tests: list[t.Callable[[mb.Message], bool]] = []
        detections_only = values.get('detections_only')
        if detections_only is None:
            detections_only = True  # the documented default of bulk search_params, taken for the search too
        elif from_query:
            detections_only = query_bool(detections_only, f'{pointer}/detections_only')
        elif not isinstance(detections_only, bool):
            raise ApiError(400, 1001, 'detections_only must be a boolean', f'{pointer}/detections_only')
        if detections_only:
            self.tests.append(lambda message: message.fields['final_disposition'] in mb.DETECTIONS)
        for name, value in values.items():
            if value is not None and name not in ('start', 'end', 'detections_only'):
                self.add(name, value, f'{pointer}/{name}', dispositions)

    def add(self, name: str, value: t.Any, pointer: str, dispositions: t.Sequence[str]) -> None:
        tests = self.tests
        if name == 'final_disposition':
            wanted = choice(value, dispositions, pointer)
            tests.append(lambda message: message.fields['final_disposition'] == wanted)
        elif name == 'delivery_status':
            status = choice(value, mb.DELIVERY_STATUSES, pointer)
            tests.append(lambda message: status in message.delivery_status())
        elif name == 'message_action':
            operation = MESSAGE_ACTIONS[choice(value, MESSAGE_ACTIONS, pointer)]
            tests.append(lambda message: operation in message.operations)
        elif name in ('sender', 'recipient'):
            wanted = address_or_domain(value, pointer)
            field = 'senders' if name == 'sender' else 'rcpts'
            if '@' in wanted:
                tests.append(lambda message: wanted in getattr(message, field))
            else:
                tests.append(lambda message: any(address.endswith('@' + wanted) for address in getattr(message, field)))
        elif name == 'domain':
            domain = address_or_domain(value, pointer)
            if '@' in domain:
                raise ApiError(400, 1003, f'domain: {value!r} is not a domain', pointer)
            tests.append(lambda message: domain in message.domains)
        elif name == 'smtp_helo_ip':
            try:
                address = ipaddress.ip_address(text(value, pointer))
            except ValueError:
                raise ApiError(400, 1003, f'smtp_helo_ip: {value!r} is not an IP address', pointer) from None
            tests.append(lambda message: mb.same_ip(message.fields.get('smtp_helo_server_ip'), str(address)))
        elif name == 'subject':
            words = text(value, pointer).lower().split()
            tests.append(lambda message: all(word in message.subject for word in words))
        elif name == 'exact_subject':
            exact = text(value, pointer)
            tests.append(lambda message: message.fields.get('subject') == exact)
        elif name == 'query':
            terms = text(value, pointer).lower().split()
            tests.append(lambda message: all(term in message.haystack for term in terms))
        elif name == 'message_id':
            wanted_id = text(value, pointer).strip().strip('<>')
            tests.append(lambda message: message.mid == wanted_id)
        elif name == 'alert_id':
            alert = text(value, pointer)
            tests.append(lambda message: message.fields.get('alert_id') == alert)
        elif name == 'metric':
            text(value, pointer)  # an aggregation the emulator does not compute: checked, then ignored
        elif name == 'submissions':
            if not isinstance(value, bool):
                raise ApiError(400, 1001, 'submissions must be a boolean', pointer)
            if value:  # the emulator keeps no reclassification submissions
                tests.append(lambda message: False)

    def match(self, message: mb.Message) -> bool:
        return all(test(message) for test in self.tests)


class Cursor:
    """``result_info.next``: where the next page starts, signed and bound to the search it came from."""

    def __init__(self, secret: bytes, values: dict[str, str]) -> None:
        self.secret = secret
        self.search = hashlib.sha256(json.dumps(sorted((name, value) for name, value in values.items()
                                                       if name != 'cursor')).encode()).hexdigest()[:16]

    def make(self, key: tuple[int, int]) -> str:
        payload = f'{key[0]}.{key[1]}.{self.search}'
        return base64.urlsafe_b64encode(f'{payload}.{self.sign(payload)}'.encode()).decode().rstrip('=')

    def read(self, cursor: str) -> tuple[int, int]:
        try:
            payload, signature = base64.urlsafe_b64decode(cursor + '=' * (-len(cursor) % 4)).decode().rsplit('.', 1)
            ts, seq, search = payload.split('.')
            valid = hmac.compare_digest(signature, self.sign(payload))
        except (ValueError, UnicodeDecodeError):
            valid = False
        if not valid:
            raise ApiError(400, 1011, 'cursor is not a cursor this API gave', '/cursor')
        if search != self.search:
            raise ApiError(400, 1011, 'cursor belongs to another search: send it with the same filters and per_page',
                           '/cursor')
        return int(ts), int(seq)

    def sign(self, payload: str) -> str:
        return hmac.new(self.secret, payload.encode(), 'sha256').hexdigest()[:16]


class Context:
    """One API request on the investigate routes, once authenticated."""

    def __init__(self, handler: Handler, account: str, query: str, body: t.Any) -> None:
        self.handler = handler
        self.emulator = handler.emulator
        self.config = self.emulator.config
        self.account = account
        self.mailboxes: mb.Mailboxes = self.emulator.mailboxes
        self.mailbox = self.mailboxes.of(account)
        self.query = query
        self.body = body
        # recipients whose mailbox fails in this request (a "recipient_failure" fault), lower-case -> reason
        self.failing: dict[str, str] = handler.__dict__.pop('failing_recipients', None) or {}
        self.requested_by = handler.headers.get('X-Auth-Email') or 'API token'

    def params(self, allowed: t.Iterable[str] = ()) -> dict[str, str]:
        return query_values(self.query, allowed)

    def message(self, message_id: str) -> mb.Message:
        return self.mailbox.get(message_id)

    def messages(self, ids: t.Any, pointer: str) -> list[mb.Message]:
        """The messages of a move or release: 1 to 100 distinct ids, every one known (else 404: nothing done)."""
        if not isinstance(ids, list) or not ids or len(ids) > MAX_IDS:
            raise ApiError(400, 1001, f'{pointer[1:] or "the body"} must be a list of 1 to {MAX_IDS} ids', pointer)
        for number, message_id in enumerate(ids):
            text(message_id, f'{pointer}/{number}')
            if message_id in ids[:number]:
                raise ApiError(400, 1003, f'id {message_id} is listed twice', f'{pointer}/{number}')
        return [self.message(message_id) for message_id in ids]


def search(ctx: Context) -> tuple[int, Reply]:
    values = ctx.params(SEARCH_FILTERS + ('cursor', 'per_page'))
    per_page = query_int(values['per_page'], 1, MAX_PER_PAGE, '/per_page') if 'per_page' in values else DEFAULT_PER_PAGE
    cursor = Cursor(ctx.mailboxes.secret, values)
    below = cursor.read(values['cursor']) if 'cursor' in values else None
    criteria = Search({name: value for name, value in values.items() if name in SEARCH_FILTERS}, '',
                      SEARCH_DISPOSITIONS, from_query=True)
    found, following = ctx.mailbox.search(criteria.start, criteria.end, criteria.match, per_page, below,
                                          int(ctx.config.get('search_scan_limit', DEFAULT_SCAN_LIMIT)))
    info: dict[str, t.Any] = {'count': len(found), 'per_page': per_page, 'total_count': 0, 'page': 0}
    if following is not None:
        info['next'] = cursor.make(following)
    else:
        last = ctx.config.get('cursor_last', 'null')  # how the last page says so: "null", "absent" or "empty"
        if last != 'absent':
            info['next'] = '' if last == 'empty' else None
    return 200, envelope([mb.public(message) for message in found], info)


def get_message(ctx: Context, message_id: str) -> tuple[int, Reply]:
    values = ctx.params(('submission',))
    message = ctx.message(message_id)
    if 'submission' in values and query_bool(values['submission'], '/submission'):
        raise ApiError(404, 1551, f'message {message_id} not found among submissions')  # none are kept
    return 200, envelope(mb.public(message))


def move_one(ctx: Context, message_id: str) -> tuple[int, Reply]:
    ctx.params()
    body = body_fields(ctx.body, ('destination',), ('destination',))
    destination = choice(body['destination'], mb.DESTINATIONS, '/destination')
    message = ctx.message(message_id)
    return 200, envelope(ctx.mailbox.move(message, destination, ctx.requested_by, ctx.failing))


def move_many(ctx: Context) -> tuple[int, Reply]:
    ctx.params()
    body = body_fields(ctx.body, ('destination', 'ids'), ('destination', 'ids'))
    destination = choice(body['destination'], mb.DESTINATIONS, '/destination')
    results: list[dict[str, t.Any]] = []
    for message in ctx.messages(body['ids'], '/ids'):
        results += ctx.mailbox.move(message, destination, ctx.requested_by, ctx.failing)
    return 200, envelope(results)


def release(ctx: Context) -> tuple[int, Reply]:
    """The body is a JSON array of ids (OAS, TS) or {"ids": [...]} (SDK 5.9): both are accepted."""
    ctx.params()
    if isinstance(ctx.body, list):
        ids, pointer = ctx.body, ''
    else:
        ids, pointer = body_fields(ctx.body, ('ids',), ('ids',))['ids'], '/ids'
    results = []
    for message in ctx.messages(ids, pointer):
        outcome = ctx.mailbox.release(message, ctx.requested_by, ctx.failing)
        results.append(dict(outcome, id=message.id, postfix_id=message.fields['postfix_id']))
    return 200, envelope(results)


def detections(ctx: Context, message_id: str) -> tuple[int, Reply]:
    ctx.params()
    return 200, envelope(mb.detections(ctx.message(message_id)))


def trace(ctx: Context, message_id: str) -> tuple[int, Reply]:
    ctx.params()
    return 200, envelope(mb.trace(ctx.message(message_id)))


def raw(ctx: Context, message_id: str) -> tuple[int, Reply]:
    ctx.params()
    return 200, envelope({'raw': mb.raw(ctx.message(message_id))})


def action_log(ctx: Context, message_id: str) -> tuple[int, Reply]:
    """Newest first (the contract leaves the order unspecified), paged like a v4 list."""
    page, per_page = v4_paging(ctx.params(('page', 'per_page')))
    return paged([mb.log_entry(entry) for entry in reversed(ctx.message(message_id).log)], page, per_page)


def preview(ctx: Context, message_id: str) -> tuple[int, Reply]:
    ctx.params()
    message = ctx.message(message_id)
    ctx.mailbox.preview(message, ctx.requested_by)
    return 200, envelope({'screenshot': PNG})


def preview_by_body(ctx: Context) -> tuple[int, Reply]:
    """{"id"} (SDK) or {"postfix_id"} (TS, OAS): exactly one of them."""
    ctx.params()
    body = body_fields(ctx.body, ('id', 'postfix_id'))
    if len(body) != 1:
        raise ApiError(400, 1006, 'send exactly one of id and postfix_id', '/id')
    if 'id' in body:
        return preview(ctx, text(body['id'], '/id'))
    postfix_id = text(body['postfix_id'], '/postfix_id')
    found = [message for message in ctx.mailbox.messages.values() if message.fields['postfix_id'] == postfix_id]
    if not found:
        raise ApiError(404, 1551, f'message with postfix_id {postfix_id} not found')
    return preview(ctx, found[0].id)


def reclassify(ctx: Context, message_id: str) -> tuple[int, Reply]:
    """Deprecated: accepted (202) and logged as a submission; the disposition does not change."""
    ctx.params()
    body = body_fields(ctx.body, ('expected_disposition', 'eml_content', 'escalated_submission_id'),
                       ('expected_disposition',))
    choice(body['expected_disposition'], RECLASSIFY_DISPOSITIONS, '/expected_disposition')
    for name in ('eml_content', 'escalated_submission_id'):
        if name in body:
            text(body[name], f'/{name}')
    ctx.mailbox.reclassify(ctx.message(message_id), ctx.requested_by)
    return 202, envelope(None)


def bulk_list(ctx: Context) -> tuple[int, Reply]:
    values = ctx.params(('page', 'per_page', 'action_type', 'status'))
    page, per_page = v4_paging(values)
    action_type = choice(values['action_type'], ('MOVE', 'RELEASE'), '/action_type') if 'action_type' in values else None
    status = choice(values['status'], bulk.JOB_STATUSES, '/status') if 'status' in values else None
    jobs = bulk.Jobs(ctx.mailbox).list(action_type, status)
    return paged([job.view() for job in jobs], page, per_page, total=0)


def bulk_create(ctx: Context) -> tuple[int, Reply]:
    ctx.params()
    body = body_fields(ctx.body, ('action', 'search_params', 'destination', 'comment'), ('action', 'search_params'))
    action = choice(body['action'], ('MOVE', 'RELEASE'), '/action')
    destination = None
    if action == 'MOVE':
        if 'destination' not in body:
            raise ApiError(400, 1006, 'destination is required when action is MOVE', '/destination')
        destination = choice(body['destination'], mb.DESTINATIONS, '/destination')
    elif 'destination' in body:
        raise ApiError(400, 1005, 'destination is for action MOVE only', '/destination')
    comment = body.get('comment')
    if comment is not None:
        text(comment, '/comment')
    params = body_fields(body['search_params'], SEARCH_FILTERS + ('exact_subject', 'submissions'), (),
                         '/search_params')
    criteria = Search(params, '/search_params', mb.DISPOSITIONS, from_query=False)
    mailbox = ctx.mailbox
    job = bulk.Job(action, destination, params, comment,
                   lambda: mailbox.every(criteria.start, criteria.end, criteria.match),
                   mb.stamp(mailbox.clock.tick()))
    return 201, envelope(bulk.Jobs(mailbox).create(job).view())


def bulk_get(ctx: Context, job_id: str) -> tuple[int, Reply]:
    """Each poll advances the job one step (see ``bulk``)."""
    ctx.params()
    jobs = bulk.Jobs(ctx.mailbox)
    per_poll = int(ctx.config.get('bulk_per_poll', DEFAULT_BULK_PER_POLL))
    return 200, envelope(jobs.advance(jobs.get(job_id), per_poll, ctx.requested_by, ctx.failing).view())


def bulk_delete(ctx: Context, job_id: str) -> tuple[int, Reply]:
    ctx.params()
    jobs = bulk.Jobs(ctx.mailbox)
    return 200, envelope(jobs.delete(jobs.get(job_id)))


def bulk_cancel(ctx: Context, job_id: str) -> tuple[int, Reply]:
    ctx.params()
    if ctx.body not in (None, {}):
        raise ApiError(400, 1000, 'cancel takes no body')
    jobs = bulk.Jobs(ctx.mailbox)
    return 200, envelope(jobs.cancel(jobs.get(job_id)).view())


def bulk_messages(ctx: Context, job_id: str) -> tuple[int, Reply]:
    values = ctx.params(('page', 'per_page', 'status'))
    page, per_page = v4_paging(values)
    status = choice(values['status'], bulk.ROW_STATUSES, '/status') if 'status' in values else None
    job = bulk.Jobs(ctx.mailbox).get(job_id)
    rows = [job.row_view(row) for row in job.rows if status in (None, row.status)]
    return paged(rows, page, per_page, total=0)


def v4_paging(values: dict[str, str]) -> tuple[int, int]:
    """``page`` and ``per_page`` of a v4 list (per_page at most 1000, 20 by default)."""
    return (query_int(values.get('page', '1'), 1, 10 ** 6, '/page'),
            query_int(values.get('per_page', str(DEFAULT_PER_PAGE)), 1, MAX_PER_PAGE, '/per_page'))


def paged(items: list[t.Any], page: int, per_page: int, total: t.Optional[int] = None) -> tuple[int, Reply]:
    """One page of a v4 list; ``total``: the result_info.total_count to show (the real count by default)."""
    chunk = items[(page - 1) * per_page:page * per_page]
    info = {'page': page, 'per_page': per_page, 'count': len(chunk),
            'total_count': len(items) if total is None else total}
    return 200, envelope(chunk, info)


# -- slow searches: the "accepted" fault -------------------------------------------------------------------------
def accept(handler: Handler, fault: dict[str, t.Any], entry: dict[str, t.Any],
           answer: t.Callable[[], tuple[int, t.Any]]) -> bool:
    """Act out an "accepted" fault on a search: the search runs now (a bad one is answered at once), its page is
    kept, and the answer is 202 with a Location to poll: "pending_polls" polls (1 by default) answer 202 again,
    the next ones 200 with the page. "location": "relative" (default: ``investigate/pending/T``, to resolve
    against the request URL; a poll's own 202 says just ``T``), "root" (``/client/v4/.../pending/T``) or
    "absolute" (with scheme and host); "retry_after": seconds, sent as Retry-After."""
    status, payload = answer()
    entry['status'] = status
    match = SEARCH_PATH.match(urlsplit(handler.path).path)
    if status != 200 or not match:
        handler.send(status, payload)
        return True
    token = uuid.uuid4().hex
    handler.emulator.mailboxes.pending[token] = {'account': unquote(match.group('account')), 'payload': payload,
                                                 'polls': int(fault.get('pending_polls', 1)), 'fault': fault}
    entry['status'] = 202
    handler.send(202, still_running(handler, fault, f"{match.group('base')}/pending/{token}",
                                    f'investigate/pending/{token}'))
    return True


def still_running(handler: Handler, fault: dict[str, t.Any], path: str, relative: str) -> Reply:
    """A 202: its body looks like an empty last page, which it is not (a 202 body is never a result)."""
    form = fault.get('location', 'relative')
    location = {'relative': relative, 'root': path}.get(form)
    if location is None:
        scheme = 'https' if isinstance(handler.connection, ssl.SSLSocket) else 'http'
        location = f"{scheme}://{handler.headers.get('Host')}{path}"
    headers = {'Location': location}
    if 'retry_after' in fault:
        headers['Retry-After'] = str(fault['retry_after'])
    body = {'success': True, 'errors': [], 'messages': [{'code': 10202, 'message': 'the search is still running: '
                                                         'poll the Location'}],
            'result': [], 'result_info': {'count': 0, 'per_page': 0, 'total_count': 0, 'page': 0}}
    return Reply(body, headers)


def pending_search(ctx: Context, token: str) -> tuple[int, Reply]:
    ctx.params()
    parked = ctx.mailboxes.pending.get(token)
    if parked is None or parked['account'] != ctx.account:
        raise ApiError(404, 7003, f'no search {token} is running')
    if parked['polls'] > 0:
        parked['polls'] -= 1
        return 202, still_running(ctx.handler, parked['fault'], urlsplit(ctx.handler.path).path, token)
    return 200, Reply(parked['payload'])


# -- routing -------------------------------------------------------------------------------------------------------
# (method, path segments after .../investigate: a string is literal, None any one segment, the function)
ROUTES: list[tuple[str, tuple[t.Optional[str], ...], t.Callable[..., tuple[int, Reply]]]] = [
    ('GET', (), search),
    ('POST', ('move',), move_many),
    ('POST', ('release',), release),
    ('POST', ('preview',), preview_by_body),
    ('GET', ('pending', None), pending_search),
    ('GET', ('bulk',), bulk_list),
    ('POST', ('bulk',), bulk_create),
    ('GET', ('bulk', None), bulk_get),
    ('DELETE', ('bulk', None), bulk_delete),
    ('POST', ('bulk', None, 'cancel'), bulk_cancel),
    ('GET', ('bulk', None, 'messages'), bulk_messages),
    ('GET', (None,), get_message),
    ('POST', (None, 'move'), move_one),
    ('GET', (None, 'detections'), detections),
    ('GET', (None, 'trace'), trace),
    ('GET', (None, 'raw'), raw),
    ('GET', (None, 'action_log'), action_log),
    ('GET', (None, 'preview'), preview),
    ('POST', (None, 'reclassify'), reclassify),
]


def route(handler: Handler, method: str, path: str, query: str, body: t.Any) -> t.Optional[tuple[int, Reply]]:
    """Answer an API request (``path`` without ``/client/v4``) if it is an investigate route, else None."""
    match = ROUTE.match(path)
    if not match:
        return None
    account = unquote(match.group('account'))
    segments = [unquote(segment) for segment in match.group('rest').split('/')[1:]]
    emulator = handler.emulator
    emulator.authenticate(handler.headers, account)
    shaped = [(verb, function, [segment for segment, pattern in zip(segments, shape) if pattern is None])
              for verb, shape, function in ROUTES
              if len(shape) == len(segments) and all(pattern in (None, segment) for pattern, segment in zip(shape, segments))]
    if not shaped:
        raise ApiError(404, 7003, f'Could not route to {path}, perhaps your object identifier is invalid?')
    for verb, function, arguments in shaped:
        if verb == method:
            with emulator.lock:
                return function(Context(handler, account, query, body), *arguments)
    raise ApiError(405, 10405, f'method {method} not allowed on {path}')


# -- control endpoints and seeding ----------------------------------------------------------------------------------
def seed(emulator: t.Any, account: str, specs: t.Any, pointer: str = '/messages') -> list[mb.Message]:
    """Add seed messages to ``account``'s mailbox (the account is created if need be); all or none."""
    if not isinstance(specs, list):
        raise ApiError(400, 1001, 'messages must be a list', pointer)
    return add(emulator, account, [(spec, f'{pointer}/{number}') for number, spec in enumerate(specs)])


def add(emulator: t.Any, account: str, specs: list[tuple[t.Any, str]]) -> list[mb.Message]:
    """Add (seed message, JSON pointer for its errors) pairs to ``account``'s mailbox; all or none."""
    with emulator.lock:
        emulator.accounts.setdefault(account, {})
        seeder = mb.Seeder(emulator.mailboxes.rng, mb.now_us())
        messages = [seeder.message(spec, pointer) for spec, pointer in specs]
        return emulator.mailboxes.of(account).add(messages)


def generate(emulator: t.Any, account: str, options: t.Any) -> list[mb.Message]:
    """Add a generated mailbox: {"count", "seed"?, "days"?, "recipients"?, "domain"?} (see ``mailbox.generate``)."""
    options = body_fields(options, ('count', 'seed', 'days', 'recipients', 'domain'), ('count',), '/generate')
    with emulator.lock:
        emulator.accounts.setdefault(account, {})
        messages = mb.generate(int(options['count']), int(options.get('seed', 0)), mb.now_us(),
                               float(options.get('days', 7)), int(options.get('recipients', 50)),
                               str(options.get('domain', 'example.com')))
        return emulator.mailboxes.of(account).add(messages)


def control(handler: Handler, method: str, what: str, body: t.Any, default_account: str) -> bool:
    """The mailbox's control endpoints (``what`` is the path after ``/__emulator/``); False if not one of them.

    POST mailbox          {"account_id"?, "messages"?: [seed messages], "sample"?: NAME, "generate"?: {...}}
                          -> {"added": N, "ids": [...]}
    POST mailbox/message  {"account_id"?, "message": {seed message}} -> the message as the API shows it
    GET  mailbox          {account: [message + "emulator": {"recipients": {address: {delivery, folder}},
                          "location": the folder the contract's rule gives, or null}]}
    """
    emulator = handler.emulator
    if what == 'mailbox' and method == 'GET':
        with emulator.lock:
            handler.send(200, {name: [dict(mb.public(message), emulator={
                'recipients': message.recipients, 'location': message.location()})
                for message in reversed(box.order)] for name, box in emulator.mailboxes.accounts.items()})
        return True
    if what not in ('mailbox', 'mailbox/message') or method != 'POST':
        return False
    try:
        body = body_fields(body or {}, ('account_id', 'message') if what == 'mailbox/message'
                           else ('account_id', 'messages', 'sample', 'generate'))
        account = text(body.get('account_id', default_account), '/account_id')
        if what == 'mailbox/message':
            (message,) = add(emulator, account, [(body.get('message'), '/message')])
            handler.send(200, mb.public(message))
            return True
        added = seed(emulator, account, body.get('messages', []))
        if 'sample' in body:
            from . import sample  # the package's loader of samples/<name>.json
            added += seed(emulator, account, sample(text(body['sample'], '/sample')).get('mailbox', []), '/sample')
        if 'generate' in body:
            added += generate(emulator, account, body['generate'])
        handler.send(200, {'added': len(added), 'ids': [message.id for message in added]})
    except ApiError as error:
        handler.send(error.status, {'success': False, 'errors': [error.error], 'messages': [], 'result': None})
    return True
