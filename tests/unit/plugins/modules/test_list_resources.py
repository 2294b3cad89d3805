# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What is particular to each list resource: how its values compare, its read-only rows, clearing a comment."""

from __future__ import annotations

from ansible_collections.edgeops.cloudflare.plugins.modules import (
    email_security_allow_policies, email_security_block_senders, email_security_content_policies,
    email_security_impersonation_registry, email_security_sending_domain_restrictions,
    email_security_trusted_domains,
)

ALLOW = {'is_trusted_sender': True, 'is_acceptable_sender': False, 'is_exempt_recipient': False,
         'verify_sender': True}


def seed(emulator, resource, *objects, raw=False):
    created = emulator.api.seed(emulator.account, resource, list(objects), raw=raw)
    emulator.api.log.clear()
    return created


def test_an_ip_pattern_equals_its_canonical_network_and_an_address_its_lower_case(run_module, emulator):
    seed(emulator, 'allow_policies', dict(ALLOW, pattern_type='IP', pattern='198.51.100.7', is_regex=False),
         dict(ALLOW, pattern_type='EMAIL', pattern='Partner@Example.COM', is_regex=False))
    stored = sorted(obj['pattern'] for obj in emulator.stored('allow_policies').values())
    assert stored == ['198.51.100.7/32', 'Partner@Example.COM']  # canonical network; the case it was sent in
    result = run_module(email_security_allow_policies, prune=True, entries=[
        dict(ALLOW, pattern_type='IP', pattern='198.51.100.7'),
        dict(ALLOW, pattern_type='EMAIL', pattern='partner@example.com')])
    assert result['changed'] is False and emulator.methods == ['GET']


def test_a_regex_pattern_compares_exactly(run_module, emulator):
    seed(emulator, 'block_senders', {'pattern_type': 'EMAIL', 'pattern': '^CEO@.*$', 'is_regex': True})
    result = run_module(email_security_block_senders, entries=[
        {'pattern_type': 'EMAIL', 'pattern': '^ceo@.*$', 'is_regex': True}])
    assert result['created'] == [{'pattern_type': 'EMAIL', 'pattern': '^ceo@.*$', 'is_regex': True}]


def test_an_empty_comment_clears_it_and_then_equals_null(run_module, emulator):
    (created,) = seed(emulator, 'block_senders', {'pattern_type': 'DOMAIN', 'pattern': 'phish.example',
                                                  'is_regex': False, 'comments': 'campaign 41'})
    entry = {'pattern_type': 'DOMAIN', 'pattern': 'Phish.Example.', 'comments': ''}
    result = run_module(email_security_block_senders, entries=[entry])
    assert result['updated'] == [{'pattern_type': 'DOMAIN', 'pattern': 'phish.example', 'is_regex': False}]
    assert emulator.requests[1]['body']['patches'] == [{'id': created['id'], 'comments': None}]
    emulator.api.log.clear()
    assert run_module(email_security_block_senders, entries=[entry])['changed'] is False


def test_legacy_unknown_rows_are_unmanaged_and_never_pruned(run_module, emulator):
    (legacy,) = seed(emulator, 'block_senders', {'pattern_type': 'UNKNOWN', 'pattern': 'old.example',
                                                 'is_regex': False}, raw=True)
    result = run_module(email_security_block_senders, entries=[], prune=True)
    assert result['changed'] is False and emulator.methods == ['GET']
    assert result['unmanaged'] == [{'pattern_type': 'UNKNOWN', 'pattern': 'old.example', 'is_regex': False,
                                    'reason': 'its pattern_type is UNKNOWN, which the API no longer accepts'}]
    assert list(emulator.stored('block_senders')) == [legacy['id']]


def test_directory_synced_entries_are_read_only(run_module, emulator):
    seed(emulator, 'impersonation_registry',
         {'email': 'sam@example.com', 'is_email_regex': False, 'name': 'Sam', 'provenance': 'SNOOPY-OFFICE_365'},
         {'email': 'jane@example.com', 'is_email_regex': False, 'name': 'Jane'})
    result = run_module(email_security_impersonation_registry, entries=[], prune=True)
    assert result['deleted'] == [{'email': 'jane@example.com', 'is_email_regex': False}]
    assert [entry['email'] for entry in result['unmanaged']] == ['sam@example.com']
    assert 'synced from a directory' in result['unmanaged'][0]['reason']
    emulator.api.log.clear()
    same = run_module(email_security_impersonation_registry, entries=[{'email': 'SAM@example.com', 'name': 'Sam'}])
    assert same['changed'] is False
    emulator.api.log.clear()
    changed = run_module(email_security_impersonation_registry, entries=[{'email': 'sam@example.com', 'name': 'Samuel'}])
    assert changed['failed'] is True
    assert "cannot change name of email security impersonation registry entry" in changed['msg']
    assert 'synced from a directory (provenance SNOOPY-OFFICE_365)' in changed['msg']
    assert emulator.methods == ['GET']


def test_sets_compare_whatever_order_and_spelling_the_server_answers(run_module, emulator):
    seed(emulator, 'content_policies', {'name': 'Wire', 'pattern': 'wire', 'targets': ['SUBJECT', 'BODY'],
                                        'enabled': True})
    seed(emulator, 'sending_domain_restrictions', {'domain': 'Bank.Example', 'exclude': ['News.Bank.Example', 'a.bank.example']})
    assert run_module(email_security_content_policies, entries=[
        {'name': 'Wire', 'targets': ['SUBJECT', 'BODY', 'SUBJECT']}])['changed'] is False
    assert run_module(email_security_sending_domain_restrictions, entries=[
        {'domain': 'bank.example.', 'exclude': ['a.bank.example', 'news.bank.example.']}])['changed'] is False
    assert emulator.methods == ['GET', 'GET']


def test_an_empty_exclude_list_is_a_value(run_module, emulator):
    seed(emulator, 'sending_domain_restrictions', {'domain': 'bank.example', 'exclude': ['news.bank.example']})
    result = run_module(email_security_sending_domain_restrictions, entries=[{'domain': 'bank.example', 'exclude': []}])
    assert result['changed'] is True
    assert [(entry['method'], entry['body']) for entry in emulator.requests[1:]] == [('PATCH', {'exclude': []})]


def test_batch_size_zero_writes_one_request_per_operation(run_module, emulator):
    result = run_module(email_security_trusted_domains, batch_size=0, entries=[
        {'pattern': 'a.example', 'is_recent': True, 'is_similarity': False},
        {'pattern': 'b.example', 'is_recent': True, 'is_similarity': False}])
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'POST', 'POST']
    assert not any(entry['path'].endswith('/batch') for entry in emulator.requests)


def test_a_create_lacking_required_settings_lists_every_one_before_any_write(run_module, emulator):
    result = run_module(email_security_allow_policies, entries=[
        {'pattern_type': 'EMAIL', 'pattern': 'a@example.com', 'is_trusted_sender': True},
        {'pattern_type': 'DOMAIN', 'pattern': 'b.example', 'verify_sender': True}])
    assert result['failed'] is True and result['msg'].startswith('2 email security allow policy(s) do not exist')
    assert 'a@example.com is_regex=False (missing: is_acceptable_sender, is_exempt_recipient, verify_sender)' \
        in result['msg']
    assert emulator.methods == ['GET']
