# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What backup: true costs: the apply of a list with 10 %% drift, with and without a backup, against the emulator.

Run it with benchmarks/run backup. Each round resets the account to the same --count objects and applies the same
desired list twice, once with backup: true and once without, in alternating order (interleaved, so that the noise
of a shared machine falls on both). It reports the requests of each (they must be equal: the backup is written
from the read the plan was made from), the wall times as median (range), and the median of the per-round ratios.
It exits 1 when the requests differ, or when the backup does not hold every object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from bench_set import list_state  # beside this script
from benchlib import check, median_range, play, playbook_env

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
PLAY = '''---
- name: Apply the list
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Every entry, in one task
      edgeops.cloudflare.email_security_%s:
        entries: "{{ lookup('ansible.builtin.file', 'desired.json') | from_json }}"
        prune: true
        backup: "{{ backup | bool }}"
        backup_options:
          dir_path: "{{ backup_dir }}"
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--resource', default='block_senders')
    parser.add_argument('--count', type=int, default=10000, help='objects in the account (default 10000)')
    parser.add_argument('--repeat', type=int, default=3, help='rounds, each running both (default 3)')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    emulator = cf_emulator.Background()
    runs: dict[str, list[dict]] = {'without backup': [], 'with backup': []}
    with tempfile.TemporaryDirectory() as workdir:
        env = playbook_env(emulator.base_url)
        playbook = os.path.join(workdir, 'play.yml')
        with open(playbook, 'w', encoding='utf-8') as handle:
            handle.write(PLAY % args.resource)
        seeded, desired = list_state(args.resource, args.count)
        with open(os.path.join(workdir, 'desired.json'), 'w', encoding='utf-8') as handle:
            json.dump(desired, handle)
        for number in range(args.repeat):
            order = ['without backup', 'with backup'] if number % 2 == 0 else ['with backup', 'without backup']
            for label in order:
                emulator.api.reset()
                emulator.api.seed(ACCOUNT, args.resource, seeded)
                folder = os.path.join(workdir, f"backups-{number}-{label.split()[0]}")
                run = play(emulator.api, [playbook, '-e', f'backup={label == "with backup"}', '-e',
                                          f'backup_dir={folder}'], env)
                runs[label].append(run)
                if label == 'with backup':
                    (name,) = os.listdir(folder)
                    with open(os.path.join(folder, name), encoding='utf-8') as handle:
                        held = len(json.load(handle)[args.resource])
                    check(held == len(seeded), f'the backup holds {held} objects, not {len(seeded)}')
                else:
                    check(not os.path.exists(folder), 'a backup was written without backup: true')
    emulator.stop()
    requests = {label: {(run['requests'], run['writes']) for run in values} for label, values in runs.items()}
    check(requests['with backup'] == requests['without backup'] and len(requests['with backup']) == 1,
          f'requests differ: {requests}')
    ratios = [with_run['seconds'] / without['seconds']
              for with_run, without in zip(runs['with backup'], runs['without backup'])]
    print(f'edgeops.cloudflare.email_security_{args.resource}: apply of {args.count} objects with 10 % drift, '
          f'{args.repeat} interleaved round(s)')
    print(f"  {'run':16} {'requests':>8} {'writes':>7}  wall, median (range)")
    for label, values in runs.items():
        print(f"  {label:16} {values[0]['requests']:8} {values[0]['writes']:7}  {median_range([run['seconds'] for run in values])}")
    print(f'  with/without backup: {statistics.median(ratios):.3f} (median of the rounds; '
          f'range {min(ratios):.3f}-{max(ratios):.3f})')
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'runs': runs, 'ratios': ratios}, handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
