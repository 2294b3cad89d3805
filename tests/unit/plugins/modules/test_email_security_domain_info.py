# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The info module end to end in-process, against the emulator: pages, filters, requests."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domain_info

SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
            'regions': ['GLOBAL']}


def seed(emulator, count, **settings):
    created = emulator.api.seed(emulator.account, 'domains',
                                [dict(SETTINGS, domain=f'd{n:04}.example.com', **settings) for n in range(count)])
    emulator.api.log.clear()
    return created


@pytest.mark.parametrize('count, pages', [(0, 1), (1, 1), (1000, 1), (1001, 2), (2500, 3)])
def test_every_domain_in_ceil_n_over_1000_requests(run_module, emulator, count, pages):
    seed(emulator, count)
    result = run_module(email_security_domain_info)
    assert result['changed'] is False
    assert len(result['domains']) == count
    assert len({obj['id'] for obj in result['domains']}) == count
    assert emulator.methods == ['GET'] * pages
    assert [entry['query']['page'] for entry in emulator.requests] == [[str(n)] for n in range(1, pages + 1)]


def test_domain_id_is_one_request_for_that_domain(run_module, emulator):
    wanted = seed(emulator, 3)[1]
    result = run_module(email_security_domain_info, domain_id=wanted['id'])
    assert result['domains'] == [wanted]
    assert len(emulator.requests) == 1 and emulator.requests[0]['path'].endswith('/' + wanted['id'])


def test_an_unknown_domain_id_returns_an_empty_list(run_module, emulator):
    result = run_module(email_security_domain_info, domain_id='f174e90a-fafe-4643-bbbc-4a0ed4fc8415')
    assert result == dict(result, changed=False, domains=[])
    assert 'failed' not in result
    assert emulator.methods == ['GET'] and emulator.requests[0]['path'].endswith('/f174e90a-fafe-4643-bbbc-4a0ed4fc8415')


def test_filters_are_sent_as_the_api_names_them(run_module, emulator):
    seed(emulator, 3)
    emulator.seed(domain='bcc.example.com', allowed_delivery_modes=['BCC'],
                  integration_id='f174e90a-fafe-4643-bbbc-4a0ed4fc8415')
    emulator.api.log.clear()
    result = run_module(email_security_domain_info, domain=['BCC.example.com.', 'd0001.example.com'],
                        allowed_delivery_mode='BCC', status='active',
                        integration_id='f174e90a-fafe-4643-bbbc-4a0ed4fc8415')
    assert [obj['domain'] for obj in result['domains']] == ['bcc.example.com']
    query = emulator.requests[0]['query']
    assert query['domain'] == ['bcc.example.com', 'd0001.example.com']
    assert query['allowed_delivery_mode'] == ['BCC'] and query['status'] == ['active']
    assert query['per_page'] == ['1000']


def test_an_empty_list_of_names_matches_nothing_without_a_request(run_module, emulator):
    seed(emulator, 2)
    result = run_module(email_security_domain_info, domain=[])
    assert result['domains'] == []
    assert emulator.methods == []


def test_check_mode_reads_as_usual(run_module, emulator):
    seed(emulator, 2)
    result = run_module(email_security_domain_info, check_mode=True)
    assert len(result['domains']) == 2 and emulator.methods == ['GET']


@pytest.mark.parametrize('args, message', [
    (dict(domain_id='x', status='active'), 'parameters are mutually exclusive: domain_id|status'),
    (dict(status='ACTIVE!'), 'value of status must be one of: pending, active, failed, timeout, got: ACTIVE!'),
    (dict(domain=['bad name']), "domain: 'bad name' is not a valid host name"),
    (dict(integration_id='casb-1'), "integration_id: 'casb-1' is not a UUID"),
    (dict(domain_id=' '), "domain_id: ' ' must not be empty"),
    (dict(allowed_delivery_mode='SMTP'), 'value of allowed_delivery_mode must be one of'),
])
def test_bad_input_fails_before_any_request(run_module, emulator, args, message):
    result = run_module(email_security_domain_info, **args)
    assert result['failed'] is True
    assert message in result['msg']
    assert emulator.methods == []


def test_api_errors_carry_status_and_codes(run_module, emulator):
    emulator.fault(kind='status', status=403, errors=[{'code': 9109, 'message': 'Unauthorized to access'}])
    result = run_module(email_security_domain_info)
    assert result['failed'] is True
    assert result['msg'].endswith('failed: HTTP 403: [9109] Unauthorized to access')
    assert result['status'] == 403 and result['errors'] == [{'code': 9109, 'message': 'Unauthorized to access'}]
