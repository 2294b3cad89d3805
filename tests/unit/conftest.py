# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: the API emulator on 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import os
import sys
import threading

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'emulator'))

import cf_emulator  # noqa: E402  pylint: disable=wrong-import-position


class RunningEmulator:
    """A started emulator: its URLs, its state (``api``) and helpers to arm faults and read the log."""

    account = cf_emulator.DEFAULT_ACCOUNT
    token = cf_emulator.DEFAULT_TOKEN

    def __init__(self) -> None:
        self.server = cf_emulator.make_server(0)
        self.api = self.server.RequestHandlerClass.emulator
        port = self.server.server_address[1]
        self.url = 'http://127.0.0.1:%d' % port
        self.base_url = self.url + cf_emulator.API_PREFIX
        self.domains_path = '/accounts/%s/email-security/settings/domains' % self.account
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def fault(self, **fault) -> None:
        self.api.add_faults([fault])

    @property
    def requests(self) -> list:
        return list(self.api.log)

    @property
    def methods(self) -> list:
        return [entry['method'] for entry in self.api.log]

    def seed(self, **body) -> dict:
        settings = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'],
                    'ip_restrictions': ['192.0.2.0/24'], 'regions': ['GLOBAL']}
        settings.update(body)
        return self.api.create(self.account, settings)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope='session')
def _emulator_process():
    running = RunningEmulator()
    yield running
    running.stop()


@pytest.fixture
def emulator(_emulator_process):
    """The emulator, reset: no domains, no faults, an empty request log."""
    _emulator_process.api.reset()
    return _emulator_process
