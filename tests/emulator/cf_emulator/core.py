# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The server core: state, authentication, the generic resource endpoints, the envelope, the request log and
the control endpoints. What is particular to a resource lives in ``resources/<name>.py``."""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
import typing as t
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from . import investigate
from .errors import ApiError
from .faults import FaultInjector, act, failure_envelope
from .mailbox import Mailboxes
from .resource import Resource, Stored, now
from .resources import RESOURCES

API_PREFIX = '/client/v4'
DEFAULT_ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353'
DEFAULT_TOKEN = 'emulator-token'
DEFAULT_EMAIL = 'user@example.com'
DEFAULT_KEY = 'emulator-global-key'
MAX_PER_PAGE = 1000
BATCH_KEYS = ('deletes', 'patches', 'puts', 'posts')

SETTINGS_PATH = re.compile(
    r'^/accounts/(?P<account>[^/]+)/email-security/settings/(?P<resource>[a-z_]+)(?:/(?P<rest>[^/]+))?/?$')


class Emulator:
    """The API's state and rules, for every resource in ``resources``; thread-safe."""

    def __init__(self, status_case: str = 'lower', token: str = DEFAULT_TOKEN, email: str = DEFAULT_EMAIL,
                 key: str = DEFAULT_KEY) -> None:
        self.lock = threading.RLock()
        self.resources: dict[str, Resource] = dict(RESOURCES)
        self.credentials = (token, email, key)  # what a reset goes back to
        self.reset({'status_case': status_case})

    # control -------------------------------------------------------------------------------------
    def reset(self, config: t.Optional[dict[str, t.Any]] = None) -> None:
        with self.lock:
            self.accounts: dict[str, dict[str, dict[str, Stored]]] = {DEFAULT_ACCOUNT: {}}
            token, email, key = self.credentials
            self.tokens = {token}
            self.scoped: dict[str, set[str]] = {}  # token -> the only accounts it may use
            self.keys = {email: key}
            self.config: dict[str, t.Any] = {'status_case': 'lower'}
            self.faults = FaultInjector()
            self.log: list[dict[str, t.Any]] = []
            self.processed = 0  # requests processed since the reset
            self.mailboxes = Mailboxes()  # the investigate API's messages and jobs, by account
            self.configure(config or {})

    def configure(self, config: dict[str, t.Any]) -> None:
        with self.lock:
            if 'tokens' in config:
                self.tokens = set(config['tokens'])
            if 'keys' in config:
                self.keys = dict(config['keys'])
            for account in config.get('accounts', ()):
                self.accounts.setdefault(account, {})
            for token, accounts in config.get('scoped_tokens', {}).items():
                self.tokens.add(token)
                self.scoped[token] = set(accounts)
                for account in accounts:
                    self.accounts.setdefault(account, {})
            self.config.update((name, value) for name, value in config.items()
                               if name not in ('tokens', 'keys', 'accounts', 'scoped_tokens'))

    def add_faults(self, faults: list[dict[str, t.Any]]) -> int:
        return self.faults.add(faults)

    def resource(self, name: str) -> Resource:
        try:
            return self.resources[name]
        except KeyError:
            raise ApiError(404, 7003, f'Could not route to {name}, perhaps your object identifier is invalid?') from None

    def stored(self, account: str, resource: str) -> dict[str, Stored]:
        """The objects of one resource in one account, by id, as stored (changing them changes the state)."""
        with self.lock:
            return self.accounts.setdefault(account, {}).setdefault(resource, {})

    def seed(self, account: str, resource: str, bodies: list[t.Any], raw: bool = False) -> list[Stored]:
        """Create objects as the API would, or with ``raw`` store them as given (legacy rows the API no longer
        accepts, a chosen ``created_at`` or ``id``), with an id and timestamps where they have none."""
        with self.lock:
            self.accounts.setdefault(account, {})
            if not raw:
                return [self.create(account, resource, body) for body in bodies]
            rules, created = self.resource(resource), []
            for body in bodies:
                stored = dict(rules.new(dict(body), now()), **body)
                stored.setdefault('id', str(uuid.uuid4()))
                self.stored(account, resource)[stored['id']] = stored
                created.append(rules.public(stored, self.config))
            return created

    def seed_sample(self, account: str, sample: dict[str, t.Any]) -> dict[str, int]:
        """Seed a whole account: ``{"objects": {resource: [create bodies]}, "raw": {resource: [stored rows]}}``
        (see ``samples/``); returns how many objects each resource got."""
        counts: dict[str, int] = {}
        with self.lock:
            for part, raw in (('objects', False), ('raw', True)):
                for resource, bodies in sample.get(part, {}).items():
                    counts[resource] = counts.get(resource, 0) + len(self.seed(account, resource, bodies, raw))
            if 'mailbox' in sample:  # investigate messages (samples/mailbox.json)
                counts['mailbox'] = len(investigate.seed(self, account, sample['mailbox'], '/mailbox'))
        return counts

    def state(self, resource: str) -> dict[str, list[Stored]]:
        """Every stored object of ``resource``, by account, as the API would show them."""
        rules = self.resource(resource)
        with self.lock:
            return {account: [rules.public(obj, self.config) for obj in self.stored(account, resource).values()]
                    for account in self.accounts}

    # API -----------------------------------------------------------------------------------------
    def authenticate(self, headers: t.Mapping[str, str], account: str) -> None:
        authorization = headers.get('Authorization')
        if authorization:
            token = authorization[7:]
            if not authorization.startswith('Bearer ') or token not in self.tokens:
                raise ApiError(401, 10000, 'Authentication error')
            if token in self.scoped and account not in self.scoped[token]:
                raise ApiError(403, 9109, 'Unauthorized to access requested resource')
        elif headers.get('X-Auth-Key') or headers.get('X-Auth-Email'):
            if self.keys.get(headers.get('X-Auth-Email', '')) != headers.get('X-Auth-Key'):
                raise ApiError(401, 10000, 'Authentication error')
        else:
            raise ApiError(401, 10000, 'Authentication error')
        if account not in self.accounts:
            raise ApiError(403, 9109, 'Unauthorized to access requested resource')

    def _get(self, account: str, resource: str, object_id: str) -> Stored:
        try:
            return self.stored(account, resource)[object_id]
        except KeyError:
            raise ApiError(404, 1551, f'{self.resource(resource).name} object {object_id} not found') from None

    def create(self, account: str, resource: str, body: t.Any) -> Stored:
        rules = self.resource(resource)
        values = rules.body(body, rules.editable, rules.required, self.config)
        with self.lock:
            objects = self.stored(account, resource)
            rules.check_conflict(objects.values(), values)
            stored = rules.new(values, now())
            stored['id'] = str(uuid.uuid4())
            objects[stored['id']] = stored
            return rules.public(stored, self.config)

    def patch(self, account: str, resource: str, object_id: str, body: t.Any) -> Stored:
        rules = self.resource(resource)
        values = rules.body(body, rules.editable, (), self.config)
        with self.lock:
            stored = self._get(account, resource, object_id)
            rules.check_patch(stored, values)
            rules.check_conflict(self.stored(account, resource).values(), values, object_id)
            stored.update(values)
            stored['modified_at'] = stored['last_modified'] = now()
            return rules.public(stored, self.config)

    def put(self, account: str, resource: str, object_id: str, body: t.Any) -> Stored:
        rules = self.resource(resource)
        with self.lock:
            stored = self._get(account, resource, object_id)
            rules.replace(stored, body)
            stored['modified_at'] = stored['last_modified'] = now()
            return rules.public(stored, self.config)

    def delete(self, account: str, resource: str, object_id: str) -> dict[str, str]:
        with self.lock:
            self._get(account, resource, object_id)
            del self.stored(account, resource)[object_id]
            return {'id': object_id}

    def get(self, account: str, resource: str, object_id: str) -> Stored:
        with self.lock:
            return self.resource(resource).public(self._get(account, resource, object_id), self.config)

    def select(self, account: str, resource: str, query: t.Mapping[str, list[str]]) -> list[Stored]:
        rules = self.resource(resource)
        with self.lock:
            found = rules.select(list(self.stored(account, resource).values()), query)
        order = query.get('order', ['created_at'])[0]
        if order not in rules.orders:
            raise ApiError(400, 1007, f"order must be {' or '.join(rules.orders)}")
        direction = query.get('direction', ['asc'])[0]
        if direction not in ('asc', 'desc'):
            raise ApiError(400, 1007, 'direction must be asc or desc')
        return sorted(found, key=lambda stored: stored[order], reverse=direction == 'desc')

    def list(self, account: str, resource: str, query: t.Mapping[str, list[str]]) -> tuple[list[Stored], dict]:
        try:
            page = int(query.get('page', ['1'])[0])
            per_page = int(query.get('per_page', ['20'])[0])
        except ValueError:
            raise ApiError(400, 1007, 'page and per_page must be integers') from None
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise ApiError(400, 1007, f'per_page must be from 1 to {MAX_PER_PAGE} and page at least 1')
        found = self.select(account, resource, query)
        chunk = found[(page - 1) * per_page:page * per_page]
        info = {'page': page, 'per_page': per_page, 'count': len(chunk), 'total_count': len(found)}
        rules = self.resource(resource)
        return [rules.public(stored, self.config) for stored in chunk], info

    def bulk_delete(self, account: str, resource: str, query: t.Mapping[str, list[str]]) -> tuple[list, dict]:
        with self.lock:
            gone = [self.delete(account, resource, stored['id']) for stored in self.select(account, resource, query)]
        return gone, {'page': 1, 'per_page': len(gone), 'count': len(gone), 'total_count': len(gone)}

    def batch(self, account: str, resource: str, body: t.Any) -> dict[str, list]:
        """deletes -> patches -> puts -> posts, in order; the first failing operation stops the rest."""
        if not isinstance(body, dict):
            raise ApiError(400, 1000, 'the request body must be a JSON object')
        for key in BATCH_KEYS:
            if not isinstance(body.get(key), list):
                raise ApiError(400, 1006, f'{key} is required (an array; send [] when unused)', f'/{key}')
        done: dict[str, list] = {key: [] for key in BATCH_KEYS}
        with self.lock:
            failure = self.faults.take_batch_failure()
            steps: tuple[tuple[str, t.Callable[..., t.Any]], ...] = (
                ('deletes', self.delete), ('patches', self.patch), ('puts', self.put))
            for key, operation in steps:
                for index, item in enumerate(body[key]):
                    if not isinstance(item, dict) or not isinstance(item.get('id'), str):
                        raise ApiError(400, 1006, f'{key}[{index}].id is required', f'/{key}/{index}/id')
                    args = (account, resource, item['id']) + (() if key == 'deletes' else (item,))
                    done[key].append(self._batch_step(key, index, operation, args, failure, done))
            for index, item in enumerate(body['posts']):
                done['posts'].append(self._batch_step('posts', index, self.create, (account, resource, item),
                                                      failure, done))
        return done

    @staticmethod
    def _batch_step(key: str, index: int, operation: t.Callable[..., t.Any], args: tuple,
                    failure: t.Optional[dict[str, t.Any]], done: dict[str, list]) -> t.Any:
        try:
            if failure is not None and sum(len(results) for results in done.values()) >= int(failure.get('after', 0)):
                raise ApiError(int(failure.get('status', 400)), 1010, failure.get('message', 'emulated failure'))
            return operation(*args)
        except ApiError as error:
            raise ApiError(error.status, error.error['code'], f"{key}[{index}]: {error.error['message']}",
                           f'/{key}/{index}') from None


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'cf-emulator/1'
    emulator: Emulator

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
            raise ApiError(400, 1000, 'the request body is not valid JSON') from None

    def send(self, status: int, payload: t.Any, headers: t.Optional[dict[str, str]] = None,
             content_type: str = 'application/json') -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = dict(getattr(payload, 'headers', None) or {}, **(headers or {}))  # an investigate.Reply's
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

    def drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    @staticmethod
    def _envelope(result: t.Any, info: t.Optional[dict[str, t.Any]] = None) -> dict[str, t.Any]:
        envelope = {'success': True, 'errors': [], 'messages': [], 'result': result}
        if info is not None:
            envelope['result_info'] = info
        return envelope

    def _dispatch(self, method: str) -> None:
        split = urlsplit(self.path)
        if split.path.startswith('/__emulator'):
            try:
                body = self._read_body()
            except ApiError as error:
                self.send(error.status, failure_envelope([error.error]))
                return
            self._control(method, split.path, body)
            return
        entry: dict[str, t.Any] = {
            'method': method, 'path': split.path, 'query': parse_qs(split.query), 'body': None,
            'auth': self._auth_kind(), 'user_agent': self.headers.get('User-Agent'), 'status': None, 'fault': None,
            'time': time.time()}
        with self.emulator.lock:
            self.emulator.log.append(entry)
        try:
            entry['body'] = self._read_body()
        except ApiError as error:
            entry['status'] = error.status
            self.send(error.status, failure_envelope([error.error]))
            return
        latency = float(self.emulator.config.get('latency') or 0)
        if latency:  # a round trip to a far API; requests in flight wait side by side, as they would
            time.sleep(latency)
        fault = self.emulator.faults.take(method, split.path)
        if fault:
            entry['fault'] = fault['kind']
            if act(self, fault, entry, lambda: self._answer(method, split, entry['body'])):
                return
        with self.emulator.lock:  # requests are processed one at a time; "order" numbers them as processed
            status, payload = self._answer(method, split, entry['body'])
            self.emulator.processed += 1
            entry['order'] = self.emulator.processed
        entry['status'] = status
        self.send(status, payload)

    def _auth_kind(self) -> str:
        if self.headers.get('Authorization'):
            return 'token'
        if self.headers.get('X-Auth-Key'):
            return 'key'
        return 'none'

    def _answer(self, method: str, split: t.Any, body: t.Any) -> tuple[int, dict[str, t.Any]]:
        try:
            if split.path.startswith(API_PREFIX):
                routed = investigate.route(self, method, split.path[len(API_PREFIX):], split.query, body)
                if routed is not None:
                    return routed
            return 200, self._route(method, split, body)
        except ApiError as error:
            return error.status, failure_envelope([error.error])

    def _route(self, method: str, split: t.Any, body: t.Any) -> dict[str, t.Any]:
        path = split.path
        match = SETTINGS_PATH.match(path[len(API_PREFIX):]) if path.startswith(API_PREFIX) else None
        if not match or match.group('resource') not in self.emulator.resources:
            raise ApiError(404, 7003, f'Could not route to {path}, perhaps your object identifier is invalid?')
        account = unquote(match.group('account'))
        name = match.group('resource')
        rules = self.emulator.resources[name]
        rest = match.group('rest')
        query = parse_qs(split.query)
        emulator = self.emulator
        emulator.authenticate(self.headers, account)
        if rest is None:
            if method == 'GET':
                return self._envelope(*emulator.list(account, name, query))
            if method == 'POST':
                return self._envelope(emulator.create(account, name, body))
            if method == 'DELETE' and rules.bulk_delete:
                return self._envelope(*emulator.bulk_delete(account, name, query))
        elif rest == 'batch' and rules.batch:
            if method == 'POST':
                return self._envelope(emulator.batch(account, name, body))
        else:
            object_id = unquote(rest)
            if method == 'GET':
                return self._envelope(emulator.get(account, name, object_id))
            if method == 'PATCH':
                return self._envelope(emulator.patch(account, name, object_id, body))
            if method == 'PUT':
                return self._envelope(emulator.put(account, name, object_id, body))
            if method == 'DELETE':
                return self._envelope(emulator.delete(account, name, object_id))
        raise ApiError(405, 10405, f'method {method} not allowed on {path}')

    def _control(self, method: str, path: str, body: t.Any) -> None:
        emulator = self.emulator
        what = path[len('/__emulator'):].strip('/')
        with emulator.lock:
            if what == 'requests' and method == 'GET':
                self.send(200, emulator.log)
            elif what == 'requests' and method == 'DELETE':
                emulator.log.clear()
                self.send(200, {'cleared': True})
            elif what == 'reset' and method == 'POST':
                emulator.reset(body or {})
                self.send(200, {'reset': True})
            elif what == 'config' and method == 'POST':
                emulator.configure(body or {})
                self.send(200, {'configured': True})
            elif what == 'seed' and method == 'POST':
                try:
                    self.send(200, emulator.seed_sample((body or {}).get('account_id', DEFAULT_ACCOUNT), body or {}))
                except ApiError as error:
                    self.send(error.status, failure_envelope([error.error]))
            elif what == 'faults' and method == 'POST':
                self.send(200, {'faults': emulator.add_faults(body or [])})
            elif what in emulator.resources and method == 'POST':
                account = (body or {}).get('account_id', DEFAULT_ACCOUNT)
                try:
                    self.send(200, emulator.seed(account, what, (body or {}).get('objects', []),
                                                 bool((body or {}).get('raw'))))
                except ApiError as error:
                    self.send(error.status, failure_envelope([error.error]))
            elif what in emulator.resources and method == 'GET':
                self.send(200, emulator.state(what))
            elif investigate.control(self, method, what, body, DEFAULT_ACCOUNT):
                pass
            else:
                self.send(404, {'error': f'unknown control endpoint {method} {path}'})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: t.Any, client_address: t.Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a client that hung up (after a "drop" or "lost" fault, say): nothing to report
        super().handle_error(request, client_address)


def make_server(port: int = 0, status_case: str = 'lower', host: str = '127.0.0.1',
                **credentials: str) -> ThreadingHTTPServer:
    """A server bound to ``host`` (loopback) on ``port`` (0: a free one); call ``serve_forever``.

    ``credentials``: ``token``, ``email`` and ``key`` the API accepts (default: the DEFAULT_* ones).
    """
    handler = type('BoundHandler', (Handler,), {'emulator': Emulator(status_case, **credentials)})
    return _Server((host, port), handler)


def serve_tls(server: ThreadingHTTPServer, cert_file: str, key_file: t.Optional[str] = None) -> None:
    """Make ``server`` speak HTTPS with this PEM certificate chain (and key)."""
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
        self.api: Emulator = self.server.RequestHandlerClass.emulator  # type: ignore[attr-defined]
        scheme = 'http'
        if tls_cert:
            serve_tls(self.server, tls_cert, tls_key)
            scheme = 'https'
        self.url = f'{scheme}://127.0.0.1:{self.server.server_address[1]}'
        self.base_url = self.url + API_PREFIX
        # a short poll interval: stop() (each test's teardown) waits for it
        threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _start_failed(message: str, status: int) -> int:
    """A start that cannot go on: one line on stderr, no traceback; ``status`` is the exit code."""
    print(f'cf-emulator: {message}', file=sys.stderr, flush=True)
    return status


def _seed_from_file(emulator: Emulator, path: str) -> dict[str, int]:
    """``--seed FILE``: seed the default account from a sample file (see ``samples/``); how many objects each
    resource got. A file that cannot be read or is not a sample raises ValueError, with one line saying why."""
    try:
        with open(path, encoding='utf-8') as handle:
            sample = json.load(handle)
    except OSError as error:
        raise ValueError(error.strerror or str(error)) from None
    except ValueError as error:  # not JSON (or not UTF-8)
        raise ValueError(f'not JSON: {error}') from None
    parts = [sample.get(part, {}) for part in ('objects', 'raw')] if isinstance(sample, dict) else None
    if parts is None or not all(isinstance(part, dict) and all(
            isinstance(bodies, list) and all(isinstance(body, dict) for body in bodies) for bodies in part.values())
            for part in parts):
        raise ValueError('not a sample: expected {"objects": {resource: [objects]}, "raw": {resource: [rows]}}')
    unknown = sorted(set().union(*parts) - set(emulator.resources))
    if unknown:
        raise ValueError(f"unknown resource {', '.join(unknown)} (known: {', '.join(sorted(emulator.resources))})")
    counts: dict[str, int] = {}
    for (part, raw), objects in zip((('objects', False), ('raw', True)), parts):
        for resource, bodies in objects.items():
            for index, body in enumerate(bodies):
                try:
                    emulator.seed(DEFAULT_ACCOUNT, resource, [body], raw)
                except ApiError as error:
                    raise ValueError(f'{part}.{resource}[{index}]: the API would refuse it: {error}') from None
                counts[resource] = counts.get(resource, 0) + 1
    try:  # the other parts of a sample (the investigation mailbox), as the seed endpoint takes them
        others = emulator.seed_sample(DEFAULT_ACCOUNT, {key: value for key, value in sample.items()
                                                        if key not in ('objects', 'raw')})
    except ApiError as error:
        where = error.error.get('source', {}).get('pointer', '').strip('/')
        raise ValueError(f'{where or "the sample"}: the API would refuse it: {error}') from None
    return dict(counts, **others)


def main(argv: t.Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m cf_emulator',
                                     description='A local emulator of the Cloudflare Email Security settings API.')
    parser.add_argument('--port', type=int, default=0, help='TCP port on 127.0.0.1 (default: a free one)')
    parser.add_argument('--port-file', help='write the chosen port to this file once listening')
    parser.add_argument('--status-case', choices=('lower', 'upper'), default='lower')
    parser.add_argument('--tls-cert', help='serve HTTPS with this PEM certificate chain')
    parser.add_argument('--tls-key', help='the private key of --tls-cert')
    parser.add_argument('--token', default=DEFAULT_TOKEN, help='the API token accepted (default: %(default)s)')
    parser.add_argument('--email', default=DEFAULT_EMAIL, help='the e-mail of the accepted key (default: %(default)s)')
    parser.add_argument('--key', default=DEFAULT_KEY, help='the global API key accepted (default: %(default)s)')
    parser.add_argument('--seed', metavar='FILE',
                        help='start with the account seeded from this sample (JSON; see cf_emulator/samples)')
    args = parser.parse_args(argv)
    try:
        server = make_server(args.port, args.status_case, token=args.token, email=args.email, key=args.key)
    except OSError as error:
        return _start_failed(f'cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}', 1)
    seeded = ('the account is empty (--seed FILE starts with a sample account, such as '
              'tests/emulator/cf_emulator/samples/acme.json)')
    if args.seed:
        try:
            counts = _seed_from_file(server.RequestHandlerClass.emulator, args.seed)  # type: ignore[attr-defined]
        except ValueError as error:
            server.server_close()
            return _start_failed(f'--seed {args.seed}: {error}', 2)
        seeded = (f'seeded from {args.seed}: {sum(counts.values())} objects '
                  f"({', '.join(f'{resource} {count}' for resource, count in counts.items()) or 'none'})")
    scheme = 'http'
    if args.tls_cert:
        serve_tls(server, args.tls_cert, args.tls_key)
        scheme = 'https'
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + '.tmp', 'w', encoding='ascii') as handle:
            handle.write(str(port))
        os.replace(args.port_file + '.tmp', args.port_file)
    print(f"cf-emulator listening on {scheme}://127.0.0.1:{port}{API_PREFIX} (account {DEFAULT_ACCOUNT}; "
          f"resources: {', '.join(sorted(RESOURCES))})\ncf-emulator: {seeded}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
