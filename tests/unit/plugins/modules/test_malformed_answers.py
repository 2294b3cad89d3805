# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Answers of a proxy or a broken edge, for every module (the message modules' search included): a clear failure
naming the request, never a Python error and never junk returned as objects. The emulator's "body" fault serves each answer as given."""

from __future__ import annotations

import json

import pytest

from modules_under_test import MODULES, UUID, valid_entry

ERRORS_NOT_OBJECTS = {'success': False, 'errors': 'Forbidden by the edge', 'messages': [], 'result': None}
ITEMS_NOT_OBJECTS = {'success': True, 'errors': [], 'messages': [], 'result': ['example.com', 'junk'],
                     'result_info': {'page': 1, 'per_page': 1000, 'count': 2, 'total_count': 2}}


def task(mut):
    """Arguments with which the module reads (and would then plan) the domains, or its own resource."""
    if mut.kind == 'single':
        return dict(valid_entry(mut.description), state='absent')
    if mut.kind == 'set':
        return {mut.description.entries_option: []}
    if mut.kind == 'account':
        return {'settings': {'domains': [], 'block_senders': []}}
    if mut.kind == 'message_info':
        return {'start': '-1d'}
    if mut.kind == 'message':  # the search that selects the messages comes first
        return {'search': {'message_id': '<5f1c2e@invoice-portal.example>', 'start': '-1d'}, 'state': 'moved',
                'destination': 'DeletedItems'}
    return {}


def resource_path(mut):
    """The reads the fault answers: the account module's two (so that no read is left in flight when it fails)."""
    if mut.kind == 'account':
        return '/settings/(domains|block_senders)$'
    if mut.kind.startswith('message'):
        return '/investigate$'
    return f"/settings/{mut.description.name if mut.description else 'domains'}$"


@pytest.mark.parametrize('mut', MODULES, ids=str)
def test_an_error_answer_whose_errors_is_a_string_fails_naming_the_request(run_module, emulator, mut):
    emulator.fault(kind='body', status=403, body=ERRORS_NOT_OBJECTS, path=resource_path(mut), times=2)
    result = run_module(mut.module, **task(mut))
    assert result['failed'] is True and 'exception' not in result
    assert result['msg'].startswith(f'GET /accounts/{emulator.account}/email-security/')
    assert result['msg'].endswith(' failed: HTTP 403 with an error answer whose "errors" is not a list of objects: '
                                  + json.dumps(ERRORS_NOT_OBJECTS)[:120])
    assert result['status'] == 403 and result['errors'] == []
    assert reads_only(emulator, mut)


@pytest.mark.parametrize('mut', MODULES, ids=str)
def test_a_list_whose_items_are_not_objects_fails_and_is_never_returned(run_module, emulator, mut):
    emulator.fault(kind='body', body=ITEMS_NOT_OBJECTS, path=resource_path(mut), times=2)
    result = run_module(mut.module, **task(mut))
    assert result['failed'] is True and 'exception' not in result, result
    assert ' failed: HTTP 200 with an answer that cannot be read (' in result['msg']
    assert 'item 0 of the result is a str, not an object): {"success": true, "errors": [], ' in result['msg']
    assert 'junk' not in json.dumps({name: value for name, value in result.items() if name != 'msg'})
    assert reads_only(emulator, mut)


def reads_only(emulator, mut):
    """No write; one read (the account module reads its two resources at once, and stops the other read when one
    fails)."""
    return emulator.methods in ([['GET'], ['GET', 'GET']] if mut.kind == 'account' else [['GET']])


def test_one_object_read_by_id_that_is_not_an_object_fails(run_module, emulator):
    from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domain

    emulator.fault(kind='body', body={'success': True, 'errors': [], 'messages': [], 'result': 'example.com'})
    result = run_module(email_security_domain, domain_id=UUID, lookback_hops=3)
    assert result['msg'] == (f'GET {emulator.domains_path}/{UUID} failed: HTTP 200 with an answer that cannot be '
                             'read (the result is a str, not an object): {"success": true, "errors": [], "messages": '
                             '[], "result": "example.com"}')
    assert emulator.methods == ['GET']
