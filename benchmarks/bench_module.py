# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark edgeops.cloudflare.email_security_domain against the local emulator.

Run it with benchmarks/run (it prepares the venv and the collection). It reports:
- the requests one run sends: no-op, update, create, delete (and that check mode writes nothing);
- in one run, the wall time of a 20-domain loop with the module, the same loop written with
  ansible.builtin.uri (GET + conditional PATCH: two tasks), and a 20-iteration ansible.builtin.ping loop
  (Ansible's own floor), for a change run and a no-op run; the median of --repeat runs each.
Targets: module/uri <= 0.55 on the change run; module no-op loop <= 1.3 x the ping loop.
It exits 1 when a run sends other requests than expected (check mode must write nothing) and, unless
--timing-targets report (what CI uses: timings on a shared machine are noisy), when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH

# The requests each run must send, in order.
EXPECTED = {
    'create': ['GET', 'POST'],
    'no-op': ['GET'],
    'update': ['GET', 'PATCH'],
    'update, check mode': ['GET'],
    'create, check mode': ['GET'],
    'delete, check mode': ['GET'],
    'delete': ['GET', 'DELETE'],
    'delete, already gone': ['GET'],
}
CREATE = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
          'regions': ['GLOBAL']}

PLAY = '''---
- name: Benchmark
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    domains: %(domains)s
    hops: "{{ target_hops | int }}"
    account: "{{ lookup('ansible.builtin.env', 'CLOUDFLARE_ACCOUNT_ID') }}"
    base: "{{ lookup('ansible.builtin.env', 'CLOUDFLARE_BASE_URL') }}/accounts/{{ account }}/email-security/settings/domains"
    auth: {Authorization: "Bearer {{ lookup('ansible.builtin.env', 'CLOUDFLARE_API_TOKEN') }}"}
  tasks:
%(tasks)s
'''

TASKS = {
    'module': '''
    - name: Set lookback_hops on each domain
      edgeops.cloudflare.email_security_domain:
        domain: "{{ item }}"
        lookback_hops: "{{ hops }}"
      loop: "{{ domains }}"
''',
    'uri': '''
    - name: Read each domain
      ansible.builtin.uri:
        url: "{{ base }}?domain={{ item }}"
        headers: "{{ auth }}"
      loop: "{{ domains }}"
      register: current
    - name: Patch the domains that differ
      ansible.builtin.uri:
        url: "{{ base }}/{{ item.json.result[0].id }}"
        method: PATCH
        headers: "{{ auth }}"
        body_format: json
        body: {lookback_hops: "{{ hops }}"}
      loop: "{{ current.results }}"
      when: item.json.result[0].lookback_hops != hops | int
      changed_when: true
''',
    'ping': '''
    - name: Ping
      ansible.builtin.ping:
      loop: "{{ domains }}"
''',
    'single': '''
    - name: One run of the module
      edgeops.cloudflare.email_security_domain: "{{ module_args }}"
''',
}


class Bench:
    def __init__(self, workdir: str, domains: list) -> None:
        emulator = cf_emulator.Background()
        self.api = emulator.api
        base_url = emulator.base_url
        self.env = dict(os.environ, CLOUDFLARE_API_TOKEN=cf_emulator.DEFAULT_TOKEN,
                        CLOUDFLARE_ACCOUNT_ID=cf_emulator.DEFAULT_ACCOUNT, CLOUDFLARE_BASE_URL=base_url,
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
        self.playbooks = {}
        for name, tasks in TASKS.items():
            path = os.path.join(workdir, name + '.yml')
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(PLAY % {'domains': json.dumps(domains), 'tasks': tasks})
            self.playbooks[name] = path

    def play(self, name: str, *extra: str, **extra_vars) -> float:
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), self.playbooks[name],
                   '-e', json.dumps(extra_vars)] + list(extra)
        started = time.perf_counter()
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f'ansible-playbook failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}')
        return elapsed

    def requests_of(self, *extra: str, **module_args) -> list:
        self.api.log.clear()
        self.play('single', *extra, module_args=module_args)
        return [entry['method'] for entry in self.api.log]


def request_counts(bench: Bench) -> list:
    bench.api.reset()
    bench.api.create(cf_emulator.DEFAULT_ACCOUNT, 'domains', dict(CREATE, domain='one.example'))
    rows = [
        ('create', bench.requests_of(domain='two.example', **CREATE)),
        ('no-op', bench.requests_of(domain='two.example', regions=['GLOBAL'])),
        ('update', bench.requests_of(domain='two.example', lookback_hops=7)),
        ('update, check mode', bench.requests_of('--check', domain='two.example', lookback_hops=9)),
        ('create, check mode', bench.requests_of('--check', domain='three.example', **CREATE)),
        ('delete, check mode', bench.requests_of('--check', domain='two.example', state='absent')),
        ('delete', bench.requests_of(domain='two.example', state='absent')),
        ('delete, already gone', bench.requests_of(domain='two.example', state='absent')),
    ]
    return rows


def loop_timings(bench: Bench, repeat: int, domains: list) -> dict:
    bench.api.reset()
    for name in domains:
        bench.api.create(cf_emulator.DEFAULT_ACCOUNT, 'domains', dict(CREATE, domain=name, lookback_hops=1))
    times = {key: [] for key in ('module change', 'module no-op', 'uri change', 'uri no-op', 'ping')}
    hops = 1
    for _run in range(repeat):
        for kind in ('module', 'uri'):
            hops = hops % 20 + 1
            bench.api.log.clear()
            times[kind + ' change'].append(bench.play(kind, target_hops=hops))
            writes = sum(1 for entry in bench.api.log if entry['method'] == 'PATCH')
            if writes != len(domains):
                raise SystemExit(f'FAILED: the {kind} change run sent {writes} PATCHes, not {len(domains)}')
            bench.api.log.clear()
            times[kind + ' no-op'].append(bench.play(kind, target_hops=hops))
            methods = [entry['method'] for entry in bench.api.log]
            if methods != ['GET'] * len(domains):
                raise SystemExit(f'FAILED: the {kind} no-op run sent {methods}, not {len(domains)} GETs')
        times['ping'].append(bench.play('ping'))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3, help='runs of each loop; the median is reported')
    parser.add_argument('--domains', type=int, default=20, help='domains in each loop (default: %(default)s)')
    parser.add_argument('--timing-targets', choices=('enforce', 'report'), default='enforce',
                        help='exit 1 when a timing target is missed, or only report it')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    domains = [f'bench{index:02}.example' for index in range(args.domains)]
    with tempfile.TemporaryDirectory() as workdir:
        bench = Bench(workdir, domains)
        print('Requests per run of edgeops.cloudflare.email_security_domain (against the emulator)')
        counts = request_counts(bench)
        wrong = []
        for label, methods in counts:
            verdict = 'as expected' if methods == EXPECTED[label] else f'EXPECTED {" + ".join(EXPECTED[label])}'
            print(f"  {label:22} {len(methods)}  {' + '.join(methods):14} {verdict}")
            if methods != EXPECTED[label]:
                wrong.append(label)
        if wrong:
            print(f"FAILED: unexpected requests for: {', '.join(wrong)}")
            return 1
        print(f'\n{len(domains)}-domain loops, wall time of ansible-playbook, median of {args.repeat} runs')
        times = loop_timings(bench, args.repeat, domains)
    medians = {key: statistics.median(values) for key, values in times.items()}
    for key, value in medians.items():
        print(f"  {key:14} {value:6.2f} s   (runs: {', '.join((f'{v:.2f}' for v in times[key]))})")
    change_ratio = medians['module change'] / medians['uri change']
    noop_ratio = medians['module no-op'] / medians['ping']
    print(f"\n  module / uri, change run:   {change_ratio:.2f}   (target <= 0.55: {'met' if change_ratio <= 0.55 else 'NOT met'})")
    print(f"  module no-op / ping floor:  {noop_ratio:.2f}   (target <= 1.30: {'met' if noop_ratio <= 1.3 else 'NOT met'})")
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'requests': dict((label, methods) for label, methods in counts), 'times': times,
                       'medians': medians, 'module_uri_change_ratio': change_ratio,
                       'module_noop_ping_ratio': noop_ratio}, handle, indent=2)
    missed = change_ratio > 0.55 or noop_ratio > 1.3
    if missed and args.timing_targets == 'enforce':
        print('FAILED: a timing target was missed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
