# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fault injector: faults armed through ``POST /__emulator/faults`` and how each one is acted out.

Fault kinds: "status" (a JSON error with "status", optional "retry_after" and "errors"), "html" (an HTML
page, status 502 by default), "drop" (close the connection without an answer), "slow" (answer after
"delay" seconds), "lost" (process the request, then close the connection without an answer),
"unsuccessful" (HTTP 200 with success false and "errors"), "partial" (a batch call that carries out its
first "after" operations, then fails the next one with "status" (400 by default) and "message"), "barrier"
(hold each matching request until "count" of them arrived, then answer them all: concurrent clients all read
before any writes; give "times" = "count"), "short" (a list page cut to its first "keep" objects, 0 by default,
whose result_info still echoes the asked per_page and the whole total_count, as a capping proxy may answer),
"recipient_failure" (the investigate request it matches (a move, a release, the poll of a bulk job) fails for
the mailboxes of "recipients", with "status" as the reason given: give a "path" such as "/move$"), "accepted"
(a slow search: 202 with a Location, polled until it answers 200 with the page; "pending_polls", "location"
and "retry_after" as ``investigate.accept`` says; give "method": "GET" and "path": "/investigate$"), "body"
(answer "body", any JSON value, as given, with "status" (200 by default), whatever the request asked: a proxy or a
broken edge, e.g. one that ignores ``page`` and drops ``total_count``, or whose ``errors`` is a string).
Every fault matches on "method" and "path" (a regular expression), fires "times" times (1 by default) and
lets "skip" matching requests through first.
"""

from __future__ import annotations

import re
import threading
import time
import typing as t

from . import investigate

if t.TYPE_CHECKING:
    from .core import Handler

RECIPIENT_FAILURE = "mailbox integration error: the recipient's mailbox did not answer"


class FaultInjector:
    """The armed faults; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.faults: list[dict[str, t.Any]] = []
        self.batch_failure: t.Optional[dict[str, t.Any]] = None  # set by a "partial" fault for the batch it hit

    def add(self, faults: t.Iterable[dict[str, t.Any]]) -> int:
        with self.lock:
            for fault in faults:
                fault = dict(fault)
                fault.setdefault('times', 1)
                self.faults.append(fault)
            return len(self.faults)

    def take(self, method: str, path: str) -> t.Optional[dict[str, t.Any]]:
        """The first armed fault that matches this request (and uses one of its ``times``), or None."""
        with self.lock:
            for fault in self.faults:
                if fault['times'] <= 0:
                    continue
                if fault.get('method') and fault['method'].upper() != method:
                    continue
                if fault.get('path') and not re.search(fault['path'], path):
                    continue
                if fault.get('skip', 0) > 0:  # let this many matching requests through first
                    fault['skip'] -= 1
                    continue
                fault['times'] -= 1
                return fault
        return None

    def take_batch_failure(self) -> t.Optional[dict[str, t.Any]]:
        with self.lock:
            failure, self.batch_failure = self.batch_failure, None
            return failure


def act(handler: Handler, fault: dict[str, t.Any], entry: dict[str, t.Any], answer: t.Callable[[], tuple]) -> bool:
    """Act out ``fault`` for the request ``handler`` serves; True when the fault answered (or dropped) it.

    ``answer()`` processes the request as the API would and returns (status, envelope).
    """
    kind = fault['kind']
    if kind == 'slow':
        time.sleep(float(fault.get('delay', 1)))
        return False
    if kind == 'barrier':  # hold each matching request until "count" of them wait, then answer them all
        injector = handler.emulator.faults
        with injector.lock:
            barrier = fault.setdefault('_barrier', threading.Barrier(int(fault.get('count', 2))))
        barrier.wait(timeout=float(fault.get('timeout', 10)))
        return False
    if kind == 'accepted':
        return investigate.accept(handler, fault, entry, answer)
    if kind == 'recipient_failure':  # read (and cleared) by investigate.Context for this request
        handler.failing_recipients = {str(address).lower(): fault.get('status', RECIPIENT_FAILURE)
                                      for address in fault.get('recipients', ())}
        return False
    if kind == 'partial':
        with handler.emulator.faults.lock:
            handler.emulator.faults.batch_failure = fault
        return False
    if kind == 'short':
        status, payload = answer()
        entry['status'] = status
        if isinstance(payload.get('result'), list):
            payload['result'] = payload['result'][:int(fault.get('keep', 0))]
            payload.setdefault('result_info', {})['count'] = len(payload['result'])
        handler.send(status, payload)
        return True
    if kind == 'body':
        entry['status'] = status = int(fault.get('status', 200))
        handler.send(status, fault.get('body'))
        return True
    if kind == 'drop':
        handler.drop()
        return True
    if kind == 'lost':
        entry['status'] = answer()[0]
        handler.drop()
        return True
    if kind == 'html':
        entry['status'] = status = int(fault.get('status', 502))
        page = (f'<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1>'
                '</center><hr><center>cloudflare</center></body></html>').encode()
        handler.send(status, page, content_type='text/html')
        return True
    errors = fault.get('errors') or [{'code': 10429 if fault.get('status') == 429 else 10500,
                                      'message': fault.get('message', 'emulated failure')}]
    if kind == 'unsuccessful':
        entry['status'] = 200
        handler.send(200, failure_envelope(errors))
        return True
    entry['status'] = status = int(fault.get('status', 500))
    headers = {'Retry-After': str(fault['retry_after'])} if 'retry_after' in fault else None
    handler.send(status, failure_envelope(errors), headers)
    return True


def failure_envelope(errors: list[dict[str, t.Any]]) -> dict[str, t.Any]:
    return {'success': False, 'errors': errors, 'messages': [], 'result': None}
