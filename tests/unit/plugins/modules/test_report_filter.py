# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Markdown report, made from real module results (the set modules against the emulator)."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.edgeops.cloudflare.plugins.filter.email_security_report import email_security_report
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    email_security_block_senders, email_security_domains, email_security_url_ignore_patterns,
)

DOMAIN = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
          'regions': ['GLOBAL']}


def sender(number, **settings):
    return dict({'pattern_type': 'DOMAIN', 'pattern': f'n{number}.spam.example', 'is_regex': False}, **settings)


@pytest.fixture
def results(run_module, emulator):
    emulator.api.seed(emulator.account, 'domains', [dict(DOMAIN, domain='example.com')])
    emulator.api.seed(emulator.account, 'block_senders', [sender(0, comments='old'), sender(1)])
    emulator.api.seed(emulator.account, 'url_ignore_patterns', [{'pattern': '^https://a|b\\.example/'}])
    return {
        'domains': run_module(email_security_domains, check_mode=True,
                              domains=[dict(DOMAIN, domain='example.com', regions=['US', 'DE'])]),
        'block_senders': run_module(email_security_block_senders, check_mode=True, prune=True,
                                    entries=[sender(0, comments='campaign 42'), sender(2)]),
        'url_ignore_patterns': run_module(email_security_url_ignore_patterns, check_mode=True,
                                          entries=[{'pattern': '^https://a|b\\.example/'}]),
    }


def test_the_table_counts_each_resource_and_the_total(results):
    report = email_security_report(results, title='Audit of acme')
    lines = report.splitlines()
    assert lines[0] == '## Audit of acme'
    assert '| domains | 0 | 1 | 0 | 0 |' in lines
    assert '| block_senders | 1 | 1 | 1 | 0 |' in lines
    assert '| url_ignore_patterns | 0 | 0 | 0 | 0 |' in lines
    assert '| **total** | **1** | **2** | **1** | **0** |' in lines


def test_updates_show_before_and_after_by_key(results):
    report = email_security_report(results)
    assert '### domains\n\n- updated `example.com`\n  - `regions`: `["GLOBAL"]` → `["DE", "US"]`' in report
    assert '- created `pattern_type=DOMAIN pattern=n2.spam.example is_regex=False`' in report
    assert ('- updated `pattern_type=DOMAIN pattern=n0.spam.example is_regex=False`\n'
            '  - `comments`: `old` → `campaign 42`') in report
    assert '- deleted `pattern_type=DOMAIN pattern=n1.spam.example is_regex=False`' in report
    assert '### url_ignore_patterns' not in report  # nothing changed there


def test_a_refused_resource_is_marked_with_its_message(run_module, emulator):
    emulator.api.seed(emulator.account, 'block_senders', [sender(number) for number in range(10)])
    refused = run_module(email_security_block_senders, check_mode=True, prune=True, entries=[])
    report = email_security_report({'block_senders': refused})
    assert '| block_senders (failed) | 0 | 0 | 10 | 0 |' in report
    assert '> **Failed:** blocked senders: this run would delete 10 of 10 (100 %)' in report


def test_no_change_says_so_and_long_lists_are_cut(results):
    assert email_security_report({'url_ignore_patterns': results['url_ignore_patterns']}).endswith('No changes.\n')
    many = {'created': [f'd{number}.example' for number in range(60)], 'changed': True}
    report = email_security_report({'domains': many}, shown=50)
    assert report.count('- created `d') == 50 and '- … and 10 more created' in report


def test_a_regex_reads_in_the_report_as_the_module_applies_it(run_module):
    regex = sender(0, pattern_type='EMAIL', pattern='^(ceo|cfo)@x\\.example$', is_regex=True)
    result = run_module(email_security_block_senders, check_mode=True, entries=[regex])
    report = email_security_report({'block_senders': result})
    assert '- created `pattern_type=EMAIL pattern=^(ceo|cfo)@x\\.example$ is_regex=True`' in report.splitlines()


def test_backticks_get_a_longer_fence_and_pipes_are_escaped_in_table_cells_only():
    report = email_security_report({'url|patterns': {'created': ['^https://a|b`c``d/'], 'changed': True}})
    assert '- created ``` ^https://a|b`c``d/ ```' in report.splitlines()
    assert '| url\\|patterns | 1 | 0 | 0 | 0 |' in report.splitlines()


def test_objects_are_named_as_the_module_names_them_even_when_a_key_value_holds_spaces(run_module, emulator):
    spaced = sender(0, pattern_type='EMAIL', pattern='^a b=c@x\\.example$', is_regex=True)
    emulator.api.seed(emulator.account, 'block_senders', [dict(spaced, comments='old')])
    result = run_module(email_security_block_senders, check_mode=True, entries=[dict(spaced, comments='new')])
    (name,) = result['headers']['updated']
    assert name == 'pattern_type=EMAIL pattern="^a b=c@x\\.example$" is_regex=True'
    report = email_security_report({'block_senders': result})
    assert f'- updated `{name}`\n  - `comments`: `old` → `new`' in report


def test_anything_but_a_dict_is_refused():
    with pytest.raises(AnsibleFilterError, match='expects a dict of resource name to result, got list'):
        email_security_report([])
