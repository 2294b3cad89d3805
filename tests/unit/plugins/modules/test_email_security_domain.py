# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The module end to end in-process, against the emulator: arguments, request counts, results."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domain

OMIT = '__omit__'  # see conftest.run_module

CREATE = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
          'regions': ['GLOBAL']}

HERE = os.path.dirname(os.path.abspath(__file__))  # its conftest runs modules in-process


def test_noop_sends_one_request(run_module, emulator):
    emulator.seed(domain='example.com', regions=['GLOBAL', 'US'])
    result = run_module(email_security_domain, domain='example.com', regions=['US', 'GLOBAL'])
    assert result['changed'] is False
    assert result['changes'] == {}
    assert emulator.methods == ['GET']


def test_update_sends_two_requests_with_a_minimal_body(run_module, emulator):
    emulator.seed(domain='example.com')
    result = run_module(email_security_domain, domain='example.com', regions=['GLOBAL'], require_tls_inbound=True)
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'PATCH']
    assert emulator.requests[1]['body'] == {'require_tls_inbound': True}
    assert result['domain']['require_tls_inbound'] is True


def test_create_sends_two_requests(run_module, emulator):
    result = run_module(email_security_domain, domain='new.example', **CREATE)
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'POST']
    assert emulator.requests[1]['body'] == dict(CREATE, domain='new.example')


def test_delete_sends_two_requests(run_module, emulator):
    emulator.seed(domain='gone.example')
    result = run_module(email_security_domain, domain='gone.example', state='absent')
    assert result['changed'] is True
    assert emulator.methods == ['GET', 'DELETE']
    assert emulator.stored() == {}


def test_a_delete_retried_after_a_lost_answer_takes_404_as_done(run_module, emulator):
    emulator.seed(domain='example.com')
    emulator.api.log.clear()
    emulator.fault(kind='lost', method='DELETE')  # deleted, but the answer never arrives: the client retries
    result = run_module(email_security_domain, domain='example.com', state='absent')
    assert result['changed'] is True and 'failed' not in result
    assert emulator.methods == ['GET', 'DELETE', 'DELETE']
    assert [entry['status'] for entry in emulator.requests[1:]] == [200, 404]
    assert emulator.stored() == {}


@pytest.mark.parametrize('args', [
    dict(domain='example.com', lookback_hops=7),
    dict(domain='missing.example', **CREATE),
    dict(domain='example.com', state='absent'),
])
def test_check_mode_never_writes(run_module, emulator, args):
    emulator.seed(domain='example.com')
    result = run_module(email_security_domain, check_mode=True, diff=True, **args)
    assert result['changed'] is True
    assert set(emulator.methods) == {'GET'}
    assert result['diff']['before'] != result['diff']['after']


def test_check_mode_predicts_the_domain(run_module, emulator):
    emulator.seed(domain='example.com', lookback_hops=2)
    result = run_module(email_security_domain, check_mode=True, domain='example.com', lookback_hops=7)
    assert result['domain']['lookback_hops'] == 7
    assert result['changes'] == {'lookback_hops': 7}
    assert emulator.api.get(emulator.account, 'domains', result['domain']['id'])['lookback_hops'] == 2


def test_diff_is_only_returned_in_diff_mode(run_module, emulator):
    emulator.seed(domain='example.com')
    assert 'diff' not in run_module(email_security_domain, domain='example.com', lookback_hops=4)
    result = run_module(email_security_domain, diff=True, domain='example.com', lookback_hops=5)
    assert (result['diff']['before']['lookback_hops'], result['diff']['after']['lookback_hops']) == (4, 5)


@pytest.mark.parametrize('args, message', [
    (dict(regions=['MARS']), 'value of regions must be one or more of: GLOBAL, AU, DE, IN, US. Got no match for: MARS'),
    (dict(ip_restrictions=['192.0.2.0/24', 'not-an-ip']), "ip_restrictions: 'not-an-ip' is not a valid"),
    (dict(lookback_hops=99), 'lookback_hops: 99 is out of range'),
    (dict(lookback_hops='many'), 'lookback_hops'),
    (dict(api_key='key-0123456789', api_email='e@example.com'), 'parameters are mutually exclusive: api_token|api_key'),
    (dict(api_token=OMIT, api_key='key-0123456789'), 'parameters are required together: api_key, api_email'),
    (dict(api_token=OMIT), 'one of api_token or api_key is required'),
    (dict(account_id=OMIT), 'account_id is required'),
    (dict(api_token=None), 'one of api_token or api_key is required'),
    (dict(max_retries=-1), 'max_retries: -1 must be 0 or more'),
    (dict(api_base_url='ftp://example.com'), "api_base_url: 'ftp://example.com' must start with https://"),
    (dict(api_token='     '), 'api_token: must not be empty'),
])
def test_bad_input_fails_before_any_request(run_module, emulator, monkeypatch, args, message):
    for name in ('CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_ACCOUNT_ID'):
        monkeypatch.delenv(name, raising=False)
    result = run_module(email_security_domain, domain='example.com', **args)
    assert result['failed'] is True
    assert message in result['msg']
    assert '\n' not in result['msg']
    assert emulator.requests == []


def test_identity_is_required(run_module, emulator):
    result = run_module(email_security_domain, lookback_hops=3)
    assert result['msg'] == 'one of the following is required: domain_id, domain'
    assert emulator.requests == []


def test_missing_requests_library_gives_ansibles_message():
    """Run the module in a Python that cannot import requests."""
    script = (
        'import sys; sys.modules["requests"] = None\n'
        'from conftest import patch_module_args\n'
        'from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domain as m\n'
        'with patch_module_args({"domain": "example.com", "api_token": "token-0123456789", "account_id": "a"}):\n'
        '    m.main()\n'
    )
    done = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join([HERE, os.environ.get('PYTHONPATH', '')])),
                          check=False)
    result = json.loads(done.stdout)
    assert result['failed'] is True
    assert 'Failed to import the required Python library (requests)' in result['msg']
