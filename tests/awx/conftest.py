# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the AWX-readiness tests: the emulator, and where the collection and its files are."""

from __future__ import annotations

import os

import pytest

import cf_emulator

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION_ROOT = os.path.dirname(os.path.dirname(HERE))


@pytest.fixture(scope='session')
def emulator():
    running = cf_emulator.Background()
    yield running
    running.stop()
