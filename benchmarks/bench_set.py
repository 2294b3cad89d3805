# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark a list module (email_security_<resource>) on a large list against the local emulator.

Run it with benchmarks/run set --resource block_senders (it prepares the venv and the collection). For a list
of --count entries (10,000 by default) with 10 %% drift (8 %% with the comment changed, 1 %% missing, 1 %%
present but unlisted, reconciled with prune), it reports the requests and the wall time of ansible-playbook for
the check-mode run (with --diff), the apply run and the no-op re-run. Targets for a batch resource: each run at
most ceil(N/1000) + 1 requests and 10 s, and the re-run writes nothing; for any resource, check mode and the
re-run send exactly the page reads.
It exits 1 when a run sends other requests than that, and (unless --timing-targets report) when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import ENTRIES, check, drifted, entry, pages, play, playbook_env  # beside this script

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
PLAY = '''---
- name: Reconcile the list
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Every entry, in one task
      edgeops.cloudflare.email_security_%s:
        entries: "{{ lookup('ansible.builtin.file', 'desired.json') | from_json }}"
        prune: true
'''


def list_state(resource: str, size: int) -> tuple:
    """(seeded, desired): 1 % of the desired are missing, 1 % of the seeded unlisted, 8 % differ."""
    one_percent = max(size // 100, 1)
    shared = range(size - one_percent)
    seeded = [entry(resource, n) for n in shared] + [entry(resource, n, 'unlisted') for n in range(one_percent)]
    desired = [entry(resource, n) for n in shared]
    for index in range(0, len(desired), 12)[:8 * one_percent]:
        desired[index] = drifted(resource, desired[index])
    desired += [entry(resource, n) for n in range(size - one_percent, size)]
    return seeded, desired


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--resource', choices=sorted(ENTRIES), default='block_senders')
    parser.add_argument('--count', type=int, default=10000, help='entries in the list (default 10000)')
    parser.add_argument('--timing-targets', choices=('enforce', 'report'), default='enforce')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    batch = cf_emulator.RESOURCES[args.resource].batch
    emulator = cf_emulator.Background()
    runs = {}
    with tempfile.TemporaryDirectory() as workdir:
        env = playbook_env(emulator.base_url)
        with open(os.path.join(workdir, 'play.yml'), 'w', encoding='utf-8') as handle:
            handle.write(PLAY % args.resource)
        seeded, desired = list_state(args.resource, args.count)
        with open(os.path.join(workdir, 'desired.json'), 'w', encoding='utf-8') as handle:
            json.dump(desired, handle)
        emulator.api.seed(ACCOUNT, args.resource, seeded)

        playbook = os.path.join(workdir, 'play.yml')
        before = len(emulator.api.stored(ACCOUNT, args.resource))
        runs['check mode (--check --diff)'] = run = play(emulator.api, [playbook, '--check', '--diff'], env)
        check(run['requests'] == pages(before) and run['writes'] == 0,
              f"check mode sent {run['requests']} requests ({run['writes']} writes), not {pages(before)} page reads")
        runs['apply'] = run = play(emulator.api, [playbook], env)
        operations = 10 * max(args.count // 100, 1)  # 8 % patches, 1 % creates, 1 % deletes
        writes = -(-operations // 1000) if batch else operations
        check(run['requests'] - run['writes'] == pages(before) and run['writes'] == writes,
              f"apply sent {run['requests'] - run['writes']} reads and {run['writes']} writes, not {pages(before)} "
              f'and {writes}')
        after = len(emulator.api.stored(ACCOUNT, args.resource))
        check(after == args.count, f'apply left {after} objects, not {args.count}')
        runs['no-op re-run'] = run = play(emulator.api, [playbook], env)
        check(run['requests'] == pages(after) and run['writes'] == 0,
              f"the re-run sent {run['requests']} requests ({run['writes']} writes), not {pages(after)} page reads")
    emulator.stop()
    print(f'edgeops.cloudflare.email_security_{args.resource}, {args.count} entries, 10 % drift (against the emulator)')
    print(f"  {'run':28} {'requests':>8} {'writes':>7} {'wall':>9}")
    for label, run in runs.items():
        print(f"  {label:28} {run['requests']:8} {run['writes']:7} {run['seconds']:7.2f} s")
    met = not batch or all(run['requests'] <= pages(args.count) + 1 and run['seconds'] <= 10 for run in runs.values())
    print(f"\n  targets{' (batch resource)' if batch else ''}: requests and time: {'met' if met else 'NOT met'}")
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'resource': args.resource, 'count': args.count, 'runs': runs}, handle, indent=2)
    if not met and args.timing_targets == 'enforce':
        print('FAILED: a target was missed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
