# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Audit many accounts at once with examples/accounts (one inventory host per account), against the emulator.

Run it with benchmarks/run accounts [--accounts 50] [--entries 200] [--forks 1,10] [--repeat 3]. The emulator
serves --accounts accounts, each with its own API token that reaches no other account, and --entries objects
spread over the eight resources. examples/accounts/export.yml writes each account's settings file; then
examples/accounts/account.yml audits every account (--check --diff, fail_on_drift) once per --forks value,
interleaved, --repeat times; with --baseline REF, each of those audits also runs with examples/accounts and the role
as they were at the git commit REF, interleaved. It reports the wall time of each (median and range) and the requests
per account, and exits 1 when an account gets other requests than its eight reads, or any write. It ends with an
apply of one edit per account, which must keep one backup file per account.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import tempfile

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import ENTRIES, check, entry, from_history, play, playbook_env, with_role  # beside this script

ACCOUNTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'examples', 'accounts')


def host(number: int) -> str:
    return f'acct-{number:03}'


def account_id(number: int) -> str:
    return f'{number:032x}'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--accounts', type=int, default=50)
    parser.add_argument('--entries', type=int, default=200, help='objects per account, over the eight resources')
    parser.add_argument('--forks', default='1,10', help='comma-separated forks values to compare (default 1,10)')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--baseline', help='also audit with examples/accounts and the role of this git commit')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    forks = [int(value) for value in args.forks.split(',')]
    variants = ['today'] + (['baseline'] if args.baseline else [])
    emulator = cf_emulator.Background()
    tokens = {host(n): f'token-for-{host(n)}' for n in range(args.accounts)}
    emulator.api.configure({'scoped_tokens': {tokens[host(n)]: [account_id(n)] for n in range(args.accounts)}})
    per_resource = args.entries // len(ENTRIES)
    for n in range(args.accounts):
        for resource in ENTRIES:
            emulator.api.seed(account_id(n), resource, [entry(resource, i) for i in range(per_resource)])
    timings: dict[tuple[str, int], list[float]] = {(variant, value): [] for variant in variants for value in forks}
    with tempfile.TemporaryDirectory() as workdir:
        inventory = os.path.join(workdir, 'inventory.yml')
        with open(inventory, 'w', encoding='utf-8') as handle:
            hosts = {host(n): {'email_security_account_id': account_id(n)} for n in range(args.accounts)}
            json.dump({'email_security_accounts': {'hosts': hosts}}, handle)
        # Each account's own token (CF_TOKEN_<HOST>, as group_vars reads it), and no token that reaches them all.
        env = playbook_env(emulator.base_url, credentials=False,
                           **{f"CF_TOKEN_{name.upper().replace('-', '_')}": token for name, token in tokens.items()})

        folders = {'today': ACCOUNTS}
        if args.baseline:
            folders['baseline'] = from_history(args.baseline, 'examples/accounts', os.path.join(workdir, 'baseline'))
            with_role(os.path.join(folders['baseline'], 'account.yml'),
                      from_history(args.baseline, 'roles/email_security', os.path.join(workdir, 'baseline_role')))

        def example(playbook: str, *extra: str, variant: str = 'today') -> tuple[float, dict[str, list[str]]]:
            run = play(emulator.api, ['-i', inventory, os.path.join(folders[variant], playbook), '-e',
                                      f'email_security_settings_file={workdir}/{{{{ inventory_hostname }}}}.json',
                                      *extra], env)
            by_account: dict[str, list[str]] = collections.defaultdict(list)
            for item in emulator.api.log:
                by_account[item['path'].split('/')[4]].append(item['method'])
            return run['seconds'], by_account

        def each_account_read_eight_times(label: str, by_account: dict[str, list[str]]) -> None:
            wrong = {account: methods for account, methods in by_account.items() if methods != ['GET'] * 8}
            check(len(by_account) == args.accounts and not wrong,
                  f'{label}: {len(by_account)} accounts read; other requests than 8 reads: {wrong}')

        export_seconds, by_account = example('export.yml', '-f', str(max(forks)))
        each_account_read_eight_times('export', by_account)
        for number in range(args.repeat):
            for key in (list(timings) if number % 2 == 0 else list(reversed(timings))):
                variant, value = key
                seconds, by_account = example('account.yml', '--check', '--diff', '-e', 'fail_on_drift=true',
                                              '-f', str(value), variant=variant)
                each_account_read_eight_times(f'{variant} audit with forks {value}', by_account)
                timings[key].append(seconds)
        # Then an apply of one edit per account (a blocked sender less): one backup file per account, holding what
        # the run changed as it was.
        exported = {}
        for n in range(args.accounts):
            path = os.path.join(workdir, f'{host(n)}.json')
            with open(path, encoding='utf-8') as handle:
                exported[account_id(n)] = json.load(handle)
            with open(path, 'w', encoding='utf-8') as handle:
                json.dump(dict(exported[account_id(n)], block_senders=exported[account_id(n)]['block_senders'][1:]),
                          handle)
        backups = os.path.join(workdir, 'backups')
        apply_seconds, by_account = example('account.yml', '-e', f'backup_dir={backups}', '-f', str(max(forks)))
        wrong = {account: methods for account, methods in by_account.items() if sorted(methods) != ['GET'] * 8 + ['POST']}
        check(len(by_account) == args.accounts and not wrong, f'apply: other requests than 8 reads and a batch: {wrong}')
        files = sorted(os.listdir(backups))
        check(sorted(name.split('-')[0] for name in files) == sorted(exported) and len(files) == args.accounts,
              f'apply: backup files {files}, not one per account')
        for name in files:
            with open(os.path.join(backups, name), encoding='utf-8') as handle:
                held = json.load(handle)
            check(held == {'block_senders': exported[name.split('-')[0]]['block_senders']},
                  f'the backup {name} does not hold the blocked senders as they were')
    emulator.stop()
    print(f'{args.accounts} accounts x {per_resource * len(ENTRIES)} objects, one inventory host each '
          f'(against the emulator; {os.cpu_count()} CPUs)')
    print(f'  export (forks {max(forks)}): {export_seconds:.1f} s; 8 reads per account')
    print(f'  apply of one edit per account (forks {max(forks)}): {apply_seconds:.1f} s; 8 reads and 1 batch per '
          f'account; one backup file per account')
    print(f"  {'audit':22} {'median':>9} {'range':>17}  requests per account")
    for (variant, value), seconds in timings.items():
        label = f'{variant}, forks {value}'
        print(f'  {label:22} {statistics.median(seconds):7.1f} s  {min(seconds):6.1f}-{max(seconds):6.1f} s'
              f'   8 (GET), 0 writes')
    for variant in variants:
        base = statistics.median(timings[(variant, forks[0])])
        for value in forks[1:]:
            print(f'  {variant}: speed-up forks {value} / forks {forks[0]}: '
                  f'{base / statistics.median(timings[(variant, value)]):.2f}x')
    if args.baseline:
        for value in forks:
            ratio = statistics.median(timings[('today', value)]) / statistics.median(timings[('baseline', value)])
            print(f'  forks {value}: today / baseline {args.baseline[:10]}: {ratio:.2f}')
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'accounts': args.accounts, 'entries': per_resource * len(ENTRIES), 'export_seconds': export_seconds,
                       'audit_seconds': {f'{variant} {value}': seconds for (variant, value), seconds in timings.items()}},
                      handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
