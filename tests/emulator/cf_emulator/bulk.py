# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bulk action jobs (``investigate/bulk``): a MOVE or RELEASE of everything a search matches, advanced one step
by each ``GET /bulk/{job_id}``:

PENDING -> DISCOVERING (the search runs once: one row per message and recipient; phish submissions, and for a
RELEASE the messages that are not quarantined, are SKIPPED) -> PROCESSING (each poll processes the rows of the
next ``bulk_per_poll`` messages, 100 by default) -> COMPLETED (the poll after the last row was processed, or
the one that processed it when the job was already PROCESSING). Cancel turns the pending rows CANCELLED.
The counters always add up: discovered = pending + successful + failed + skipped + cancelled.
"""

from __future__ import annotations

import typing as t
import uuid

from .errors import ApiError
from .mailbox import Mailbox, Message, public, stamp

TERMINAL = ('COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED')
JOB_STATUSES = ('PENDING', 'DISCOVERING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED')
ROW_STATUSES = ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED')
COUNTERS = (('messages_pending', 'PENDING'), ('messages_successful', 'COMPLETED'), ('messages_failed', 'FAILED'),
            ('messages_skipped', 'SKIPPED'), ('messages_cancelled', 'CANCELLED'))


class Row:
    """One job message: one message for one recipient."""

    __slots__ = ('id', 'message', 'recipient', 'status', 'created_at', 'processed_at', 'status_message')

    def __init__(self, message: Message, recipient: str, created_at: str, status: str = 'PENDING',
                 status_message: t.Optional[str] = None) -> None:
        self.id = str(uuid.uuid4())
        self.message = message
        self.recipient = recipient
        self.status = status
        self.created_at = created_at
        self.processed_at: t.Optional[str] = None
        self.status_message = status_message


class Job:
    def __init__(self, action: str, destination: t.Optional[str], search_params: dict[str, t.Any],
                 comment: t.Optional[str], select: t.Callable[[], list[Message]], created_at: str) -> None:
        self.id = str(uuid.uuid4())
        self.action = action
        self.destination = destination
        self.search_params = search_params
        self.comment = comment
        self.select = select  # runs the job's search
        self.status = 'PENDING'
        self.created_at = created_at
        self.started_at: t.Optional[str] = None
        self.completed_at: t.Optional[str] = None
        self.status_message: t.Optional[str] = None
        self.rows: list[Row] = []

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    def action_params(self, recipient: t.Optional[str] = None) -> dict[str, t.Any]:
        params: dict[str, t.Any] = {'type': self.action}
        if self.destination:
            params['destination'] = self.destination
        if recipient is not None:
            params['client_recipient'] = recipient
        return params

    def view(self) -> dict[str, t.Any]:
        counts = {status: 0 for status in ROW_STATUSES}
        for row in self.rows:
            counts[row.status] += 1
        shown = {'job_id': self.id, 'action_type': self.action, 'action_params': self.action_params(),
                 'search_params': self.search_params, 'status': self.status, 'created_at': self.created_at,
                 'started_at': self.started_at, 'completed_at': self.completed_at, 'comment': self.comment,
                 'status_message': self.status_message, 'total_messages_discovered': len(self.rows)}
        shown.update((counter, counts[status]) for counter, status in COUNTERS)
        return shown

    def row_view(self, row: Row) -> dict[str, t.Any]:
        fields = row.message.fields
        return {'message_id': row.id, 'postfix_id': fields['postfix_id'], 'action_type': self.action,
                'action_params': self.action_params(row.recipient), 'status': row.status, 'retry_count': 0,
                'created_at': row.created_at, 'processed_at': row.processed_at, 'retry_after': None,
                'status_message': row.status_message, 'alert_id': fields.get('alert_id'),
                'email_message_id': fields.get('message_id'), 'message': public(row.message)}


class Jobs:
    """The bulk jobs of one mailbox."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    def create(self, job: Job) -> Job:
        self.mailbox.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job:
        try:
            return self.mailbox.jobs[job_id]
        except KeyError:
            raise ApiError(404, 1552, f'bulk job {job_id} not found') from None

    def list(self, action_type: t.Optional[str], status: t.Optional[str]) -> list[Job]:
        """Newest first."""
        return [job for job in reversed(self.mailbox.jobs.values())
                if action_type in (None, job.action) and status in (None, job.status)]

    def advance(self, job: Job, per_poll: int, requested_by: str, failing: t.Mapping[str, str]) -> Job:
        """One step of the job (what a poll of ``GET /bulk/{job_id}`` does)."""
        if job.status == 'PENDING':
            self.discover(job)
        elif job.status == 'DISCOVERING':
            job.status = 'PROCESSING'
            self.process(job, per_poll, requested_by, failing)
        elif job.status == 'PROCESSING':
            self.process(job, per_poll, requested_by, failing)
            if not any(row.status == 'PENDING' for row in job.rows):
                job.status = 'COMPLETED'
                job.completed_at = stamp(self.mailbox.clock.tick())
        return job

    def discover(self, job: Job) -> None:
        job.status = 'DISCOVERING'
        job.started_at = now = stamp(self.mailbox.clock.tick())
        for message in job.select():
            skip = None
            if message.fields.get('is_phish_submission'):
                skip = 'phish submissions cannot be actioned'
            elif job.action == 'RELEASE' and not message.quarantined:
                skip = 'message is not quarantined'
            for recipient in message.recipients:
                job.rows.append(Row(message, recipient, now, 'SKIPPED' if skip else 'PENDING', skip))

    def process(self, job: Job, per_poll: int, requested_by: str, failing: t.Mapping[str, str]) -> None:
        """The pending rows of the next ``per_poll`` messages, message by message (one action per message)."""
        batches: dict[str, list[Row]] = {}
        for row in job.rows:
            if row.status == 'PENDING':
                if row.message.id not in batches and len(batches) >= per_poll:
                    break
                batches.setdefault(row.message.id, []).append(row)
        for rows in batches.values():
            message, recipients = rows[0].message, [row.recipient for row in rows]
            if job.action == 'MOVE':
                results = self.mailbox.move(message, t.cast(str, job.destination), requested_by, failing, recipients)
                outcome = {result['recipient']: (result['success'], result['status']) for result in results}
            else:
                delivered = self.mailbox.release(message, requested_by, failing, recipients)['delivered']
                outcome = {recipient: (recipient in delivered, failing.get(recipient.lower(), 'release failed'))
                           for recipient in recipients}
            processed = stamp(self.mailbox.clock.tick())
            for row in rows:
                success, status = outcome[row.recipient]
                row.status = 'COMPLETED' if success else 'FAILED'
                row.status_message = status if not success else None
                row.processed_at = processed

    def cancel(self, job: Job) -> Job:
        if job.terminal:
            raise ApiError(409, 1409, f'bulk job {job.id} is {job.status}: only a running job can be cancelled')
        for row in job.rows:
            if row.status == 'PENDING':
                row.status = 'CANCELLED'
        job.status = 'CANCELLED'
        job.completed_at = stamp(self.mailbox.clock.tick())
        job.status_message = 'cancelled by request'
        return job

    def delete(self, job: Job) -> dict[str, str]:
        if not job.terminal:
            raise ApiError(409, 1409, f'bulk job {job.id} is {job.status}: cancel it or wait until it ends')
        del self.mailbox.jobs[job.id]
        return {'id': job.id}
