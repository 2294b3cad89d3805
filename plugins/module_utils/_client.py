# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Cloudflare API client: session, auth, retries, envelope, errors, pagination.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import time
import typing as t
from urllib.parse import urljoin, urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3 import exceptions as urllib3_exceptions
    from urllib3.util.retry import Retry
except ImportError as import_error:  # pragma: no cover - exercised by ansible-test's import sanity test
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR: t.Optional[ImportError] = import_error
    # Lets the class below be defined; it is never instantiated without requests.
    Retry = object  # type: ignore[misc,assignment]
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = '1.0.0'
USER_AGENT = f'edgeops.cloudflare/{COLLECTION_VERSION} (Ansible collection)'
DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4'

_TAG = re.compile(r'<[^>]*>')
BODY_SHOWN = 120  # characters of an unusable answer's body that a message quotes
# The connections the client keeps open, and so the requests it has in flight at once: the account module reads its
# eight resources at once, in one round trip.
POOL_SIZE = 8
RETRY_AFTER_CAP = 60.0  # seconds; Cloudflare's own SDKs honour Retry-After up to a minute
BACKOFF_FACTOR = 0.5
BACKOFF_MAX = 8.0
POLL_INTERVAL = 1.0  # seconds between polls of a 202's Location that names no Retry-After
RETRY_STATUSES = (429, 500, 502, 503, 504)  # as the official SDKs: 429 and 5xx
# PATCH bodies carry absolute values, so repeating one is harmless; POST is handled by ``create``.
RETRYABLE_METHODS = frozenset(('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'))


class CloudflareError(Exception):
    """A failed API call, with everything ``fail_json`` needs."""

    def __init__(self, message: str, method: str = '', path: str = '', status: t.Optional[int] = None,
                 errors: t.Optional[list] = None) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.status = status
        self.errors = errors or []

    @property
    def may_have_been_applied(self) -> bool:
        """True when the server may have acted although no success answer arrived."""
        return self.status is None or self.status >= 500

    def fail_kwargs(self) -> dict:
        return {'msg': str(self), 'status': self.status, 'method': self.method, 'path': self.path,
                'errors': self.errors}


class Accepted(CloudflareError):
    """HTTP 202: the API accepted the request and answers later at ``location`` (a path under the base URL)."""

    def __init__(self, method: str, path: str, location: str, retry_after: t.Optional[float]) -> None:
        super().__init__(f'{method} {path} failed: HTTP 202 (the API answers later at its Location; this call does '
                         'not poll)', method, path, 202)
        self.location = location
        self.retry_after = retry_after


class _CloudflareRetry(Retry):
    """urllib3's Retry with Cloudflare's rules: a capped Retry-After and a 429 retried for any method.

    A 429 means the request was refused before it was processed, so repeating even a POST is safe.
    """

    # pylint: disable=no-member  # pylint also sees the ``object`` stand-in for Retry above

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if status_code == 429 and self.total:
            return True
        return super().is_retry(method, status_code, has_retry_after)

    def get_retry_after(self, response: t.Any) -> t.Optional[float]:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, RETRY_AFTER_CAP)

    def get_backoff_time(self) -> float:
        return min(super().get_backoff_time(), BACKOFF_MAX)


class Envelope(dict):
    """Cloudflare's envelope of an answer, with the HTTP status and the first bytes of the body it came in (for the
    message when its content turns out to be unusable)."""

    def __init__(self, envelope: t.Mapping[str, t.Any], status: int, head: bytes) -> None:
        super().__init__(envelope)
        self.status = status
        self.head = head


def _error_detail(errors: t.Sequence[t.Mapping[str, t.Any]]) -> str:
    return '; '.join(f"[{error.get('code', '?')}] {error.get('message', '')}" for error in errors)


class Client:
    """One HTTP session to the Cloudflare API v4."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, api_token: t.Optional[str] = None,
                 api_key: t.Optional[str] = None, api_email: t.Optional[str] = None, timeout: float = 30,
                 validate_certs: bool = True, max_retries: int = 5) -> None:
        self.base_url = base_url.rstrip('/')
        # Set when the run has failed elsewhere (one of the concurrent reads of email_security_settings, say): the
        # other threads stop at their next page or retry instead of running on. Waits use ``cancelled.wait()``.
        self.cancelled = threading.Event()
        self.timeout = timeout
        self.max_retries = max_retries
        self.session = requests.Session()
        self.session.verify = validate_certs
        self.session.headers['User-Agent'] = USER_AGENT
        if api_token:
            self.session.headers['Authorization'] = f'Bearer {api_token}'
        else:
            self.session.headers['X-Auth-Email'] = api_email or ''
            self.session.headers['X-Auth-Key'] = api_key or ''
        retry = _CloudflareRetry(
            # other=0: TLS failures (an untrusted certificate) and the like do not get better with retries.
            total=max_retries, other=0, status_forcelist=RETRY_STATUSES, allowed_methods=RETRYABLE_METHODS,
            backoff_factor=BACKOFF_FACTOR, respect_retry_after_header=True, raise_on_status=False,
        )
        # One keep-alive pool, large enough for the concurrent reads of a whole account (email_security_settings).
        adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=POOL_SIZE)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)

    def request(self, method: str, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None,
                body: t.Optional[t.Any] = None) -> dict:
        """Send one request (urllib3 retries it where safe) and return Cloudflare's whole envelope."""
        try:
            response = self.session.request(method, self.base_url + path, params=params, json=body,
                                            timeout=self.timeout)
        except requests.exceptions.SSLError as error:
            raise CloudflareError(f'{method} {path} failed: TLS error (set validate_certs or trust the CA through '
                                  f'REQUESTS_CA_BUNDLE): {_reason(error)}', method, path) from None
        except requests.exceptions.RequestException as error:
            if _is_timeout(error):
                raise CloudflareError(f'{method} {path} failed: no answer within timeout={self.timeout}s '
                                      f'({self._attempts(method)} attempt(s))', method, path) from None
            raise CloudflareError(f'{method} {path} failed: connection error: {_reason(error)}', method, path) from None
        if response.status_code == 202:  # not an answer yet (a slow search): ``get_polled`` follows it
            raise self._accepted(method, path, response)
        return self._envelope(method, path, response)

    def _attempts(self, method: str) -> int:
        return self.max_retries + 1 if method in RETRYABLE_METHODS else 1

    @staticmethod
    def _envelope(method: str, path: str, response: t.Any) -> Envelope:
        status = response.status_code
        try:
            envelope = response.json()
        except ValueError:
            snippet = ' '.join(_TAG.sub(' ', response.text).split())[:BODY_SHOWN]
            content_type = response.headers.get('Content-Type', 'no content type')
            raise CloudflareError(f'{method} {path} failed: HTTP {status} with a body that is not JSON ({content_type}): '
                                  f'{snippet}', method, path, status) from None
        if not isinstance(envelope, dict):
            raise CloudflareError(f'{method} {path} failed: HTTP {status} with an unexpected JSON body (not an object): '
                                  f'{_head(response.content)}', method, path, status)
        if status >= 400 or not envelope.get('success', False):
            errors = envelope.get('errors') or []
            if not _objects(errors):  # a proxy's or a broken edge's answer, not Cloudflare's
                raise CloudflareError(f'{method} {path} failed: HTTP {status} with an error answer whose "errors" is not '
                                      f'a list of objects: {_head(response.content)}', method, path, status)
            detail = _error_detail(errors) or response.reason or 'no error detail'
            raise CloudflareError(f'{method} {path} failed: HTTP {status}: {detail}', method, path, status, errors)
        return Envelope(envelope, status, response.content[:BODY_SHOWN * 2])

    def call(self, method: str, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None,
             body: t.Optional[t.Any] = None) -> t.Any:
        """Send one request and return its ``result``."""
        return self.request(method, path, params=params, body=body).get('result')

    def read_object(self, path: str) -> dict:
        """GET one object; ``CloudflareError`` when the result is not an object (a plan is never made from one)."""
        envelope = self.request('GET', path)
        found = envelope.get('result')
        if not isinstance(found, dict):
            raise _unusable(path, envelope, f'the result is a {type(found).__name__}, not an object')
        return found

    def paginate(self, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None, per_page: int = 1000) -> list:
        """Every item of a list endpoint, checked against ``result_info.total_count``.

        A read that does not add up (a short page while the total says more, a total that changes between pages,
        more items than the total or an item twice) is read again once; if it still does not add up, the read
        fails: a plan made from it would create what exists already, or miss what it should delete.
        """
        problem = ''
        for _attempt in range(2):
            items, problem = self._read_pages(path, params, per_page)
            if not problem:
                return items
        raise CloudflareError(f'GET {path} failed: the list does not add up, twice: {problem}. Nothing was changed; '
                              'run again (a proxy or a cap between here and the API can cause this)', 'GET', path)

    def _read_pages(self, path: str, params: t.Optional[t.Mapping[str, t.Any]], per_page: int) -> tuple[list, str]:
        """One pass over the pages: the items, and what does not add up about them ('' when they do)."""
        items: list[dict] = []
        seen: set[t.Any] = set()  # the identities of the items read (their ids)
        first_total: t.Optional[int] = None
        page = 1
        while True:
            if self.cancelled.is_set():
                raise CloudflareError(f'GET {path} stopped at page {page}: another part of the run failed', 'GET', path)
            envelope = self.request('GET', path, params=dict(params or {}, page=page, per_page=per_page))
            batch = _list_result(envelope, path, page)
            before = len(seen)
            seen.update(_identity(item) for item in batch)
            items.extend(batch)
            if batch and len(seen) == before:  # a server or proxy that ignores ``page`` would serve it for ever
                return items, f'page {page} brought nothing new (the objects of earlier pages again)'
            info = envelope.get('result_info') or {}
            served_per_page = _as_int(info.get('per_page')) or per_page
            total = _as_int(info.get('total_count'))
            short = not batch or len(batch) < served_per_page
            if total is None:  # no total to check against: the contract's other stop, a short or empty page
                if short:
                    return items, _repeats(items, seen)
                page += 1
                continue
            if first_total is None:
                first_total = total
            elif total != first_total:
                return items, f'total_count changed from {first_total} to {total} between pages'
            if len(items) >= total:
                return items, _overcount(items, seen, total)
            if short:
                return items, (f'page {page} held {len(batch)} objects where per_page is {served_per_page}, '
                               f'and total_count says {total}: {len(items)} of {total} read')
            page += 1

    def _accepted(self, method: str, path: str, response: t.Any) -> CloudflareError:
        """What a 202 answer means: ``Accepted`` with where to poll, or an error when it names no place under the
        base URL (the credentials are never sent elsewhere)."""
        location = response.headers.get('Location')
        if not location:
            return CloudflareError(f'{method} {path} failed: HTTP 202 without a Location to poll', method, path, 202)
        url = urljoin(response.url or self.base_url + path, location)
        base = urlsplit(self.base_url)
        target = urlsplit(url)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc) or not target.path.startswith(base.path + '/'):
            return CloudflareError(f'{method} {path} failed: HTTP 202 with a Location outside the API '
                                   f'({target.scheme}://{target.netloc}{target.path}): not followed', method, path, 202)
        polled = target.path[len(base.path):] + (f'?{target.query}' if target.query else '')
        return Accepted(method, path, polled, _poll_delay(response.headers.get('Retry-After')))

    def get_polled(self, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None,
                   wait: t.Optional[float] = None) -> dict:
        """GET ``path`` and return the envelope; a 202 answer (the API still works on it) is followed: its
        ``Location`` is polled, after ``Retry-After`` (1 s without one), until an ordinary answer, for at most
        ``wait`` seconds (default: ``timeout``)."""
        wait = self.timeout if wait is None else wait
        deadline = time.monotonic() + wait
        target, query = path, params
        while True:
            try:
                return self.request('GET', target, params=query)
            except Accepted as accepted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CloudflareError(f'GET {path} failed: HTTP 202 (the API still works on it) and no answer '
                                          f'within {wait:g}s of polling its Location', 'GET', path, 202) from None
                if self.cancelled.wait(min(accepted.retry_after or POLL_INTERVAL, remaining)):
                    raise CloudflareError(f'GET {path} failed: cancelled', 'GET', path) from None
                target, query = accepted.location, None

    def cursor_pages(self, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None, per_page: int = 1000,
                     wait: t.Optional[float] = None) -> t.Iterator[tuple[list, bool]]:
        """The pages of a cursor-paged list, one request each, as ``(items, more)``: ``result_info.next`` is sent back
        as ``cursor`` with the same filters and ``per_page`` until it is absent, null or empty (``more`` is false on
        that last page; stop iterating and no further request is sent). A page may be short and still have a next.
        A cursor that comes twice stops the read with an error (a page would be read twice)."""
        seen: set[str] = set()
        cursor: t.Optional[str] = None
        while True:
            query = dict(params or {}, per_page=per_page)
            if cursor:
                query['cursor'] = cursor
            envelope = self.get_polled(path, query, wait)
            batch = _list_result(envelope, path)
            info = envelope.get('result_info')
            following = info.get('next') if isinstance(info, dict) else None
            cursor = str(following) if following else None
            if cursor is not None and cursor in seen:
                raise CloudflareError(f'GET {path} failed: the API sent the same cursor twice; stopped rather than read '
                                      'a page again', 'GET', path)
            yield batch, cursor is not None
            if cursor is None:
                return
            seen.add(cursor)

    def pages_until_short(self, path: str, params: t.Optional[t.Mapping[str, t.Any]] = None,
                          per_page: int = 1000) -> list:
        """Every item of a ``page``/``per_page`` list whose ``total_count`` means nothing (always 0, as the bulk
        job lists): pages are read until a short or empty one."""
        items: list[t.Any] = []
        for page in itertools.count(1):
            batch = _list_result(self.request('GET', path, params=dict(params or {}, page=page, per_page=per_page)), path)
            items.extend(batch)
            if len(batch) < per_page:
                break
        return items

    def create(self, path: str, body: t.Any, find_existing: t.Callable[[], t.Optional[dict]]) -> dict:
        """POST ``body``; never repeat it blindly.

        When the answer is lost (5xx, timeout, dropped connection) the object may exist already:
        ``find_existing`` looks it up, and only when it is not there is the POST sent again.
        """
        attempt = 0
        while True:
            try:
                return self.call('POST', path, body=body)
            except CloudflareError as error:
                if not error.may_have_been_applied:
                    raise
                existing = find_existing()
                if existing is not None:
                    return existing
                attempt += 1
                if attempt > self.max_retries:
                    raise
                time.sleep(min(BACKOFF_FACTOR * 2 ** (attempt - 1), BACKOFF_MAX))


def _list_result(envelope: t.Mapping[str, t.Any], path: str, page: t.Optional[int] = None) -> list[dict]:
    """The objects of a list read's answer (null counts as empty); ``CloudflareError`` when the result is anything but
    a list of objects (the answer of a proxy or a broken edge): a plan is never made from one."""
    batch = envelope.get('result')
    if batch is None:
        return []
    where = f'page {page}: ' if page else ''
    if not isinstance(batch, list):
        raise _unusable(path, envelope, f'{where}the result is a {type(batch).__name__}, not a list')
    odd = next((index for index, item in enumerate(batch) if not isinstance(item, dict)), None)
    if odd is not None:
        raise _unusable(path, envelope, f'{where}item {odd} of the result is a {type(batch[odd]).__name__}, not an '
                                        'object')
    return batch


def _poll_delay(value: t.Optional[str]) -> t.Optional[float]:
    """Retry-After in seconds (whole seconds; an HTTP date or garbage counts as absent), capped."""
    try:
        seconds = float(value or '')
    except ValueError:
        return None
    return None if math.isnan(seconds) else min(max(seconds, 0.0), RETRY_AFTER_CAP)


def _as_int(value: t.Any) -> t.Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _overcount(items: t.Sequence[dict], seen: t.Collection[t.Any], total: int) -> str:
    """What is wrong with a read that reached ``total`` ('' when nothing): more items than the total, or repeats."""
    if len(items) > total:
        return f'{len(items)} objects read where total_count says {total}'
    return _repeats(items, seen)


def _repeats(items: t.Sequence[dict], seen: t.Collection[t.Any]) -> str:
    """'' unless an object came twice across the pages (a plan would take it for two, and prune one of them)."""
    if len(seen) < len(items):
        return f'{len(items) - len(seen)} object(s) came twice across the pages'
    return ''


def _identity(item: dict) -> t.Any:
    """What tells the objects of a list apart: the id (the whole object for one without)."""
    object_id = item.get('id')
    return object_id if object_id is not None else json.dumps(item, sort_keys=True, default=str)


def _unusable(path: str, envelope: t.Mapping[str, t.Any], what: str) -> CloudflareError:
    status = getattr(envelope, 'status', None)  # an Envelope's: see ``Client._envelope``
    return CloudflareError(f'GET {path} failed: HTTP {status} with an answer that cannot be read ({what}): '
                           f"{_head(getattr(envelope, 'head', b''))}", 'GET', path, status)


def _objects(errors: t.Any) -> bool:
    return isinstance(errors, list) and all(isinstance(error, dict) for error in errors)


def _head(content: bytes) -> str:
    """The first characters of a body, on one line, for a message."""
    return ' '.join(content.decode('utf-8', 'replace').split())[:BODY_SHOWN]


def _is_timeout(error: Exception) -> bool:
    """True for a timeout, also when urllib3 wrapped it once its retries ran out."""
    if isinstance(error, requests.exceptions.Timeout):
        return True
    reason = getattr(error.args[0] if error.args else None, 'reason', None)
    if isinstance(reason, urllib3_exceptions.NewConnectionError):  # a subclass of ConnectTimeoutError
        return False
    return isinstance(reason, (TimeoutError, urllib3_exceptions.TimeoutError))


def _reason(error: Exception) -> str:
    """The innermost cause of a requests exception, without urllib3's pool boilerplate."""
    reason = error.args[0] if error.args else error
    reason = getattr(reason, 'reason', reason)  # MaxRetryError carries the last cause
    return str(reason)
