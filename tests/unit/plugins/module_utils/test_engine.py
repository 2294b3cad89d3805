# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import (
    desired_from_params, diff, missing, plan, predict,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue

FIELDS = DOMAINS.fields

CURRENT = {
    'id': 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
    'domain': 'example.com',
    'allowed_delivery_modes': ['BCC', 'DIRECT'],
    'drop_dispositions': ['SPOOF', 'MALICIOUS'],
    'regions': ['US', 'GLOBAL'],
    'ip_restrictions': ['2001:db8::1/128', '192.0.2.0/24'],
    'folder': None,
    'integration_id': None,
    'lookback_hops': 3,
    'require_tls_inbound': False,
    'require_tls_outbound': True,
    'transport': 'mx.example.com',
    'status': 'ACTIVE',
    'emails_processed': {'total_emails_processed': 7},
}


def params(**given):
    base = dict.fromkeys(FIELDS)
    base.update(given)
    return base


def test_same_settings_in_another_spelling_plan_nothing():
    desired = desired_from_params(FIELDS, params(
        domain='EXAMPLE.com.', allowed_delivery_modes=['DIRECT', 'BCC', 'DIRECT'], drop_dispositions=['MALICIOUS', 'SPOOF'],
        regions=['GLOBAL', 'US'], ip_restrictions=['192.0.2.9/24', '2001:DB8::1'], lookback_hops=3,
        require_tls_inbound=False, require_tls_outbound=True, transport='MX.example.com.'))
    assert plan(FIELDS, desired, CURRENT) == {}


def test_plan_holds_only_the_fields_that_differ():
    desired = desired_from_params(FIELDS, params(regions=['GLOBAL', 'US'], lookback_hops=5, require_tls_inbound=True))
    assert plan(FIELDS, desired, CURRENT) == {'lookback_hops': 5, 'require_tls_inbound': True}


def test_plan_never_names_a_field_the_task_did_not_give():
    desired = desired_from_params(FIELDS, params(folder='Inbox'))
    assert plan(FIELDS, desired, {'id': 'x'}) == {'folder': 'Inbox'}


def test_empty_list_equals_null_but_not_a_full_list():
    desired = desired_from_params(FIELDS, params(ip_restrictions=[]))
    assert plan(FIELDS, desired, dict(CURRENT, ip_restrictions=None)) == {}
    assert plan(FIELDS, desired, CURRENT) == {'ip_restrictions': []}


def test_false_is_managed_not_mistaken_for_unset():
    desired = desired_from_params(FIELDS, params(require_tls_outbound=False))
    assert plan(FIELDS, desired, CURRENT) == {'require_tls_outbound': False}


def test_invalid_values_stop_before_planning():
    with pytest.raises(InvalidValue, match="ip_restrictions: '192.0.2.0/40'"):
        desired_from_params(FIELDS, params(ip_restrictions=['192.0.2.0/40']))


def test_prediction_applies_the_plan_to_the_current_object():
    predicted = predict(CURRENT, {'lookback_hops': 9})
    assert predicted['lookback_hops'] == 9
    assert predicted['status'] == 'ACTIVE'
    assert CURRENT['lookback_hops'] == 3  # the current object is left alone


def test_diff_shows_identity_and_editable_fields_only():
    shown = diff(FIELDS, CURRENT, predict(CURRENT, {'folder': 'Inbox'}))
    assert shown['before']['folder'] is None
    assert shown['after']['folder'] == 'Inbox'
    assert shown['after']['id'] == CURRENT['id']
    assert 'emails_processed' not in shown['after'] and 'status' not in shown['before']
    assert diff(FIELDS, None, CURRENT)['before'] == {}


def test_missing_names_required_fields_in_order():
    assert missing(('a', 'b', 'c'), {'b': 1}) == ['a', 'c']
