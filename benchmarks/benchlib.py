# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the benchmarks share: running ansible-playbook against the emulator, valid entries of every resource, the
expected page reads, and a failed expectation as exit 1."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import typing as t

import cf_emulator  # the emulator package: benchmarks/run puts tests/emulator on PYTHONPATH

ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The last commit whose role ran the eight set modules, one task each: what the one-module role is measured against.
BASELINE = '26d0a3a0185f1a70ee918e2e4e280dff2acaa7fa'

# One valid entry per resource, and the setting the drift changes.
ENTRIES = {
    'domains': ({'domain': 'example.com', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'],
                 'ip_restrictions': ['192.0.2.0/24'], 'regions': ['GLOBAL'], 'lookback_hops': 2}, 'domain',
                'lookback_hops'),
    'allow_policies': ({'pattern_type': 'EMAIL', 'pattern': 'sender@example.com', 'is_regex': False,
                        'is_trusted_sender': False, 'is_acceptable_sender': True, 'is_exempt_recipient': False,
                        'verify_sender': True, 'comments': 'bench'}, 'pattern', 'comments'),
    'block_senders': ({'pattern_type': 'DOMAIN', 'pattern': 'spam.example', 'is_regex': False, 'comments': 'bench'},
                      'pattern', 'comments'),
    'trusted_domains': ({'pattern': 'partner.example', 'is_regex': False, 'is_recent': True, 'is_similarity': False,
                         'comments': 'bench'}, 'pattern', 'comments'),
    'content_policies': ({'name': 'policy', 'pattern': 'wire', 'targets': ['BODY'], 'enabled': True,
                          'notes': 'bench'}, 'name', 'notes'),
    'impersonation_registry': ({'email': 'person@example.com', 'is_email_regex': False, 'name': 'A person',
                                'comments': 'bench'}, 'email', 'comments'),
    'sending_domain_restrictions': ({'domain': 'bank.example', 'exclude': [], 'comments': 'bench'}, 'domain',
                                    'comments'),
    'url_ignore_patterns': ({'pattern': '^https://intranet\\.example\\.com/', 'comments': 'bench'}, 'pattern',
                            'comments'),
}


def entry(resource: str, number: int, prefix: str = 'e') -> dict:
    """The ``number``-th distinct valid entry of ``resource`` (its key made unique by ``prefix`` and number)."""
    example, ident, _setting = ENTRIES[resource]
    return dict(example, **{ident: f'{prefix}{number:05}.{example[ident]}'.replace('.^', '^')})


def drifted(resource: str, item: dict) -> dict:
    """``item`` with its drift setting changed to another valid value."""
    _example, _ident, setting = ENTRIES[resource]
    return dict(item, **{setting: 5 if setting == 'lookback_hops' else 'drifted'})


def pages(count: int) -> int:
    """The list reads for ``count`` objects: pages of 1000, and one (empty) page for none."""
    return max(1, -(-count // 1000))


def check(condition: bool, message: str) -> None:
    """Request counts and written state are deterministic: a miss is a bug, not noise."""
    if not condition:
        raise SystemExit(f'FAILED: {message}')


def playbook_env(base_url: str, credentials: bool = True, **variables: str) -> dict[str, str]:
    """ansible-playbook's environment against the emulator at ``base_url``: its default token and account (unless
    ``credentials`` is false: the playbook brings its own), no localhost warnings, modules run by this Python."""
    env = dict(os.environ, CLOUDFLARE_BASE_URL=base_url, ANSIBLE_LOCALHOST_WARNING='false',
               ANSIBLE_INVENTORY_UNPARSED_WARNING='false', ANSIBLE_PYTHON_INTERPRETER=sys.executable, **variables)
    if credentials:
        env.update(CLOUDFLARE_API_TOKEN=cf_emulator.DEFAULT_TOKEN, CLOUDFLARE_ACCOUNT_ID=cf_emulator.DEFAULT_ACCOUNT)
    else:
        env.pop('CLOUDFLARE_API_TOKEN', None)
    return env


def play(api: cf_emulator.Emulator, args: t.Sequence[str], env: t.Mapping[str, str], fails: bool = False) -> dict:
    """Run ``ansible-playbook args`` with the emulator's request log cleared first (it then holds this run's
    requests): its wall time, requests and writes. Exit 1 unless it succeeds (or, with ``fails``, fails)."""
    api.log.clear()
    started = time.perf_counter()
    done = subprocess.run([ANSIBLE_PLAYBOOK, *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    check((done.returncode != 0) == fails, f"ansible-playbook {' '.join(args)} {'passed' if fails else 'failed'}:\n"
                                           f'{done.stdout[-3000:]}\n{done.stderr[-3000:]}')
    methods = [entry['method'] for entry in api.log]
    return {'seconds': seconds, 'requests': len(methods), 'writes': sum(1 for method in methods if method != 'GET')}


def median_range(seconds: t.Sequence[float]) -> str:
    """Wall times as the figures report them: the median, and the range in brackets."""
    return f'{statistics.median(seconds):.2f} s ({min(seconds):.2f}-{max(seconds):.2f})'


def from_history(ref: str, path: str, folder: str) -> str:
    """The files under ``path`` (a folder of the repository) as they were at the git commit ``ref``, written to
    ``folder``; returns ``folder``."""
    names = subprocess.run(['git', '-C', ROOT, 'ls-tree', '-r', '--name-only', ref, path], check=True,
                           capture_output=True, text=True).stdout.split()
    check(bool(names), f'nothing under {path} at {ref}')
    for name in names:
        target = os.path.join(folder, os.path.relpath(name, path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'wb') as handle:
            handle.write(subprocess.run(['git', '-C', ROOT, 'show', f'{ref}:{name}'], check=True,
                                        capture_output=True).stdout)
    return folder


def with_role(playbook: str, role: str) -> None:
    """Make ``playbook`` include ``role`` (a folder) instead of the collection's email_security role."""
    with open(playbook, encoding='utf-8') as handle:
        text = handle.read()
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(text.replace('name: edgeops.cloudflare.email_security\n', f'name: {role}\n'))
