# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The role on one module run (email_security_settings) against the role of eight set-module tasks, side by side.

Run it with benchmarks/run role [--count 1000] [--repeat 3] [--latency 0.25] [--baseline REF]. The emulated account
holds --count objects in each of the eight resources; examples/export.yml writes it to a file. Then, interleaved,
--repeat rounds of the whole-account audit (examples/account.yml --check --diff -e fail_on_drift=true) through
today's role and through the baseline: the role and examples/account.yml as they were at the git commit --baseline
(eight set-module tasks, the file loaded by the playbook), taken out of the repository's history into a temporary
folder. Then the same audits with the emulator answering every
request --latency seconds late: the extra wall time, in round trips. Every audit must send exactly the page reads and
no write; the script exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import (
    BASELINE, ENTRIES, check, entry, from_history, median_range, pages, play, playbook_env, with_role,
)

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'examples')


def baseline_playbook(ref: str, folder: str) -> str:
    """examples/account.yml and the role as they were at ``ref``, the playbook including that role."""
    role = from_history(ref, 'roles/email_security', os.path.join(folder, 'baseline_role'))
    examples = from_history(ref, 'examples', os.path.join(folder, 'baseline_examples'))
    with_role(os.path.join(examples, 'account.yml'), role)
    return os.path.join(examples, 'account.yml')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=1000, help='objects in each resource (default 1000)')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--latency', type=float, default=0.25, help='seconds the emulator adds to every request')
    parser.add_argument('--baseline', default=BASELINE, help='the git commit of the role to compare with')
    args = parser.parse_args()
    emulator = cf_emulator.Background()
    env = playbook_env(emulator.base_url)
    reads = len(ENTRIES) * pages(args.count)
    with tempfile.TemporaryDirectory() as workdir:
        settings_file = os.path.join(workdir, 'account.json')
        for resource in ENTRIES:
            emulator.api.seed(ACCOUNT, resource, [entry(resource, n) for n in range(args.count)])
        run = play(emulator.api, [os.path.join(EXAMPLES, 'export.yml'), '-e', f'settings_file={settings_file}'], env)
        check(run['requests'] == reads, f"the export sent {run['requests']} requests, not {reads}")
        playbooks = {'one module run': os.path.join(EXAMPLES, 'account.yml'),
                     'eight tasks': baseline_playbook(args.baseline, workdir)}
        timings: dict[str, dict[str, list[float]]] = {'': {label: [] for label in playbooks},
                                                      'latency': {label: [] for label in playbooks}}
        for latency_label, latency in (('', 0.0), ('latency', args.latency)):
            emulator.api.configure({'latency': latency})
            for number in range(args.repeat):
                for label in (list(playbooks) if number % 2 == 0 else list(reversed(playbooks))):
                    run = play(emulator.api, [playbooks[label], '--check', '--diff', '-e', 'fail_on_drift=true',
                                              '-e', f'settings_file={settings_file}'], env)
                    check(run['requests'] == reads and run['writes'] == 0,
                          f"{label}: {run['requests']} requests ({run['writes']} writes), not {reads} reads")
                    timings[latency_label][label].append(run['seconds'])
        emulator.api.configure({'latency': 0})
    emulator.stop()
    new, old = timings['']['one module run'], timings['']['eight tasks']
    print(f'Whole-account audit, {args.count} objects in each of the 8 resources, {args.repeat} interleaved rounds '
          f'(against the emulator; {os.cpu_count()} CPUs); {reads} reads and no write each')
    for label in playbooks:
        print(f"  {label:16} {median_range(timings[''][label])}   with {args.latency * 1000:.0f} ms per request: "
              f"{median_range(timings['latency'][label])}")
    ratio = statistics.median(new) / statistics.median(old)
    print(f'  one module run / eight tasks: {ratio:.2f} (target 0.4)')
    for label in playbooks:
        extra = statistics.median(timings['latency'][label]) - statistics.median(timings[''][label])
        print(f'  {label}: latency adds {extra:.2f} s = {extra / args.latency:.1f} round trips'
              + (' (target: at most 2)' if label == 'one module run' else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
