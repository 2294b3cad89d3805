# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

import cf_emulator


@pytest.fixture
def server():
    """A fresh emulator on a free port of 127.0.0.1; yields (base_url, Emulator)."""
    running = cf_emulator.Background()
    yield running.base_url, running.api
    running.stop()
