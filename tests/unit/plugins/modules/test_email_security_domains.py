# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fleet module end to end in-process, against the emulator: requests, batch bodies, results."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domains

SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'],
            'ip_restrictions': ['192.0.2.0/24'], 'regions': ['GLOBAL']}


def seed_fleet(emulator, count, prefix='d'):
    emulator.api.seed(emulator.account, 'domains',
                      [dict(SETTINGS, domain=f'{prefix}{n:04}.example.com') for n in range(count)])
    emulator.api.log.clear()


def desired_fleet(count, prefix='d', **settings):
    return [dict(SETTINGS, domain=f'{prefix}{n:04}.example.com', **settings) for n in range(count)]


def batch_bodies(emulator):
    return [entry['body'] for entry in emulator.requests if entry['path'].endswith('/batch')]


def stored(emulator):
    return {obj['domain']: obj for obj in emulator.stored().values()}


def drifted_fleet(emulator):
    """2,500 domains; the task wants 3 of them changed, 2 created and (with prune) 1 deleted."""
    seed_fleet(emulator, 2501)
    desired = desired_fleet(2500)
    for index in (7, 1200, 2499):
        desired[index]['lookback_hops'] = 5
    desired += [dict(SETTINGS, domain='new1.example.com'), dict(SETTINGS, domain='new2.example.com')]
    return desired


def test_check_mode_reads_every_page_and_never_writes(run_module, emulator):
    desired = drifted_fleet(emulator)
    result = run_module(email_security_domains, check_mode=True, diff=True, domains=desired, prune=True)
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'GET', 'GET']
    assert [entry['query']['per_page'] for entry in emulator.requests] == [['1000']] * 3
    assert result['created'] == ['new1.example.com', 'new2.example.com']
    assert result['updated'] == ['d0007.example.com', 'd1200.example.com', 'd2499.example.com']
    assert result['deleted'] == ['d2500.example.com']
    assert result['changes']['d1200.example.com'] == {'lookback_hops': 5}
    assert [item['before_header'] for item in result['diff']] == sorted(
        result['created'] + result['updated'] + result['deleted'])
    assert len(stored(emulator)) == 2501 and stored(emulator)['d1200.example.com']['lookback_hops'] == 1


def test_apply_sends_one_batch_with_minimal_bodies(run_module, emulator):
    desired = drifted_fleet(emulator)
    result = run_module(email_security_domains, domains=desired, prune=True)
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'GET', 'GET', 'POST']
    (body,) = batch_bodies(emulator)
    ids = {name: obj['id'] for name, obj in stored(emulator).items()}
    assert body['puts'] == []
    assert body['patches'] == [{'id': ids[name], 'lookback_hops': 5}
                               for name in ('d0007.example.com', 'd1200.example.com', 'd2499.example.com')]
    assert [post['domain'] for post in body['posts']] == ['new1.example.com', 'new2.example.com']
    assert len(body['deletes']) == 1 and 'd2500.example.com' not in stored(emulator)
    assert stored(emulator)['d1200.example.com']['lookback_hops'] == 5
    assert len(stored(emulator)) == 2502


def test_a_rerun_after_apply_is_unchanged_and_sends_no_write(run_module, emulator):
    desired = drifted_fleet(emulator)
    run_module(email_security_domains, domains=desired, prune=True)
    emulator.api.log.clear()
    result = run_module(email_security_domains, domains=desired, prune=True, diff=True)
    assert result['changed'] is False
    assert (result['created'], result['updated'], result['deleted'], result['changes']) == ([], [], [], {})
    assert result['diff'] == []
    assert emulator.methods == ['GET', 'GET', 'GET']


def test_an_empty_account_and_an_empty_list_is_one_request(run_module, emulator):
    result = run_module(email_security_domains, domains=[], prune=True)
    assert result['changed'] is False
    assert emulator.methods == ['GET']


def test_batch_size_chunks_the_writes_in_order(run_module, emulator):
    seed_fleet(emulator, 3)
    desired = desired_fleet(3, lookback_hops=4) + desired_fleet(2, prefix='n')
    desired[0]['state'] = 'absent'
    result = run_module(email_security_domains, domains=desired, batch_size=2)
    assert result['changed'] is True
    bodies = batch_bodies(emulator)
    assert [(len(b['deletes']), len(b['patches']), len(b['posts'])) for b in bodies] == [(1, 1, 0), (0, 1, 1), (0, 0, 1)]
    assert sorted(stored(emulator)) == ['d0001.example.com', 'd0002.example.com', 'n0000.example.com',
                                        'n0001.example.com']


def test_without_prune_unlisted_domains_stay(run_module, emulator):
    seed_fleet(emulator, 4)
    result = run_module(email_security_domains, domains=desired_fleet(1, lookback_hops=3))
    assert result['updated'] == ['d0000.example.com'] and result['deleted'] == []
    assert len(stored(emulator)) == 4


def test_a_partly_applied_batch_is_reported_and_fails_with_the_api_message(run_module, emulator):
    seed_fleet(emulator, 4)
    desired = desired_fleet(4, lookback_hops=6) + desired_fleet(2, prefix='n')
    desired[0]['state'] = 'absent'
    emulator.fault(kind='partial', path='/batch$', after=2, status=409, message='domain is locked')
    result = run_module(email_security_domains, domains=desired, diff=True)
    assert result['failed'] is True
    assert result['msg'].startswith('batch call 1 of 1 failed: POST ')
    assert 'HTTP 409: [1010] patches[1]: domain is locked' in result['msg']
    assert 'Applied: 2 of 6 operations; not applied: d0002.example.com, d0003.example.com, n0000.example.com, ' \
           'n0001.example.com' in result['msg']
    assert (result['deleted'], result['updated'], result['created']) == (['d0000.example.com'], ['d0001.example.com'], [])
    assert result['not_applied'] == ['d0002.example.com', 'd0003.example.com', 'n0000.example.com',
                                     'n0001.example.com']
    assert result['changed'] is True
    assert result['status'] == 409 and result['errors'][0]['code'] == 1010
    assert [item['before_header'] for item in result['diff']] == ['d0000.example.com', 'd0001.example.com']
    assert emulator.methods == ['GET', 'POST', 'GET']  # read, batch, read again


def test_a_lost_batch_answer_that_applied_everything_succeeds_with_a_warning(run_module, emulator):
    seed_fleet(emulator, 2)
    emulator.fault(kind='lost', path='/batch$')
    result = run_module(email_security_domains, domains=desired_fleet(2, lookback_hops=9))
    assert 'failed' not in result and result['changed'] is True
    assert result['updated'] == ['d0000.example.com', 'd0001.example.com']
    (warning,) = result['warnings']
    warning = warning['event']['msg'] if isinstance(warning, dict) else warning  # ansible-core 2.19 adds structure
    assert 'batch call 1 of 1 failed' in warning and 'connection error' in warning
    assert 'shows all 2 operations applied' in warning
    assert emulator.methods == ['GET', 'POST', 'GET']  # a POST is never repeated blindly
    assert {obj['lookback_hops'] for obj in stored(emulator).values()} == {9}


def test_a_lost_batch_answer_that_applied_part_fails_and_reports_it(run_module, emulator):
    seed_fleet(emulator, 3)
    emulator.fault(kind='partial', path='/batch$', after=2, status=502)
    result = run_module(email_security_domains, domains=desired_fleet(3, lookback_hops=9))
    assert result['failed'] is True and 'warnings' not in result
    assert 'Applied: 2 of 3 operations; not applied: d0002.example.com' in result['msg']
    assert result['updated'] == ['d0000.example.com', 'd0001.example.com']
    assert result['not_applied'] == ['d0002.example.com']


def test_a_batch_refused_with_a_5xx_reports_nothing_applied(run_module, emulator):
    seed_fleet(emulator, 1)
    emulator.fault(kind='html', path='/batch$', status=502)
    result = run_module(email_security_domains, domains=desired_fleet(1, lookback_hops=9) + desired_fleet(1, 'n'))
    assert result['failed'] is True and result['changed'] is False
    assert 'HTTP 502 with a body that is not JSON' in result['msg']
    assert result['not_applied'] == ['d0000.example.com', 'n0000.example.com']
    assert stored(emulator)['d0000.example.com']['lookback_hops'] == 1


def test_a_failed_reread_says_so(run_module, emulator):
    seed_fleet(emulator, 1)
    emulator.fault(kind='status', path='/batch$', status=500)
    emulator.fault(kind='status', method='GET', skip=1, status=403)
    result = run_module(email_security_domains, domains=desired_fleet(1, lookback_hops=9))
    assert result['failed'] is True
    assert emulator.methods == ['GET', 'POST', 'GET']
    assert 'batch call 1 of 1 failed: POST ' in result['msg'] and 'HTTP 500' in result['msg']
    assert 'Reading the email security domains again to see what was applied failed too' in result['msg']
    assert 'HTTP 403: [10500] emulated failure; none of the 1 operations is confirmed' in result['msg']
    assert result['not_applied'] == ['d0000.example.com'] and result['changed'] is False


def test_rate_limited_batch_is_retried_after_retry_after(run_module, emulator):
    seed_fleet(emulator, 1)
    emulator.fault(kind='status', path='/batch$', status=429, retry_after=0)
    result = run_module(email_security_domains, domains=desired_fleet(1, lookback_hops=9))
    assert result['changed'] is True and result['updated'] == ['d0000.example.com']
    assert emulator.methods == ['GET', 'POST', 'POST']


def test_a_create_lacking_required_settings_fails_before_any_write(run_module, emulator):
    seed_fleet(emulator, 1)
    result = run_module(email_security_domains, domains=desired_fleet(1, lookback_hops=2)
                        + [{'domain': 'new.example.com', 'lookback_hops': 2}])
    assert result['failed'] is True
    assert "new.example.com (missing: allowed_delivery_modes, drop_dispositions, ip_restrictions, regions)" \
        in result['msg']
    assert emulator.methods == ['GET']


@pytest.mark.parametrize('args, message', [
    (dict(domains=[{'domain': 'a.example.com'}, {'domain': 'A.EXAMPLE.COM'}]),
     "domains: domain 'A.EXAMPLE.COM' is listed twice (domains[0] and domains[1]); list each once"),
    (dict(domains=[{'domain': 'a.example.com'}, {'domain': 'a.example.com', 'state': 'absent'}]),
     "domains: domain 'a.example.com' is listed as both present and absent (domains[0] and domains[1])"),
    (dict(domains=[{'domain': 'a.example.com', 'lookback_hops': 0}]),
     'domains[0] (a.example.com): lookback_hops: 0 is out of range: it must be between 1 and 20'),
    (dict(domains=[{'domain': 'a.example.com', 'ip_restrictions': ['10.0.0.0/33']}]),
     "domains[0] (a.example.com): ip_restrictions: '10.0.0.0/33' is not a valid IPv4 or IPv6 address or CIDR"),
    (dict(domains=[{'domain': 'a.example.com', 'regions': ['MARS']}]), 'regions'),
    (dict(domains=[{'lookback_hops': 2}]), 'domains[0]: missing required arguments: domain'),
    (dict(domains=[{'domain': 'a.example.com', 'colour': 'red'}]), 'colour'),
    (dict(domains=[], batch_size=-1), 'batch_size: -1 must be 0 (one request per operation) or more'),
    (dict(domains=[], account_id='a/b'), "account_id: 'a/b' is not an account identifier"),
])
def test_bad_input_fails_before_any_request(run_module, emulator, args, message):
    result = run_module(email_security_domains, **args)
    assert result['failed'] is True
    assert message in result['msg']
    assert emulator.methods == []


def test_batch_size_zero_sends_one_request_per_operation(run_module, emulator):
    seed_fleet(emulator, 3)
    desired = desired_fleet(2, lookback_hops=4) + desired_fleet(1, prefix='n')
    result = run_module(email_security_domains, entries=desired, batch_size=0, prune=True)
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'DELETE', 'PATCH', 'PATCH', 'POST']
    assert not any(entry['path'].endswith('/batch') for entry in emulator.requests)
    assert sorted(stored(emulator)) == ['d0000.example.com', 'd0001.example.com', 'n0000.example.com']


def test_entries_is_an_alias_of_domains(run_module, emulator):
    seed_fleet(emulator, 1)
    result = run_module(email_security_domains, entries=desired_fleet(1, lookback_hops=3))
    assert result['updated'] == ['d0000.example.com']


def test_an_empty_folder_clears_it_and_equals_null(run_module, emulator):
    emulator.seed(domain='a.example.com', folder='Inbox', integration_id='f174e90a-fafe-4643-bbbc-4a0ed4fc8415')
    emulator.seed(domain='b.example.com')
    emulator.api.log.clear()
    result = run_module(email_security_domains, domains=[{'domain': 'a.example.com', 'folder': '', 'integration_id': ''},
                                                         {'domain': 'b.example.com', 'folder': ''}])
    assert result['updated'] == ['a.example.com']
    (body,) = batch_bodies(emulator)
    assert [{key: value for key, value in patch.items() if key != 'id'} for patch in body['patches']] == [
        {'folder': None, 'integration_id': None}]
    assert stored(emulator)['a.example.com']['folder'] is None


def test_duplicates_in_the_account_fail_before_any_write_without_prune(run_module, emulator):
    emulator.api.seed(emulator.account, 'domains', [dict(SETTINGS, domain='a.example.com')])
    twin = dict(emulator.stored()[next(iter(emulator.stored()))], id='twin-id', created_at='2099-01-01T00:00:00Z')
    emulator.stored()['twin-id'] = twin  # the real API's rule is unknown: the module must not guess
    emulator.api.log.clear()
    result = run_module(email_security_domains, domains=[dict(SETTINGS, domain='a.example.com', lookback_hops=5)])
    assert result['failed'] is True
    assert 'a.example.com (ids ' in result['msg'] and 'twin-id' in result['msg'] and 'prune: true' in result['msg']
    assert emulator.methods == ['GET']


def test_duplicates_in_the_account_keep_the_oldest_with_prune(run_module, emulator):
    (oldest,) = emulator.api.seed(emulator.account, 'domains', [dict(SETTINGS, domain='a.example.com')])
    emulator.stored()['twin-id'] = dict(emulator.stored()[oldest['id']], id='twin-id',
                                        created_at='2099-01-01T00:00:00Z')
    emulator.api.log.clear()
    result = run_module(email_security_domains, domains=[dict(SETTINGS, domain='a.example.com')], prune=True)
    assert result['changed'] is True and result['deleted'] == ['a.example.com']
    (body,) = batch_bodies(emulator)
    assert body['deletes'] == [{'id': 'twin-id'}]
    assert list(emulator.stored()) == [oldest['id']]


def test_plain_http_to_another_host_is_refused_before_any_request(run_module, emulator):
    result = run_module(email_security_domains, domains=[], api_base_url='http://api.example.invalid/client/v4')
    assert result['failed'] is True
    assert "api_base_url: 'http://api.example.invalid/client/v4' would send the credentials in clear" in result['msg']
    assert emulator.methods == []
