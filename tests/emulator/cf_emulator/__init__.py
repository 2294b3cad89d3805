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

The investigate API (investigate.md; ``investigate`` routes, ``mailbox`` keeps the messages):
  GET    .../investigate                the search: newest first by scanned_at, cursor paging
  GET    .../investigate/{id}           one message (query "submission")
  POST   .../investigate/{id}/move      {"destination"} -> one result per recipient
  POST   .../investigate/move           {"destination", "ids"} -> one result per recipient of each message
  POST   .../investigate/release        [ids] or {"ids": [...]} -> one result per message: delivered, failed,
                                        undelivered (lists of recipients)
  GET    .../investigate/{id}/detections | trace | raw | action_log (page, per_page: a v4 list)
  GET    .../investigate/{id}/preview   {screenshot} (a PNG), logged as a PREVIEW; also POST .../preview {"id"}
                                        or {"postfix_id"}
  POST   .../investigate/{id}/reclassify  (deprecated) 202, logged as a SUBMISSION; the disposition stays
  GET    .../investigate/bulk           jobs, newest first (page, per_page, action_type, status; total_count 0)
  POST   .../investigate/bulk           {"action", "search_params", "destination" (MOVE only), "comment"?} -> 201
  GET    .../investigate/bulk/{job}     the job, advanced one step by each poll (see ``bulk``)
  DELETE .../investigate/bulk/{job}     a terminal job -> {"id"}; POST .../bulk/{job}/cancel: a running one
  GET    .../investigate/bulk/{job}/messages  one row per message and recipient (page, per_page, status)
  GET    .../investigate/pending/{token}  a slow search's Location (the "accepted" fault): 202 until it is done,
                                        then 200 with the search page
Its control endpoints:
  POST   /__emulator/mailbox            seed: {"account_id"?, "messages"?: [seed messages], "sample"?: NAME,
                                        "generate"?: {"count", "seed"?, "days"?, "recipients"?, "domain"?}}
                                        -> {"added", "ids"}; samples/mailbox.json is the sample mailbox (also
                                        through /__emulator/seed and --seed: its "mailbox" part)
  POST   /__emulator/mailbox/message    add one message (an arrival): {"account_id"?, "message": {...}} -> it
  GET    /__emulator/mailbox            every message by account, with "emulator": {"recipients": {address:
                                        {"delivery", "folder"}}, "location": the contract's rule's folder}
A seed message is the API's message object (only "from" and "to" or "client_recipients" required; ids, times,
alert ids, validation... are generated), with "scanned_at" also relative ("-2h", "-3d"), plus "body", "links",
"attachments", "detections" and "raw"; unknown members are refused. Config: "search_scan_limit" (messages a
search page looks at before it answers short with a next cursor; 5000), "cursor_last" ("null", "absent" or
"empty": how the last page's result_info.next says so; "null"), "bulk_per_poll" (messages a poll of a bulk job
processes; 100).

The contract's "Assumed by this collection" rules the emulator implements:
- results newest first by scanned_at; a page may be shorter than per_page and still have a next; a cursor is
  valid only with the search it came from (other filters or per_page: 400 /cursor); arrivals do not shift later
  pages (a cursor holds a position, not an offset);
- detections_only defaults to true; a detection is MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM or BULK;
- start/end apply to scanned_at, inclusive; start defaults to end - 30 days, end to now;
- sender matches from or envelope_from, recipient any of to, envelope_to, client_recipients; a bare domain
  matches addresses at that domain; message_id with or without angle brackets;
- unknown query parameters are refused (400, pointer "/<name>"), and so is a parameter given twice;
- a move result's message_id is the investigate id sent; at most 100 ids per move or release (more: 400 /ids);
- where a message is: quarantined means in no folder; else the latest MOVE or QUARANTINE_RELEASE entry of its
  action log (a successful MOVE: its folder; a successful release: Inbox; one that failed: unknown); else Inbox;
- a move failing for any recipient logs a MOVE that did not succeed and adds move_failed to delivery_status;
  moving a message where it is succeeds for every recipient and changes nothing; a quarantined message cannot
  be moved (every recipient success false, the status names the quarantine, nothing changes);
- release takes both body forms; an unknown id fails the whole request (404, nothing done: moves alike); a
  message that is not quarantined lists every recipient in undelivered and nothing changes; a released message
  is no longer quarantined, is in Inbox and gains QUARANTINE_RELEASE (operations and action log); if a
  recipient failed it stays quarantined until a release delivers the rest;
- bulk jobs: search_params takes the search's filters (no cursor, per_page or page) plus exact_subject and
  submissions, final_disposition all ten values, detections_only true by default; one job-message row per
  message and recipient, whose message_id is the row's own id (message.id is the investigate id); a RELEASE
  job skips messages that are not quarantined; DELETE or cancel in the wrong state is a 409; jobs advance
  while polled (GET /bulk/{job}); discovered = pending + successful + failed + skipped + cancelled;
- a slow search (fault "accepted") answers 202 with a Location (relative by default: resolve it against the
  request URL) and, if asked, Retry-After; GET the Location with the same credentials until it answers 200 with
  an ordinary search page. The 202 body is never the result (it looks like an empty last page, to catch
  clients that read it).
Where the contract is silent, the emulator chooses (and clients must not rely on more): values are compared
case-insensitively except message_id and alert_id; subject keywords and query terms match as substrings, every
one of them; domain matches exactly a sender's, recipient's or link's domain; date-times must carry an offset;
booleans are exactly true/false; per_page defaults to 20; metric is checked and ignored; deprecated names past
their end of life on 2026-12-03 (page, postfix_ids, expected_disposition, search_params.action_log) are refused
with what to send instead; submission=true finds nothing (no submissions are kept). A message's state is kept
per recipient: a move of a recipient never delivered to a mailbox (rejected, deferred, bounced, queued) fails;
a recipient already in the destination succeeds unchanged while the others move; ids may not repeat in a
request; the action log endpoint lists entries newest first, with success and the status in lower case
(completed, failed) and properties {requested_by, folder (MOVE)}; the embedded (deprecated) action log lists them
oldest first, without success, with the status in capitals (COMPLETED, FAILED). The trace shows the delivery
per recipient, then one line per recipient of each move and release. Bulk jobs: PENDING -> DISCOVERING (the
search runs) -> PROCESSING (bulk_per_poll messages a poll) -> COMPLETED; phish submissions are SKIPPED; a MOVE
of a quarantined message FAILS its rows, as a direct move fails; submissions=true discovers nothing; a job's
search window is fixed when it is created; listing jobs does not advance them.
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
