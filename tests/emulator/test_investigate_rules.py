# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The investigate routes' rules, as investigate.md states or assumes them: the search (order, filters, cursor,
strictness), one message, the mailbox seed and the control endpoints. The collection is tested against these
rules, so they are pinned down here, over plain HTTP."""

from __future__ import annotations

import base64
import datetime
from urllib.parse import quote, urljoin

import pytest
import requests

import cf_emulator

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
AUTH = {'Authorization': f'Bearer {cf_emulator.DEFAULT_TOKEN}'}
PHISH = 'Action required: your mailbox password expires today'
SAMPLE = cf_emulator.sample('mailbox')['mailbox']


class Api:
    """The investigate API of the default account, and the emulator's control endpoints."""

    def __init__(self, base_url: str, emulator: cf_emulator.Emulator) -> None:
        self.emulator = emulator
        self.url = f'{base_url}/accounts/{ACCOUNT}/email-security/investigate'
        self.control_url = base_url[:-len(cf_emulator.API_PREFIX)] + '/__emulator/'

    def get(self, path: str = '', params=None, headers=None) -> requests.Response:
        return requests.get(self.url + path, params=params, headers=AUTH if headers is None else headers, timeout=10)

    def post(self, path: str, body) -> requests.Response:
        return requests.post(self.url + path, json=body, headers=AUTH, timeout=10)

    def control(self, what: str, body=None) -> requests.Response:
        if body is None:
            return requests.get(self.control_url + what, timeout=10)
        return requests.post(self.control_url + what, json=body, timeout=10)

    def page(self, **params) -> dict:
        answer = self.get(params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def pages(self, **params) -> list[dict]:
        """Every page of a search, by cursor (from ``params['cursor']`` if given)."""
        pages = []
        while True:
            pages.append(self.page(**params))
            params['cursor'] = pages[-1]['result_info'].get('next')
            if not params['cursor']:
                return pages

    def search(self, **params) -> list[dict]:
        return [message for page in self.pages(**params) for message in page['result']]

    def subjects(self, **params) -> list[str]:
        return sorted(message.get('subject') for message in self.search(per_page=1000, **params))

    def one(self, subject: str) -> dict:
        (message,) = [message for message in self.search(per_page=1000, detections_only='false')
                      if message['subject'] == subject]
        return message

    def state(self) -> dict[str, dict]:
        """The emulator's view of the default account's messages, by id."""
        return {message['id']: message for message in self.control('mailbox').json()[ACCOUNT]}


@pytest.fixture
def api(server):
    base_url, emulator = server
    investigate = Api(base_url, emulator)
    assert investigate.control('mailbox', {'sample': 'mailbox'}).json()['added'] == len(SAMPLE)
    return investigate


def subjects_of(*dispositions: str) -> list[str]:
    """The sample's subjects of these dispositions, within the default 30 days."""
    return sorted(spec['subject'] for spec in SAMPLE
                  if spec['final_disposition'] in dispositions and spec['scanned_at'] != '-45d')


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).isoformat().replace('+00:00', 'Z')


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


# -- the seed ------------------------------------------------------------------------------------------------------
def test_the_sample_mailbox_holds_what_the_tests_and_the_demo_need(api):
    messages = list(api.state().values())
    assert {message['final_disposition'] for message in messages} == {
        'MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK', 'ENCRYPTED', 'EXTERNAL', 'UNKNOWN', 'NONE'}
    assert {status for message in messages for status in message['delivery_status']} == {
        'delivered', 'moved', 'quarantined', 'rejected', 'deferred', 'bounced', 'queued', 'move_failed'}
    copies = [message for message in messages if message['subject'] == PHISH]
    assert len(copies) == 5 and len({message['id'] for message in copies}) == 5
    assert {(message['message_id'], message['from']) for message in copies} == {
        ('<pw-expiry-7731@micros0ft-support.example>', 'it-helpdesk@micros0ft-support.example')}
    assert sorted(message['client_recipients'][0] for message in copies) == [
        'alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.net', 'finance@example.com']
    quarantined = [message for message in messages if message['is_quarantined']]
    assert sorted(len(message['client_recipients']) for message in quarantined) == [1, 1, 2]
    assert max(len(message['client_recipients']) for message in messages) == 3
    recipients = {address for message in messages for address in message['client_recipients']}
    assert len(recipients) >= 7


def test_a_sample_file_seeds_the_mailbox_through_the_seed_endpoint(server):
    base_url, emulator = server
    answer = requests.post(base_url[:-len(cf_emulator.API_PREFIX)] + '/__emulator/seed',
                           json=dict(cf_emulator.sample('mailbox'), account_id='a' * 32), timeout=10)
    assert answer.json() == {'mailbox': len(SAMPLE)}
    assert len(emulator.mailboxes.of('a' * 32).messages) == len(SAMPLE)
    assert emulator.mailboxes.of(ACCOUNT).messages == {}


# -- the search ------------------------------------------------------------------------------------------------------
def test_search_is_newest_first_and_detections_only_by_default(api):
    found = api.search(per_page=1000)
    assert [message['scanned_at'] for message in found] == sorted((message['scanned_at'] for message in found),
                                                                  reverse=True)
    assert sorted(message['subject'] for message in found) == subjects_of(
        'MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK')
    everything = api.subjects(detections_only='false')
    assert len(everything) == len(SAMPLE) - 1  # all but the message 45 days old
    assert 'Lunch on Friday?' in everything and 'Verify your account' not in everything


@pytest.mark.parametrize('params, subjects', [
    ({'final_disposition': 'MALICIOUS'}, sorted([PHISH] * 5 + ['Your invoice is attached', 'Scanned document',
                                                               'Unusual sign-in activity'])),
    ({'final_disposition': 'NONE'}, []),  # detections only, by default
    ({'final_disposition': 'NONE', 'detections_only': 'false'}, subjects_of('NONE')),
    ({'sender': 'ceo@examp1e.com'}, ['Urgent: wire transfer before 5pm']),
    ({'sender': 'CEO@Examp1e.com'}, ['Urgent: wire transfer before 5pm']),
    ({'sender': 'micros0ft-support.example'}, [PHISH] * 5),
    ({'sender': 'bounce@mass-mailer.example'}, ['Please update my bank details']),  # envelope_from
    ({'recipient': 'dave@example.net'}, sorted([PHISH, 'Board pack for Thursday', 'Unusual sign-in activity'])),
    ({'recipient': 'example.net'}, sorted([PHISH, 'Board pack for Thursday', 'Unusual sign-in activity'])),
    ({'recipient': 'finance@example.com', 'detections_only': 'false'},
     sorted([PHISH, 'Urgent: wire transfer before 5pm', 'Invoice 4411', 'Your invoice is attached'])),
    ({'subject': 'PASSWORD mailbox'}, [PHISH] * 5),
    ({'subject': 'password wire'}, []),
    ({'message_id': 'pw-expiry-7731@micros0ft-support.example'}, [PHISH] * 5),
    ({'message_id': '<pw-expiry-7731@micros0ft-support.example>'}, [PHISH] * 5),
    ({'domain': 'files-now.example'}, ['Shared file: Q4 forecast.xlsx']),  # a link's domain
    ({'domain': 'shop.example.org', 'detections_only': 'false'},
     sorted(['Order status', 'You won a prize', 'Welcome aboard'])),
    ({'delivery_status': 'quarantined'},
     sorted(['Your invoice is attached', 'Board pack for Thursday', 'You won a prize'])),
    ({'delivery_status': 'moved'}, ['Crypto opportunity']),
    ({'delivery_status': 'move_failed'}, ['Unusual sign-in activity']),
    ({'delivery_status': 'rejected'}, ['Scanned document']),
    ({'delivery_status': 'bounced', 'detections_only': 'false'}, ['Your final payslip']),
    ({'message_action': 'MOVED'}, ['Crypto opportunity']),
    ({'message_action': 'QUARANTINE_RELEASED'}, ['Shipping notice']),
    ({'message_action': 'PREVIEW', 'detections_only': 'false'}, ['Welcome aboard']),
    ({'query': 'INVOICE', 'detections_only': 'false'}, sorted(['Invoice 4411', 'Your invoice is attached'])),
    ({'query': 'invoice.zip'}, ['Your invoice is attached']),  # an attachment's name
    ({'query': '9f86d081884c7d659a2feaa0c55ad015', 'detections_only': 'false'}, ['Invoice 4411']),  # its hash
    ({'query': 'finance wire'}, ['Urgent: wire transfer before 5pm']),  # every term, over several fields
    ({'metric': 'anything'}, subjects_of('MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'SPAM', 'BULK')),
])
def test_each_filter_selects_what_the_contract_says(api, params, subjects):
    assert api.subjects(**params) == subjects


def test_final_disposition_malicious_leaves_out_malicious_bec(api):
    assert 'MALICIOUS-BEC' not in {message['final_disposition'] for message in api.search(
        final_disposition='MALICIOUS', per_page=1000)}


def test_alert_id_and_smtp_helo_ip_find_their_message(api):
    wire = api.one('Urgent: wire transfer before 5pm')
    assert [message['id'] for message in api.search(alert_id=wire['alert_id'])] == [wire['id']]
    by_ip = api.search(smtp_helo_ip=wire['smtp_helo_server_ip'], detections_only='false', per_page=1000)
    assert wire['id'] in [message['id'] for message in by_ip]
    assert {message['smtp_helo_server_ip'] for message in by_ip} == {wire['smtp_helo_server_ip']}


def test_start_and_end_are_inclusive_on_scanned_at(api):
    lunch = api.one('Lunch on Friday?')
    exact = api.search(start=lunch['scanned_at'], end=lunch['scanned_at'], detections_only='false')
    assert [message['id'] for message in exact] == [lunch['id']]
    moment = datetime.datetime.fromisoformat(lunch['scanned_at'].replace('Z', '+00:00'))
    offset = moment.astimezone(datetime.timezone(datetime.timedelta(hours=2))).isoformat()  # +02:00
    assert [message['id'] for message in api.search(start=offset, end=offset, detections_only='false')] == [lunch['id']]
    after = iso(moment + datetime.timedelta(milliseconds=1))
    assert lunch['id'] not in [message['id'] for message in api.search(start=after, detections_only='false')]


def test_start_defaults_to_thirty_days_before_end(api):
    old = api.subjects(end=iso(now() - datetime.timedelta(days=40)))
    assert old == ['Verify your account']  # 45 days old: inside [end - 30 days, end]
    assert api.subjects(start=iso(now() - datetime.timedelta(days=50))).count('Verify your account') == 1


def test_cursor_pages_cover_the_search_once(api):
    whole = [message['id'] for message in api.page(per_page=1000, detections_only='false')['result']]
    pages = api.pages(per_page=4, detections_only='false')
    assert [message['id'] for page in pages for message in page['result']] == whole
    assert [page['result_info']['count'] for page in pages] == [4] * 7
    assert all(page['result_info']['next'] for page in pages[:-1])
    assert pages[-1]['result_info']['next'] is None


@pytest.mark.parametrize('change', [
    {'detections_only': 'true'}, {'per_page': '5'}, {'sender': 'example.com'}, {'per_page': None}])
def test_a_cursor_is_valid_only_with_the_search_it_came_from(api, change):
    params = {'per_page': '4', 'detections_only': 'false'}
    cursor = api.page(**params)['result_info']['next']
    changed = {name: value for name, value in dict(params, **change).items() if value is not None}
    answer = api.get(params=dict(changed, cursor=cursor))
    assert answer.status_code == 400
    assert answer.json()['errors'][0]['source'] == {'pointer': '/cursor'}
    assert api.get(params=dict(params, cursor=cursor)).status_code == 200


@pytest.mark.parametrize('cursor', ['nonsense', 'MTc5NjMxNzE3OTkzNDAwMC4yLjgxYjU4ZmU5NzUwZDM5MGUuZmU3ZjZlZDgxOWVhZmU4Zg'])
def test_a_cursor_the_api_did_not_give_is_refused(api, cursor):
    answer = api.get(params={'cursor': cursor})
    assert answer.status_code == 400 and answer.json()['errors'][0]['source'] == {'pointer': '/cursor'}


def test_messages_arriving_while_paging_do_not_shift_later_pages(api):
    params = {'per_page': 3, 'detections_only': 'false'}
    before = api.search(**params)
    first = api.page(**params)
    for number in range(4):
        added = api.control('mailbox/message', {'message': {
            'from': 'late@example.org', 'to': ['alice@example.com'], 'subject': f'Arrived {number}'}})
        assert added.status_code == 200
    rest = api.search(cursor=first['result_info']['next'], **params)
    assert [message['id'] for message in first['result'] + rest] == [message['id'] for message in before]
    assert api.page(**params)['result'][0]['subject'] == 'Arrived 3'  # a new search sees them, newest first


def test_a_page_may_be_short_and_still_have_a_next(api):
    api.emulator.configure({'search_scan_limit': 5})
    pages = api.pages(per_page=4, sender='micros0ft-support.example')
    counts = [page['result_info']['count'] for page in pages]
    assert sum(counts) == 5 and any(count < 4 for count in counts[:-1])


@pytest.mark.parametrize('form, last', [('null', None), ('empty', ''), ('absent', 'absent')])
def test_the_last_page_says_so_in_the_configured_form(api, form, last):
    api.emulator.configure({'cursor_last': form})
    info = api.page(per_page=1000)['result_info']
    assert info.get('next', 'absent') == last


def test_result_info_keeps_the_deprecated_total_count_and_page_at_zero(api):
    info = api.page(per_page=2)['result_info']
    assert {name: info[name] for name in ('count', 'per_page', 'total_count', 'page')} == {
        'count': 2, 'per_page': 2, 'total_count': 0, 'page': 0}


def test_per_page_defaults_to_twenty(api):
    assert api.page(detections_only='false')['result_info']['per_page'] == 20


@pytest.mark.parametrize('params, pointer', [
    ({'page': '2'}, '/page'),
    ({'limit': '10'}, '/limit'),
    ({'exact_subject': PHISH}, '/exact_subject'),  # bulk search_params only
    ({'final_disposition': 'MALICIOUS-BEC'}, '/final_disposition'),
    ({'final_disposition': 'malicious'}, '/final_disposition'),
    ({'delivery_status': 'Delivered'}, '/delivery_status'),
    ({'message_action': 'MOVE'}, '/message_action'),
    ({'detections_only': 'True'}, '/detections_only'),
    ({'detections_only': '1'}, '/detections_only'),
    ({'per_page': '0'}, '/per_page'),
    ({'per_page': '1001'}, '/per_page'),
    ({'per_page': 'ten'}, '/per_page'),
    ({'start': '-24h'}, '/start'),
    ({'start': '2026-12-01T00:00:00'}, '/start'),  # no offset
    ({'start': '2026-12-01'}, '/start'),
    ({'end': 'yesterday'}, '/end'),
    ({'sender': ''}, '/sender'),
    ({'sender': 'not an address@'}, '/sender'),
    ({'recipient': 'nobody'}, '/recipient'),
    ({'domain': 'user@example.com'}, '/domain'),
    ({'smtp_helo_ip': '203.0.113'}, '/smtp_helo_ip'),
    ([('sender', 'a.example'), ('sender', 'b.example')], '/sender'),  # each parameter once
])
def test_bad_search_parameters_are_refused_naming_the_parameter(api, params, pointer):
    answer = api.get(params=params)
    assert answer.status_code == 400
    (error,) = answer.json()['errors']
    assert error['source'] == {'pointer': pointer} and error['code'] >= 1000
    assert api.emulator.log[-1]['status'] == 400


def test_start_in_the_future_or_after_end_is_refused(api):
    future = api.get(params={'start': iso(now() + datetime.timedelta(minutes=5))})
    assert future.status_code == 400 and 'future' in future.json()['errors'][0]['message']
    backwards = api.get(params={'start': iso(now() - datetime.timedelta(days=1)),
                                'end': iso(now() - datetime.timedelta(days=2))})
    assert backwards.status_code == 400 and backwards.json()['errors'][0]['source'] == {'pointer': '/start'}


# -- one message -----------------------------------------------------------------------------------------------------
def test_get_one_message_by_its_percent_encoded_id(api):
    listed = api.one('Board pack for Thursday')
    assert ':' in listed['id']
    answer = api.get('/' + quote(listed['id'], safe=''))
    assert answer.status_code == 200 and answer.json()['result'] == listed
    assert api.get('/' + quote(listed['id'], safe=''), {'submission': 'false'}).status_code == 200


@pytest.mark.parametrize('path, params, status', [
    ('/no-such-id', None, 404),
    (None, {'submission': 'true'}, 404),  # the emulator keeps no submissions
    (None, {'submission': 'yes'}, 400),
    (None, {'detections_only': 'true'}, 400),
])
def test_get_one_message_refuses_what_it_does_not_know(api, path, params, status):
    path = path or '/' + quote(api.one('Lunch on Friday?')['id'], safe='')
    assert api.get(path, params).status_code == status


def test_messages_carry_the_contracts_fields(api):
    for message in api.search(per_page=1000, detections_only='false'):
        for name in ('id', 'postfix_id', 'client_recipients', 'detection_reasons', 'is_quarantined',
                     'is_phish_submission', 'properties', 'action_log', 'ts'):
            assert name in message, name
        assert isinstance(message['delivery_status'], list) and message['delivery_status']
        assert message['ts'] == message['scanned_at'] and message['scanned_at'].endswith('Z')
    crypto = api.one('Crypto opportunity')
    (entry,) = crypto['action_log']
    assert entry['operation'] == 'MOVE' and entry['properties']['folder'] == 'JunkEmail'
    assert entry['completed_at'] and 'success' not in entry  # the deprecated embedded form


# -- control endpoints ---------------------------------------------------------------------------------------------
def test_an_added_message_is_found_by_the_next_search(api):
    since = iso(now() - datetime.timedelta(seconds=1))
    added = api.control('mailbox/message', {'message': {
        'from': 'attacker@evil.example', 'to': ['alice@example.com', 'bob@example.com'], 'subject': 'Invoice overdue',
        'final_disposition': 'MALICIOUS'}})
    assert added.status_code == 200
    message = added.json()
    assert message['client_recipients'] == ['alice@example.com', 'bob@example.com']
    assert message['alert_id'] and message['delivery_status'] == ['delivered'] and not message['is_quarantined']
    assert [found['id'] for found in api.search(start=since)] == [message['id']]
    assert api.emulator.log[-1]['path'].endswith('/investigate')  # control requests are not logged


@pytest.mark.parametrize('message, pointer', [
    ({'from': 'a@example.org', 'to': ['b@example.com'], 'colour': 'red'}, '/message/colour'),
    ({'from': 'a@example.org', 'to': ['b@example.com'], 'final_disposition': 'EVIL'}, '/message/final_disposition'),
    ({'to': ['b@example.com']}, '/message/from'),
    ({'from': 'a@example.org', 'to': []}, '/message/to'),
    ({'from': 'a@example.org', 'to': ['b@example.com'], 'scanned_at': 'yesterday'}, '/message/scanned_at'),
    ({'from': 'a@example.org', 'to': ['b@example.com'], 'delivery_status': ['lost']}, '/message/delivery_status/0'),
    ({'from': 'a@example.org', 'to': ['b@example.com'], 'is_quarantined': False,
      'delivery_status': ['quarantined']}, '/message/is_quarantined'),
])
def test_a_bad_seed_message_is_refused_naming_the_field(api, message, pointer):
    answer = api.control('mailbox/message', {'message': message})
    assert answer.status_code == 400
    assert answer.json()['errors'][0]['source'] == {'pointer': pointer}


def test_a_seeded_id_is_kept_and_a_repeated_one_is_a_conflict(api):
    body = {'messages': [{'id': 'chosen-2026-12-03T10:00:00-00000001', 'from': 'a@example.org',
                          'to': ['b@example.com']}]}
    assert api.control('mailbox', body).json()['ids'] == ['chosen-2026-12-03T10:00:00-00000001']
    assert api.control('mailbox', body).status_code == 409


def test_a_generated_mailbox_is_reproducible(server):
    base_url, emulator = server
    control = base_url[:-len(cf_emulator.API_PREFIX)] + '/__emulator/mailbox'
    for account in ('a' * 32, 'b' * 32):
        added = requests.post(control, json={'account_id': account, 'generate': {'count': 500, 'seed': 7}}, timeout=30)
        assert added.json()['added'] == 500
    boxes = [emulator.mailboxes.of(account).order for account in ('a' * 32, 'b' * 32)]
    assert [message.fields['subject'] for message in boxes[0]] == [message.fields['subject'] for message in boxes[1]]
    dispositions = {message.fields['final_disposition'] for message in boxes[0]}
    assert len(dispositions) >= 8 and any(message.quarantined for message in boxes[0])


def test_investigate_requests_are_authenticated_and_logged(api):
    assert api.get(headers={}).status_code == 401
    assert api.get(headers={'Authorization': 'Bearer wrong'}).status_code == 401
    api.page(per_page=2, sender='example.com')
    entry = api.emulator.log[-1]
    assert entry['path'] == f'/client/v4/accounts/{ACCOUNT}/email-security/investigate'
    assert entry['query'] == {'per_page': ['2'], 'sender': ['example.com']} and entry['status'] == 200
    foreign = requests.get(api.url.replace(ACCOUNT, 'f' * 32), headers=AUTH, timeout=10)
    assert foreign.status_code == 403


# -- move ------------------------------------------------------------------------------------------------------------
def path(message: dict, *rest: str) -> str:
    return '/'.join(['', quote(message['id'], safe=''), *rest])


def test_a_move_answers_per_recipient_and_changes_state_and_action_log(api):
    newsletter = api.one('December newsletter')  # three recipients
    answer = api.post(path(newsletter, 'move'), {'destination': 'JunkEmail'})
    assert answer.status_code == 200
    results = answer.json()['result']
    assert sorted(result['recipient'] for result in results) == sorted(newsletter['client_recipients'])
    assert {(result['success'], result['destination'], result['message_id'], result['operation'])
            for result in results} == {(True, 'JunkEmail', newsletter['id'], 'MOVE')}
    moved = api.get(path(newsletter)).json()['result']
    assert moved['delivery_status'] == ['moved'] and moved['post_delivery_operations'] == ['MOVE']
    (entry,) = moved['action_log']
    assert entry['operation'] == 'MOVE' and entry['properties']['folder'] == 'JunkEmail'
    assert entry['status'] == 'COMPLETED'
    state = api.state()[newsletter['id']]['emulator']
    assert state['location'] == 'JunkEmail'
    assert {address: where['folder'] for address, where in state['recipients'].items()} == dict.fromkeys(
        newsletter['client_recipients'], 'JunkEmail')


def test_moving_a_message_to_where_it_is_succeeds_and_changes_nothing(api):
    lunch = api.one('Lunch on Friday?')
    answer = api.post(path(lunch, 'move'), {'destination': 'Inbox'})  # delivered: taken as Inbox
    assert [result['success'] for result in answer.json()['result']] == [True]
    crypto = api.one('Crypto opportunity')  # its last MOVE put it in JunkEmail
    assert all(result['success'] for result in api.post(path(crypto, 'move'), {'destination': 'JunkEmail'}).json()['result'])
    assert api.one('Lunch on Friday?') == lunch and api.one('Crypto opportunity') == crypto


def test_a_moved_message_moves_again_and_back_to_the_inbox(api):
    crypto = api.one('Crypto opportunity')
    api.post(path(crypto, 'move'), {'destination': 'DeletedItems'})
    assert api.state()[crypto['id']]['emulator']['location'] == 'DeletedItems'
    api.post(path(crypto, 'move'), {'destination': 'Inbox'})
    after = api.one('Crypto opportunity')
    assert [entry['properties']['folder'] for entry in after['action_log']] == ['JunkEmail', 'DeletedItems', 'Inbox']
    assert api.state()[crypto['id']]['emulator']['location'] == 'Inbox'


def test_a_quarantined_message_cannot_be_moved(api):
    board = api.one('Board pack for Thursday')  # quarantined, two recipients
    results = api.post(path(board, 'move'), {'destination': 'Inbox'}).json()['result']
    assert [result['success'] for result in results] == [False, False]
    assert all('quarantine' in result['status'] for result in results)
    assert api.one('Board pack for Thursday') == board


def test_a_message_never_delivered_to_a_mailbox_fails_to_move(api):
    rejected = api.one('Scanned document')
    (result,) = api.post(path(rejected, 'move'), {'destination': 'DeletedItems'}).json()['result']
    assert result['success'] is False and 'rejected' in result['status']
    after = api.one('Scanned document')
    assert after['delivery_status'] == ['rejected', 'move_failed']
    assert api.state()[rejected['id']]['emulator']['location'] is None


def test_move_many_moves_every_copy_of_a_phish(api):
    copies = api.search(message_id='pw-expiry-7731@micros0ft-support.example')
    answer = api.post('/move', {'destination': 'RecoverableItemsDeletions', 'ids': [copy['id'] for copy in copies]})
    assert answer.status_code == 200
    results = answer.json()['result']
    assert [result['message_id'] for result in results] == [copy['id'] for copy in copies]
    assert all(result['success'] for result in results)
    state = api.state()
    assert {state[copy['id']]['emulator']['location'] for copy in copies} == {'RecoverableItemsDeletions'}
    assert api.emulator.log[-1]['body'] == {'destination': 'RecoverableItemsDeletions',
                                            'ids': [copy['id'] for copy in copies]}


def test_a_partial_failure_logs_a_failed_move_and_a_rerun_finishes(api):
    newsletter = api.one('December newsletter')
    api.emulator.add_faults([{'kind': 'recipient_failure', 'path': '/move$', 'recipients': ['Bob@example.com'],
                              'status': 'mailbox locked by an administrator'}])
    results = api.post('/move', {'destination': 'DeletedItems', 'ids': [newsletter['id']]}).json()['result']
    assert {result['recipient']: (result['success'], result['status']) for result in results} == {
        'alice@example.com': (True, 'completed'), 'bob@example.com': (False, 'mailbox locked by an administrator'),
        'carol@example.com': (True, 'completed')}
    failed = api.one('December newsletter')
    assert failed['delivery_status'] == ['moved', 'delivered', 'move_failed']
    assert failed['action_log'][-1]['status'] == 'FAILED'
    assert api.get(path(newsletter)).json()['result']['action_log'][-1]['properties']['folder'] == 'DeletedItems'
    assert api.state()[newsletter['id']]['emulator']['location'] is None  # unknown: move it again
    again = api.post('/move', {'destination': 'DeletedItems', 'ids': [newsletter['id']]}).json()['result']
    assert all(result['success'] for result in again)
    finished = api.one('December newsletter')
    assert finished['delivery_status'] == ['moved'] and finished['action_log'][-1]['status'] == 'COMPLETED'
    assert api.state()[newsletter['id']]['emulator']['location'] == 'DeletedItems'


def test_a_lost_answer_to_a_move_was_applied(api):
    lunch = api.one('Lunch on Friday?')
    api.emulator.add_faults([{'kind': 'lost', 'method': 'POST', 'path': '/move$'}])
    with pytest.raises(requests.ConnectionError):
        api.post('/move', {'destination': 'JunkEmail', 'ids': [lunch['id']]})
    assert api.one('Lunch on Friday?')['delivery_status'] == ['moved']
    assert api.emulator.log[-2]['fault'] == 'lost' and api.emulator.log[-2]['status'] == 200


@pytest.mark.parametrize('body, pointer', [
    ({'destination': 'Junk'}, '/destination'),
    ({'destination': 'junkemail'}, '/destination'),
    ({}, '/destination'),
    ({'destination': 'JunkEmail', 'folder': 'x'}, '/folder'),
    ({'destination': 'JunkEmail', 'expected_disposition': 'SPAM'}, '/expected_disposition'),
])
def test_a_bad_move_is_refused_naming_the_field(api, body, pointer):
    lunch = api.one('Lunch on Friday?')
    answer = api.post(path(lunch, 'move'), body)
    assert answer.status_code == 400 and answer.json()['errors'][0]['source'] == {'pointer': pointer}
    assert api.one('Lunch on Friday?') == lunch


@pytest.mark.parametrize('ids, pointer', [
    (['x'] * 0, '/ids'),
    ('one-id', '/ids'),
    ([f'id-{number}' for number in range(101)], '/ids'),
    ([None], '/ids/0'),
])
def test_move_many_takes_one_to_a_hundred_ids(api, ids, pointer):
    answer = api.post('/move', {'destination': 'JunkEmail', 'ids': ids})
    assert answer.status_code == 400 and answer.json()['errors'][0]['source'] == {'pointer': pointer}


def test_move_many_refuses_retired_postfix_ids_and_repeated_ids(api):
    lunch = api.one('Lunch on Friday?')
    retired = api.post('/move', {'destination': 'JunkEmail', 'ids': [lunch['id']], 'postfix_ids': ['X']})
    assert retired.status_code == 400 and 'end of life' in retired.json()['errors'][0]['message']
    twice = api.post('/move', {'destination': 'JunkEmail', 'ids': [lunch['id'], lunch['id']]})
    assert twice.status_code == 400 and twice.json()['errors'][0]['source'] == {'pointer': '/ids/1'}


def test_an_unknown_id_fails_the_whole_move_and_nothing_moves(api):
    lunch = api.one('Lunch on Friday?')
    answer = api.post('/move', {'destination': 'JunkEmail', 'ids': [lunch['id'], 'no-such-id']})
    assert answer.status_code == 404
    assert api.one('Lunch on Friday?') == lunch
    assert api.post('/no-such-id/move', {'destination': 'JunkEmail'}).status_code == 404


# -- release ---------------------------------------------------------------------------------------------------------
def test_release_delivers_a_quarantined_message_to_every_recipient(api):
    board = api.one('Board pack for Thursday')
    answer = api.post('/release', [board['id']])  # the bare array of OAS and TS
    assert answer.status_code == 200
    assert answer.json()['result'] == [{'id': board['id'], 'postfix_id': board['postfix_id'],
                                        'delivered': ['carol@example.com', 'dave@example.net'], 'failed': [],
                                        'undelivered': []}]
    released = api.one('Board pack for Thursday')
    assert released['is_quarantined'] is False and released['delivery_status'] == ['delivered']
    assert released['post_delivery_operations'] == ['QUARANTINE_RELEASE']
    assert [(entry['operation'], entry['status']) for entry in released['action_log']] == [
        ('QUARANTINE_RELEASE', 'COMPLETED')]
    assert api.state()[board['id']]['emulator']['location'] == 'Inbox'
    assert all(result['success'] for result in api.post(path(board, 'move'), {'destination': 'JunkEmail'}).json()['result'])


def test_release_takes_the_sdks_ids_object_too(api):
    prize = api.one('You won a prize')
    answer = api.post('/release', {'ids': [prize['id']]})
    assert answer.json()['result'][0]['delivered'] == ['erin@shop.example.org']


def test_releasing_a_message_that_is_not_quarantined_changes_nothing(api):
    lunch, invoice = api.one('Lunch on Friday?'), api.one('Your invoice is attached')
    results = api.post('/release', [lunch['id'], invoice['id']]).json()['result']
    assert results[0] == {'id': lunch['id'], 'postfix_id': lunch['postfix_id'], 'delivered': [], 'failed': [],
                          'undelivered': ['alice@example.com']}
    assert results[1]['delivered'] == ['finance@example.com']
    assert api.one('Lunch on Friday?') == lunch


def test_a_release_failing_for_one_recipient_stays_quarantined_until_released_again(api):
    board = api.one('Board pack for Thursday')
    api.emulator.add_faults([{'kind': 'recipient_failure', 'path': '/release$', 'recipients': ['dave@example.net']}])
    (result,) = api.post('/release', [board['id']]).json()['result']
    assert (result['delivered'], result['failed']) == (['carol@example.com'], ['dave@example.net'])
    partly = api.one('Board pack for Thursday')
    assert partly['is_quarantined'] is True and partly['delivery_status'] == ['delivered', 'quarantined']
    assert partly['action_log'][-1]['status'] == 'FAILED'
    (again,) = api.post('/release', [board['id']]).json()['result']
    assert again['delivered'] == ['carol@example.com', 'dave@example.net'] and again['failed'] == []
    assert api.one('Board pack for Thursday')['is_quarantined'] is False


@pytest.mark.parametrize('body, status', [
    (['no-such-id'], 404),
    ({'ids': []}, 400),
    ({'id': 'x'}, 400),
    ('an id', 400),
    ([f'id-{number}' for number in range(101)], 400),
])
def test_a_bad_release_is_refused_and_releases_nothing(api, body, status):
    prize = api.one('You won a prize')
    if isinstance(body, list) and body == ['no-such-id']:
        body = [prize['id'], 'no-such-id']
    assert api.post('/release', body).status_code == status
    assert api.one('You won a prize')['is_quarantined'] is True


# -- detections, trace, raw, action log, preview, reclassify -------------------------------------------------------
def test_detections_describe_the_scan(api):
    phish = api.search(sender='micros0ft-support.example')[0]
    found = api.get(path(phish, 'detections')).json()['result']
    assert found['final_disposition'] == 'MALICIOUS' and found['action'] == 'DELIVER'
    assert {'href': 'https://login.micros0ft-support.example/reset',
            'text': 'https://login.micros0ft-support.example/reset'} in found['links']
    assert {'name': 'Message-ID', 'value': '<pw-expiry-7731@micros0ft-support.example>'} in found['headers']
    assert found['threat_categories'] and all('name' in category for category in found['threat_categories'])
    assert found['sender_info']['pld'] == 'micros0ft-support.example' and found['findings']
    invoice = api.get(path(api.one('Your invoice is attached'), 'detections')).json()['result']
    assert invoice['action'] == 'QUARANTINE'
    assert [attachment['filename'] for attachment in invoice['attachments']] == ['invoice.zip']
    assert invoice['attachments'][0]['size'] == 90112


def test_the_trace_shows_delivery_then_moves_and_releases(api):
    board = api.one('Board pack for Thursday')
    before = api.get(path(board, 'trace')).json()['result']
    assert [line['lineno'] for line in before['inbound']['lines']] == [1, 2, 3, 4]
    assert before['inbound']['lines'][-1]['message'] == 'Quarantined for dave@example.net'
    assert before['outbound'] == {'lines': [], 'pending': False}
    api.post('/release', [board['id']])
    api.post(path(board, 'move'), {'destination': 'JunkEmail'})
    after = [line['message'] for line in api.get(path(board, 'trace')).json()['result']['inbound']['lines']]
    assert after[4:] == ['Released from quarantine to the Inbox of carol@example.com',
                         'Released from quarantine to the Inbox of dave@example.net',
                         'Moved to JunkEmail for carol@example.com', 'Moved to JunkEmail for dave@example.net']


def test_raw_is_the_eml_as_text(api):
    phish = api.search(sender='micros0ft-support.example')[0]
    eml = api.get(path(phish, 'raw')).json()['result']['raw']
    assert eml.startswith('From: IT Helpdesk <it-helpdesk@micros0ft-support.example>\r\n')
    assert f"\r\nSubject: {PHISH}\r\n" in eml and '\r\nMessage-ID: <pw-expiry-7731@micros0ft-support.example>\r\n' in eml
    assert eml.endswith('https://login.micros0ft-support.example/reset\r\n')


def test_the_action_log_endpoint_lists_entries_newest_first_and_pages(api):
    crypto = api.one('Crypto opportunity')
    for destination in ('DeletedItems', 'Inbox'):
        api.post(path(crypto, 'move'), {'destination': destination})
    answer = api.get(path(crypto, 'action_log'), {'per_page': 1000}).json()
    assert [(entry['operation'], entry['properties']['folder'], entry['success'], entry['status'])
            for entry in answer['result']] == [('MOVE', 'Inbox', True, 'completed'),
                                               ('MOVE', 'DeletedItems', True, 'completed'),
                                               ('MOVE', 'JunkEmail', True, 'completed')]
    assert answer['result'][0]['completed_at'] > answer['result'][1]['completed_at'] > answer['result'][2]['completed_at']
    assert answer['result'][0]['properties']['requested_by'] == 'API token'
    assert answer['result_info'] == {'page': 1, 'per_page': 1000, 'count': 3, 'total_count': 3}
    second = api.get(path(crypto, 'action_log'), {'page': 2, 'per_page': 1}).json()['result']
    assert [entry['properties']['folder'] for entry in second] == ['DeletedItems']
    embedded = api.one('Crypto opportunity')['action_log']
    assert [entry['properties']['folder'] for entry in embedded] == ['JunkEmail', 'DeletedItems', 'Inbox']
    assert api.get(path(crypto, 'action_log'), {'per_page': 1001}).status_code == 400
    assert api.get(path(crypto, 'action_log'), {'limit': 5}).status_code == 400


def test_a_preview_is_a_png_and_is_logged(api):
    welcome = api.one('Lunch on Friday?')
    screenshot = api.get(path(welcome, 'preview')).json()['result']['screenshot']
    assert base64.b64decode(screenshot).startswith(b'\x89PNG')
    assert api.one('Lunch on Friday?')['post_delivery_operations'] == ['PREVIEW']
    assert 'Lunch on Friday?' in api.subjects(message_action='PREVIEW', detections_only='false')
    by_postfix = api.post('/preview', {'postfix_id': welcome['postfix_id']})
    assert by_postfix.status_code == 200 and api.post('/preview', {'id': welcome['id']}).status_code == 200
    assert len(api.get(path(welcome, 'action_log')).json()['result']) == 3
    assert api.post('/preview', {'id': welcome['id'], 'postfix_id': welcome['postfix_id']}).status_code == 400
    assert api.post('/preview', {}).status_code == 400


def test_reclassify_is_accepted_and_changes_no_disposition(api):
    shipping = api.one('Shipping notice')
    answer = api.post(path(shipping, 'reclassify'), {'expected_disposition': 'NONE'})
    assert answer.status_code == 202
    after = api.one('Shipping notice')
    assert after['final_disposition'] == 'SUSPICIOUS' and 'SUBMISSION' in after['post_delivery_operations']
    assert api.post(path(shipping, 'reclassify'), {'expected_disposition': 'MALICIOUS-BEC'}).status_code == 400
    assert api.post(path(shipping, 'reclassify'), {}).status_code == 400


@pytest.mark.parametrize('method, rest', [
    ('GET', 'detections'), ('GET', 'trace'), ('GET', 'raw'), ('GET', 'action_log'), ('GET', 'preview'),
    ('POST', 'reclassify')])
def test_the_subresources_of_an_unknown_id_are_404(api, method, rest):
    answer = requests.request(method, f'{api.url}/no-such-id/{rest}', json={'expected_disposition': 'NONE'},
                              headers=AUTH, timeout=10)
    assert answer.status_code == 404


def test_unknown_routes_and_methods_are_refused(api):
    lunch = api.one('Lunch on Friday?')
    assert api.get(path(lunch, 'attachments')).status_code == 404
    assert requests.delete(api.url + path(lunch), headers=AUTH, timeout=10).status_code == 405
    assert requests.put(api.url + '/move', json={}, headers=AUTH, timeout=10).status_code == 405


# -- bulk jobs ---------------------------------------------------------------------------------------------------------
COUNTERS = ('messages_pending', 'messages_successful', 'messages_failed', 'messages_skipped', 'messages_cancelled')


def poll(api: Api, job: dict) -> dict:
    answer = api.get(f"/bulk/{job['job_id']}")
    assert answer.status_code == 200, answer.text
    polled = answer.json()['result']
    assert polled['total_messages_discovered'] == sum(polled[counter] for counter in COUNTERS)
    return polled


def create_job(api: Api, body: dict) -> dict:
    answer = api.post('/bulk', body)
    assert answer.status_code == 201, answer.text
    return answer.json()['result']


def job_messages(api: Api, job: dict, **params) -> list[dict]:
    answer = api.get(f"/bulk/{job['job_id']}/messages", dict(params, per_page=1000))
    assert answer.status_code == 200, answer.text
    return answer.json()['result']


def test_a_move_job_advances_on_each_poll_with_consistent_counters(api):
    api.emulator.configure({'bulk_per_poll': 2})
    search_params = {'message_id': '<pw-expiry-7731@micros0ft-support.example>', 'detections_only': True}
    job = create_job(api, {'action': 'MOVE', 'destination': 'DeletedItems', 'search_params': search_params,
                           'comment': 'campaign 7731'})
    assert job['status'] == 'PENDING' and job['total_messages_discovered'] == 0
    assert job['action_type'] == 'MOVE' and job['action_params'] == {'type': 'MOVE', 'destination': 'DeletedItems'}
    assert job['search_params'] == search_params and job['comment'] == 'campaign 7731'
    seen = []
    while True:
        polled = poll(api, job)
        seen.append((polled['status'], polled['messages_pending'], polled['messages_successful']))
        if polled['status'] == 'COMPLETED':
            break
    assert seen == [('DISCOVERING', 5, 0), ('PROCESSING', 3, 2), ('PROCESSING', 1, 4), ('COMPLETED', 0, 5)]
    assert polled['started_at'] and polled['completed_at'] and polled['total_messages_discovered'] == 5
    assert poll(api, job)['status'] == 'COMPLETED'  # terminal: polls change nothing
    state = api.state()
    copies = [message for message in state.values() if message['subject'] == PHISH]
    assert {message['emulator']['location'] for message in copies} == {'DeletedItems'}


def test_job_messages_are_one_row_per_message_and_recipient(api):
    job = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                           'search_params': {'exact_subject': 'December newsletter'}})
    for _poll in range(3):
        poll(api, job)
    rows = job_messages(api, job)
    newsletter = api.one('December newsletter')
    assert sorted(row['action_params']['client_recipient'] for row in rows) == sorted(newsletter['client_recipients'])
    for row in rows:
        assert row['message']['id'] == newsletter['id'] and row['message_id'] != newsletter['id']
        assert row['action_params']['type'] == 'MOVE' and row['action_params']['destination'] == 'JunkEmail'
        assert row['status'] == 'COMPLETED' and row['processed_at'] and row['retry_count'] == 0
        assert row['postfix_id'] == newsletter['postfix_id'] and row['email_message_id'] == newsletter['message_id']
    assert len({row['message_id'] for row in rows}) == 3
    assert job_messages(api, job, status='FAILED') == []


def test_a_release_job_skips_what_is_not_quarantined_and_what_is_a_submission(api):
    job = create_job(api, {'action': 'RELEASE', 'search_params': {'detections_only': False,
                                                                  'start': iso(now() - datetime.timedelta(hours=7))}})
    while poll(api, job)['status'] != 'COMPLETED':
        pass
    rows = job_messages(api, job)
    released = sorted((row['message']['subject'], row['action_params']['client_recipient']) for row in rows
                      if row['status'] == 'COMPLETED')
    assert released == [('Board pack for Thursday', 'carol@example.com'),
                        ('Board pack for Thursday', 'dave@example.net'),
                        ('Your invoice is attached', 'finance@example.com')]
    skipped = [row for row in rows if row['status'] == 'SKIPPED']
    assert skipped and all(row['status_message'] == 'message is not quarantined' for row in skipped)
    assert poll(api, job)['messages_skipped'] == len(skipped)
    assert api.one('Board pack for Thursday')['is_quarantined'] is False
    submission = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                                  'search_params': {'subject': 'is this real'}})
    assert [poll(api, submission)['messages_skipped'] for _poll in range(3)] == [1, 1, 1]


def test_a_job_takes_every_disposition_and_exact_subject(api):
    job = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                           'search_params': {'final_disposition': 'MALICIOUS-BEC', 'exact_subject': 'Urgent: wire '
                                             'transfer before 5pm', 'submissions': False, 'end': None}})
    assert poll(api, job)['total_messages_discovered'] == 1
    near = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                            'search_params': {'exact_subject': 'urgent: wire transfer before 5pm'}})
    assert poll(api, near)['total_messages_discovered'] == 0


def test_failing_recipients_fail_their_job_rows(api):
    api.emulator.add_faults([{'kind': 'recipient_failure', 'path': '/bulk/', 'method': 'GET', 'skip': 1,
                              'recipients': ['bob@example.com'], 'status': 'mailbox over quota'}])
    job = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                           'search_params': {'exact_subject': 'December newsletter'}})
    poll(api, job)  # discovers (skipped by the fault)
    polled = poll(api, job)  # processes, with bob's mailbox failing
    assert (polled['messages_successful'], polled['messages_failed']) == (2, 1)
    (failed,) = job_messages(api, job, status='FAILED')
    assert failed['action_params']['client_recipient'] == 'bob@example.com'
    assert failed['status_message'] == 'mailbox over quota'
    assert 'move_failed' in api.one('December newsletter')['delivery_status']


def test_cancel_keeps_the_job_and_delete_needs_a_terminal_one(api):
    api.emulator.configure({'bulk_per_poll': 1})
    job = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail',
                           'search_params': {'sender': 'micros0ft-support.example'}})
    poll(api, job)
    poll(api, job)
    running = api.post(f"/bulk/{job['job_id']}/cancel", None)
    assert running.status_code == 200
    cancelled = running.json()['result']
    assert cancelled['status'] == 'CANCELLED' and cancelled['completed_at']
    assert [cancelled[counter] for counter in ('total_messages_discovered',) + COUNTERS] == [5, 0, 1, 0, 0, 4]
    assert len(job_messages(api, job, status='CANCELLED')) == 4
    assert poll(api, job)['status'] == 'CANCELLED'
    assert api.post(f"/bulk/{job['job_id']}/cancel", None).status_code == 409
    other = create_job(api, {'action': 'RELEASE', 'search_params': {}})
    assert requests.delete(f"{api.url}/bulk/{other['job_id']}", headers=AUTH, timeout=10).status_code == 409
    deleted = requests.delete(f"{api.url}/bulk/{job['job_id']}", headers=AUTH, timeout=10)
    assert deleted.status_code == 200 and deleted.json()['result'] == {'id': job['job_id']}
    assert api.get(f"/bulk/{job['job_id']}").status_code == 404
    assert api.get('/bulk/no-such-job/messages').status_code == 404


def test_jobs_are_listed_newest_first_and_filtered(api):
    first = create_job(api, {'action': 'MOVE', 'destination': 'JunkEmail', 'search_params': {}})
    second = create_job(api, {'action': 'RELEASE', 'search_params': {}})
    listed = api.get('/bulk').json()
    assert [job['job_id'] for job in listed['result']] == [second['job_id'], first['job_id']]
    assert listed['result_info'] == {'page': 1, 'per_page': 20, 'count': 2, 'total_count': 0}
    assert [job['job_id'] for job in api.get('/bulk', {'action_type': 'MOVE'}).json()['result']] == [first['job_id']]
    assert api.get('/bulk', {'status': 'COMPLETED'}).json()['result'] == []
    assert api.get('/bulk', {'page': 2, 'per_page': 1}).json()['result'][0]['job_id'] == first['job_id']
    assert api.get('/bulk', {'per_page': 1001}).status_code == 400
    assert api.get('/bulk', {'status': 'DONE'}).status_code == 400
    assert api.get(f"/bulk/{first['job_id']}/messages", {'status': 'DISCOVERING'}).status_code == 400


@pytest.mark.parametrize('body, pointer', [
    ({'search_params': {}}, '/action'),
    ({'action': 'DELETE', 'search_params': {}}, '/action'),
    ({'action': 'MOVE', 'search_params': {}}, '/destination'),
    ({'action': 'MOVE', 'destination': 'Trash', 'search_params': {}}, '/destination'),
    ({'action': 'RELEASE', 'destination': 'Inbox', 'search_params': {}}, '/destination'),
    ({'action': 'RELEASE'}, '/search_params'),
    ({'action': 'RELEASE', 'search_params': {}, 'expected_disposition': 'NONE'}, '/expected_disposition'),
    ({'action': 'RELEASE', 'search_params': {}, 'comment': ''}, '/comment'),
    ({'action': 'RELEASE', 'search_params': {'cursor': 'x'}}, '/search_params/cursor'),
    ({'action': 'RELEASE', 'search_params': {'per_page': 10}}, '/search_params/per_page'),
    ({'action': 'RELEASE', 'search_params': {'action_log': True}}, '/search_params/action_log'),
    ({'action': 'RELEASE', 'search_params': {'detections_only': 'true'}}, '/search_params/detections_only'),
    ({'action': 'RELEASE', 'search_params': {'final_disposition': 'EVIL'}}, '/search_params/final_disposition'),
    ({'action': 'RELEASE', 'search_params': {'start': '2999-01-01T00:00:00Z'}}, '/search_params/start'),
    ({'action': 'RELEASE', 'search_params': {'sender': 42}}, '/search_params/sender'),
    ({'action': 'RELEASE', 'search_params': []}, '/search_params'),
])
def test_a_bad_job_is_refused_naming_the_field(api, body, pointer):
    answer = api.post('/bulk', body)
    assert answer.status_code == 400 and answer.json()['errors'][0]['source'] == {'pointer': pointer}
    assert api.get('/bulk').json()['result'] == []


# -- slow searches: 202 and Location ---------------------------------------------------------------------------------
SLOW = {'kind': 'accepted', 'method': 'GET', 'path': '/investigate$'}


def test_a_slow_search_answers_202_then_its_location_answers_the_page(api):
    expected = api.page(per_page=5)
    api.emulator.add_faults([dict(SLOW, retry_after=1)])
    logged = len(api.emulator.log)
    accepted = api.get(params={'per_page': 5})
    assert accepted.status_code == 202
    assert accepted.headers['Location'].startswith('investigate/pending/')  # relative to the request URL
    assert accepted.headers['Retry-After'] == '1'
    assert accepted.json()['result'] == [] and 'next' not in accepted.json()['result_info']  # not the page
    polled = requests.get(urljoin(accepted.url, accepted.headers['Location']), headers=AUTH, timeout=10)
    assert polled.status_code == 202 and '/' not in polled.headers['Location']  # relative to the poll's URL
    done = requests.get(urljoin(polled.url, polled.headers['Location']), headers=AUTH, timeout=10)
    assert done.status_code == 200
    assert [message['id'] for message in done.json()['result']] == [message['id'] for message in expected['result']]
    following = api.page(per_page=5, cursor=done.json()['result_info']['next'])  # its cursor goes on
    assert [message['id'] for message in following['result']] == [
        message['id'] for message in api.search(per_page=1000)[5:10]]
    assert [(entry['status'], entry['fault']) for entry in api.emulator.log[logged:logged + 3]] == [
        (202, 'accepted'), (202, None), (200, None)]


@pytest.mark.parametrize('form, prefix', [('root', '/client/v4/accounts/'), ('absolute', 'http://127.0.0.1:')])
def test_the_location_can_be_absolute(api, form, prefix):
    api.emulator.add_faults([dict(SLOW, location=form, pending_polls=0)])
    accepted = api.get(params={'per_page': 2})
    assert accepted.status_code == 202 and accepted.headers['Location'].startswith(prefix)
    assert 'Retry-After' not in accepted.headers
    done = requests.get(urljoin(accepted.url, accepted.headers['Location']), headers=AUTH, timeout=10)
    assert done.status_code == 200 and done.json()['result_info']['count'] == 2


def test_a_bad_slow_search_is_refused_at_once(api):
    api.emulator.add_faults([SLOW])
    assert api.get(params={'per_page': 0}).status_code == 400


def test_the_location_answers_only_its_own_account_with_credentials(api):
    api.emulator.configure({'accounts': ['b' * 32]})
    api.emulator.add_faults([dict(SLOW, pending_polls=0)])
    location = urljoin(api.url, api.get().headers['Location'])
    assert requests.get(location, timeout=10).status_code == 401
    assert requests.get(location.replace(ACCOUNT, 'b' * 32), headers=AUTH, timeout=10).status_code == 404
    assert requests.get(location + 'x', headers=AUTH, timeout=10).status_code == 404
    assert requests.get(location, params={'per_page': 5}, headers=AUTH, timeout=10).status_code == 400
    assert requests.get(location, headers=AUTH, timeout=10).status_code == 200
