# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The API error the emulator answers with."""

from __future__ import annotations

import typing as t


class ApiError(Exception):
    """An HTTP status and one Cloudflare error (code >= 1000, message, optional source pointer)."""

    def __init__(self, status: int, code: int, message: str, pointer: t.Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.error: dict[str, t.Any] = {'code': code, 'message': message}
        if pointer:
            self.error['source'] = {'pointer': pointer}
