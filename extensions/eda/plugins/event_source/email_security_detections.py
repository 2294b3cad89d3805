# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Event source edgeops.cloudflare.email_security_detections: new Cloudflare Email Security detections as events.

A loop around the investigation search of the collection's modules (the same client, errors and request budget):
no HTTP code of its own. Each poll runs the synchronous client in a thread (``asyncio.to_thread``), so that a slow
answer or a wait for the request budget never blocks ansible-rulebook's other sources.
"""

from __future__ import annotations

DOCUMENTATION = r'''
name: email_security_detections
short_description: New Cloudflare Email Security detections, as events
version_added: 1.1.0
description:
  - 'Polls the Cloudflare Email Security investigation search every O(interval) seconds and puts one event on the
    queue per new message it finds, C({"account_id": <account>, "message": <the message as the search gives it>}),
    oldest first.'
  - 'Each message is emitted once: overlapping polls (each looks back O(lookback) seconds, for messages the search
    shows late) do not repeat it. It starts from now, or from O(since); with O(state_file) a restart goes on where
    the last poll stopped, with no repeat and no gap.'
  - An idle poll costs one request (one page of the search). Requests go through the collection's client, with its
    retries and request budget, as the modules do.
  - When a poll fails (the API answers an error, or cannot be reached), the source logs one line (never a secret),
    waits (twice O(interval), doubling up to 5 minutes) and goes on.
  - Takes the connection options of the collection's modules, under the same names and with the same environment
    variables, and the search options of M(edgeops.cloudflare.email_security_message_info) (without C(start) and
    C(end), as the source keeps its own window). What the search cannot filter (O(final_disposition=MALICIOUS-BEC), or
    several dispositions) the source filters itself.
author:
  - edgeops maintainers (@edgeops)
options:
  api_token:
    description:
      - A Cloudflare API token (with the Email Security read permission). E(CLOUDFLARE_API_TOKEN) when not set.
      - Never logged, never put in an event or in O(state_file).
    type: str
  api_key:
    description: The legacy global API key, with O(api_email). E(CLOUDFLARE_API_KEY) when not set.
    type: str
  api_email:
    description: The e-mail address of the user whose O(api_key) is given. E(CLOUDFLARE_EMAIL) when not set.
    type: str
  account_id:
    description: The Cloudflare account. Required. E(CLOUDFLARE_ACCOUNT_ID) when not set.
    type: str
  api_base_url:
    description: The base URL of the Cloudflare API v4. E(CLOUDFLARE_BASE_URL) when not set, then the default.
    type: str
    default: https://api.cloudflare.com/client/v4
  validate_certs:
    description: Whether to verify the API's TLS certificate.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for a connection or an answer, per attempt.
    type: int
    default: 30
  max_retries:
    description: How many times a request is retried after HTTP 429, 5xx or a connection error.
    type: int
    default: 5
  interval:
    description: Seconds between two polls (the time from a detection to its event is at most this, plus the poll).
    type: float
    default: 60
  since:
    description:
      - Where the first poll starts, ISO 8601 or relative to now (V(-1h)); V(now) by default. Messages scanned
        earlier are never emitted.
      - Ignored when O(state_file) holds the state of an earlier run.
    type: str
    default: now
  state_file:
    description:
      - A file where the source keeps, after each poll, how far it has read and the ids it emitted in the look-back
        window (JSON, mode C(0600), no secret). A restart reads it and goes on from there.
    type: path
  lookback:
    description:
      - How many seconds each poll looks back before the end of the last one, for messages the search shows some
        time after their scan. Messages seen before are not emitted again.
    type: int
    default: 300
  query:
    description: Space-separated search terms.
    type: str
  final_disposition:
    description:
      - Only the messages with one of these dispositions. One value the search filter knows is filtered by the API;
        others (V(MALICIOUS-BEC), several values) by the source.
    type: list
    elements: str
    choices: [MALICIOUS, SUSPICIOUS, SPOOF, SPAM, BULK, NONE, MALICIOUS-BEC, ENCRYPTED, EXTERNAL, UNKNOWN]
  detections_only:
    description: Only detections (messages given a disposition).
    type: bool
    default: true
  sender:
    description: The sender, an address or a domain.
    type: str
  recipient:
    description: A recipient, an address or a domain.
    type: str
  subject:
    description: Keywords of the subject.
    type: str
  message_id:
    description: The RFC 5322 Message-ID header.
    type: str
  alert_id:
    description: The alert id of a detection.
    type: str
  domain:
    description: A domain of the sender, of a recipient or of a link.
    type: str
  delivery_status:
    description: Only the messages with this delivery status.
    type: str
    choices: [delivered, moved, quarantined, rejected, deferred, bounced, queued, move_failed]
  message_action:
    description: Only the messages on which this action was taken after delivery.
    type: str
    choices: [PREVIEW, QUARANTINE_RELEASED, MOVED]
notes:
  - Runs in ansible-rulebook's Python, which needs C(ansible-core) and C(requests), and the collection installed
    on its collections path.
seealso:
  - module: edgeops.cloudflare.email_security_message_info
  - name: Respond to a phish
    description: The collection's guide, by hand, by playbook, by rulebook, and the undo.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_respond.html
'''

EXAMPLES = r'''
- name: Respond to phish
  hosts: localhost
  sources:
    - edgeops.cloudflare.email_security_detections:
        interval: 30
        final_disposition: [MALICIOUS, MALICIOUS-BEC]
        state_file: /var/lib/eda/email_security_detections.json
  rules:
    - name: A malicious detection runs the response
      condition: event.message.final_disposition in ["MALICIOUS", "MALICIOUS-BEC"]
      action:
        run_playbook:
          name: edgeops.cloudflare.respond_to_phish
'''

import asyncio
import datetime
import json
import logging
import os
import tempfile
import typing as t
from dataclasses import dataclass, field

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import NoLogError

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, check_connection, client_from_params, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import (
    Investigate, Search, build_search, search_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import (
    iso, parse_api_time, parse_time, utc_now,
)

LOGGER = logging.getLogger('edgeops.cloudflare.email_security_detections')
MAX_BACKOFF = 300.0  # seconds
STATE_VERSION = 1


def argument_spec() -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec.update((name, option) for name, option in search_argument_spec().items() if name not in ('start', 'end'))
    spec['detections_only'] = dict(spec['detections_only'], default=True)
    spec.update({
        'interval': {'type': 'float', 'default': 60.0},
        'since': {'type': 'str', 'default': 'now'},
        'state_file': {'type': 'path'},
        'lookback': {'type': 'int', 'default': 300},
    })
    return spec


def settings_from_args(args: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The arguments checked as a module's are (types, choices, environment fallbacks, the connection rules);
    ``InvalidValue`` names the argument, never a secret's value."""
    validator = ArgumentSpecValidator(argument_spec(), mutually_exclusive=CONNECTION_CONSTRAINTS['mutually_exclusive'],
                                      required_together=CONNECTION_CONSTRAINTS['required_together'])
    result = validator.validate(dict(args))
    errors = [error for error in result.errors.errors if not isinstance(error, NoLogError)]
    if errors:
        raise InvalidValue(f'email_security_detections: {errors[0].msg}')
    params = result.validated_parameters
    check_connection(params)
    if params['interval'] <= 0:
        raise InvalidValue(f"interval: {params['interval']!r} must be a positive number of seconds")
    if params['lookback'] < 0:
        raise InvalidValue(f"lookback: {params['lookback']!r} must be 0 or more seconds")
    build_search(params, utc_now())  # the search filters, checked now rather than at the first poll
    return params


@dataclass
class State:
    """How far the source has read (``watermark``: the end of the last complete poll), where it started
    (``floor``: nothing scanned earlier is emitted), and the ids emitted in the look-back window."""

    floor: datetime.datetime
    watermark: datetime.datetime
    seen: dict[str, str] = field(default_factory=dict)  # id -> scanned_at (or when first seen), ISO 8601

    def window_start(self, lookback: int) -> datetime.datetime:
        return max(self.floor, self.watermark - datetime.timedelta(seconds=lookback))


class DetectionSource:
    """The polling loop's state and one poll; ``run`` is the loop."""

    def __init__(self, params: t.Mapping[str, t.Any]) -> None:
        self.params = params
        self.account_id: str = params['account_id']
        self.api = Investigate(client_from_params(params), self.account_id)
        self.state = self.load_state()

    # state ---------------------------------------------------------------------------------------------------
    def load_state(self) -> State:
        now = utc_now()
        path = self.params.get('state_file')
        if path and os.path.exists(path):
            try:
                with open(path, encoding='utf-8') as handle:
                    saved = json.load(handle)
                if saved.get('account_id') == self.account_id and saved.get('version') == STATE_VERSION:
                    floor, watermark = parse_api_time(saved.get('floor')), parse_api_time(saved.get('watermark'))
                    if floor and watermark:
                        LOGGER.info('email_security_detections: going on from %s (state file %s)', iso(watermark), path)
                        return State(floor, watermark, {str(k): str(v) for k, v in saved.get('seen', {}).items()})
                LOGGER.warning('email_security_detections: state file %s is of another account or version; '
                               'starting from since', path)
            except (OSError, ValueError, AttributeError) as error:
                LOGGER.warning('email_security_detections: cannot read state file %s (%s); starting from since',
                               path, error)
        since = parse_time('since', self.params['since'], now)
        return State(since, since)

    def save_state(self) -> None:
        path = self.params.get('state_file')
        if not path:
            return
        state = {'version': STATE_VERSION, 'account_id': self.account_id, 'floor': iso(self.state.floor),
                 'watermark': iso(self.state.watermark), 'seen': self.state.seen}
        folder = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(folder, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix='.state-')
            with os.fdopen(descriptor, 'w', encoding='utf-8') as handle:
                json.dump(state, handle)
            os.replace(temporary, path)
        except OSError as error:
            LOGGER.warning('email_security_detections: cannot write state file %s: %s', path, error)

    # one poll ------------------------------------------------------------------------------------------------
    def search(self, now: datetime.datetime) -> Search:
        params = dict(self.params, start=iso(self.state.window_start(self.params['lookback'])), end=iso(now))
        return build_search(params, now)

    def poll(self) -> tuple[list[dict[str, t.Any]], datetime.datetime]:
        """The messages not emitted yet (oldest first), and the end of the window read. Runs in a thread."""
        now = utc_now()
        new: dict[str, dict[str, t.Any]] = {}
        for batch, _more in self.api.pages(self.search(now)):
            for message in batch:
                if str(message.get('id')) not in self.state.seen:
                    new.setdefault(str(message.get('id')), message)
        return list(reversed(new.values())), now  # the search gives the newest first

    def emitted(self, messages: list[dict[str, t.Any]], end: datetime.datetime) -> None:
        """Remember ``messages`` as emitted and the window as read; forget ids older than the next window."""
        for message in messages:
            self.state.seen[str(message.get('id'))] = str(message.get('scanned_at') or iso(end))
        self.state.watermark = end
        start = self.state.window_start(self.params['lookback'])
        self.state.seen = {key: value for key, value in self.state.seen.items()
                           if (parse_api_time(value) or end) >= start}
        self.save_state()

    # the loop ------------------------------------------------------------------------------------------------
    async def run(self, queue: asyncio.Queue) -> None:
        interval = float(self.params['interval'])
        failures = 0
        while True:
            try:
                messages, end = await asyncio.to_thread(self.poll)
            except Exception as error:  # pylint: disable=broad-except  # keep running through anything
                failures += 1
                pause = min(interval * 2 ** failures, max(MAX_BACKOFF, interval))
                LOGGER.warning('email_security_detections: poll failed (%d in a row): %s; next poll in %.0f s',
                               failures, _one_line(error), pause)
                await asyncio.sleep(pause)
                continue
            failures = 0
            for message in messages:
                await queue.put({'account_id': self.account_id, 'message': message})
            self.emitted(messages, end)
            if messages:
                LOGGER.info('email_security_detections: %d new message(s)', len(messages))
            await asyncio.sleep(interval)


def _one_line(error: BaseException) -> str:
    return ' '.join(str(error).split()) or type(error).__name__


async def main(queue: asyncio.Queue, args: dict[str, t.Any]) -> None:
    """ansible-rulebook's entry point: poll until cancelled."""
    try:
        params = settings_from_args(args)
    except InvalidValue as error:
        raise ValueError(str(error)) from None  # one line naming the argument, before any request
    await DetectionSource(params).run(queue)
