# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fault matrix: each module through every fault the API (or the network) can throw at it.

Run it with benchmarks/run faults. Each row runs a module process (as Ansible runs it) against the emulator
with one fault armed, in apply mode and in check mode, and checks the outcome is the right one: recovered
(the task succeeds and the state is right), or a clear failure (the expected message, within
timeout x (max_retries + 1) plus back-off). Check mode sends no write in any row. It prints a table and exits
non-zero when any row is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH

MODULES = 'ansible_collections.edgeops.cloudflare.plugins.modules.'
TIMEOUT = 1
MAX_RETRIES = 3
BACKOFF = sum(min(0.5 * 2 ** (n - 1), 8) for n in range(2, MAX_RETRIES + 1))  # urllib3: no wait before retry 1
BOUND = TIMEOUT * (MAX_RETRIES + 1) + BACKOFF + 2  # + 2 s to start Python and import Ansible
SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
            'regions': ['GLOBAL']}
BATCH = r'/batch$'

# (fault label, the fault, the task's situation, expected outcome, what the message must say)
# situation: 'update' (the domain exists, one setting differs) or 'create' (the domain is missing).
FAULTS = [
    ('429 x3 with Retry-After', {'kind': 'status', 'status': 429, 'retry_after': 1, 'times': 3, 'method': 'GET'},
     'update', 'recovered', ''),
    ('503 x2', {'kind': 'status', 'status': 503, 'times': 2, 'method': 'GET'}, 'update', 'recovered', ''),
    ('500', {'kind': 'status', 'status': 500, 'method': 'GET'}, 'update', 'recovered', ''),
    ('HTML 502 on the write', {'kind': 'html', 'status': 502, 'method': 'PATCH'}, 'update', 'recovered', ''),
    ('dropped connection', {'kind': 'drop', 'method': 'GET'}, 'update', 'recovered', ''),
    ('slow answer past timeout', {'kind': 'slow', 'delay': TIMEOUT + 1, 'times': MAX_RETRIES + 1, 'method': 'GET'},
     'update', 'failed', f'no answer within timeout={TIMEOUT}s ({MAX_RETRIES + 1} attempt(s))'),
    ('POST answer lost', {'kind': 'lost', 'method': 'POST'}, 'create', 'recovered', ''),
    ('401', {'kind': 'status', 'status': 401, 'times': 9, 'errors': [{'code': 10000, 'message': 'Authentication error'}]},
     'update', 'failed', 'HTTP 401: [10000] Authentication error'),
    ('403', {'kind': 'status', 'status': 403, 'times': 9, 'errors': [{'code': 9109, 'message': 'Unauthorized'}]},
     'update', 'failed', 'HTTP 403: [9109] Unauthorized'),
    ('404', {'kind': 'status', 'status': 404, 'times': 9, 'errors': [{'code': 7003, 'message': 'Could not route'}]},
     'update', 'failed', 'HTTP 404: [7003] Could not route'),
    ('success: false', {'kind': 'unsuccessful', 'times': 9, 'errors': [{'code': 1001, 'message': 'invalid zone'}]},
     'update', 'failed', 'HTTP 200: [1001] invalid zone'),
    # A list page that leaves the existing object out while result_info says it exists: read again, so no duplicate
    # is created; when it never adds up, the run fails before any write.
    ('short page', {'kind': 'short', 'method': 'GET'}, 'update', 'recovered', ''),
    ('short page x2', {'kind': 'short', 'method': 'GET', 'times': 2}, 'update', 'failed',
     'the list does not add up, twice: page 1 held 0 objects where per_page is 1000, and total_count says 1'),
]

# The fleet module's writes go through one batch call, a POST: never repeated after a 5xx or a lost answer; the
# domains are read again instead.
FLEET_FAULTS = FAULTS[:3] + [
    ('HTML 502 on the batch', {'kind': 'html', 'status': 502, 'path': BATCH}, 'update', 'failed',
     'HTTP 502 with a body that is not JSON'),
    ('dropped connection', {'kind': 'drop', 'method': 'GET'}, 'update', 'recovered', ''),
    FAULTS[5],
    # The re-read shows the one operation applied: the task succeeds, with a warning.
    ('batch answer lost', {'kind': 'lost', 'path': BATCH}, 'update', 'recovered', ''),
    ('429 on the batch', {'kind': 'status', 'status': 429, 'retry_after': 1, 'path': BATCH}, 'update', 'recovered', ''),
] + FAULTS[7:]

# What each module manages in the matrix: its resource, an existing object, the entry that updates it and one
# that creates an object (a list module's entries carry them), and the faults it goes through. Beside the
# domain modules: one list resource with a batch endpoint and one without.
RESOURCES = {
    'domains': (dict(SETTINGS, domain='example.com', lookback_hops=1), dict(domain='example.com', lookback_hops=7),
                dict(SETTINGS, domain='example.com')),
    'block_senders': ({'pattern_type': 'DOMAIN', 'pattern': 'spam.example', 'is_regex': False},
                      {'pattern_type': 'DOMAIN', 'pattern': 'spam.example', 'comments': 'fault matrix'},
                      {'pattern_type': 'DOMAIN', 'pattern': 'spam.example'}),
    'url_ignore_patterns': ({'pattern': '^https://intranet\\.example/'},
                            {'pattern': '^https://intranet\\.example/', 'comments': 'fault matrix'},
                            {'pattern': '^https://intranet\\.example/'}),
}
MODULES_UNDER_TEST = [
    ('email_security_domain', 'domains', FAULTS),
    ('email_security_domains', 'domains', FLEET_FAULTS),
    ('email_security_block_senders', 'block_senders', FLEET_FAULTS),
    ('email_security_url_ignore_patterns', 'url_ignore_patterns', FAULTS),  # one request per write, as the domain
]


def _targets_writes(fault: dict) -> bool:
    return fault.get('method') in ('POST', 'PATCH', 'DELETE') or fault.get('path') == BATCH


class Matrix:
    def __init__(self, workdir: str) -> None:
        emulator = cf_emulator.Background()
        self.api = emulator.api
        self.base_url = emulator.base_url
        self.workdir = workdir
        self.env = dict(os.environ)
        self.env['PYTHONPATH'] = os.environ['ANSIBLE_COLLECTIONS_PATH']

    def run(self, module: str, args: dict, check_mode: bool) -> tuple:
        args = dict(args, api_base_url=self.base_url, api_token=cf_emulator.DEFAULT_TOKEN,
                    account_id=cf_emulator.DEFAULT_ACCOUNT, timeout=TIMEOUT, max_retries=MAX_RETRIES,
                    _ansible_check_mode=check_mode)
        path = os.path.join(self.workdir, 'args.json')
        with open(path, 'w') as handle:
            json.dump({'ANSIBLE_MODULE_ARGS': args}, handle)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, '-m', MODULES + module, path], env=self.env, capture_output=True,
                              text=True, check=False)
        elapsed = time.perf_counter() - started
        try:
            return json.loads(done.stdout), elapsed
        except ValueError:
            return {'failed': True, 'msg': f'NOT JSON: {done.stdout[-300:]} {done.stderr[-300:]}'}, elapsed

    def row(self, module: str, resource: str, label: str, fault: dict, situation: str, expected: str, needle: str,
            check_mode: bool) -> dict:
        self.api.reset()
        existing, update, create = RESOURCES[resource]
        if situation == 'update':
            self.api.seed(cf_emulator.DEFAULT_ACCOUNT, resource, [existing])
            wanted = update
        else:
            wanted = create
        self.api.log.clear()
        self.api.add_faults([fault])
        args = wanted if module == 'email_security_domain' else {'entries': [wanted]}
        result, elapsed = self.run(module, args, check_mode)
        log = list(self.api.log)
        writes = [entry for entry in log if entry['method'] != 'GET' and not entry['path'].startswith('/__')]
        stored = list(self.api.stored(cf_emulator.DEFAULT_ACCOUNT, resource).values())
        outcome = 'failed' if result.get('failed') else 'recovered'
        problems = []
        if check_mode and writes:
            problems.append('check mode wrote')
        if check_mode and _targets_writes(fault):
            expected = 'recovered'  # check mode sends no write, so a fault armed for one never fires
        if outcome != expected:
            problems.append(f'expected {expected}')
        if outcome == 'failed' and needle and needle not in result.get('msg', ''):
            problems.append(f'message lacks {needle!r}')
        if outcome == 'failed' and '\n' in result.get('msg', ''):
            problems.append('message is not one line')
        if elapsed > BOUND:
            problems.append(f'took longer than {BOUND:.1f} s')
        if outcome == 'recovered' and not check_mode:
            if len(stored) != 1 or any(stored[0].get(name) != value for name, value in wanted.items()
                                       if name not in ('domain', 'pattern')):
                problems.append(f'wrong final state ({len(stored)} objects)')
        return {'module': module, 'fault': label, 'mode': 'check' if check_mode else 'apply', 'outcome': outcome,
                'requests': len(log), 'writes': len(writes), 'seconds': elapsed,
                'message': result.get('msg', ''), 'problems': problems}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--json', help='also write the rows to this file')
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        matrix = Matrix(workdir)
        for module, resource, faults in MODULES_UNDER_TEST:
            for label, fault, situation, expected, needle in faults:
                for check_mode in (False, True):
                    rows.append(matrix.row(module, resource, label, fault, situation, expected, needle, check_mode))
    print(f'Fault matrix (timeout={TIMEOUT}s, max_retries={MAX_RETRIES}; a failure must come within {BOUND:.1f} s)')
    print(f"{'module':34} {'fault':26} {'mode':5} {'outcome':9} {'req':>4} {'wr':>3} {'wall':>6}  message")
    for row in rows:
        message = row['message'].rsplit(' failed: ', 1)[-1] if row['message'] else '-'
        wrong = ('   <-- WRONG: ' + '; '.join(row['problems'])) if row['problems'] else ''
        print(f"{row['module']:34} {row['fault']:26} {row['mode']:5} {row['outcome']:9} {row['requests']:4d} "
              f"{row['writes']:3d} {row['seconds']:5.2f}s  {message[:70]}{wrong}")
    wrong = [row for row in rows if row['problems']]
    check_writes = sum(row['writes'] for row in rows if row['mode'] == 'check')
    print(f'\n{len(rows)} rows, {len(rows) - len(wrong)} right, {len(wrong)} wrong; writes in check mode: {check_writes}')
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump(rows, handle, indent=2)
    return 1 if wrong else 0


if __name__ == '__main__':
    sys.exit(main())
