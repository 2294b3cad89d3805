# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""email_security_message_info against the emulator's mailbox: cursor pages, limit, times, filters, one message."""

from __future__ import annotations

import hashlib
import os
import stat

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_message_info as module

PHISH = {'from': 'billing@invoice-portal.example', 'subject': 'Invoice 4411 overdue', 'final_disposition': 'MALICIOUS',
         'message_id': '<5f1c2e@invoice-portal.example>'}


def searches(emulator):
    return [entry for entry in emulator.requests if entry['path'].endswith('/email-security/investigate')]


def test_a_search_reads_one_request_per_page_through_the_cursor(run_module, emulator):
    emulator.add_messages(generate={'count': 2500, 'seed': 1, 'days': 2})
    result = run_module(module, start='-3d', limit=2400)
    assert len(result['messages']) == 2400 and result['truncated'] is True
    reads = searches(emulator)
    assert len(reads) == 3 and len(emulator.requests) == 3
    assert [entry['query'].get('cursor') is not None for entry in reads] == [False, True, True]
    assert all('page' not in entry['query'] and entry['query']['per_page'] == ['1000'] for entry in reads)
    ids = [message['id'] for message in result['messages']]
    assert len(set(ids)) == len(ids)  # no page read twice
    times = [message['scanned_at'] for message in result['messages']]
    assert times == sorted(times, reverse=True)


def test_the_whole_search_is_read_when_it_fits_the_limit(run_module, emulator):
    emulator.add_messages(generate={'count': 1500, 'seed': 2, 'days': 1})
    result = run_module(module, start='-2d')
    assert len(result['messages']) == 1000 and result['truncated'] is True  # the default limit
    emulator.api.log.clear()
    result = run_module(module, start='-2d', limit=5000)
    assert len(result['messages']) == 1500 and result['truncated'] is False
    assert len(searches(emulator)) == 2


def test_a_small_limit_reads_one_small_page(run_module, emulator):
    emulator.add_messages(*[dict(PHISH, to=[f'user{n}@example.com']) for n in range(5)])
    result = run_module(module, message_id=PHISH['message_id'], limit=2)
    assert len(result['messages']) == 2 and result['truncated'] is True
    assert [entry['query']['per_page'] for entry in emulator.requests] == [['2']]


def test_times_and_filters_are_sent_as_the_api_knows_them(run_module, emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-2h'),
                          dict(PHISH, to=['bo@example.com'], scanned_at='-3d'))
    result = run_module(module, start='-1d', sender='billing@invoice-portal.example', final_disposition='MALICIOUS')
    assert [message['to'] for message in result['messages']] == [['ana@example.com']]
    query = emulator.requests[0]['query']
    assert query['start'][0].endswith('Z') and 'T' in query['start'][0]
    assert query['end'][0].endswith('Z')
    assert query['detections_only'] == ['false'] and query['final_disposition'] == ['MALICIOUS']
    assert result['search']['start'] == query['start'][0]


def test_malicious_bec_is_filtered_by_the_module(run_module, emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], final_disposition='MALICIOUS-BEC'),
                          dict(PHISH, to=['bo@example.com'], final_disposition='MALICIOUS'),
                          dict(PHISH, to=['cy@example.com'], final_disposition='NONE'))
    result = run_module(module, final_disposition=['MALICIOUS-BEC'])
    assert [message['final_disposition'] for message in result['messages']] == ['MALICIOUS-BEC']
    assert 'final_disposition' not in emulator.requests[0]['query']  # the API's filter does not take it
    assert result['search']['final_disposition'] == ['MALICIOUS-BEC']
    both = run_module(module, final_disposition=['MALICIOUS', 'MALICIOUS-BEC'])
    assert sorted(message['final_disposition'] for message in both['messages']) == ['MALICIOUS', 'MALICIOUS-BEC']


def test_one_message_by_id_with_what_include_asks(run_module, emulator):
    (message_id,) = emulator.add_messages(dict(PHISH, to=['ana@example.com']))
    result = run_module(module, id=message_id, include=['detections', 'trace', 'action_log'])
    (message,) = result['messages']
    assert message['id'] == message_id and message['subject'] == PHISH['subject']
    assert 'findings' in message['detections'] and 'inbound' in message['trace']
    assert isinstance(message['action_log'], list)
    suffixes = [entry['path'].rsplit('/', 1)[-1] for entry in emulator.requests][1:]
    assert suffixes == ['detections', 'trace', 'action_log']
    assert result['changed'] is False


def test_an_unknown_id_finds_nothing(run_module, emulator):
    result = run_module(module, id='no-such-message')
    assert result['messages'] == [] and 'failed' not in result
    assert [entry['status'] for entry in emulator.requests] == [404]


def test_the_raw_message_goes_to_a_file_never_the_result(run_module, emulator, tmp_path):
    (message_id,) = emulator.add_messages(dict(PHISH, to=['ana@example.com'], body='Pay now: https://bad.example/'))
    dest = tmp_path / 'case' / 'phish.eml'
    result = run_module(module, id=message_id, raw_dest=str(dest))
    data = dest.read_bytes()
    assert b'Pay now' in data and 'Pay now' not in str(result)
    assert result['raw_path'] == str(dest) and result['raw_size'] == len(data)
    assert result['raw_sha256'] == hashlib.sha256(data).hexdigest()
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600


def test_raw_dest_needs_an_id(run_module, emulator, tmp_path):
    result = run_module(module, raw_dest=str(tmp_path / 'x.eml'))
    assert result['failed'] is True and 'raw_dest' in result['msg'] and 'id' in result['msg']
    assert emulator.requests == []


def test_a_slow_search_is_polled_at_its_location(run_module, emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com']))
    emulator.fault(kind='accepted', method='GET', path='/investigate$', pending_polls=1, retry_after=0)
    result = run_module(module, message_id=PHISH['message_id'])
    assert [message['to'] for message in result['messages']] == [['ana@example.com']]
    assert [entry['status'] for entry in emulator.requests] == [202, 202, 200]
    assert all('/investigate/pending/' in entry['path'] for entry in emulator.requests[1:])


def test_a_slow_search_that_outlasts_the_timeout_fails_saying_so(run_module, emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com']))
    emulator.fault(kind='accepted', method='GET', path='/investigate$', pending_polls=100, retry_after=1)
    result = run_module(module, message_id=PHISH['message_id'], timeout=2)
    assert result['failed'] is True and result['status'] == 202
    assert 'no answer within 2s of polling its Location' in result['msg']
