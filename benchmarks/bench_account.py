# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Take a whole account under management with the shipped playbooks, against the local emulator.

Run it with benchmarks/run account [--count 1000] (it prepares the venv and the collection). The emulated account
holds --count objects in each of the eight resources. In order: examples/export.yml writes it to a JSON file;
examples/account.yml audits it (--check --diff, fail_on_drift); 1 % of every resource's entries are edited in the
file; the audit shows that drift; the apply writes it; the audit finds nothing. It reports requests, writes and
wall time of each run, and exits 1 when a run sends other requests than the fewest that can do the job:
ceil(N/1000) reads per resource, and for the apply one batch per batch resource plus one request per edited
entry of the others.
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
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'examples')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=1000, help='objects in each resource (default 1000)')
    parser.add_argument('--yaml', action='store_true',
                        help='also export to YAML and audit from it (Ansible loads YAML much slower than JSON)')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    emulator = cf_emulator.Background()
    env = playbook_env(emulator.base_url)
    reads = len(ENTRIES) * pages(args.count)
    runs = {}
    with tempfile.TemporaryDirectory() as workdir:
        settings_file = os.path.join(workdir, 'account.json')
        for resource in ENTRIES:
            emulator.api.seed(ACCOUNT, resource, [entry(resource, n) for n in range(args.count)])

        def example(playbook: str, *extra: str, settings: str = settings_file, fails: bool = False) -> dict:
            return play(emulator.api, [os.path.join(EXAMPLES, playbook), '-e', f'settings_file={settings}', *extra],
                        env, fails)

        def reads_only(label: str, run: dict) -> None:
            check(run['requests'] == reads and run['writes'] == 0,
                  f"{label}: {run['requests']} requests ({run['writes']} writes), not {reads} reads")

        def audit(label: str, drift: bool, settings: str = settings_file) -> None:
            runs[label] = run = example('account.yml', '--check', '--diff', '-e', 'fail_on_drift=true',
                                        settings=settings, fails=drift)
            reads_only(label, run)

        runs['export'] = run = example('export.yml')
        reads_only('export', run)
        with open(settings_file, encoding='utf-8') as handle:
            settings = json.load(handle)
        check({name: len(entries) for name, entries in settings.items()} == dict.fromkeys(ENTRIES, args.count),
              'the export does not hold every object')
        audit('audit of the export', drift=False)
        if args.yaml:
            yaml_file = os.path.join(workdir, 'account.yml')
            runs['export to YAML'] = run = example('export.yml', settings=yaml_file)
            reads_only('export to YAML', run)
            audit('audit of the YAML export', drift=False, settings=yaml_file)

        edited = max(args.count // 100, 1)
        for resource, entries in settings.items():
            settings[resource] = [drifted(resource, item) if index < edited else item
                                  for index, item in enumerate(entries)]
        with open(settings_file, 'w', encoding='utf-8') as handle:
            json.dump(settings, handle)
        audit(f'audit after editing {edited} per resource', drift=True)

        runs['apply'] = run = example('account.yml')
        writes = sum(-(-edited // 1000) if cf_emulator.RESOURCES[name].batch else edited for name in ENTRIES)
        check(run['requests'] - run['writes'] == reads and run['writes'] == writes,
              f"apply: {run['requests'] - run['writes']} reads and {run['writes']} writes, not {reads} and {writes}")
        audit('audit after the apply', drift=False)
    emulator.stop()
    print(f'A whole account: {args.count} objects in each of the {len(ENTRIES)} resources (against the emulator)')
    print(f"  {'run':40} {'requests':>8} {'writes':>7} {'wall':>9}")
    for label, run in runs.items():
        print(f"  {label:40} {run['requests']:8} {run['writes']:7} {run['seconds']:7.2f} s")
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'count': args.count, 'runs': runs}, handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
