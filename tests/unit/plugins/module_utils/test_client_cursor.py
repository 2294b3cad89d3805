# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The client's cursor paging and its polling of a 202's Location, against a scripted server on 127.0.0.1.

The emulator serves both too (tests/unit/plugins/modules/test_email_security_message_info.py); this server answers
what the emulator never does (a Location on another host, a cursor sent twice, a 202 that never ends).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client, CloudflareError


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next scripted answer (status, headers, body); logs path and query."""

    protocol_version = 'HTTP/1.1'
    script: list = []
    log: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        split = urlsplit(self.path)
        self.log.append((split.path, {name: values[0] for name, values in parse_qs(split.query).items()}))
        status, headers, body = self.script.pop(0) if self.script else (500, {}, {'success': False})
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def server():
    Scripted.script, Scripted.log = [], []
    httpd = ThreadingHTTPServer(('127.0.0.1', 0), Scripted)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()
    httpd.server_close()


def items(*ids):
    """List items as the API sends them: objects (a list of anything else is refused)."""
    return [{'id': item} for item in ids]


def page(items, following=None):
    info = {'count': len(items), 'per_page': 2, 'total_count': 0, 'page': 0}
    if following is not None:
        info['next'] = following
    return 200, {}, {'success': True, 'errors': [], 'messages': [], 'result': items, 'result_info': info}


def client(url, **options):
    return Client(base_url=url + '/client/v4', api_token='t', max_retries=0, **options)


def test_cursor_is_sent_back_with_the_same_filters_until_there_is_no_next(server):
    Scripted.script = [page(items(1, 2), 'c1'), page(items(3), 'c2'), page(items(4, 5), '')]
    pages = list(client(server).cursor_pages('/x', {'sender': 'a@example.com'}, per_page=2))
    # a short page with a next is not the end
    assert pages == [(items(1, 2), True), (items(3), True), (items(4, 5), False)]
    assert Scripted.log == [('/client/v4/x', {'sender': 'a@example.com', 'per_page': '2'}),
                            ('/client/v4/x', {'sender': 'a@example.com', 'per_page': '2', 'cursor': 'c1'}),
                            ('/client/v4/x', {'sender': 'a@example.com', 'per_page': '2', 'cursor': 'c2'})]


@pytest.mark.parametrize('last', [None, '', 'null'])
def test_a_missing_null_or_empty_next_ends_the_read(server, last):
    answer = page(items(1), last if last != 'null' else None)
    if last == 'null':
        answer[2]['result_info']['next'] = None
    Scripted.script = [answer]
    assert list(client(server).cursor_pages('/x')) == [(items(1), False)]
    assert len(Scripted.log) == 1


def test_a_cursor_sent_twice_stops_the_read_rather_than_read_a_page_again(server):
    Scripted.script = [page(items(1), 'c1'), page(items(2), 'c1'), page(items(3))]
    with pytest.raises(CloudflareError, match='the same cursor twice'):
        list(client(server).cursor_pages('/x'))
    assert len(Scripted.log) == 2


def test_stopping_the_iteration_sends_no_further_request(server):
    Scripted.script = [page(items(1), 'c1'), page(items(2))]
    for got, _more in client(server).cursor_pages('/x'):
        assert got == items(1)
        break
    assert len(Scripted.log) == 1


def test_a_202_location_is_polled_until_the_answer(server):
    Scripted.script = [(202, {'Location': 'x/poll/7', 'Retry-After': '0'}, {'success': True, 'result': None}),
                       (202, {'Location': '/client/v4/x/poll/7'}, {}),
                       page(items('found'))]
    started = time.monotonic()
    assert list(client(server).cursor_pages('/x', {'query': 'invoice'})) == [(items('found'), False)]
    # The relative Location is resolved against the request URL; without Retry-After the poll waits 1 s.
    assert [path for path, _query in Scripted.log] == ['/client/v4/x', '/client/v4/x/poll/7', '/client/v4/x/poll/7']
    assert 1.0 <= time.monotonic() - started < 5


def test_a_202_location_on_another_host_is_not_followed(server):
    Scripted.script = [(202, {'Location': 'https://elsewhere.example/client/v4/x/poll/7'}, {})]
    with pytest.raises(CloudflareError, match='Location outside the API') as caught:
        client(server).get_polled('/x')
    assert caught.value.status == 202
    assert len(Scripted.log) == 1


def test_a_202_without_location_is_an_error(server):
    Scripted.script = [(202, {}, {})]
    with pytest.raises(CloudflareError, match='HTTP 202 without a Location'):
        client(server).get_polled('/x')


def test_polling_a_202_ends_at_the_timeout(server):
    Scripted.script = [(202, {'Location': '/client/v4/x/poll', 'Retry-After': '1'}, {})] * 10
    started = time.monotonic()
    with pytest.raises(CloudflareError, match=r'no answer within 2s of polling') as caught:
        client(server, timeout=2).get_polled('/x')
    assert caught.value.status == 202
    assert 2 <= time.monotonic() - started < 4
    assert len(Scripted.log) == 3  # the first answer, then a poll after 1 s and after 2 s


def test_pages_until_short_ignores_a_total_count_of_zero(server):
    Scripted.script = [page(items(1, 2)), page(items(3))]
    assert client(server).pages_until_short('/jobs', per_page=2) == items(1, 2, 3)
    assert [query['page'] for _path, query in Scripted.log] == ['1', '2']


def test_a_page_whose_items_are_not_objects_is_refused(server):
    Scripted.script = [page([1, 2])]
    with pytest.raises(CloudflareError, match=r'HTTP 200 with an answer that cannot be read \(item 0 of the result is a '
                                              r'int, not an object\)'):
        list(client(server).cursor_pages('/x'))
