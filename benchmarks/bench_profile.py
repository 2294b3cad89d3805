# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where a whole-account audit's time goes, task by task: today's role against the baseline's.

Run it with benchmarks/run profile [--count 1000] [--baseline REF]. The emulated account holds --count objects in
each of the eight resources; examples/export.yml writes it to a file; then examples/account.yml audits it
(--check) once through today's role and once through the role and example of the git commit --baseline, with the
callback benchmarks/callback_plugins/task_timer.py printing the wall time of every task.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from bench_role import EXAMPLES, baseline_playbook  # beside this script
from benchlib import ANSIBLE_PLAYBOOK, BASELINE, ENTRIES, entry, play, playbook_env

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=1000, help='objects in each resource (default 1000)')
    parser.add_argument('--baseline', default=BASELINE, help='the git commit of the role to compare with')
    args = parser.parse_args()
    emulator = cf_emulator.Background()
    for resource in ENTRIES:
        emulator.api.seed(cf_emulator.DEFAULT_ACCOUNT, resource, [entry(resource, n) for n in range(args.count)])
    env = playbook_env(emulator.base_url, ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, 'callback_plugins'),
                       ANSIBLE_CALLBACKS_ENABLED='task_timer')
    with tempfile.TemporaryDirectory() as workdir:
        settings_file = os.path.join(workdir, 'account.json')
        play(emulator.api, [os.path.join(EXAMPLES, 'export.yml'), '-e', f'settings_file={settings_file}'], env)
        for label, playbook in (('today', os.path.join(EXAMPLES, 'account.yml')),
                                (f'baseline {args.baseline[:10]}', baseline_playbook(args.baseline, workdir))):
            started = time.perf_counter()
            done = subprocess.run([ANSIBLE_PLAYBOOK, playbook, '--check', '-e', f'settings_file={settings_file}'],
                                  env=env, capture_output=True, text=True, check=False)
            print(f'{label}: {time.perf_counter() - started:.2f} s wall (exit {done.returncode})')
            print('\n'.join(line for line in done.stdout.splitlines() if line.startswith('TIMER')))
    emulator.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
