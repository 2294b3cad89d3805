# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the benchmarks of set modules share: valid entries of every resource, the expected page reads, and a
failed expectation as exit 1."""

from __future__ import annotations

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
