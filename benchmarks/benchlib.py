# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the benchmarks of set modules share: the expected page reads, and a failed expectation as exit 1."""

from __future__ import annotations


def pages(count: int) -> int:
    """The list reads for ``count`` objects: pages of 1000, and one (empty) page for none."""
    return max(1, -(-count // 1000))


def check(condition: bool, message: str) -> None:
    """Request counts and written state are deterministic: a miss is a bug, not noise."""
    if not condition:
        raise SystemExit(f'FAILED: {message}')
