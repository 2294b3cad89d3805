# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark edgeops.cloudflare.email_security_domains on a large fleet against the local emulator.

Run it with benchmarks/run fleet (it prepares the venv and the collection). For a fleet of --domains
domains (10,000 by default) with 10 %% drift (8 %% with a setting off, 1 %% missing, 1 %% protected but
unlisted, reconciled with prune), it reports the requests and the wall time of ansible-playbook for:
the check-mode run (with --diff), the apply run and the no-op re-run. For comparison it times, in the
same run, a loop of email_security_domain over --loop domains (100 by default) with the same drift, and
extrapolates it to the fleet. Targets: each fleet run <= 11 requests and <= 10 s; the re-run writes nothing.
It exits 1 when check mode or the re-run sends more than the page reads, or the apply run more than those and
one batch call; and, unless --timing-targets report (CI: timings on a shared machine are noisy), when a target
is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import check, pages, play, playbook_env  # beside this script

SETTINGS = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS', 'SPOOF'],
            'ip_restrictions': ['192.0.2.0/24'], 'regions': ['GLOBAL'], 'lookback_hops': 2,
            'require_tls_inbound': True}
ACCOUNT = cf_emulator.DEFAULT_ACCOUNT

# The desired state is read as JSON (lookup + from_json: ~0.3 s for 10,000 entries here); Ansible's YAML
# loader takes ~10 s for the same file as vars_files (see --yaml).
FLEET_PLAY = '''---
- name: Reconcile the fleet
  hosts: localhost
  connection: local
  gather_facts: false
  %s
  tasks:
    - name: Every protected domain, in one task
      edgeops.cloudflare.email_security_domains:
        domains: "{{ desired_domains }}"
        prune: true
'''
FROM_JSON = '''vars:
    desired_domains: "{{ lookup('ansible.builtin.file', 'desired.json') | from_json }}"'''
FROM_YAML = '''vars_files:
    - desired.yml'''

LOOP_PLAY = '''---
- name: Reconcile the same domains one task each
  hosts: localhost
  connection: local
  gather_facts: false
  vars_files:
    - loop.yml
  tasks:
    - name: One domain per loop item
      edgeops.cloudflare.email_security_domain: "{{ item }}"
      loop: "{{ desired_domains }}"
      loop_control:
        label: "{{ item.domain }}"
'''


def name(number: int) -> str:
    return f'd{number:05}.example.com'


def fleet_state(size: int) -> tuple:
    """(seeded, desired): 1 % of the desired are missing, 1 % of the seeded unlisted, 8 % differ."""
    one_percent = max(size // 100, 1)
    shared = range(size - one_percent)
    seeded = [dict(SETTINGS, domain=name(n)) for n in shared]
    seeded += [dict(SETTINGS, domain=f'unlisted{n:05}.example.com') for n in range(one_percent)]
    desired = [dict(SETTINGS, domain=name(n)) for n in shared]
    for entry in desired[::12][:8 * one_percent]:
        entry['lookback_hops'] = 5
    desired += [dict(SETTINGS, domain=name(n)) for n in range(size - one_percent, size)]
    return seeded, desired


def write_vars(path: str, desired: list) -> None:
    # One flow mapping per line: YAML as a person (or a generator) would write a large desired-state file.
    with open(path, 'w') as handle:
        handle.write('---\ndesired_domains:\n')
        for entry in desired:
            handle.write(f"  - {json.dumps(entry, separators=(', ', ': '))}\n")


class Bench:
    def __init__(self, workdir: str) -> None:
        emulator = cf_emulator.Background()
        self.api = emulator.api
        self.workdir = workdir
        self.env = playbook_env(emulator.base_url)
        for file_name, text in (('fleet.yml', FLEET_PLAY % FROM_JSON), ('fleet-yaml.yml', FLEET_PLAY % FROM_YAML),
                                ('loop.play.yml', LOOP_PLAY)):
            with open(os.path.join(workdir, file_name), 'w') as handle:
                handle.write(text)

    def reset(self, seeded: list) -> None:
        self.api.reset()
        self.api.seed(ACCOUNT, 'domains', seeded)

    def play(self, playbook: str, *extra: str) -> dict:
        """Run a playbook of the work directory; its wall time, requests and writes."""
        return play(self.api, [os.path.join(self.workdir, playbook), *extra], self.env)

    def stored(self) -> dict:
        return {obj['domain']: obj for obj in self.api.stored(ACCOUNT, 'domains').values()}


def fleet_runs(bench: Bench, size: int) -> dict:
    seeded, desired = fleet_state(size)
    with open(os.path.join(bench.workdir, 'desired.json'), 'w', encoding='utf-8') as handle:
        json.dump(desired, handle)
    bench.reset(seeded)
    before = bench.stored()
    label = 'check mode (--check --diff)'
    runs = {label: bench.play('fleet.yml', '--check', '--diff')}
    check(runs[label]['requests'] == pages(len(before)) and runs[label]['writes'] == 0,
          f"check mode sent {runs[label]['requests']} requests ({runs[label]['writes']} writes), "
          f'not the {pages(len(before))} page reads')
    check(bench.stored() == before, 'check mode changed the emulator state')
    runs['apply'] = bench.play('fleet.yml')
    after = bench.stored()
    reads = runs['apply']['requests'] - runs['apply']['writes']
    check(reads == pages(len(before)) and runs['apply']['writes'] == 1,
          f"apply sent {reads} reads and {runs['apply']['writes']} writes, not {pages(len(before))} and 1 batch")
    check(sorted(after) == sorted(entry['domain'] for entry in desired), 'apply left the wrong set of domains')
    check(all(after[entry['domain']]['lookback_hops'] == entry['lookback_hops'] for entry in desired),
          'apply left a domain with the wrong lookback_hops')
    runs['no-op re-run'] = bench.play('fleet.yml')
    check(runs['no-op re-run']['requests'] == pages(len(after)) and runs['no-op re-run']['writes'] == 0,
          f"the re-run sent {runs['no-op re-run']['requests']} requests ({runs['no-op re-run']['writes']} writes), "
          f'not the {pages(len(after))} page reads')
    return runs


def yaml_run(bench: Bench, size: int) -> dict:
    """The apply run again, with the desired state in a YAML vars file (for comparison only)."""
    seeded, desired = fleet_state(size)
    write_vars(os.path.join(bench.workdir, 'desired.yml'), desired)
    bench.reset(seeded)
    return bench.play('fleet-yaml.yml')


def loop_run(bench: Bench, size: int, loop: int) -> dict:
    """The same drift over ``loop`` domains, one email_security_domain task each."""
    seeded, desired = fleet_state(loop)
    write_vars(os.path.join(bench.workdir, 'loop.yml'), desired)
    bench.reset(seeded)
    run = bench.play('loop.play.yml')
    run['extrapolated seconds'] = run['seconds'] * size / loop
    run['extrapolated requests'] = run['requests'] * size // loop
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--domains', type=int, default=10000, help='fleet size (default 10000)')
    parser.add_argument('--loop', type=int, default=100, help='domains in the comparison loop (default 100)')
    parser.add_argument('--yaml', action='store_true', help='also time the apply run with a YAML vars file')
    parser.add_argument('--timing-targets', choices=('enforce', 'report'), default='enforce',
                        help='exit 1 when the 10 s target is missed, or only report it')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        bench = Bench(workdir)
        runs = fleet_runs(bench, args.domains)
        loop = loop_run(bench, args.domains, args.loop)
        yaml = yaml_run(bench, args.domains) if args.yaml else None
    print(f'edgeops.cloudflare.email_security_domains, {args.domains} domains, 10 % drift (against the emulator)')
    print(f"  {'run':28} {'requests':>8} {'writes':>7} {'wall':>9}")
    for label, run in runs.items():
        print(f"  {label:28} {run['requests']:8} {run['writes']:7} {run['seconds']:7.2f} s")
    print(f'\nThe same drift with a loop of email_security_domain over {args.loop} domains')
    print(f"  {args.loop} domains: {loop['requests']} requests, {loop['seconds']:.2f} s; extrapolated to {args.domains} "
          f"domains: {loop['extrapolated requests']} requests, {loop['extrapolated seconds']:.0f} s "
          f"({loop['extrapolated seconds'] / 60:.1f} min)")
    if yaml:
        print(f"\nThe apply run with the desired state in a YAML vars file instead of JSON: {yaml['requests']} requests, {yaml['seconds']:.2f} s")
    limit = pages(args.domains) + 1
    met = all(run['requests'] <= limit and run['seconds'] <= 10 for run in runs.values())
    print(f"\n  targets: each run <= {limit} requests and <= 10 s, no write on the re-run: {'met' if met else 'NOT met'}")
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'domains': args.domains, 'fleet': runs, 'loop': loop, 'yaml_apply': yaml}, handle, indent=2)
    if not met and args.timing_targets == 'enforce':
        print('FAILED: a target was missed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
