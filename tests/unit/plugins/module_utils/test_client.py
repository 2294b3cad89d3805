# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The HTTP client against a real server on 127.0.0.1 (the emulator, and a bare server for odd answers)."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import (
    COLLECTION_VERSION, Client, CloudflareError,
)


def make_client(emulator, **options):
    options.setdefault('api_token', emulator.token)
    return Client(base_url=emulator.base_url, **options)


def test_envelope_is_unwrapped_and_headers_sent(emulator):
    created = emulator.seed(domain='example.com')
    result = make_client(emulator).call('GET', f"{emulator.domains_path}/{created['id']}")
    assert result['domain'] == 'example.com'
    assert emulator.requests[-1]['auth'] == 'token'
    assert emulator.requests[-1]['user_agent'].startswith(f'edgeops.cloudflare/{COLLECTION_VERSION} ')


def test_key_and_email_are_sent_as_legacy_headers(emulator):
    client = Client(base_url=emulator.base_url, api_key='emulator-global-key', api_email='user@example.com')
    assert client.paginate(emulator.domains_path) == []
    assert emulator.requests[-1]['auth'] == 'key'


def test_api_errors_carry_status_method_path_codes_and_messages(emulator):
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator, api_token='wrong').call('GET', emulator.domains_path)
    error = caught.value
    assert (error.status, error.method, error.path) == (401, 'GET', emulator.domains_path)
    assert error.errors == [{'code': 10000, 'message': 'Authentication error'}]
    assert str(error) == f'GET {emulator.domains_path} failed: HTTP 401: [10000] Authentication error'
    assert 'wrong' not in str(error)
    assert error.fail_kwargs()['msg'] == str(error)


def test_success_false_is_an_error_even_with_http_200(emulator):
    emulator.fault(kind='unsuccessful', errors=[{'code': 1234, 'message': 'nope'}])
    with pytest.raises(CloudflareError, match=r'HTTP 200: \[1234\] nope'):
        make_client(emulator).call('GET', emulator.domains_path)


def test_html_answer_is_an_error_that_says_so(emulator):
    emulator.fault(kind='html', status=502, times=10)
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator, max_retries=1).call('GET', emulator.domains_path)
    assert caught.value.status == 502
    assert 'HTTP 502 with a body that is not JSON (text/html): 502 Bad Gateway' in str(caught.value)
    assert emulator.methods == ['GET', 'GET']


def test_429_is_retried_honouring_retry_after(emulator):
    emulator.fault(kind='status', status=429, retry_after=1, times=2)
    started = time.monotonic()
    assert make_client(emulator).paginate(emulator.domains_path) == []
    assert time.monotonic() - started >= 1.9
    assert [entry['status'] for entry in emulator.requests] == [429, 429, 200]


def test_retry_after_is_capped_at_sixty_seconds():
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import _CloudflareRetry

    class Answer:
        headers = {'Retry-After': '3600'}

        def getheader(self, name):
            return self.headers.get(name)

    assert _CloudflareRetry(total=1).get_retry_after(Answer()) == 60


def test_retries_are_bounded_by_max_retries(emulator):
    emulator.fault(kind='status', status=503, times=10)
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator, max_retries=2).call('GET', emulator.domains_path)
    assert caught.value.status == 503
    assert emulator.methods == ['GET'] * 3


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_on_reads_and_patches_are_retried(emulator, status):
    emulator.fault(kind='status', status=status)
    emulator.fault(kind='status', status=status, method='PATCH')
    created = emulator.seed(domain='example.com')
    client = make_client(emulator)
    assert client.paginate(emulator.domains_path)[0]['id'] == created['id']
    assert client.call('PATCH', f"{emulator.domains_path}/{created['id']}", body={'lookback_hops': 3})
    assert [(entry['method'], entry['status']) for entry in emulator.requests] == [
        ('GET', status), ('GET', 200), ('PATCH', status), ('PATCH', 200)]


@pytest.mark.parametrize('status', [401, 403])
def test_auth_failures_are_never_retried(emulator, status):
    emulator.fault(kind='status', status=status, times=5)
    with pytest.raises(CloudflareError):
        make_client(emulator).call('GET', emulator.domains_path)
    assert len(emulator.requests) == 1


def test_dropped_connection_on_a_read_is_retried(emulator):
    emulator.fault(kind='drop', method='GET')
    assert make_client(emulator).paginate(emulator.domains_path) == []
    assert [entry['fault'] for entry in emulator.requests] == ['drop', None]


def test_post_is_not_repeated_when_the_lookup_finds_the_created_object(emulator):
    emulator.fault(kind='lost', method='POST')
    body = {'domain': 'lost.example', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['SPAM'],
            'ip_restrictions': [], 'regions': ['US']}
    client = make_client(emulator)
    lookups = []

    def find_existing():
        lookups.append(1)
        found = client.paginate(emulator.domains_path, {'domain': 'lost.example'})
        return found[0] if found else None

    created = client.create(emulator.domains_path, body, find_existing)
    assert created['domain'] == 'lost.example'
    assert emulator.methods == ['POST', 'GET']
    assert len(emulator.stored()) == 1


def test_post_is_sent_again_only_when_the_lookup_finds_nothing(emulator):
    emulator.fault(kind='status', status=503, method='POST')
    body = {'domain': 'again.example', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['SPAM'],
            'ip_restrictions': [], 'regions': ['US']}
    created = make_client(emulator).create(emulator.domains_path, body, lambda: None)
    assert created['domain'] == 'again.example'
    assert emulator.methods == ['POST', 'POST']


def test_post_rejected_with_400_is_not_retried(emulator):
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator).create(emulator.domains_path, {'domain': 'x.example'}, lambda: pytest.fail('no lookup'))
    assert caught.value.status == 400
    assert emulator.methods == ['POST']


def test_post_429_is_retried_because_it_was_not_processed(emulator):
    emulator.fault(kind='status', status=429, retry_after=1, method='POST')
    body = {'domain': 'limited.example', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['SPAM'],
            'ip_restrictions': [], 'regions': ['US']}
    make_client(emulator).create(emulator.domains_path, body, lambda: pytest.fail('no lookup after a 429'))
    assert emulator.methods == ['POST', 'POST']


def test_read_timeout_says_so(emulator):
    emulator.fault(kind='slow', delay=2)
    with pytest.raises(CloudflareError, match=r'no answer within timeout=0.5s \(1 attempt\(s\)\)'):
        make_client(emulator, timeout=0.5, max_retries=0).call('GET', emulator.domains_path)


def test_connection_refused_is_an_error_with_no_status():
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    client = Client(base_url=f'http://127.0.0.1:{port}/client/v4', api_token='token-0123456789', max_retries=0)
    with pytest.raises(CloudflareError, match='connection error') as caught:
        client.call('GET', '/accounts/a/email-security/settings/domains')
    assert caught.value.status is None


def test_pagination_follows_total_count(emulator):
    for index in range(5):
        emulator.seed(domain=f'd{index}.example')
    items = make_client(emulator).paginate(emulator.domains_path, per_page=2)
    assert sorted(item['domain'] for item in items) == [f'd{index}.example' for index in range(5)]
    assert [entry['query']['page'] for entry in emulator.requests] == [['1'], ['2'], ['3']]


def test_pagination_stops_on_total_count_without_an_empty_page(emulator):
    for index in range(4):
        emulator.seed(domain=f'd{index}.example')
    make_client(emulator).paginate(emulator.domains_path, per_page=2)
    assert len(emulator.requests) == 2


class _OddServer(BaseHTTPRequestHandler):
    """Answers every request with a short page and no total_count, or a JSON array."""

    protocol_version = 'HTTP/1.1'
    pages = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps(self.pages.get(self.path.split('?')[0], [])).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def odd_server():
    server = ThreadingHTTPServer(('127.0.0.1', 0), _OddServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


def test_pagination_stops_on_a_short_page_without_total_count(odd_server):
    _OddServer.pages['/short'] = {'success': True, 'errors': [], 'result': [{'id': '1'}], 'result_info': {'page': 1}}
    assert Client(base_url=odd_server, api_token='t').paginate('/short', per_page=50) == [{'id': '1'}]


def test_json_that_is_not_an_envelope_is_an_error(odd_server):
    with pytest.raises(CloudflareError, match='unexpected JSON body'):
        Client(base_url=odd_server, api_token='t').call('GET', '/array')


# Answers of a proxy or a broken edge (the emulator's "body" fault serves them as given) ----------------------------

def test_an_error_whose_errors_is_not_a_list_of_objects_names_method_path_status_and_body(emulator):
    emulator.fault(kind='body', status=403, body={'success': False, 'errors': 'Forbidden by the edge', 'result': None})
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator).call('GET', emulator.domains_path)
    assert str(caught.value) == (f'GET {emulator.domains_path} failed: HTTP 403 with an error answer whose "errors" is '
                                 'not a list of objects: {"success": false, "errors": "Forbidden by the edge", '
                                 '"result": null}')
    assert (caught.value.status, caught.value.errors) == (403, [])


def test_a_list_page_whose_items_are_not_objects_is_refused_naming_the_page_and_the_body(emulator):
    body = {'success': True, 'errors': [], 'result': ['example.com', 'junk'],
            'result_info': {'page': 1, 'per_page': 1000, 'total_count': 2}}
    emulator.fault(kind='body', body=body)
    with pytest.raises(CloudflareError) as caught:
        make_client(emulator).paginate(emulator.domains_path)
    assert str(caught.value) == (f'GET {emulator.domains_path} failed: HTTP 200 with an answer that cannot be read '
                                 f'(page 1: item 0 of the result is a str, not an object): {json.dumps(body)[:120]}')
    assert emulator.methods == ['GET']


def test_a_pager_that_ignores_page_and_gives_no_total_ends_and_fails(emulator):
    page = {'success': True, 'errors': [], 'result': [{'id': 'a'}, {'id': 'b'}], 'result_info': {'per_page': 2}}
    emulator.fault(kind='body', body=page, times=1000)  # every page is the same full page, without total_count
    with pytest.raises(CloudflareError, match=r'does not add up, twice: page 2 brought nothing new \(the objects of '
                                              r'earlier pages again\)\. Nothing was changed'):
        make_client(emulator).paginate(emulator.domains_path, per_page=2)
    assert [entry['query']['page'] for entry in emulator.requests] == [['1'], ['2'], ['1'], ['2']]


def test_an_object_on_two_pages_is_refused_also_without_total_count(emulator):
    first = {'success': True, 'errors': [], 'result': [{'id': 'a'}, {'id': 'b'}], 'result_info': {'per_page': 2}}
    second = {'success': True, 'errors': [], 'result': [{'id': 'b'}, {'id': 'c'}], 'result_info': {'per_page': 3}}
    for _attempt in range(2):
        emulator.fault(kind='body', body=first)
        emulator.fault(kind='body', body=second)
    with pytest.raises(CloudflareError, match=r'twice: 1 object\(s\) came twice across the pages'):
        make_client(emulator).paginate(emulator.domains_path, per_page=2)
    assert len(emulator.requests) == 4


def test_a_cancelled_client_reads_no_further_page(emulator):
    for index in range(3):
        emulator.seed(domain=f'd{index}.example')
    client = make_client(emulator)
    real_list = emulator.api.list

    def failing_elsewhere(account, resource, query):  # another part of the run fails while page 1 is served
        client.cancelled.set()
        return real_list(account, resource, query)

    emulator.api.list = failing_elsewhere
    try:
        with pytest.raises(CloudflareError, match='stopped at page 2: another part of the run failed'):
            client.paginate(emulator.domains_path, per_page=2)
    finally:
        del emulator.api.list
    assert len(emulator.requests) == 1


def test_user_agent_version_is_the_collections_version():
    import os
    import re
    galaxy = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'galaxy.yml')
    with open(galaxy, encoding='utf-8') as handle:
        version = re.search(r'^version:\s*(\S+)', handle.read(), re.M).group(1)
    assert COLLECTION_VERSION == version
