# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark the message modules on a large mailbox in the emulator: a search, and a move of many copies.

Run it with benchmarks/run messages (it prepares the venv and the collection). It seeds --count varied messages
(10,000 by default) and --copies copies of one phish (500), then runs, through ansible-playbook:
1. email_security_message_info over the whole mailbox: one request per page of 1000 (each page's cursor the one
   the page before gave, no page read twice), every message returned once;
   (the playbook asserts it got every message; the cursors sent are checked here);
2. email_security_message moving every copy (a search by Message-ID): the search's pages and ceil(copies/100)
   move requests, nothing else;
3. the same task again: the same reads, no write, changed false.
It exits 1 when a run sends other requests than these, and reports the wall times.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time

import requests

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH
from benchlib import check, median_range, play, playbook_env  # beside this script

PHISH = {'from': 'billing@invoice-portal.example', 'subject': 'Invoice 4411 overdue', 'final_disposition': 'MALICIOUS',
         'message_id': '<5f1c2e@invoice-portal.example>', 'scanned_at': '-1h'}
SEARCH = '''---
- name: Search the whole mailbox
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Every message of the last 8 days
      edgeops.cloudflare.email_security_message_info:
        start: -8d
        limit: %d
      register: found
    - name: Every message, once
      ansible.builtin.assert:
        that: found.messages | length == %d and not found.truncated
        quiet: true
'''
MOVE = '''---
- name: Pull every copy of the phish
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Every copy, by Message-ID
      edgeops.cloudflare.email_security_message:
        search:
          message_id: "%s"
          start: -1d
        state: moved
        destination: RecoverableItemsPurges
        max_messages: %d
'''


def search_in_process(emulator: cf_emulator.Background, total: int, repeat: int = 3) -> list:
    """The module's own share: the same search through the installed collection's client, in this process."""
    sys.path.insert(0, os.environ['ANSIBLE_COLLECTIONS_PATH'].split(':')[0])
    # pylint: disable=import-outside-toplevel  # the collection is importable only once its path is known
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import Investigate, build_search
    from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import utc_now
    seconds = []
    for _run in range(repeat):
        api = Investigate(Client(base_url=emulator.base_url, api_token=cf_emulator.DEFAULT_TOKEN),
                          cf_emulator.DEFAULT_ACCOUNT)
        started = time.perf_counter()
        found = api.search(build_search({'start': '-8d'}, utc_now()), total + 1)
        seconds.append(time.perf_counter() - started)
        check(len(found.messages) == total and len({m['id'] for m in found.messages}) == total,
              f'in-process search: {len(found.messages)} messages of {total}')
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=10000, help='messages in the mailbox besides the copies')
    parser.add_argument('--copies', type=int, default=500, help='copies of the phish to move')
    parser.add_argument('--repeat', type=int, default=3, help='timed runs of the search')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    emulator = cf_emulator.Background()
    api = emulator.api
    figures: dict = {'count': args.count, 'copies': args.copies}
    try:
        with tempfile.TemporaryDirectory() as work:
            os.chdir(work)
            env = playbook_env(emulator.base_url)
            with open('search.yml', 'w', encoding='utf-8') as handle:
                handle.write(SEARCH % (args.count + args.copies + 1, args.count + args.copies))
            with open('move.yml', 'w', encoding='utf-8') as handle:
                handle.write(MOVE % (PHISH['message_id'], args.copies))
            body = {'generate': {'count': args.count, 'seed': 7, 'days': 7},
                    'messages': [dict(PHISH, to=[f'user{n:04d}@example.com']) for n in range(args.copies)]}
            requests.post(f'{emulator.url}/__emulator/mailbox', json=body, timeout=120).raise_for_status()
            total = args.count + args.copies
            pages = math.ceil(total / 1000)
            seconds = []
            for _run in range(args.repeat):
                run = play(api, ['search.yml'], env)
                seconds.append(run['seconds'])
                log = list(api.log)
                cursors = [entry['query'].get('cursor', [None])[0] for entry in log]
                check(run['requests'] == pages and run['writes'] == 0,
                      f'search: {run["requests"]} requests where {pages} pages were expected')
                check(len(set(cursors)) == len(cursors) and cursors[0] is None and all(cursors[1:]),
                      'search: a page was read twice, or a later page without a cursor')
                check(all('page' not in entry['query'] for entry in log), 'search: the deprecated page was sent')
            in_process = search_in_process(emulator, total)
            figures['search'] = {'requests': pages, 'seconds': seconds, 'in_process_seconds': in_process}
            print(f'search of {total:,} messages: {pages} requests (one per page of 1000, each page once), '
                  f'{median_range(seconds)} through ansible-playbook (most of it ansible-core taking the module\'s '
                  f'{total:,} messages), {median_range(in_process)} for the same search in-process', flush=True)

            moved = play(api, ['move.yml'], env)
            reads = [entry for entry in api.log if entry['method'] == 'GET']
            moves = [entry for entry in api.log if entry['method'] == 'POST']
            writes_expected = math.ceil(args.copies / 100)
            check(len(moves) == writes_expected and moved['writes'] == writes_expected,
                  f'move: {moved["writes"]} writes where {writes_expected} were expected')
            check(all(entry['path'].endswith('/email-security/investigate') for entry in reads),
                  'move: reads other than the search pages')
            check(sum(len(entry['body']['ids']) for entry in moves) == args.copies, 'move: not every copy was sent')
            again = play(api, ['move.yml'], env)
            check(again['writes'] == 0 and again['requests'] == len(reads),
                  f'move again: {again["requests"]} requests ({again["writes"]} writes) where {len(reads)} reads '
                  'were expected')
            figures['move'] = {'reads': len(reads), 'writes': len(moves), 'seconds': moved['seconds'],
                               'rerun_requests': again['requests'], 'rerun_seconds': again['seconds']}
            print(f'move of {args.copies} copies among {total:,} messages: {len(reads)} reads + {len(moves)} moves '
                  f'(ceil({args.copies}/100)), {moved["seconds"]:.2f} s; re-run: {again["requests"]} reads, no write, '
                  f'{again["seconds"]:.2f} s', flush=True)
    finally:
        emulator.stop()
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump(figures, handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
