# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue

FIELDS = DOMAINS.fields


@pytest.mark.parametrize('given, served', [
    (['192.0.2.7/24'], ['192.0.2.0/24']),
    (['192.0.2.7'], ['192.0.2.7/32']),
    (['2001:DB8::1'], ['2001:db8::1/128']),
    (['2001:db8:0:0::/32'], ['2001:db8::/32']),
    (['10.0.0.0/8', '2001:db8::/32'], ['2001:db8::/32', '10.0.0.0/8', '10.0.0.0/8']),
    ([], None),
    (None, []),
])
def test_cidr_forms_the_api_considers_equal_compare_equal(given, served):
    field = FIELDS['ip_restrictions']
    assert field.normalise(given) == field.normalise(served)


def test_different_networks_compare_different():
    field = FIELDS['ip_restrictions']
    assert field.normalise(['192.0.2.0/24']) != field.normalise(['192.0.2.0/25'])
    assert field.normalise(['192.0.2.0/24']) != field.normalise([])


def test_cidr_sent_in_canonical_sorted_form():
    assert FIELDS['ip_restrictions'].to_api(['2001:DB8::1', '192.0.2.7/24', '192.0.2.0/24']) == [
        '192.0.2.0/24', '2001:db8::1/128']


@pytest.mark.parametrize('name', ['allowed_delivery_modes', 'drop_dispositions', 'regions'])
def test_enum_lists_are_sets(name):
    field = FIELDS[name]
    choices = field.choices[:3]
    assert field.normalise(choices) == field.normalise(list(reversed(choices)) + choices)
    assert field.normalise([]) == field.normalise(None)
    assert field.normalise(choices[:1]) != field.normalise(choices[:2])


@pytest.mark.parametrize('name', ['transport', 'domain'])
def test_hostnames_ignore_case_and_trailing_dot(name):
    field = FIELDS[name]
    assert field.normalise('MX.Example.COM.') == field.normalise('mx.example.com')
    assert field.normalise('mx.example.com') != field.normalise('mx2.example.com')


def test_integration_id_compares_case_insensitively():
    field = FIELDS['integration_id']
    assert field.normalise('182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E') == field.normalise(
        '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e')


def test_lookback_hops_number_forms_compare_equal():
    assert FIELDS['lookback_hops'].normalise(5) == FIELDS['lookback_hops'].normalise(5.0)


@pytest.mark.parametrize('name, value, message', [
    ('ip_restrictions', ['192.0.2.0/24', '192.0.2.300'], "ip_restrictions: '192.0.2.300' is not a valid"),
    ('ip_restrictions', ['10.0.0.0/33'], "ip_restrictions: '10.0.0.0/33' is not a valid"),
    ('ip_restrictions', [''], "ip_restrictions: '' is not a valid"),
    ('lookback_hops', 21, 'lookback_hops: 21 is out of range: it must be between 1 and 20'),
    ('lookback_hops', 0, 'lookback_hops: 0 is out of range'),
    ('regions', ['GLOBAL', 'EU'], "regions: 'EU' is not one of: GLOBAL, AU, DE, IN, US"),
    ('folder', 'Spam', "folder: 'Spam' is not one of: AllItems, Inbox"),
    ('transport', '', "transport: '' must not be empty"),
    ('transport', 'mx_1.example.com', "transport: 'mx_1.example.com' is not a valid host name"),
    ('domain', '-bad.example', "domain: '-bad.example' is not a valid host name"),
    ('integration_id', '1234', "integration_id: '1234' is not a UUID"),
])
def test_invalid_values_name_the_option_and_the_value(name, value, message):
    with pytest.raises(InvalidValue) as caught:
        FIELDS[name].validate(name, value)
    assert str(caught.value).startswith(message)
    assert '\n' not in str(caught.value)


@pytest.mark.parametrize('name, value', [
    ('ip_restrictions', ['192.0.2.0/24', '2001:db8::/32', '198.51.100.1']),
    ('lookback_hops', 1),
    ('lookback_hops', 20),
    ('transport', 'mx.example.com.'),
    ('domain', 'xn--bcher-kva.example'),
    ('integration_id', '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e'),
    ('folder', 'Inbox'),
])
def test_valid_values_pass(name, value):
    FIELDS[name].validate(name, value)
