# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``python -m cf_emulator`` as a user starts it: a start that cannot go on is one line and an exit code, and the
banner says what the account holds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest

import cf_emulator

ACME = os.path.join(cf_emulator.SAMPLES, 'acme.json')


def emulator_command(*args):
    return [sys.executable, '-m', 'cf_emulator', *args]


def environment():
    return dict(os.environ, PYTHONPATH=os.path.dirname(cf_emulator.__path__[0]))


def failed_start(*args):
    """Run the emulator expecting it to stop at once: (exit code, stdout, stderr lines)."""
    done = subprocess.run(emulator_command(*args), env=environment(), capture_output=True, text=True, timeout=30,
                          check=False)
    return done.returncode, done.stdout, done.stderr.splitlines()


def banner(*args):
    """Start the emulator, read its two banner lines (30 s at most), stop it."""
    process = subprocess.Popen(emulator_command(*args), env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout.readline().rstrip('\n') for _line in range(2)),
                              daemon=True)
    try:
        reader.start()
        reader.join(30)
        return list(lines)
    finally:
        process.terminate()
        process.wait(10)


def test_a_port_in_use_is_one_line_and_exit_code_1():
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, stdout, stderr = failed_start('--port', str(port))
    assert status == 1
    assert stderr == [f'cf-emulator: cannot listen on 127.0.0.1:{port}: Address already in use']
    assert stdout == ''


@pytest.mark.parametrize('content, reason', [
    (None, 'No such file or directory'),
    ('{"objects": {', 'not JSON: Expecting property name enclosed in double quotes: line 1 column 14 (char 13)'),
    ('[]', 'not a sample: expected {"objects": {resource: [objects]}, "raw": {resource: [rows]}}'),
    ('{"objects": {"domains": {"domain": "example.com"}}}',
     'not a sample: expected {"objects": {resource: [objects]}, "raw": {resource: [rows]}}'),
    ('{"objects": {"block_sender": []}}', 'unknown resource block_sender (known: allow_policies, block_senders, '
     'content_policies, domains, impersonation_registry, sending_domain_restrictions, trusted_domains, '
     'url_ignore_patterns)'),
    (json.dumps({'objects': {'block_senders': [
        {'pattern_type': 'DOMAIN', 'pattern': 'spam.example', 'is_regex': False},
        {'pattern_type': 'EMAIL', 'pattern': 'not-an-address', 'is_regex': False}]}}),
     "objects.block_senders[1]: the API would refuse it: pattern: 'not-an-address' is not an e-mail address"),
    ('{"mailbox": {"subject": "not a list"}}', 'mailbox: the API would refuse it: messages must be a list'),
], ids=['missing', 'not-json', 'not-a-dict', 'not-a-list', 'unknown-resource', 'refused-object', 'refused-mailbox'])
def test_a_bad_seed_file_is_one_line_and_exit_code_2(tmp_path, content, reason):
    seed = tmp_path / 'seed.json'
    if content is not None:
        seed.write_text(content, encoding='utf-8')
    status, stdout, stderr = failed_start('--port', '0', '--seed', str(seed))
    assert status == 2
    assert stderr == [f'cf-emulator: --seed {seed}: {reason}']
    assert stdout == ''  # no banner: it never listened


def test_the_banner_says_what_was_seeded():
    listening, seeded = banner('--seed', ACME)
    assert listening.startswith('cf-emulator listening on http://127.0.0.1:')
    assert seeded == (f'cf-emulator: seeded from {ACME}: 45 objects (domains 3, allow_policies 9, block_senders 11, '
                      'trusted_domains 5, content_policies 4, impersonation_registry 6, sending_domain_restrictions 3, '
                      'url_ignore_patterns 4)')


def test_the_banner_says_what_a_mailbox_sample_seeded():
    mailbox = os.path.join(cf_emulator.SAMPLES, 'mailbox.json')
    _listening, seeded = banner('--seed', mailbox)
    assert seeded == f'cf-emulator: seeded from {mailbox}: 29 objects (mailbox 29)'


def test_the_banner_of_an_empty_account_points_at_seed():
    _listening, empty = banner()
    assert empty == ('cf-emulator: the account is empty (--seed FILE starts with a sample account, such as '
                     'tests/emulator/cf_emulator/samples/acme.json)')
