# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The email_security_detections event source on an asyncio queue, against the emulator's mailbox: one event per
new message, no duplicate across overlapping polls, a restart from the state file, errors, filters, secrets."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.extensions.eda.plugins.event_source import (
    email_security_detections as source,
)

PHISH = {'from': 'billing@invoice-portal.example', 'subject': 'Invoice 4411 overdue', 'final_disposition': 'MALICIOUS'}
CANARY = 'canary-token-3b1f0c9e7d5a4c2b8e6f1a0d9c7b5e3f'


def arguments(emulator, **args):
    base = {'api_base_url': emulator.base_url, 'api_token': emulator.token, 'account_id': emulator.account,
            'interval': 0.2, 'max_retries': 0}
    base.update(args)
    return base


def searches(emulator):
    return [entry for entry in emulator.requests if entry['path'].endswith('/email-security/investigate')]


async def _run(args, until, timeout, during=None):
    """Run the source until ``until(events)`` holds (or ``timeout`` passes), calling ``during(events)`` on each
    event; cancel it as ansible-rulebook does, and return the events."""
    queue: asyncio.Queue = asyncio.Queue()
    events: list = []
    task = asyncio.ensure_future(source.main(queue, args))
    deadline = time.monotonic() + timeout
    try:
        while not until(events) and time.monotonic() < deadline:
            if task.done():
                task.result()  # raises what the source raised
            try:
                event = await asyncio.wait_for(queue.get(), 0.05)
            except asyncio.TimeoutError:
                continue
            events.append(event)
            if during:
                during(events)
    finally:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
    return events


def run_source(args, until=lambda events: False, timeout=3.0, during=None):
    return asyncio.run(_run(args, until, timeout, during))


def test_each_new_message_is_one_event_with_the_account_id_oldest_first(emulator):
    first, second = emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-10m'),
                                          dict(PHISH, to=['bo@example.com'], scanned_at='-5m'))
    events = run_source(arguments(emulator, since='-1h'), until=lambda events: len(events) >= 2)
    assert [event['message']['id'] for event in events] == [first, second]
    assert all(event['account_id'] == emulator.account for event in events)
    assert events[0]['message']['from'] == PHISH['from'] and events[0]['message']['final_disposition'] == 'MALICIOUS'


def test_it_starts_from_now_by_default(emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-1m'))
    events = run_source(arguments(emulator), timeout=1.0)
    assert events == []
    assert len(searches(emulator)) >= 3


def test_overlapping_polls_emit_each_message_once(emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-2m'))
    added = []

    def add_one_more(events):
        if len(events) == 1:
            added.extend(emulator.add_messages(dict(PHISH, to=['bo@example.com'])))

    events = run_source(arguments(emulator, since='-1h', lookback=3600), during=add_one_more, timeout=2.5)
    assert len(events) == 2 and events[1]['message']['id'] == added[0]
    assert len(searches(emulator)) >= 5  # every poll read the first message again and emitted it once


def test_an_idle_poll_costs_one_request(emulator):
    emulator.add_messages(*[dict(PHISH, to=[f'user{n}@example.com'], scanned_at='-1m') for n in range(30)])
    events = run_source(arguments(emulator, since='-1h', lookback=3600), timeout=1.5)
    assert len(events) == 30
    polls = len(searches(emulator))
    assert polls >= 4
    assert len(emulator.requests) == polls  # one page each, nothing else


def test_a_restart_from_the_state_file_has_no_repeat_and_no_gap(emulator, tmp_path):
    state = tmp_path / 'state.json'
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-2m'))
    args = arguments(emulator, since='-1h', state_file=str(state))
    first = run_source(args, until=lambda events: len(events) >= 1, timeout=2)
    assert len(first) == 1
    saved = json.loads(state.read_text())
    assert saved['seen'] and saved['account_id'] == emulator.account
    (while_stopped,) = emulator.add_messages(dict(PHISH, to=['bo@example.com']))
    second = run_source(dict(args, since='now'), timeout=1.5)  # since is ignored: the state file says where
    assert [event['message']['id'] for event in second] == [while_stopped]


def test_a_failing_api_is_retried_with_back_off_and_the_source_keeps_running(emulator, caplog):
    emulator.fault(kind='status', status=500, method='GET', times=3)
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-1m'))
    with caplog.at_level(logging.WARNING, logger='edgeops.cloudflare.email_security_detections'):
        events = run_source(arguments(emulator, since='-1h', interval=0.1), until=lambda events: len(events) >= 1,
                            timeout=5)
    assert len(events) == 1
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 3 and 'poll failed (3 in a row)' in warnings[-1] and 'HTTP 500' in warnings[0]
    assert all('\n' not in warning for warning in warnings)


def test_what_the_api_cannot_filter_is_filtered_by_the_source(emulator):
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], final_disposition='MALICIOUS-BEC', scanned_at='-3m'),
                          dict(PHISH, to=['bo@example.com'], scanned_at='-2m'),
                          dict(PHISH, to=['cy@example.com'], final_disposition='SPAM', scanned_at='-1m'))
    events = run_source(arguments(emulator, since='-1h', final_disposition=['MALICIOUS', 'MALICIOUS-BEC']),
                        timeout=1.0)
    assert sorted(event['message']['final_disposition'] for event in events) == ['MALICIOUS', 'MALICIOUS-BEC']
    assert all('final_disposition' not in entry['query'] for entry in searches(emulator))
    assert all(entry['query']['detections_only'] == ['true'] for entry in searches(emulator))


def test_connection_options_come_from_the_environment(emulator, monkeypatch):
    monkeypatch.setenv('CLOUDFLARE_API_TOKEN', emulator.token)
    monkeypatch.setenv('CLOUDFLARE_ACCOUNT_ID', emulator.account)
    monkeypatch.setenv('CLOUDFLARE_BASE_URL', emulator.base_url)
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-1m'))
    events = run_source({'since': '-1h', 'interval': 0.2}, until=lambda events: len(events) >= 1)
    assert len(events) == 1 and emulator.requests[0]['auth'] == 'token'


@pytest.mark.parametrize('args, option', [
    ({'interval': 0}, 'interval'),
    ({'interval': 'often'}, 'interval'),
    ({'since': 'yesterday'}, 'since'),
    ({'final_disposition': ['EVIL']}, 'final_disposition'),
    ({'sender': '  '}, 'sender'),
    ({'api_token': None}, 'api_token'),
    ({'api_base_url': 'http://api.example.invalid/client/v4'}, 'api_base_url'),
    ({'lookback': -1}, 'lookback'),
    ({'colour': 'red'}, 'colour'),
])
def test_bad_arguments_fail_in_one_line_naming_the_argument_before_any_request(emulator, args, option):
    with pytest.raises(ValueError) as caught:
        run_source(arguments(emulator, **args), timeout=1)
    message = str(caught.value)
    assert option in message and '\n' not in message and emulator.token not in message
    assert emulator.requests == []


def test_no_secret_in_events_logs_or_the_state_file(emulator, tmp_path, caplog):
    emulator.api.configure({'tokens': [CANARY]})
    emulator.fault(kind='status', status=502, method='GET', times=1)
    emulator.add_messages(dict(PHISH, to=['ana@example.com'], scanned_at='-1m'))
    state = tmp_path / 'state.json'
    with caplog.at_level(logging.DEBUG):
        events = run_source(arguments(emulator, api_token=CANARY, since='-1h', state_file=str(state), interval=0.1),
                            until=lambda events: len(events) >= 1, timeout=5)
    assert len(events) == 1 and caplog.records
    for text in (json.dumps(events), caplog.text, state.read_text()):
        assert CANARY not in text


def test_documented_arguments_match_what_the_source_accepts():
    documented = yaml.safe_load(source.DOCUMENTATION)['options']
    spec = source.argument_spec()
    assert sorted(documented) == sorted(spec)
    for name, option in spec.items():
        doc = documented[name]
        assert (doc.get('type', 'str'), doc.get('default'), doc.get('choices'), doc.get('elements')) == \
            (option.get('type', 'str'), option.get('default'), option.get('choices'), option.get('elements')), name
