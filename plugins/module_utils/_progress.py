# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Progress events of a module run (retries, waits for the request budget or a rate-limit block), as they happen.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

A module process cannot print to the controller while it runs. When the environment names a file in
``EDGEOPS_CLOUDFLARE_PROGRESS`` (the collection's action plugins set it for a task on a local connection), each
event is appended to it as one JSON line, ``{"time": <epoch s>, "kind": <str>, "seconds": <float or null>,
"msg": <one line for a person>}``, for the controller to show while the module still runs. Without the variable,
or when the file cannot be written, an event is dropped: progress is never a reason to fail.
"""

from __future__ import annotations

import json
import os
import time
import typing as t

ENVIRONMENT_VARIABLE = 'EDGEOPS_CLOUDFLARE_PROGRESS'


def emit(kind: str, msg: str, seconds: t.Optional[float] = None) -> None:
    """Append one event; ``kind`` is e.g. 'retry', 'budget' (a wait for the request budget) or 'block' (a wait for a
    rate-limit block to end). ``msg`` must never hold a secret."""
    path = os.environ.get(ENVIRONMENT_VARIABLE)
    if not path:
        return
    line = json.dumps({'time': time.time(), 'kind': kind, 'seconds': seconds, 'msg': msg}) + '\n'
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, line.encode('utf-8'))
        finally:
            os.close(descriptor)
    except OSError:
        pass
