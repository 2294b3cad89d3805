# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Two module processes at once against one domain (as two AWX jobs or two forks would run them).

The emulator holds both reads until both have arrived, so both plan from the same old state before either
writes: the worst interleaving, made certain.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

MODULES = 'ansible_collections.edgeops.cloudflare.plugins.modules.'
SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
            'regions': ['GLOBAL']}


def run_at_once(emulator, tmp_path, module, *task_args):
    """Start one module process per ``task_args`` at the same time; their JSON results, in order."""
    processes = []
    for number, args in enumerate(task_args):
        args = dict(args, api_base_url=emulator.base_url, api_token=emulator.token, account_id=emulator.account)
        path = tmp_path / (f'args-{number}.json')
        path.write_text(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
        process = subprocess.Popen(  # pylint: disable=consider-using-with  # all run at once; communicate() ends each
            [sys.executable, '-m', MODULES + module, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        processes.append(process)
    results = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    return results


def writes(emulator):
    return [entry for entry in emulator.requests if entry['method'] != 'GET']


def test_two_tasks_on_different_fields_of_one_domain_both_apply(emulator, tmp_path):
    emulator.seed(domain='example.com', lookback_hops=1, require_tls_inbound=False)
    emulator.api.log.clear()
    emulator.fault(kind='barrier', method='GET', count=2, times=2)
    first, second = run_at_once(emulator, tmp_path, 'email_security_domain',
                                {'domain': 'example.com', 'lookback_hops': 7},
                                {'domain': 'example.com', 'require_tls_inbound': True})
    assert first['changed'] is True and second['changed'] is True
    assert emulator.methods[:2] == ['GET', 'GET']  # both read the old state before either wrote
    assert sorted(json.dumps(entry['body'], sort_keys=True) for entry in writes(emulator)) == [
        '{"lookback_hops": 7}', '{"require_tls_inbound": true}']  # minimal bodies
    (stored,) = emulator.stored().values()
    assert stored['lookback_hops'] == 7 and stored['require_tls_inbound'] is True  # neither clobbered the other


def test_two_fleet_tasks_on_different_fields_both_apply(emulator, tmp_path):
    names = ['a.example.com', 'b.example.com', 'c.example.com']
    emulator.api.seed(emulator.account, 'domains', [dict(SETTINGS, domain=name) for name in names])
    emulator.api.log.clear()
    emulator.fault(kind='barrier', method='GET', count=2, times=2)
    first, second = run_at_once(emulator, tmp_path, 'email_security_domains',
                                {'domains': [{'domain': name, 'lookback_hops': 9} for name in names]},
                                {'domains': [{'domain': name, 'regions': ['US']} for name in names]})
    assert first['updated'] == names and second['updated'] == names
    assert emulator.methods == ['GET', 'GET', 'POST', 'POST']
    for stored in emulator.stored().values():
        assert stored['lookback_hops'] == 9 and stored['regions'] == ['US']


def test_the_same_field_edited_at_once_is_last_writer_wins(emulator, tmp_path):
    emulator.seed(domain='example.com', lookback_hops=1)
    emulator.api.log.clear()
    emulator.fault(kind='barrier', method='GET', count=2, times=2)
    results = run_at_once(emulator, tmp_path, 'email_security_domain',
                          {'domain': 'example.com', 'lookback_hops': 4},
                          {'domain': 'example.com', 'lookback_hops': 5})
    assert all(result['changed'] for result in results)  # each saw 1 and changed it
    patches = [entry for entry in writes(emulator) if entry['method'] == 'PATCH']
    assert sorted(entry['body']['lookback_hops'] for entry in patches) == [4, 5]  # both clients sent their value
    (stored,) = emulator.stored().values()
    last_sent = max(patches, key=lambda entry: entry['order'])['body']['lookback_hops']
    assert stored['lookback_hops'] == last_sent  # the PATCH the server processed last holds


def test_one_failed_read_fails_the_account_module_at_once(emulator, tmp_path):
    """The other reads stop instead of running through their retries: the module process ends within seconds while
    the domains read still waits out 503 answers with Retry-After: 30 (minutes with its 5 retries)."""
    emulator.fault(kind='status', status=503, retry_after=30, path='/domains$', times=20)
    # The blocked senders fail on their second attempt, a second later: the domains read is in its retries by then.
    emulator.fault(kind='status', status=503, retry_after=1, path='/block_senders$')
    emulator.fault(kind='status', status=403, path='/block_senders$',
                   errors=[{'code': 10000, 'message': 'Authentication error'}])
    args = {'settings': {'domains': [], 'block_senders': []}, 'api_base_url': emulator.base_url,
            'api_token': emulator.token, 'account_id': emulator.account}
    path = tmp_path / 'args.json'
    path.write_text(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
    started = time.monotonic()
    done = subprocess.run([sys.executable, '-m', MODULES + 'email_security_settings', str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    seconds = time.monotonic() - started
    result = json.loads(done.stdout)
    assert result['msg'] == (f'GET /accounts/{emulator.account}/email-security/settings/block_senders failed: '
                             'HTTP 403: [10000] Authentication error')
    assert seconds < 10, f'the module took {seconds:.1f} s'
    calls = [(entry['path'].rsplit('/', 1)[-1], entry['status']) for entry in emulator.requests]
    assert sorted(calls[:2]) == [('block_senders', 503), ('domains', 503)] and calls[2:] == [('block_senders', 403)]
