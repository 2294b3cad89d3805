# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: the API emulator on 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import pytest
import requests

import cf_emulator


class RunningEmulator(cf_emulator.Background):
    """A started emulator: its URLs, its state (``api``) and helpers to arm faults and read the log."""

    account = cf_emulator.DEFAULT_ACCOUNT
    token = cf_emulator.DEFAULT_TOKEN
    domains_path = f'/accounts/{cf_emulator.DEFAULT_ACCOUNT}/email-security/settings/domains'

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
        return self.api.create(self.account, 'domains', settings)

    def stored(self, resource: str = 'domains') -> dict:
        """The objects of ``resource`` the emulator holds in the test account, by id."""
        return self.api.stored(self.account, resource)

    # the investigation mailbox, through the emulator's control endpoints ------------------------------------------
    def control(self, path: str, body=None):
        url = f'{self.url}/__emulator/{path}'
        answer = requests.get(url, timeout=30) if body is None else requests.post(url, json=body, timeout=30)
        answer.raise_for_status()
        return answer.json()

    def add_messages(self, *messages, generate=None) -> list:
        """Seed messages (``from``, ``to``, ``subject``, ``final_disposition``, ``scanned_at`` such as "-5m",
        ``is_quarantined``, ...) into the test account's mailbox; their investigation ids, in order."""
        body = {'messages': list(messages)}
        if generate:
            body['generate'] = generate
        return self.control('mailbox', body)['ids']

    def mailbox(self) -> dict:
        """The test account's messages by id, as the API shows them, with the emulator's ``location`` of each."""
        return {message['id']: message for message in self.control('mailbox').get(self.account, [])}

    def location(self, message_id: str):
        return self.mailbox()[message_id]['emulator']['location']


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
