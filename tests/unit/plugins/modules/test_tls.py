# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""HTTPS: an untrusted certificate is refused, a trusted CA (REQUESTS_CA_BUNDLE) or validate_certs=false works."""

from __future__ import annotations

import pytest
import trustme

from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_domain, email_security_domain_info

import cf_emulator

SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
            'regions': ['GLOBAL']}


@pytest.fixture(scope='module')
def test_ca(tmp_path_factory):
    """A throw-away CA and a certificate for 127.0.0.1 signed by it, as PEM files."""
    ca = trustme.CA()
    folder = tmp_path_factory.mktemp('tls')
    server_pem = folder / 'server.pem'
    ca.issue_cert('127.0.0.1', 'localhost').private_key_and_cert_chain_pem.write_to_path(str(server_pem))
    ca_pem = folder / 'ca.pem'
    ca.cert_pem.write_to_path(str(ca_pem))
    return {'server': str(server_pem), 'ca': str(ca_pem)}


@pytest.fixture(scope='module')
def https_emulator(test_ca):
    running = cf_emulator.Background(tls_cert=test_ca['server'])
    yield running
    running.stop()


@pytest.fixture
def https(https_emulator, run_module, monkeypatch):
    """Run a module against the HTTPS emulator; no CA bundle in the environment unless a test sets one."""
    for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE'):
        monkeypatch.delenv(name, raising=False)
    https_emulator.api.reset()

    def run(module, **args):
        args.setdefault('api_base_url', https_emulator.base_url)
        return run_module(module, **args)

    run.api = https_emulator.api
    return run


def test_an_untrusted_certificate_is_refused_with_a_clear_message_and_no_retry(https, caplog):
    result = https(email_security_domain, domain='example.com', lookback_hops=2)
    assert result['failed'] is True
    assert result['msg'].startswith('GET /accounts/')
    assert 'failed: TLS error (set validate_certs or trust the CA through REQUESTS_CA_BUNDLE)' in result['msg']
    assert 'CERTIFICATE_VERIFY_FAILED' in result['msg']
    assert https.api.log == []  # the handshake failed: no request reached the server
    # A certificate does not get better with retries and back-off: one attempt only.
    assert [record.message for record in caplog.records if 'Retrying' in record.message] == []


def test_trusting_the_ca_through_the_environment_works(https, test_ca, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', test_ca['ca'])
    result = https(email_security_domain, domain='example.com', **SETTINGS)
    assert result['changed'] is True
    assert [entry['method'] for entry in https.api.log] == ['GET', 'POST']


def test_validate_certs_false_skips_verification(https):
    result = https(email_security_domain_info, validate_certs=False)
    assert 'failed' not in result
    assert result['domains'] == []
    assert [entry['method'] for entry in https.api.log] == ['GET']


@pytest.mark.parametrize('status', [401, 403])
def test_401_and_403_are_never_retried(run_module, emulator, status):
    emulator.fault(kind='status', status=status, times=10, errors=[{'code': 10000, 'message': 'denied'}])
    result = run_module(email_security_domain, domain='example.com', lookback_hops=2, max_retries=5)
    assert result['failed'] is True
    assert f'HTTP {status}: [10000] denied' in result['msg']
    assert emulator.methods == ['GET']
