# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run a module of the collection in-process, as Ansible would, against the emulator."""

from __future__ import annotations

import contextlib
import json
import sys
import threading

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as ansible_warnings

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19 reads the arguments from basic._ANSIBLE_ARGS
    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS  # pylint: disable=protected-access
        basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()  # pylint: disable=protected-access
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved  # pylint: disable=protected-access

OMIT = '__omit__'  # an option left out of the task, as Ansible's omit does


@pytest.fixture
def run_module(capsys, emulator):
    """``run_module(module, check_mode=False, diff=False, **args)`` -> the module's JSON result."""

    def run(module, check_mode=False, diff=False, **args):
        # Set here, left out when a test passes OMIT ('__omit__'): tests the module's own checks.
        args.setdefault('api_base_url', emulator.base_url)
        args.setdefault('api_token', emulator.token)
        args.setdefault('account_id', emulator.account)
        args['_ansible_check_mode'] = check_mode
        args['_ansible_diff'] = diff
        args = {name: value for name, value in args.items() if value != OMIT}
        # A module process starts with no warnings; in one test process they would pile up.
        ansible_warnings._global_warnings.clear()  # pylint: disable=protected-access
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        # A module that failed leaves its other reads to end by themselves (a module process does not wait for them);
        # in this process they must end before the next test, or their requests would land in its log.
        for thread in threading.enumerate():
            if thread.name.startswith('email-security-read-'):
                thread.join(timeout=30)
        return json.loads(capsys.readouterr().out)

    return run


def pytest_terminal_summary(terminalreporter):
    """How many bad-input cases reached the collection's own validation (see test_bad_input_fuzz)."""
    fuzz = sys.modules.get('test_bad_input_fuzz')  # absent when the fuzz tests were not collected
    lines = fuzz.summary() if fuzz else []
    if lines:
        terminalreporter.section('bad-input fuzzing')
        for line in lines:
            terminalreporter.write_line(line)
