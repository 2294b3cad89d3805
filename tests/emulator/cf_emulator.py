# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stateful local emulator of Cloudflare's Email Security domains API (standard library only).

Run it:  python3 tests/emulator/cf_emulator.py [--port 0] [--port-file FILE]
It serves http://127.0.0.1:PORT/client/v4 (the API) and http://127.0.0.1:PORT/__emulator (control).

Where a real server can make a client's life hard, it does: lists come back in another order than
sent, CIDRs in canonical form (a bare address gains /32 or /128), host names lower-cased, and
``status`` in lower or upper case (configurable).

Control endpoints (JSON; never logged, never authenticated):
  GET    /__emulator/requests          the request log (method, path, query, body, auth kind, status, fault)
  DELETE /__emulator/requests          clear the log
  POST   /__emulator/reset             forget every domain, fault and log entry; body: optional config
  POST   /__emulator/config            {"status_case": "lower"|"upper", "tokens": [...], "keys": {email: key},
                                        "accounts": [...]}
  POST   /__emulator/faults            append faults: [{"kind": ..., "method": ..., "path": regex, "times": n,
                                        "skip": n (matching requests let through first), ...}]
  POST   /__emulator/domains           seed domains directly: {"account_id": ..., "domains": [create bodies]}
  GET    /__emulator/domains           every stored domain, by account

Fault kinds: "status" (a JSON error with "status", optional "retry_after" and "errors"), "html" (an HTML
page, status 502 by default), "drop" (close the connection without an answer), "slow" (answer after
"delay" seconds), "lost" (process the request, then close the connection without an answer),
"unsuccessful" (HTTP 200 with success false and "errors"), "partial" (a batch call that carries out its
first "after" operations, then fails the next one with "status" (400 by default) and "message"), "barrier"
(hold each matching request until "count" of them arrived, then answer them all: concurrent clients all read
before any writes; give "times" = "count").
"""

from __future__ import annotations

import argparse
import copy
import datetime
import ipaddress
import json
import re
import socket
import sys
import threading
import time
import typing as t
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

API_PREFIX = '/client/v4'
DEFAULT_ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353'
DEFAULT_TOKEN = 'emulator-token'
DEFAULT_EMAIL = 'user@example.com'
DEFAULT_KEY = 'emulator-global-key'

DELIVERY_MODES = ('DIRECT', 'BCC', 'JOURNAL', 'API', 'RETRO_SCAN')
DROP_DISPOSITIONS = ('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL',
                     'UNKNOWN', 'NONE')
REGIONS = ('GLOBAL', 'AU', 'DE', 'IN', 'US')
FOLDERS = ('AllItems', 'Inbox')
REQUIRED_ON_CREATE = ('domain', 'allowed_delivery_modes', 'drop_dispositions', 'ip_restrictions', 'regions')
EDITABLE = ('allowed_delivery_modes', 'drop_dispositions', 'regions', 'ip_restrictions', 'folder', 'integration_id',
            'lookback_hops', 'require_tls_inbound', 'require_tls_outbound', 'transport')
MAX_PER_PAGE = 1000

DOMAINS_PATH = re.compile(r'^/accounts/(?P<account>[^/]+)/email-security/settings/domains(?:/(?P<rest>[^/]+))?/?$')


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str, pointer: t.Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = {'code': code, 'message': message}
        if pointer:
            self.error['source'] = {'pointer': pointer}


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _hostname(value: str) -> str:
    return value.strip().rstrip('.').lower()


def _canonical_cidr(value: str) -> str:
    return str(ipaddress.ip_network(value.strip(), strict=False))


def _server_order(values: t.Iterable[str]) -> list:
    """Deduplicated, in an order a client did not ask for (reverse sorted)."""
    return sorted(set(values), reverse=True)


class Validator:
    """The API's own input checks, so a client bug shows as the API error it would get."""

    @staticmethod
    def _enum_list(name: str, value: t.Any, choices: t.Sequence[str]) -> list:
        if not isinstance(value, list):
            raise ApiError(400, 1001, '%s must be an array' % name, '/%s' % name)
        for item in value:
            if item not in choices:
                raise ApiError(400, 1002, '%s: %r is not one of %s' % (name, item, ', '.join(choices)), '/%s' % name)
        return _server_order(value)

    def field(self, name: str, value: t.Any) -> t.Any:
        if name == 'allowed_delivery_modes':
            return self._enum_list(name, value, DELIVERY_MODES)
        if name == 'drop_dispositions':
            return self._enum_list(name, value, DROP_DISPOSITIONS)
        if name == 'regions':
            return self._enum_list(name, value, REGIONS)
        if name == 'ip_restrictions':
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ApiError(400, 1001, 'ip_restrictions must be an array of strings', '/ip_restrictions')
            try:
                return _server_order(_canonical_cidr(item) for item in value)
            except ValueError as error:
                raise ApiError(400, 1003, 'ip_restrictions: %s' % error, '/ip_restrictions')
        if name == 'folder':
            if value is not None and value not in FOLDERS:
                raise ApiError(400, 1002, 'folder: %r is not one of %s' % (value, ', '.join(FOLDERS)), '/folder')
            return value
        if name == 'integration_id':
            if value is not None and not isinstance(value, str):
                raise ApiError(400, 1001, 'integration_id must be a string', '/integration_id')
            return value
        if name == 'lookback_hops':
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
                raise ApiError(400, 1004, 'lookback_hops must be an integer from 1 to 20', '/lookback_hops')
            return value
        if name in ('require_tls_inbound', 'require_tls_outbound'):
            if not isinstance(value, bool):
                raise ApiError(400, 1001, '%s must be a boolean' % name, '/%s' % name)
            return value
        if name in ('transport', 'domain'):
            if not isinstance(value, str) or not value.strip():
                raise ApiError(400, 1001, '%s must be a non-empty string' % name, '/%s' % name)
            return _hostname(value)
        raise ApiError(400, 1005, 'unknown field %r' % name, '/%s' % name)

    def body(self, body: t.Any, allowed: t.Iterable[str], required: t.Iterable[str] = ()) -> dict:
        """The validated, server-normalised fields of ``body`` (an ``id`` member is left out)."""
        if not isinstance(body, dict):
            raise ApiError(400, 1000, 'the request body must be a JSON object')
        unknown = sorted(set(body) - set(allowed) - {'id'})
        if unknown:
            raise ApiError(400, 1005, 'unknown field(s): %s' % ', '.join(unknown), '/%s' % unknown[0])
        missing = [name for name in required if name not in body]
        if missing:
            raise ApiError(400, 1006, 'missing required field(s): %s' % ', '.join(missing))
        return {name: self.field(name, value) for name, value in body.items() if name != 'id'}


class Emulator:
    """The API's state and rules; thread-safe."""

    def __init__(self, status_case: str = 'lower', token: str = DEFAULT_TOKEN, email: str = DEFAULT_EMAIL,
                 key: str = DEFAULT_KEY) -> None:
        self.lock = threading.RLock()
        self.validator = Validator()
        self.credentials = (token, email, key)  # what a reset goes back to
        self.reset({'status_case': status_case})

    # control -------------------------------------------------------------------------------------
    def reset(self, config: t.Optional[dict] = None) -> None:
        with self.lock:
            self.accounts = {DEFAULT_ACCOUNT: {}}  # type: dict[str, dict[str, dict]]
            token, email, key = self.credentials
            self.tokens = {token}
            self.keys = {email: key}
            self.status_case = 'lower'
            self.faults = []  # type: list[dict]
            self.batch_failure = None  # type: t.Optional[dict]
            self.log = []  # type: list[dict]
            self.configure(config or {})

    def configure(self, config: dict) -> None:
        with self.lock:
            if 'status_case' in config:
                self.status_case = config['status_case']
            if 'tokens' in config:
                self.tokens = set(config['tokens'])
            if 'keys' in config:
                self.keys = dict(config['keys'])
            for account in config.get('accounts', ()):
                self.accounts.setdefault(account, {})

    def add_faults(self, faults: list) -> None:
        with self.lock:
            for fault in faults:
                fault = dict(fault)
                fault.setdefault('times', 1)
                self.faults.append(fault)

    def take_fault(self, method: str, path: str) -> t.Optional[dict]:
        with self.lock:
            for fault in self.faults:
                if fault['times'] <= 0:
                    continue
                if fault.get('method') and fault['method'].upper() != method:
                    continue
                if fault.get('path') and not re.search(fault['path'], path):
                    continue
                if fault.get('skip', 0) > 0:  # let this many matching requests through first
                    fault['skip'] -= 1
                    continue
                fault['times'] -= 1
                return fault
        return None

    def seed(self, account: str, bodies: list) -> list:
        with self.lock:
            return [self.create(account, body) for body in bodies]

    # API -----------------------------------------------------------------------------------------
    def authenticate(self, headers: t.Mapping[str, str], account: str) -> None:
        authorization = headers.get('Authorization')
        if authorization:
            if not authorization.startswith('Bearer ') or authorization[7:] not in self.tokens:
                raise ApiError(401, 10000, 'Authentication error')
        elif headers.get('X-Auth-Key') or headers.get('X-Auth-Email'):
            if self.keys.get(headers.get('X-Auth-Email', '')) != headers.get('X-Auth-Key'):
                raise ApiError(401, 10000, 'Authentication error')
        else:
            raise ApiError(401, 10000, 'Authentication error')
        if account not in self.accounts:
            raise ApiError(403, 9109, 'Unauthorized to access requested resource')

    def public(self, stored: dict) -> dict:
        shown = copy.deepcopy(stored)
        shown['status'] = shown['status'].upper() if self.status_case == 'upper' else shown['status'].lower()
        return shown

    def _get(self, account: str, domain_id: str) -> dict:
        try:
            return self.accounts[account][domain_id]
        except KeyError:
            raise ApiError(404, 1551, 'domain %s not found' % domain_id)

    def _check_unique(self, account: str, name: str, except_id: t.Optional[str] = None) -> None:
        for stored in self.accounts[account].values():
            if stored['domain'] == name and stored['id'] != except_id:
                raise ApiError(409, 1009, 'domain %s is already protected' % name, '/domain')

    def create(self, account: str, body: t.Any) -> dict:
        values = self.validator.body(body, EDITABLE + ('domain',), REQUIRED_ON_CREATE)
        with self.lock:
            self._check_unique(account, values['domain'])
            now = _now()
            stored = {
                'id': str(uuid.uuid4()),
                'domain': values['domain'],
                'allowed_delivery_modes': [], 'drop_dispositions': [], 'regions': [], 'ip_restrictions': [],
                'folder': None, 'integration_id': None, 'lookback_hops': 1,
                'require_tls_inbound': False, 'require_tls_outbound': False, 'transport': values['domain'],
                'authorization': {'authorized': True, 'timestamp': now, 'status_message': None},
                'created_at': now, 'modified_at': now, 'last_modified': now,
                'dmarc_status': 'none', 'spf_status': 'none', 'status': 'active',
                'emails_processed': {'timestamp': now, 'total_emails_processed': 0,
                                     'total_emails_processed_previous': 0},
                'inbox_provider': None, 'o365_tenant_id': None,
            }
            stored.update(values)
            self.accounts[account][stored['id']] = stored
            return self.public(stored)

    def patch(self, account: str, domain_id: str, body: t.Any) -> dict:
        values = self.validator.body(body, EDITABLE + ('domain',))
        with self.lock:
            stored = self._get(account, domain_id)
            if 'domain' in values:
                self._check_unique(account, values['domain'], domain_id)
            stored.update(values)
            stored['modified_at'] = stored['last_modified'] = _now()
            return self.public(stored)

    def put(self, account: str, domain_id: str, body: t.Any) -> dict:
        values = self.validator.body(body, EDITABLE, REQUIRED_ON_CREATE[1:])
        with self.lock:
            stored = self._get(account, domain_id)
            for name in ('folder', 'integration_id'):
                stored[name] = None
            stored.update(values)
            stored['modified_at'] = stored['last_modified'] = _now()
            return self.public(stored)

    def delete(self, account: str, domain_id: str) -> dict:
        with self.lock:
            self._get(account, domain_id)
            del self.accounts[account][domain_id]
            return {'id': domain_id}

    def get(self, account: str, domain_id: str) -> dict:
        with self.lock:
            return self.public(self._get(account, domain_id))

    def select(self, account: str, query: t.Mapping[str, list]) -> list:
        names = {_hostname(name) for name in query.get('domain', [])}
        with self.lock:
            found = list(self.accounts[account].values())
        if names:
            found = [stored for stored in found if stored['domain'] in names]
        for key, field in (('allowed_delivery_mode', 'allowed_delivery_modes'),
                           ('active_delivery_mode', 'allowed_delivery_modes')):
            if key in query:
                found = [stored for stored in found if query[key][0] in stored[field]]
        if 'status' in query:
            found = [stored for stored in found if stored['status'].lower() == query['status'][0].lower()]
        if 'integration_id' in query:
            found = [stored for stored in found if stored['integration_id'] == query['integration_id'][0]]
        if 'search' in query:
            found = [stored for stored in found if query['search'][0].lower() in stored['domain']]
        order = query.get('order', ['created_at'])[0]
        if order not in ('domain', 'created_at'):
            raise ApiError(400, 1007, 'order must be domain or created_at')
        direction = query.get('direction', ['asc'])[0]
        if direction not in ('asc', 'desc'):
            raise ApiError(400, 1007, 'direction must be asc or desc')
        return sorted(found, key=lambda stored: stored[order], reverse=direction == 'desc')

    def list(self, account: str, query: t.Mapping[str, list]) -> tuple:
        try:
            page = int(query.get('page', ['1'])[0])
            per_page = int(query.get('per_page', ['20'])[0])
        except ValueError:
            raise ApiError(400, 1007, 'page and per_page must be integers')
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise ApiError(400, 1007, 'per_page must be from 1 to %d and page at least 1' % MAX_PER_PAGE)
        found = self.select(account, query)
        chunk = found[(page - 1) * per_page:page * per_page]
        info = {'page': page, 'per_page': per_page, 'count': len(chunk), 'total_count': len(found)}
        return [self.public(stored) for stored in chunk], info

    def bulk_delete(self, account: str, query: t.Mapping[str, list]) -> tuple:
        with self.lock:
            gone = [self.delete(account, stored['id']) for stored in self.select(account, query)]
        return gone, {'page': 1, 'per_page': len(gone), 'count': len(gone), 'total_count': len(gone)}

    def batch(self, account: str, body: t.Any) -> dict:
        """deletes -> patches -> puts -> posts, in order; the first failing operation stops the rest."""
        if not isinstance(body, dict):
            raise ApiError(400, 1000, 'the request body must be a JSON object')
        for key in ('deletes', 'patches', 'puts', 'posts'):
            if not isinstance(body.get(key), list):
                raise ApiError(400, 1006, '%s is required (an array; send [] when unused)' % key, '/%s' % key)
        done = {'deletes': [], 'patches': [], 'puts': [], 'posts': []}  # type: dict[str, list]
        with self.lock:
            failure, self.batch_failure = self.batch_failure, None
            for key, operation in (('deletes', self.delete), ('patches', self.patch), ('puts', self.put)):
                for index, item in enumerate(body[key]):
                    if not isinstance(item, dict) or not isinstance(item.get('id'), str):
                        raise ApiError(400, 1006, '%s[%d].id is required' % (key, index), '/%s/%d/id' % (key, index))
                    args = (account, item['id']) if key == 'deletes' else (account, item['id'], item)
                    done[key].append(self._batch_step(key, index, operation, args, failure, done))
            for index, item in enumerate(body['posts']):
                done['posts'].append(self._batch_step('posts', index, self.create, (account, item), failure, done))
        return done

    @staticmethod
    def _batch_step(key: str, index: int, operation: t.Callable, args: tuple, failure: t.Optional[dict],
                    done: dict) -> dict:
        try:
            if failure is not None and sum(len(results) for results in done.values()) >= int(failure.get('after', 0)):
                raise ApiError(int(failure.get('status', 400)), 1010, failure.get('message', 'emulated failure'))
            return operation(*args)
        except ApiError as error:
            raise ApiError(error.status, error.error['code'], '%s[%d]: %s' % (key, index, error.error['message']),
                           '/%s/%d' % (key, index))


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'cf-emulator/1'
    emulator = None  # type: Emulator

    def log_message(self, format: str, *args: t.Any) -> None:  # noqa: A002 - the base class names it so
        pass

    def do_GET(self) -> None:
        self._dispatch('GET')

    def do_POST(self) -> None:
        self._dispatch('POST')

    def do_PATCH(self) -> None:
        self._dispatch('PATCH')

    def do_PUT(self) -> None:
        self._dispatch('PUT')

    def do_DELETE(self) -> None:
        self._dispatch('DELETE')

    # plumbing ------------------------------------------------------------------------------------
    def _read_body(self) -> t.Any:
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length) if length else b''
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ApiError(400, 1000, 'the request body is not valid JSON')

    def _send(self, status: int, payload: t.Any, headers: t.Optional[dict] = None,
              content_type: str = 'application/json') -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header('Content-Type', content_type)
            self.send_header('Content-Length', str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. its timeout)
            self.close_connection = True

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    @staticmethod
    def _envelope(result: t.Any, info: t.Optional[dict] = None) -> dict:
        envelope = {'success': True, 'errors': [], 'messages': [], 'result': result}
        if info is not None:
            envelope['result_info'] = info
        return envelope

    @staticmethod
    def _failure(errors: list) -> dict:
        return {'success': False, 'errors': errors, 'messages': [], 'result': None}

    def _dispatch(self, method: str) -> None:
        split = urlsplit(self.path)
        if split.path.startswith('/__emulator'):
            self._control(method, split.path, self._read_body())
            return
        entry = {'method': method, 'path': split.path, 'query': parse_qs(split.query), 'body': None,
                 'auth': self._auth_kind(), 'user_agent': self.headers.get('User-Agent'), 'status': None,
                 'fault': None, 'time': time.time()}
        with self.emulator.lock:
            self.emulator.log.append(entry)
        try:
            entry['body'] = self._read_body()
        except ApiError as error:
            entry['status'] = error.status
            self._send(error.status, self._failure([error.error]))
            return
        fault = self.emulator.take_fault(method, split.path)
        if fault:
            entry['fault'] = fault['kind']
            if self._apply_fault(fault, entry, method, split, entry['body']):
                return
        status, payload = self._answer(method, split, entry['body'])
        entry['status'] = status
        self._send(status, payload)

    def _auth_kind(self) -> str:
        if self.headers.get('Authorization'):
            return 'token'
        if self.headers.get('X-Auth-Key'):
            return 'key'
        return 'none'

    def _apply_fault(self, fault: dict, entry: dict, method: str, split: t.Any, body: t.Any) -> bool:
        """Act out a fault; True when the request is answered (or dropped) by it."""
        kind = fault['kind']
        if kind == 'slow':
            time.sleep(float(fault.get('delay', 1)))
            return False
        if kind == 'barrier':  # hold each matching request until "count" of them wait, then answer them all
            with self.emulator.lock:
                barrier = fault.setdefault('_barrier', threading.Barrier(int(fault.get('count', 2))))
            barrier.wait(timeout=float(fault.get('timeout', 10)))
            return False
        if kind == 'partial':
            with self.emulator.lock:
                self.emulator.batch_failure = fault
            return False
        if kind == 'drop':
            self._drop()
            return True
        if kind == 'lost':
            entry['status'] = self._answer(method, split, body)[0]
            self._drop()
            return True
        if kind == 'html':
            entry['status'] = status = int(fault.get('status', 502))
            page = ('<html><head><title>%d Bad Gateway</title></head><body><center><h1>%d Bad Gateway</h1>'
                    '</center><hr><center>cloudflare</center></body></html>' % (status, status)).encode()
            self._send(status, page, content_type='text/html')
            return True
        errors = fault.get('errors') or [{'code': 10429 if fault.get('status') == 429 else 10500,
                                          'message': fault.get('message', 'emulated failure')}]
        if kind == 'unsuccessful':
            entry['status'] = 200
            self._send(200, self._failure(errors))
            return True
        entry['status'] = status = int(fault.get('status', 500))
        headers = {'Retry-After': str(fault['retry_after'])} if 'retry_after' in fault else None
        self._send(status, self._failure(errors), headers)
        return True

    def _answer(self, method: str, split: t.Any, body: t.Any) -> tuple:
        try:
            return 200, self._route(method, split, body)
        except ApiError as error:
            return error.status, self._failure([error.error])

    def _route(self, method: str, split: t.Any, body: t.Any) -> dict:
        path = split.path
        if not path.startswith(API_PREFIX):
            raise ApiError(404, 7003, 'Could not route to %s, perhaps your object identifier is invalid?' % path)
        match = DOMAINS_PATH.match(path[len(API_PREFIX):])
        if not match:
            raise ApiError(404, 7003, 'Could not route to %s, perhaps your object identifier is invalid?' % path)
        account = unquote(match.group('account'))
        rest = match.group('rest')
        query = parse_qs(split.query)
        emulator = self.emulator
        emulator.authenticate(self.headers, account)
        if rest is None:
            if method == 'GET':
                return self._envelope(*emulator.list(account, query))
            if method == 'POST':
                return self._envelope(emulator.create(account, body))
            if method == 'DELETE':
                return self._envelope(*emulator.bulk_delete(account, query))
        elif rest == 'batch' and method == 'POST':
            return self._envelope(emulator.batch(account, body))
        else:
            domain_id = unquote(rest)
            if method == 'GET':
                return self._envelope(emulator.get(account, domain_id))
            if method == 'PATCH':
                return self._envelope(emulator.patch(account, domain_id, body))
            if method == 'PUT':
                return self._envelope(emulator.put(account, domain_id, body))
            if method == 'DELETE':
                return self._envelope(emulator.delete(account, domain_id))
        raise ApiError(405, 10405, 'method %s not allowed on %s' % (method, path))

    def _control(self, method: str, path: str, body: t.Any) -> None:
        emulator = self.emulator
        what = path[len('/__emulator'):].strip('/')
        with emulator.lock:
            if what == 'requests' and method == 'GET':
                self._send(200, emulator.log)
            elif what == 'requests' and method == 'DELETE':
                emulator.log.clear()
                self._send(200, {'cleared': True})
            elif what == 'reset' and method == 'POST':
                emulator.reset(body or {})
                self._send(200, {'reset': True})
            elif what == 'config' and method == 'POST':
                emulator.configure(body or {})
                self._send(200, {'configured': True})
            elif what == 'faults' and method == 'POST':
                emulator.add_faults(body or [])
                self._send(200, {'faults': len(emulator.faults)})
            elif what == 'domains' and method == 'POST':
                account = (body or {}).get('account_id', DEFAULT_ACCOUNT)
                emulator.accounts.setdefault(account, {})
                try:
                    self._send(200, emulator.seed(account, (body or {}).get('domains', [])))
                except ApiError as error:
                    self._send(error.status, self._failure([error.error]))
            elif what == 'domains' and method == 'GET':
                self._send(200, {account: [emulator.public(stored) for stored in domains.values()]
                                 for account, domains in emulator.accounts.items()})
            else:
                self._send(404, {'error': 'unknown control endpoint %s %s' % (method, path)})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: t.Any, client_address: t.Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a client that hung up (after a "drop" or "lost" fault, say): nothing to report
        super(_Server, self).handle_error(request, client_address)


def make_server(port: int = 0, status_case: str = 'lower', host: str = '127.0.0.1',
                **credentials: str) -> ThreadingHTTPServer:
    """A server bound to ``host`` (loopback) on ``port`` (0: a free one); call ``serve_forever``.

    ``credentials``: ``token``, ``email`` and ``key`` the API accepts (default: the DEFAULT_* ones).
    """
    handler = type('BoundHandler', (Handler,), {'emulator': Emulator(status_case, **credentials)})
    return _Server((host, port), handler)


def serve_tls(server: ThreadingHTTPServer, cert_file: str, key_file: t.Optional[str] = None) -> None:
    """Make ``server`` speak HTTPS with this PEM certificate chain (and key)."""
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)


class Background:
    """An emulator serving from a daemon thread of this process (for tests and benchmarks).

    With ``tls_cert`` (a PEM chain, with its key or ``tls_key``) it serves HTTPS.
    """

    def __init__(self, status_case: str = 'lower', tls_cert: t.Optional[str] = None,
                 tls_key: t.Optional[str] = None) -> None:
        self.server = make_server(0, status_case)
        self.api = self.server.RequestHandlerClass.emulator  # type: Emulator
        scheme = 'http'
        if tls_cert:
            serve_tls(self.server, tls_cert, tls_key)
            scheme = 'https'
        self.url = '%s://127.0.0.1:%d' % (scheme, self.server.server_address[1])
        self.base_url = self.url + API_PREFIX
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: t.Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=0, help='TCP port on 127.0.0.1 (default: a free one)')
    parser.add_argument('--port-file', help='write the chosen port to this file once listening')
    parser.add_argument('--status-case', choices=('lower', 'upper'), default='lower')
    parser.add_argument('--tls-cert', help='serve HTTPS with this PEM certificate chain')
    parser.add_argument('--tls-key', help='the private key of --tls-cert')
    parser.add_argument('--token', default=DEFAULT_TOKEN, help='the API token accepted (default: %(default)s)')
    parser.add_argument('--email', default=DEFAULT_EMAIL, help='the e-mail of the accepted key (default: %(default)s)')
    parser.add_argument('--key', default=DEFAULT_KEY, help='the global API key accepted (default: %(default)s)')
    args = parser.parse_args(argv)
    server = make_server(args.port, args.status_case, token=args.token, email=args.email, key=args.key)
    scheme = 'http'
    if args.tls_cert:
        serve_tls(server, args.tls_cert, args.tls_key)
        scheme = 'https'
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + '.tmp', 'w') as handle:
            handle.write(str(port))
        import os
        os.replace(args.port_file + '.tmp', args.port_file)
    print('cf-emulator listening on %s://127.0.0.1:%d%s (account %s)' % (scheme, port, API_PREFIX, DEFAULT_ACCOUNT),
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
