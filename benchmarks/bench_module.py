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

DOMAINS = ['bench%02d.example' % index for index in range(20)]
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
    def __init__(self, workdir: str) -> None:
        emulator = cf_emulator.Background()
        self.api = emulator.api
        base_url = emulator.base_url
        self.env = dict(os.environ, CLOUDFLARE_API_TOKEN=cf_emulator.DEFAULT_TOKEN,
                        CLOUDFLARE_ACCOUNT_ID=cf_emulator.DEFAULT_ACCOUNT, CLOUDFLARE_BASE_URL=base_url,
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
        self.playbooks = {}
        for name, tasks in TASKS.items():
            path = os.path.join(workdir, name + '.yml')
            with open(path, 'w') as handle:
                handle.write(PLAY % {'domains': json.dumps(DOMAINS), 'tasks': tasks})
            self.playbooks[name] = path

    def play(self, name: str, *extra: str, **extra_vars) -> float:
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), self.playbooks[name],
                   '-e', json.dumps(extra_vars)] + list(extra)
        started = time.perf_counter()
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit('ansible-playbook failed:\n%s\n%s' % (done.stdout[-3000:], done.stderr[-3000:]))
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


def loop_timings(bench: Bench, repeat: int) -> dict:
    bench.api.reset()
    for name in DOMAINS:
        bench.api.create(cf_emulator.DEFAULT_ACCOUNT, 'domains', dict(CREATE, domain=name, lookback_hops=1))
    times = {key: [] for key in ('module change', 'module no-op', 'uri change', 'uri no-op', 'ping')}
    hops = 1
    for _run in range(repeat):
        for kind in ('module', 'uri'):
            hops = hops % 20 + 1
            bench.api.log.clear()
            times[kind + ' change'].append(bench.play(kind, target_hops=hops))
            writes = sum(1 for entry in bench.api.log if entry['method'] == 'PATCH')
            assert writes == len(DOMAINS), '%s change run sent %d PATCHes' % (kind, writes)
            bench.api.log.clear()
            times[kind + ' no-op'].append(bench.play(kind, target_hops=hops))
            assert all(entry['method'] == 'GET' for entry in bench.api.log), kind + ' no-op run wrote'
            assert len(bench.api.log) == len(DOMAINS)
        times['ping'].append(bench.play('ping'))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3, help='runs of each loop; the median is reported')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        bench = Bench(workdir)
        print('Requests per run of edgeops.cloudflare.email_security_domain (against the emulator)')
        counts = request_counts(bench)
        for label, methods in counts:
            print('  %-22s %d  %s' % (label, len(methods), ' + '.join(methods)))
        print('\n20-domain loops, wall time of ansible-playbook, median of %d runs' % args.repeat)
        times = loop_timings(bench, args.repeat)
    medians = {key: statistics.median(values) for key, values in times.items()}
    for key, value in medians.items():
        print('  %-14s %6.2f s   (runs: %s)' % (key, value, ', '.join('%.2f' % v for v in times[key])))
    change_ratio = medians['module change'] / medians['uri change']
    noop_ratio = medians['module no-op'] / medians['ping']
    print('\n  module / uri, change run:   %.2f   (target <= 0.55: %s)'
          % (change_ratio, 'met' if change_ratio <= 0.55 else 'NOT met'))
    print('  module no-op / ping floor:  %.2f   (target <= 1.30: %s)'
          % (noop_ratio, 'met' if noop_ratio <= 1.3 else 'NOT met'))
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump({'requests': dict((label, methods) for label, methods in counts), 'times': times,
                       'medians': medians, 'module_uri_change_ratio': change_ratio,
                       'module_noop_ping_ratio': noop_ratio}, handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
