# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The export (email_security_settings_info) and its round trip, for every resource: (a) applying the export back
to the same account with the set modules and prune writes nothing; (b) applying it to an empty account yields the
same export."""

from __future__ import annotations

import importlib

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_settings_info

MODULES = 'ansible_collections.edgeops.cloudflare.plugins.modules.email_security_'
ALLOW = {'is_trusted_sender': True, 'is_acceptable_sender': False, 'is_exempt_recipient': False, 'verify_sender': True}
# A realistic account: what a dashboard leaves behind, in the spellings the API keeps.
ACCOUNT = {
    'domains': [
        {'domain': 'example.com', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS', 'SPOOF'],
         'ip_restrictions': ['192.0.2.0/24', '2001:db8::/32'], 'regions': ['GLOBAL'], 'lookback_hops': 2,
         'require_tls_inbound': True, 'transport': 'mx.example.com'},
        {'domain': 'example.net', 'allowed_delivery_modes': ['API'], 'drop_dispositions': [], 'ip_restrictions': [],
         'regions': ['US', 'DE'], 'folder': 'Inbox', 'integration_id': 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415'},
    ],
    'allow_policies': [
        dict(ALLOW, pattern_type='EMAIL', pattern='Invoices@Partner.example', is_regex=False, comments='partner'),
        dict(ALLOW, pattern_type='IP', pattern='198.51.100.7', is_regex=False),
        dict(ALLOW, pattern_type='DOMAIN', pattern='^.*\\.partner\\.example$', is_regex=True),
    ],
    'block_senders': [
        {'pattern_type': 'DOMAIN', 'pattern': 'phish.example', 'is_regex': False, 'comments': 'campaign 41'},
        {'pattern_type': 'EMAIL', 'pattern': 'ceo.fake@gmail.example', 'is_regex': False},
        {'pattern_type': 'IP', 'pattern': '203.0.113.0/24', 'is_regex': False},
    ],
    'trusted_domains': [{'pattern': 'partner.example', 'is_regex': False, 'is_recent': True, 'is_similarity': False}],
    'content_policies': [
        {'name': 'Wire fraud', 'pattern': '(?i)wire transfer', 'targets': ['SUBJECT', 'BODY'], 'enabled': True,
         'notes': 'finance'},
        {'name': 'Gift cards', 'pattern': 'gift ?cards?', 'targets': ['BODY'], 'enabled': False},
    ],
    'impersonation_registry': [
        {'email': 'Jane.Doe@example.com', 'is_email_regex': False, 'name': 'Jane Doe (CEO)'},
        {'email': '^payroll@.*$', 'is_email_regex': True, 'name': 'Payroll', 'comments': 'team'},
    ],
    'sending_domain_restrictions': [{'domain': 'bank.example', 'exclude': ['news.bank.example', 'a.bank.example']},
                                    {'domain': 'payroll.example', 'exclude': []}],
    'url_ignore_patterns': [{'pattern': '^https://intranet\\.example/', 'comments': 'internal'},
                            {'pattern': '^https://sso\\.example/'}],
}
READ_ONLY = {
    'impersonation_registry': [{'email': 'sam@example.com', 'is_email_regex': False, 'name': 'Sam',
                                'provenance': 'SNOOPY-OFFICE_365'}],
    'block_senders': [{'pattern_type': 'UNKNOWN', 'pattern': 'old.example', 'is_regex': False}],
}


def seed_account(emulator):
    for resource, objects in ACCOUNT.items():
        emulator.api.seed(emulator.account, resource, objects)
    for resource, objects in READ_ONLY.items():
        emulator.api.seed(emulator.account, resource, objects, raw=True)
    emulator.api.log.clear()


def test_export_reads_each_resource_once_in_the_set_modules_shape(run_module, emulator):
    seed_account(emulator)
    result = run_module(email_security_settings_info)
    assert result['changed'] is False
    assert [entry['path'].rsplit('/', 1)[-1] for entry in emulator.requests] == list(ALL)
    assert emulator.methods == ['GET'] * 8
    assert list(result['settings']) == list(ALL)
    assert result['unmanaged'] == dict(dict.fromkeys(ALL, 0), impersonation_registry=1, block_senders=1)
    net = result['settings']['domains'][1]
    assert net['domain'] == 'example.net' and 'transport' in net and 'id' not in net and 'status' not in net
    assert 'folder' not in result['settings']['domains'][0]  # null settings are left out
    assert [entry['pattern'] for entry in result['settings']['block_senders']] == [
        'phish.example', 'ceo.fake@gmail.example', '203.0.113.0/24']  # by key: pattern_type first
    assert 'objects' not in result


def test_include_objects_returns_the_api_objects(run_module, emulator):
    seed_account(emulator)
    result = run_module(email_security_settings_info, resources=['url_ignore_patterns'], include_objects=True)
    assert list(result['settings']) == ['url_ignore_patterns'] and emulator.methods == ['GET']
    assert sorted(obj['id'] for obj in result['objects']['url_ignore_patterns']) == sorted(
        emulator.stored('url_ignore_patterns'))


@pytest.mark.parametrize('resource', list(ALL))
def test_the_export_applies_back_with_prune_and_writes_nothing(run_module, emulator, resource):
    seed_account(emulator)
    exported = run_module(email_security_settings_info, resources=[resource])['settings'][resource]
    emulator.api.log.clear()
    module = importlib.import_module(MODULES + resource)
    result = run_module(module, prune=True, **{ALL[resource].entries_option: exported})
    assert result['changed'] is False, result
    assert set(emulator.methods) == {'GET'}


@pytest.mark.parametrize('resource', list(ALL))
def test_the_export_applied_to_an_empty_account_exports_the_same(run_module, emulator, resource):
    seed_account(emulator)
    exported = run_module(email_security_settings_info, resources=[resource])['settings'][resource]
    emulator.api.reset()
    module = importlib.import_module(MODULES + resource)
    applied = run_module(module, **{ALL[resource].entries_option: exported})
    assert 'failed' not in applied and len(applied['created']) == len(exported)
    again = run_module(email_security_settings_info, resources=[resource])['settings'][resource]
    assert again == exported


@pytest.mark.parametrize('resource', ['block_senders', 'url_ignore_patterns'])  # a batch and a non-batch resource
def test_objects_sharing_a_key_export_once_and_apply_back_deleting_the_newer(run_module, emulator, resource):
    first = ACCOUNT[resource][0]
    (oldest,) = emulator.api.seed(emulator.account, resource, [first])
    emulator.api.seed(emulator.account, resource, [dict(first, comments='made again in the dashboard')])
    exported = run_module(email_security_settings_info, resources=[resource])['settings'][resource]
    assert exported == [first]  # the oldest, which the set modules keep with prune
    emulator.api.log.clear()
    module = importlib.import_module(MODULES + resource)
    result = run_module(module, prune=True, **{ALL[resource].entries_option: exported})
    assert result['changed'] is True and len(result['deleted']) == 1 and 'failed' not in result
    assert list(emulator.stored(resource)) == [oldest['id']]


def test_sets_are_exported_in_one_order_whatever_order_the_server_answers_in(run_module, emulator):
    """A review diff of a re-export shows real changes only: the server's order of a set never leaks into the file."""
    exports = []
    for reorder in (True, False):  # the emulator answers sets in reverse order, or as sent
        emulator.api.reset({'reorder_sets': reorder})
        emulator.api.seed(emulator.account, 'domains', [dict(ACCOUNT['domains'][0], regions=['DE', 'GLOBAL'])])
        emulator.api.seed(emulator.account, 'sending_domain_restrictions',
                          [{'domain': 'bank.example', 'exclude': ['a.bank.example', 'news.bank.example']}])
        emulator.api.seed(emulator.account, 'content_policies', [dict(ACCOUNT['content_policies'][0],
                                                                      targets=['BODY', 'SUBJECT'])])
        exports.append(run_module(email_security_settings_info,
                                  resources=['domains', 'sending_domain_restrictions', 'content_policies'])['settings'])
    assert exports[0] == exports[1]
    (domain,) = exports[0]['domains']
    assert domain['regions'] == ['DE', 'GLOBAL'] and domain['drop_dispositions'] == ['MALICIOUS', 'SPOOF']
    assert domain['ip_restrictions'] == ['192.0.2.0/24', '2001:db8::/32']
    assert exports[0]['sending_domain_restrictions'][0]['exclude'] == ['a.bank.example', 'news.bank.example']
    assert exports[0]['content_policies'][0]['targets'] == ['BODY', 'SUBJECT']
