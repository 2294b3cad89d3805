# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What one emulated resource brings: its fields' rules, its required fields, its filters and capabilities.

A resource is a subclass of ``Resource`` in ``resources/<name>.py``, with a module-level ``RESOURCE`` instance;
the server finds it there (nothing else is edited to add one).
"""

from __future__ import annotations

import copy
import datetime
import typing as t

from .errors import ApiError

Stored = t.Dict[str, t.Any]


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


class Resource:
    """The API's rules for one settings resource (``/accounts/{account}/email-security/settings/<name>``)."""

    name = ''  # the path segment
    sdk_name = ''  # the attribute of the official SDK's ``client.email_security.settings``
    editable: tuple[str, ...] = ()  # the fields a PATCH may carry
    required: tuple[str, ...] = ()  # the fields a create must carry
    batch = False  # has POST .../batch
    bulk_delete = False  # has the deprecated DELETE on the collection
    orders: tuple[str, ...] = ('created_at',)  # what ``order`` may name
    example: dict[str, t.Any] = {}  # a valid create body (for tests driven over every resource)
    example_edit: dict[str, t.Any] = {}  # a valid PATCH body that changes ``example``

    # -- rules a resource overrides ---------------------------------------------------------------------
    def field(self, name: str, value: t.Any) -> t.Any:
        """The stored form of one field's value; raises ``ApiError`` for a value the API refuses."""
        raise ApiError(400, 1005, f'unknown field {name!r}', f'/{name}')

    def new(self, values: Stored, created: str) -> Stored:
        """A new object: the server's defaults and read-only fields, then ``values``."""
        return dict(values, created_at=created, modified_at=created, last_modified=created)

    def replace(self, stored: Stored, body: t.Any) -> None:
        """PUT (a full replacement) on ``stored``; most resources have no PUT."""
        raise ApiError(405, 10405, f'PUT is not allowed on {self.name}')

    def check_body(self, values: Stored, config: t.Mapping[str, t.Any]) -> None:
        """Rules over several fields of a create or patch body (``values`` may be changed in place)."""

    def check_patch(self, stored: Stored, values: Stored) -> None:
        """Raise ``ApiError`` when ``values`` may not be applied to ``stored``."""

    def check_conflict(self, objects: t.Iterable[Stored], values: Stored, except_id: t.Optional[str] = None) -> None:
        """Raise ``ApiError`` (409) when ``values`` would clash with a stored object; by default nothing clashes."""

    def select(self, objects: list[Stored], query: t.Mapping[str, list[str]]) -> list[Stored]:
        """The objects the list filters of ``query`` keep."""
        return objects

    def public(self, stored: Stored, config: t.Mapping[str, t.Any]) -> Stored:
        """The object as the API shows it (a copy: callers may change it)."""
        return copy.deepcopy(stored)

    # -- shared checks ----------------------------------------------------------------------------------
    def body(self, body: t.Any, allowed: t.Iterable[str], required: t.Iterable[str] = (),
             config: t.Optional[t.Mapping[str, t.Any]] = None) -> Stored:
        """The validated, server-normalised fields of ``body`` (an ``id`` member is left out)."""
        if not isinstance(body, dict):
            raise ApiError(400, 1000, 'the request body must be a JSON object')
        unknown = sorted(set(body) - set(allowed) - {'id'})
        if unknown:
            raise ApiError(400, 1005, f"unknown field(s): {', '.join(unknown)}", f'/{unknown[0]}')
        missing = [name for name in required if name not in body]
        if missing:
            raise ApiError(400, 1006, f"missing required field(s): {', '.join(missing)}")
        values = {name: self.field(name, value) for name, value in body.items() if name != 'id'}
        self.check_body(values, config or {})
        return values
