# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning a fleet: creates, minimal patches, deletes, prune, chunking, duplicate names."""

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    outcome, plan_set, wanted_from_entries,
)

FIELDS = DOMAINS.fields

SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
            'regions': ['GLOBAL'], 'lookback_hops': 2}


def entry(name, **settings):
    base = dict.fromkeys(FIELDS)
    base.update(state='present', domain=name)
    base.update(settings)
    return base


def wanted(entries):
    return wanted_from_entries(DOMAINS, entries, 'domains')


def server_object(number, name, **settings):
    obj = {'id': f'id-{number:05}', 'domain': name, 'status': 'active', 'folder': None, 'integration_id': None,
           'require_tls_inbound': False, 'require_tls_outbound': False, 'transport': name}
    obj.update(SETTINGS)
    obj.update(settings)
    return obj


def fleet(size):
    """``size`` domains as the API would answer for a fleet in the desired state."""
    return [server_object(n, f'd{n:05}.example.com') for n in range(size)]


def test_a_fleet_in_the_desired_state_plans_nothing_whatever_the_server_spelling():
    current = [dict(obj, regions=['GLOBAL'], allowed_delivery_modes=['DIRECT', 'DIRECT'], ip_restrictions=None)
               for obj in fleet(2000)]
    entries = [entry(obj['domain'].upper() + '.', **SETTINGS) for obj in current]
    assert plan_set(DOMAINS, wanted(entries), current, prune=True).operations == []


def test_ten_thousand_domains_with_ten_percent_drift_plan_one_operation_each():
    current = fleet(10000)
    entries = [entry(obj['domain'], **SETTINGS) for obj in current[:9900]]
    for index in range(0, 9900, 12):  # 825 domains with one setting off
        entries[index]['lookback_hops'] = 7
    entries += [entry(f'new{n:03}.example.net', **SETTINGS) for n in range(75)]
    result = plan_set(DOMAINS, wanted(entries), current, prune=True)
    kinds = [op.batch_key for op in result.operations]
    assert kinds.count('patches') == 825 and kinds.count('posts') == 75 and kinds.count('deletes') == 100
    assert kinds == sorted(kinds, key=('deletes', 'patches', 'posts').index)  # the endpoint's order
    patch = next(op for op in result.operations if op.batch_key == 'patches')
    assert patch.item == {'id': 'id-00000', 'lookback_hops': 7}  # minimal: only the differing field
    assert [len(chunk) for chunk in result.chunks(400)] == [400, 400, 200]


def test_without_prune_unlisted_domains_are_left_alone():
    current = fleet(3)
    result = plan_set(DOMAINS, wanted([entry('d00001.example.com', lookback_hops=2)]), current, prune=False)
    assert result.operations == []


def test_prune_deletes_every_unlisted_domain_by_id():
    current = fleet(3)
    result = plan_set(DOMAINS, wanted([entry('d00001.example.com')]), current, prune=True)
    assert [(op.batch_key, op.item) for op in result.operations] == [
        ('deletes', {'id': 'id-00000'}), ('deletes', {'id': 'id-00002'})]


def test_absent_deletes_an_existing_domain_and_ignores_a_missing_one():
    current = fleet(2)
    result = plan_set(DOMAINS, wanted([entry('d00000.example.com', state='absent'),
                                       entry('never.example.com', state='absent')]), current, prune=False)
    assert [(op.batch_key, op.header) for op in result.operations] == [('deletes', 'd00000.example.com')]


def test_a_create_sends_the_settings_given_and_the_normalised_name():
    result = plan_set(DOMAINS, wanted([entry('New.Example.COM.', **SETTINGS)]), [], prune=False)
    (operation,) = result.operations
    assert operation.batch_key == 'posts'
    assert operation.item == dict(SETTINGS, domain='new.example.com')


def test_creates_lacking_required_settings_fail_naming_each_domain():
    entries = [entry('a.example.com', lookback_hops=3), entry('b.example.com', regions=['US']),
               entry('d00000.example.com', lookback_hops=3)]
    with pytest.raises(Failure) as failure:
        plan_set(DOMAINS, wanted(entries), fleet(1), prune=False)
    message = str(failure.value)
    assert message.startswith('2 email security domain(s) do not exist and cannot be created')
    assert 'a.example.com (missing: allowed_delivery_modes, drop_dispositions, ip_restrictions, regions)' in message
    assert 'b.example.com (missing: allowed_delivery_modes, drop_dispositions, ip_restrictions)' in message
    assert 'd00000' not in message


def test_a_name_listed_twice_is_refused_naming_both_entries():
    with pytest.raises(InvalidValue, match=r"domains: domain 'A.example.com' is listed twice \(domains\[0\] and "
                                           r"domains\[2\]\)"):
        wanted([entry('a.example.com'), entry('b.example.com'), entry('A.example.com')])


def test_a_name_both_present_and_absent_is_refused():
    with pytest.raises(InvalidValue, match='listed as both present and absent'):
        wanted([entry('a.example.com'), entry('a.example.com.', state='absent')])


def test_a_bad_setting_names_the_entry_and_the_option():
    with pytest.raises(InvalidValue, match=r"^domains\[1\] \(b\.example\.com\): lookback_hops: 21 is out of range"):
        wanted([entry('a.example.com'), entry('b.example.com', lookback_hops=21)])
    with pytest.raises(InvalidValue, match=r"^domains\[0\]: domain: 'bad_name!' is not a valid host name"):
        wanted([entry('bad_name!')])


def test_outcome_lists_sorted_names_and_the_fields_sent():
    current = [server_object(1, 'b.example.com'), server_object(2, 'z.example.com'), server_object(3, 'c.example.com')]
    entries = [entry('c.example.com', lookback_hops=9), entry('b.example.com', lookback_hops=8),
               entry('a.example.com', **SETTINGS)]
    result = outcome(DOMAINS, plan_set(DOMAINS, wanted(entries), current, prune=True).operations, with_diff=True)
    assert result['changed'] is True
    assert (result['created'], result['updated'], result['deleted']) == (
        ['a.example.com'], ['b.example.com', 'c.example.com'], ['z.example.com'])
    assert result['changes'] == {'a.example.com': dict(SETTINGS, domain='a.example.com'),
                                 'b.example.com': {'lookback_hops': 8}, 'c.example.com': {'lookback_hops': 9}}
    assert [item['before_header'] for item in result['diff']] == [
        'a.example.com', 'b.example.com', 'c.example.com', 'z.example.com']
    update = result['diff'][1]
    assert update['before'] == {'id': 'id-00001', 'domain': 'b.example.com', 'lookback_hops': 2}
    assert update['after'] == {'id': 'id-00001', 'domain': 'b.example.com', 'lookback_hops': 8}
    assert result['diff'][0]['before'] == {} and result['diff'][3]['after'] == {}


def test_outcome_without_diff_mode_has_no_diff():
    assert 'diff' not in outcome(DOMAINS, [], with_diff=False)
