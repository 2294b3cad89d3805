# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stateful local emulator of Cloudflare's Email Security settings API (standard library only).

Run it:  PYTHONPATH=tests/emulator python3 -m cf_emulator [--port 0] [--port-file FILE] [--seed FILE]
It serves http://127.0.0.1:PORT/client/v4 (the API) and http://127.0.0.1:PORT/__emulator (control); its banner says
what ``--seed`` put in the account. A port in use (exit code 1) or a bad ``--seed`` file (exit code 2) stops it with
one line on stderr.

It is the oracle the collection's modules are tested against, so it never imports the collection: its
enums, required fields and value rules are written here again, from CONTRACT.md and the official SDK's
types, independently of the collection's field tables. A bug in a table then shows as the API error a
real server would answer, not as a test that agrees with itself.

Layout: ``core`` (HTTP, envelope, authentication, the generic resource endpoints, request log, control
endpoints), ``faults`` (the fault injector), ``resources/<name>.py`` (one file per resource: its rules,
found by ``resources.discover``; adding a resource edits nothing else).

Control endpoints (JSON; never logged, never authenticated):
  GET    /__emulator/requests          the request log (method, path, query, body, auth kind, status, fault,
                                        order: the place of the request among those processed)
  DELETE /__emulator/requests          clear the log
  POST   /__emulator/reset             forget every object, fault and log entry; body: optional config
  POST   /__emulator/config            {"status_case": "lower"|"upper", "tokens": [...], "keys": {email: key},
                                        "accounts": [...], "scoped_tokens": {token: [accounts it alone may use]}}
  POST   /__emulator/faults            append faults (see ``faults``)
  POST   /__emulator/<resource>        seed objects directly: {"account_id": ..., "objects": [create bodies]};
                                        with "raw": true they are stored as given (legacy rows, chosen ids)
  POST   /__emulator/config            also "reorder_sets" and "canonical_ips" (both true by default): whether
                                        sets come back in another order and IP patterns in canonical form
  POST   /__emulator/seed              seed a whole account: {"account_id": ..., "objects": {resource: [...]},
                                        "raw": {resource: [...]}} (samples/acme.json is a realistic one; also
                                        python -m cf_emulator --seed FILE)
  GET    /__emulator/<resource>        every stored object of <resource>, by account
"""

from __future__ import annotations

import json
import os

from .core import (
    API_PREFIX, DEFAULT_ACCOUNT, DEFAULT_EMAIL, DEFAULT_KEY, DEFAULT_TOKEN, Background, Emulator, main, make_server,
    serve_tls,
)
from .errors import ApiError
from .resources import RESOURCES

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'samples')


def sample(name: str) -> dict:
    """The sample account ``samples/<name>.json``, for ``Emulator.seed_sample``."""
    with open(os.path.join(SAMPLES, f'{name}.json'), encoding='utf-8') as handle:
        return json.load(handle)


__all__ = ['API_PREFIX', 'DEFAULT_ACCOUNT', 'DEFAULT_EMAIL', 'DEFAULT_KEY', 'DEFAULT_TOKEN', 'RESOURCES', 'SAMPLES',
           'ApiError', 'Background', 'Emulator', 'main', 'make_server', 'sample', 'serve_tls']
