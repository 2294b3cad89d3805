# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The role on one module run (email_security_settings) against the role of eight set-module tasks, side by side.

Run it with benchmarks/run role [--count 1000] [--repeat 3] [--latency 0.25] [--baseline REF]. The emulated account
holds --count objects in each of the eight resources; examples/export.yml writes it to a file. Then, interleaved,
--repeat rounds of the whole-account audit (examples/account.yml --check --diff -e fail_on_drift=true) through
today's role and through the baseline: the role as it was at the git commit --baseline (eight set-module tasks), taken
out of the repository's history into a temporary folder. Then the same audits with the emulator answering every
request --latency seconds late: the extra wall time, in round trips. Every audit must send exactly the page reads and
no write; the script exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import ENTRIES, check, entry, pages, play, playbook_env  # beside this script

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, 'examples')
ROLE = 'roles/email_security'
# The last commit whose role ran the eight set modules, one task each.
DEFAULT_BASELINE = '26d0a3a0185f1a70ee918e2e4e280dff2acaa7fa'


def baseline_role(ref: str, folder: str) -> str:
    """The role as it was at ``ref``, written under ``folder``; returns its path."""
    names = subprocess.run(['git', '-C', ROOT, 'ls-tree', '-r', '--name-only', ref, ROLE], check=True,
                           capture_output=True, text=True).stdout.split()
    check(bool(names), f'no role at {ref}')
    for name in names:
        path = os.path.join(folder, 'baseline_role', os.path.relpath(name, ROLE))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as handle:
            handle.write(subprocess.run(['git', '-C', ROOT, 'show', f'{ref}:{name}'], check=True,
                                        capture_output=True).stdout)
    return os.path.join(folder, 'baseline_role')


def playbook_with_role(folder: str, role: str, name: str) -> str:
    """examples/account.yml with its include_role naming ``role`` (a collection role or a folder)."""
    with open(os.path.join(EXAMPLES, 'account.yml'), encoding='utf-8') as handle:
        text = handle.read()
    text = text.replace('name: edgeops.cloudflare.email_security\n', f'name: {role}\n')
    path = os.path.join(folder, f'{name}.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path


def spread(values: list[float]) -> str:
    return f'{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=1000, help='objects in each resource (default 1000)')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--latency', type=float, default=0.25, help='seconds the emulator adds to every request')
    parser.add_argument('--baseline', default=DEFAULT_BASELINE, help='the git commit of the role to compare with')
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
        playbooks = {'one module run': playbook_with_role(workdir, 'edgeops.cloudflare.email_security', 'new'),
                     'eight tasks': playbook_with_role(workdir, baseline_role(args.baseline, workdir), 'baseline')}
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
        print(f"  {label:16} {spread(timings[''][label])}   with {args.latency * 1000:.0f} ms per request: "
              f"{spread(timings['latency'][label])}")
    ratio = statistics.median(new) / statistics.median(old)
    print(f'  one module run / eight tasks: {ratio:.2f} (target 0.4)')
    for label in playbooks:
        extra = statistics.median(timings['latency'][label]) - statistics.median(timings[''][label])
        print(f'  {label}: latency adds {extra:.2f} s = {extra / args.latency:.1f} round trips'
              + (' (target: at most 2)' if label == 'one module run' else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
