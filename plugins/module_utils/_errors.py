# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The two expected failures of a run; they depend on nothing.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t


class InvalidValue(ValueError):
    """A task value that cannot be sent; the message names the option and the value."""


class Failure(Exception):
    """A run that cannot go on, for a reason the user can act on (the message says which).

    ``result`` holds what the module returns besides ``msg`` (for example, what was applied before).
    """

    def __init__(self, message: str, result: t.Optional[dict[str, t.Any]] = None) -> None:
        super().__init__(message)
        self.result = result or {}
