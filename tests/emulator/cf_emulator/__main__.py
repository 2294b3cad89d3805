# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``python -m cf_emulator`` (with ``tests/emulator`` on the path) starts the emulator."""

from __future__ import annotations

import sys

from .core import main

sys.exit(main())
