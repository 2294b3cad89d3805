# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What Cloudflare's official Python SDK (5.9) proves about the emulator's investigate routes: every endpoint is
driven through ``client.email_security.investigate``, so a path, a query or body the SDK would send differently,
or an answer its types could not parse, fails here. The SDK's auto-pager asks for the retired ``page``: these
tests page by ``result_info.next`` by hand. The emulator's own rules are pinned in ``test_investigate_rules.py``.
"""

from __future__ import annotations

import datetime
import warnings

import pytest
import requests

import cf_emulator

cloudflare = pytest.importorskip('cloudflare')

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
PHISH_ID = '<pw-expiry-7731@micros0ft-support.example>'


@pytest.fixture
def investigate(server):
    base_url, emulator = server
    emulator.seed_sample(ACCOUNT, cf_emulator.sample('mailbox'))
    sdk = cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=base_url, max_retries=0)
    return sdk.email_security.investigate


def every(investigate, **params):
    """Every message of a search, page by page through result_info.next (never the SDK's auto-pager)."""
    found, cursor = [], None
    while True:
        page = investigate.list(account_id=ACCOUNT, **params, **({'cursor': cursor} if cursor else {}))
        found += page.result
        cursor = page.result_info.next
        if not cursor:
            return found


def by_subject(investigate, subject):
    (message,) = [message for message in every(investigate, per_page=100, detections_only=False)
                  if message.subject == subject]
    return message


def test_search_pages_by_cursor_with_the_sdks_types(investigate, server):
    first = investigate.list(account_id=ACCOUNT, per_page=4, detections_only=False)
    assert len(first.result) == 4 and first.result_info.total_count == 0 and first.result_info.page == 0
    found = every(investigate, per_page=4, detections_only=False)
    assert len(found) == 28 and len({message.id for message in found}) == 28
    scanned = [message.scanned_at for message in found]
    assert all(isinstance(moment, datetime.datetime) for moment in scanned) and scanned == sorted(scanned, reverse=True)
    assert {message.final_disposition for message in found} >= {'MALICIOUS', 'MALICIOUS-BEC', 'NONE', 'ENCRYPTED'}
    assert all(isinstance(message.delivery_status, list) for message in found)
    assert server[1].log[-1]['query']['cursor'] and 'page' not in server[1].log[-1]['query']


def test_search_filters_and_datetimes_as_the_sdk_sends_them(investigate, server):
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    copies = every(investigate, start=since, message_id=PHISH_ID, final_disposition='MALICIOUS', detections_only=True,
                   sender='micros0ft-support.example', recipient='example.com', delivery_status='delivered')
    assert len(copies) == 4 and {message.from_ for message in copies} == {'it-helpdesk@micros0ft-support.example'}
    query = server[1].log[-1]['query']
    assert query['detections_only'] == ['true'] and query['start'][0].startswith(since.isoformat()[:19])
    moved = every(investigate, message_action='MOVED', query='crypto', subject='opportunity')
    assert [message.subject for message in moved] == ['Crypto opportunity']
    assert moved[0].action_log[0].properties.folder == 'JunkEmail'


def test_the_sdks_auto_pager_asks_for_the_retired_page_and_is_refused(investigate):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        list(investigate.list(account_id=ACCOUNT, per_page=5, detections_only=False))
    assert caught.value.body['errors'][0]['source'] == {'pointer': '/page'}


def test_get_detections_trace_raw_and_preview_through_the_sdk(investigate):
    board = by_subject(investigate, 'Board pack for Thursday')
    got = investigate.get(board.id, account_id=ACCOUNT)
    assert got.id == board.id and got.is_quarantined is True and got.client_recipients == board.client_recipients
    found = investigate.detections.get(board.id, account_id=ACCOUNT)
    assert found.action == 'QUARANTINE' and found.final_disposition == 'SUSPICIOUS'
    assert {header.name for header in found.headers} >= {'From', 'Subject'}
    traced = investigate.trace.get(board.id, account_id=ACCOUNT)
    assert traced.inbound.lines[-1].message == 'Quarantined for dave@example.net'
    assert isinstance(traced.inbound.lines[0].logged_at, datetime.datetime) and traced.outbound.lines == []
    assert 'Subject: Board pack for Thursday\r\n' in investigate.raw.get(board.id, account_id=ACCOUNT).raw
    assert investigate.preview.get(board.id, account_id=ACCOUNT).screenshot
    assert investigate.preview.create(account_id=ACCOUNT, id=board.id).screenshot
    with pytest.raises(cloudflare.NotFoundError):
        investigate.detections.get('no-such-id', account_id=ACCOUNT)


def test_move_one_and_many_through_the_sdk(investigate, server):
    newsletter = by_subject(investigate, 'December newsletter')
    results = list(investigate.move.create(newsletter.id, account_id=ACCOUNT, destination='JunkEmail'))
    assert sorted(result.recipient for result in results) == sorted(newsletter.client_recipients)
    assert all(result.success and result.message_id == newsletter.id for result in results)
    assert isinstance(results[0].completed_at, datetime.datetime)
    copies = every(investigate, message_id=PHISH_ID)
    moved = list(investigate.move.bulk(account_id=ACCOUNT, destination='RecoverableItemsPurges',
                                       ids=[copy.id for copy in copies]))
    assert [result.message_id for result in moved] == [copy.id for copy in copies]
    assert server[1].log[-1]['body'] == {'destination': 'RecoverableItemsPurges', 'ids': [copy.id for copy in copies]}
    logged = every(investigate, message_id=PHISH_ID)[0].action_log
    assert [(entry.operation, entry.properties.folder, entry.status) for entry in logged] == [
        ('MOVE', 'RecoverableItemsPurges', 'COMPLETED')]


def test_move_refusals_map_to_the_sdks_errors(investigate):
    lunch = by_subject(investigate, 'Lunch on Friday?')
    with pytest.raises(cloudflare.BadRequestError) as caught:
        investigate.move.create(lunch.id, account_id=ACCOUNT, destination='Trash')
    assert caught.value.body['errors'][0]['source'] == {'pointer': '/destination'}
    with pytest.raises(cloudflare.BadRequestError):
        investigate.move.bulk(account_id=ACCOUNT, destination='JunkEmail', ids=[lunch.id], postfix_ids=['X'])
    with pytest.raises(cloudflare.NotFoundError):
        investigate.move.bulk(account_id=ACCOUNT, destination='JunkEmail', ids=[lunch.id, 'no-such-id'])


def test_release_through_the_sdks_ids_body(investigate, server):
    board = by_subject(investigate, 'Board pack for Thursday')
    lunch = by_subject(investigate, 'Lunch on Friday?')
    results = list(investigate.release.bulk(account_id=ACCOUNT, ids=[board.id, lunch.id]))
    assert server[1].log[-1]['body'] == {'ids': [board.id, lunch.id]}
    assert [(result.id, result.delivered, result.undelivered) for result in results] == [
        (board.id, ['carol@example.com', 'dave@example.net'], []), (lunch.id, [], ['alice@example.com'])]
    assert investigate.get(board.id, account_id=ACCOUNT).post_delivery_operations == ['QUARANTINE_RELEASE']


def test_reclassify_through_the_sdk(investigate):
    shipping = by_subject(investigate, 'Shipping notice')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        investigate.reclassify.create(shipping.id, account_id=ACCOUNT, expected_disposition='NONE')
    assert 'SUBMISSION' in investigate.get(shipping.id, account_id=ACCOUNT).post_delivery_operations


def test_a_bulk_job_through_the_sdk(investigate, server):
    server[1].configure({'bulk_per_poll': 2})
    job = investigate.bulk.create(account_id=ACCOUNT, action='MOVE', destination='DeletedItems',
                                  search_params={'message_id': PHISH_ID, 'detections_only': True}, comment='7731')
    assert job.status == 'PENDING' and job.action_params.destination == 'DeletedItems'
    statuses = []
    while not statuses or statuses[-1] != 'COMPLETED':
        polled = investigate.bulk.get(job.job_id, account_id=ACCOUNT)
        statuses.append(polled.status)
        assert polled.total_messages_discovered == (polled.messages_pending + polled.messages_successful
                                                    + polled.messages_failed + polled.messages_skipped
                                                    + polled.messages_cancelled)
    assert statuses == ['DISCOVERING', 'PROCESSING', 'PROCESSING', 'COMPLETED'] and polled.messages_successful == 5
    rows = investigate.bulk.messages.list(job.job_id, account_id=ACCOUNT, per_page=1000, status='COMPLETED').result
    assert len(rows) == 5 and {row.message.message_id for row in rows} == {PHISH_ID}
    assert {row.action_params.client_recipient for row in rows} >= {'alice@example.com', 'dave@example.net'}
    assert [listed.job_id for listed in investigate.bulk.list(account_id=ACCOUNT, action_type='MOVE').result] == [
        job.job_id]
    assert investigate.bulk.delete(job.job_id, account_id=ACCOUNT).id == job.job_id
    with pytest.raises(cloudflare.NotFoundError):
        investigate.bulk.get(job.job_id, account_id=ACCOUNT)


def test_cancel_and_conflicts_through_the_sdk(investigate):
    job = investigate.bulk.create(account_id=ACCOUNT, action='RELEASE', search_params={'delivery_status': 'quarantined'})
    investigate.bulk.get(job.job_id, account_id=ACCOUNT)
    with pytest.raises(cloudflare.ConflictError):
        investigate.bulk.delete(job.job_id, account_id=ACCOUNT)
    cancelled = investigate.bulk.cancel.create(job.job_id, account_id=ACCOUNT)
    assert cancelled.status == 'CANCELLED' and cancelled.messages_cancelled == 4
    with pytest.raises(cloudflare.ConflictError):
        investigate.bulk.cancel.create(job.job_id, account_id=ACCOUNT)


def test_a_slow_search_is_a_202_the_sdk_does_not_follow(investigate, server):
    server[1].add_faults([{'kind': 'accepted', 'method': 'GET', 'path': '/investigate$'}])
    raw = investigate.with_raw_response.list(account_id=ACCOUNT, per_page=5)
    assert raw.status_code == 202 and raw.headers['location'].startswith('investigate/pending/')
    assert raw.parse().result == []  # what a client that ignores the status would take for an empty search
    location = str(raw.http_request.url.join(raw.headers['location']))
    while True:
        polled = requests.get(location, headers={'Authorization': f'Bearer {cf_emulator.DEFAULT_TOKEN}'}, timeout=10)
        if polled.status_code == 200:
            break
        location = requests.compat.urljoin(location, polled.headers['Location'])
    assert polled.json()['result_info']['count'] == 5
