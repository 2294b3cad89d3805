# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""email_security_message against the emulator's mailbox: moves and releases, idempotence, check mode on every
path, the two rails, chunks, partial failures, a lost answer, the undo."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_message as module

PHISH = {'from': 'billing@invoice-portal.example', 'subject': 'Invoice 4411 overdue', 'final_disposition': 'MALICIOUS',
         'message_id': '<5f1c2e@invoice-portal.example>', 'scanned_at': '-10m'}
COPIES = {'message_id': PHISH['message_id'], 'start': '-1d'}


def copies(emulator, count=3, **fields):
    return emulator.add_messages(*[dict(PHISH, to=[f'user{n}@example.com'], **fields) for n in range(count)])


def writes(emulator):
    return [entry for entry in emulator.requests if entry['method'] != 'GET']


def test_a_move_then_a_rerun_that_sends_reads_only(run_module, emulator):
    ids = copies(emulator)
    result = run_module(module, search=COPIES, state='moved', destination='RecoverableItemsPurges')
    assert result['changed'] is True and result['counts'] == {'selected': 3, 'moved': 3}
    assert [entry['method'] for entry in emulator.requests] == ['GET', 'POST']
    (move,) = writes(emulator)
    assert move['path'].endswith('/investigate/move')
    assert move['body'] == {'destination': 'RecoverableItemsPurges', 'ids': move['body']['ids']}
    assert sorted(move['body']['ids']) == sorted(ids)
    for message in result['messages']:
        assert (message['before'], message['after'], message['outcome']) == ('Inbox', 'RecoverableItemsPurges', 'moved')
        assert [entry['outcome'] for entry in message['recipients']] == ['moved']
    assert all(emulator.location(message_id) == 'RecoverableItemsPurges' for message_id in ids)
    assert result['undo'] == [{'state': 'moved', 'destination': 'Inbox', 'ids': [m['id'] for m in result['messages']]}]
    emulator.api.log.clear()
    again = run_module(module, search=COPIES, state='moved', destination='RecoverableItemsPurges')
    assert again['changed'] is False and again['counts'] == {'selected': 3, 'unchanged': 3}
    assert {entry['method'] for entry in emulator.requests} == {'GET'}
    assert again['undo'] == []


def test_the_undo_moves_each_message_back_where_it_was(run_module, emulator):
    inbox = copies(emulator, 2)
    junk = emulator.add_messages(dict(PHISH, to=['zed@example.com'], action_log=[
        {'operation': 'MOVE', 'completed_at': '-5m', 'properties': {'folder': 'JunkEmail'}}],
        post_delivery_operations=['MOVE'], delivery_status=['moved']))
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems')
    undo = {entry['destination']: sorted(entry['ids']) for entry in result['undo']}
    assert undo == {'Inbox': sorted(inbox), 'JunkEmail': junk}
    for entry in result['undo']:
        run_module(module, ids=entry['ids'], state='moved', destination=entry['destination'])
    assert [emulator.location(message_id) for message_id in inbox + junk] == ['Inbox', 'Inbox', 'JunkEmail']


@pytest.mark.parametrize('args', [
    {'search': COPIES, 'state': 'moved', 'destination': 'DeletedItems'},
    {'state': 'moved', 'destination': 'JunkEmail', 'ids': 'ALL'},
    {'search': dict(COPIES, delivery_status='quarantined'), 'state': 'released', 'allow_malicious': True},
    {'search': COPIES, 'state': 'moved', 'destination': 'DeletedItems', 'bulk_threshold': 1},
    {'search': COPIES, 'state': 'moved', 'destination': 'DeletedItems', 'max_messages': 1},
], ids=['search', 'ids', 'release', 'bulk-job', 'refused'])
def test_check_mode_never_moves_or_releases(run_module, emulator, args):
    ids = copies(emulator, 2) + copies(emulator, 2, is_quarantined=True)
    if args.get('ids') == 'ALL':
        args = dict(args, ids=ids)
    result = run_module(module, check_mode=True, diff=True, **args)
    assert writes(emulator) == []
    if args.get('max_messages') == 1:
        assert result['failed'] is True
    else:
        assert result['changed'] is True and result['diff']
        assert all(message['outcome'] in ('would_move', 'would_release', 'unchanged', 'skipped')
                   for message in result['messages'])
    assert {emulator.location(message_id) for message_id in ids} <= {'Inbox', None}


def test_diff_shows_each_message_before_and_after(run_module, emulator):
    copies(emulator, 2)
    result = run_module(module, check_mode=True, diff=True, search=COPIES, state='moved', destination='JunkEmail')
    assert [(entry['before'], entry['after']) for entry in result['diff']] == \
        [({'location': 'Inbox'}, {'location': 'JunkEmail'})] * 2
    assert all(PHISH['subject'] in entry['before_header'] for entry in result['diff'])


def test_more_than_max_messages_is_refused_before_any_write_in_check_mode_too(run_module, emulator):
    copies(emulator, 5)
    for check_mode in (True, False):
        emulator.api.log.clear()
        result = run_module(module, check_mode=check_mode, search=COPIES, state='moved', destination='DeletedItems',
                            max_messages=4)
        assert result['failed'] is True and writes(emulator) == []
        assert '5 messages would be moved, more than max_messages 4' in result['msg']
        assert 'raise max_messages' in result['msg'] and '\n' not in result['msg']
        assert len(result['messages']) == 5  # the predicted plan comes with the refusal
    assert run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=5)['changed']


def test_messages_already_in_place_do_not_count_against_max_messages(run_module, emulator):
    copies(emulator, 3)
    run_module(module, search=COPIES, state='moved', destination='DeletedItems')
    copies(emulator, 1)
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=1)
    assert result['changed'] is True and result['counts'] == {'selected': 4, 'moved': 1, 'unchanged': 3}


def test_releasing_malicious_mail_needs_allow_malicious(run_module, emulator):
    malicious = copies(emulator, 1, is_quarantined=True)
    spam = emulator.add_messages(dict(PHISH, to=['ana@example.com'], final_disposition='SPAM', is_quarantined=True))
    search = {'sender': PHISH['from'], 'start': '-1d'}
    for check_mode in (True, False):
        result = run_module(module, check_mode=check_mode, search=search, state='released')
        assert result['failed'] is True and malicious[0] in result['msg'] and 'allow_malicious' in result['msg']
    assert writes(emulator) == []
    result = run_module(module, ids=spam, state='released')
    assert result['changed'] is True and result['messages'][0]['outcome'] == 'released'
    (release,) = writes(emulator)
    assert release['path'].endswith('/investigate/release') and release['body'] == spam  # the bare JSON array
    assert emulator.location(spam[0]) == 'Inbox'
    allowed = run_module(module, search=search, state='released', allow_malicious=True)
    assert allowed['counts'] == {'selected': 2, 'released': 1, 'unchanged': 1}


def test_a_quarantined_message_is_skipped_by_a_move(run_module, emulator):
    (held,) = copies(emulator, 1, is_quarantined=True)
    result = run_module(module, ids=[held], state='moved', destination='DeletedItems')
    assert result['changed'] is False and writes(emulator) == []
    (message,) = result['messages']
    assert message['outcome'] == 'skipped' and 'quarantined' in message['reason']


def test_writes_go_in_chunks_of_at_most_chunk_size(run_module, emulator):
    copies(emulator, 250)
    result = run_module(module, search=COPIES, state='moved', destination='JunkEmail', max_messages=250)
    assert result['counts'] == {'selected': 250, 'moved': 250}
    assert [len(entry['body']['ids']) for entry in writes(emulator)] == [100, 100, 50]
    emulator.api.log.clear()
    run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=250, chunk_size=60)
    assert [len(entry['body']['ids']) for entry in writes(emulator)] == [60, 60, 60, 60, 10]


def test_an_unknown_id_fails_before_any_write(run_module, emulator):
    ids = copies(emulator, 1)
    result = run_module(module, ids=ids + ['no-such-message'], state='moved', destination='DeletedItems')
    assert result['failed'] is True and "'no-such-message'" in result['msg'] and writes(emulator) == []


def test_a_lost_answer_to_a_move_is_read_again_and_a_rerun_finishes(run_module, emulator):
    ids = copies(emulator, 150)
    emulator.fault(kind='lost', method='POST', path='/investigate/move$', times=1)
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=150)
    # The first chunk was applied but its answer lost: the re-read shows it done, and the run goes on.
    assert result['changed'] is True and 'failed' not in result
    assert result['counts'] == {'selected': 150, 'moved': 150}
    (warning,) = result['warnings']
    warning = warning['event']['msg'] if isinstance(warning, dict) else warning  # ansible-core 2.19 adds structure
    assert warning.startswith('100 message(s): the answer to the request was lost; a re-read shows them done')
    assert len(writes(emulator)) == 2  # each chunk sent once: a POST is never repeated blindly
    assert emulator.methods == ['GET', 'POST', 'GET', 'POST']  # the re-read is the search's one page
    assert all(emulator.location(message_id) == 'DeletedItems' for message_id in ids)
    emulator.api.log.clear()
    assert run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=150)['changed'] \
        is False
    assert writes(emulator) == []


def test_a_move_that_never_arrived_fails_and_a_rerun_finishes_it(run_module, emulator):
    ids = copies(emulator, 150)
    emulator.fault(kind='drop', method='POST', path='/investigate/move$', times=1)
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=150)
    assert result['failed'] is True and 'run again to finish' in result['msg']
    assert result['counts'] == {'selected': 150, 'failed': 100, 'not_attempted': 50}
    assert len(writes(emulator)) == 1
    emulator.api.log.clear()
    again = run_module(module, search=COPIES, state='moved', destination='DeletedItems', max_messages=150)
    assert again['counts'] == {'selected': 150, 'moved': 150} and len(writes(emulator)) == 2
    assert all(emulator.location(message_id) == 'DeletedItems' for message_id in ids)


def test_an_api_error_on_a_move_names_status_and_codes(run_module, emulator):
    copies(emulator, 2)
    emulator.fault(kind='status', status=403, method='POST', path='/investigate/move$',
                   errors=[{'code': 9109, 'message': 'Unauthorized to access requested resource'}])
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems')
    assert result['failed'] is True and result['status'] == 403
    assert 'HTTP 403: [9109] Unauthorized' in result['msg'] and '0 of 2 messages were moved' in result['msg']
    assert result['errors'] == [{'code': 9109, 'message': 'Unauthorized to access requested resource'}]


def test_recipients_that_fail_are_reported_and_a_rerun_finishes_the_rest(run_module, emulator):
    ids = copies(emulator, 2) + emulator.add_messages(dict(PHISH, to=['ana@example.com', 'bo@example.com']))
    emulator.fault(kind='recipient_failure', method='POST', path='/investigate/move$',
                   recipients=['user1@example.com', 'bo@example.com'], status='mailbox did not answer')
    result = run_module(module, search=COPIES, state='moved', destination='DeletedItems')
    assert result['failed'] is True and result['changed'] is True
    assert '2 of 3 messages were not moved for every recipient' in result['msg'] and '\n' not in result['msg']
    by_id = {message['id']: message for message in result['messages']}
    assert by_id[ids[0]]['outcome'] == 'moved'
    assert by_id[ids[1]]['outcome'] == 'failed' and by_id[ids[1]]['after'] == 'unknown'
    assert by_id[ids[1]]['recipients'] == [{'recipient': 'user1@example.com', 'outcome': 'failed',
                                            'reason': 'mailbox did not answer'}]
    assert sorted((entry['recipient'], entry['outcome']) for entry in by_id[ids[2]]['recipients']) == \
        [('ana@example.com', 'moved'), ('bo@example.com', 'failed')]
    assert sorted(result['undo'][0]['ids']) == sorted([ids[0], ids[2]])  # moved for some recipient: undone too
    emulator.api.log.clear()
    again = run_module(module, search=COPIES, state='moved', destination='DeletedItems')
    assert 'failed' not in again and again['counts'] == {'selected': 3, 'unchanged': 1, 'moved': 2}
    (move,) = writes(emulator)
    assert sorted(move['body']['ids']) == sorted(ids[1:])
    assert all(emulator.location(message_id) == 'DeletedItems' for message_id in ids)


def test_a_search_far_over_max_messages_is_refused_after_ten_pages(run_module, emulator):
    emulator.add_messages(generate={'count': 12000, 'seed': 3, 'days': 1})
    result = run_module(module, search={'start': '-2d'}, state='moved', destination='DeletedItems', max_messages=5,
                        check_mode=True)
    assert result['failed'] is True and result['msg'].startswith('more than ')
    assert len(emulator.requests) == 10 and writes(emulator) == []


def test_above_bulk_threshold_one_bulk_job_does_the_work_and_is_waited_for(run_module, emulator):
    ids = copies(emulator, 30)
    result = run_module(module, search=COPIES, state='moved', destination='JunkEmail', bulk_threshold=10,
                        comment='ticket 4411')
    assert result['changed'] is True and 'failed' not in result, result.get('msg')
    (create,) = writes(emulator)
    assert create['path'].endswith('/investigate/bulk') and create['body']['action'] == 'MOVE'
    assert create['body']['destination'] == 'JunkEmail' and create['body']['comment'] == 'ticket 4411'
    assert create['body']['search_params']['message_id'] == PHISH['message_id']
    assert create['body']['search_params']['detections_only'] is False
    assert result['job']['status'] == 'COMPLETED' and result['job']['messages_successful'] == 30
    assert result['counts'] == {'selected': 30, 'moved': 30}
    assert all(message['recipients'][0]['outcome'] == 'moved' for message in result['messages'])
    assert all(emulator.location(message_id) == 'JunkEmail' for message_id in ids)
    assert sorted(result['undo'][0]['ids']) == sorted(ids)
    emulator.api.log.clear()
    again = run_module(module, search=COPIES, state='moved', destination='JunkEmail', bulk_threshold=10)
    assert again['changed'] is False and writes(emulator) == []


def test_a_bulk_job_not_waited_for_returns_at_once(run_module, emulator):
    copies(emulator, 5)
    result = run_module(module, search=COPIES, state='moved', destination='JunkEmail', bulk_threshold=2, wait=False)
    assert result['changed'] is True and result['counts'] == {'selected': 5, 'submitted': 5}
    assert result['job']['job_id'] and [entry['method'] for entry in emulator.requests] == ['GET', 'POST']


def test_a_bulk_release_without_allow_malicious_needs_one_harmless_disposition(run_module, emulator):
    copies(emulator, 3, is_quarantined=True, final_disposition='SPAM')
    search = dict(COPIES, delivery_status='quarantined')
    result = run_module(module, search=search, state='released', bulk_threshold=1)
    assert result['failed'] is True and 'bulk release job' in result['msg'] and writes(emulator) == []
    done = run_module(module, search=dict(search, final_disposition='SPAM'), state='released', bulk_threshold=1)
    assert done['counts'] == {'selected': 3, 'released': 3}
    assert writes(emulator)[0]['body']['search_params']['final_disposition'] == 'SPAM'
