# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The message run (email_security_message): the desired state (moved, released) of a selection of messages.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

The flow of the set runs, for messages: select (``ids`` or ``search``) -> read where each message is now -> plan
(what would move or be released) -> judge the whole plan (``max_messages``; no release of malicious mail unasked)
-> write unless check mode (chunks of the many-message endpoints, or one bulk job above ``bulk_threshold``) ->
a result per message and recipient, with what undoes each move.
"""

from __future__ import annotations

import time
import typing as t
from dataclasses import dataclass, field

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import NoLogError

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client, CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import (
    DESTINATIONS, MALICIOUS, MAX_IDS_PER_REQUEST, Investigate, Message, Search, build_search, chunks, recipients_of,
    search_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._mailbox import QUARANTINE, UNKNOWN, place
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import utc_now

DEFAULT_MAX_MESSAGES = 100
DEFAULT_BULK_THRESHOLD = 1000
DEFAULT_WAIT_TIMEOUT = 600
READ_PAGES_WHEN_REFUSED = 10  # a search already over max_messages is read this far, then refused
JOB_TERMINAL = ('COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED')
JOB_POLL_FIRST, JOB_POLL_MAX = 0.5, 10.0  # seconds between polls of a bulk job: 0.5 s, growing to 10 s
MOVE, RELEASE = 'move', 'release'
LOST_BUT_DONE = 'the answer was lost; a re-read shows it done'
# A message's outcome: what was (or in check mode would be) done.
DONE = {MOVE: 'moved', RELEASE: 'released'}
PREDICTED = {MOVE: 'would_move', RELEASE: 'would_release'}


def argument_spec() -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec.update({
        'ids': {'type': 'list', 'elements': 'str'},
        # The search's suboptions are checked by ``validated_search`` (as documented): ansible-core's own check fails
        # without naming the option, or with a traceback, for a search that is not a dict.
        'search': {'type': 'dict'},
        'state': {'type': 'str', 'required': True, 'choices': ['moved', 'released']},
        'destination': {'type': 'str', 'choices': DESTINATIONS},
        'max_messages': {'type': 'int', 'default': DEFAULT_MAX_MESSAGES},
        'allow_malicious': {'type': 'bool', 'default': False},
        'chunk_size': {'type': 'int', 'default': MAX_IDS_PER_REQUEST},
        'bulk_threshold': {'type': 'int', 'default': DEFAULT_BULK_THRESHOLD},
        'wait': {'type': 'bool', 'default': True},
        'wait_timeout': {'type': 'int', 'default': DEFAULT_WAIT_TIMEOUT},
        'comment': {'type': 'str'},
    })
    return spec


MODULE_CONSTRAINTS: dict[str, t.Any] = {
    'mutually_exclusive': CONNECTION_CONSTRAINTS['mutually_exclusive'] + [('ids', 'search')],
    'required_together': CONNECTION_CONSTRAINTS['required_together'],
    'required_one_of': [('ids', 'search')],
    'required_if': [('state', 'moved', ['destination'])],
}


@dataclass
class Item:
    """One selected message, where it is, and what the plan does with it."""

    message: Message
    before: str
    action: t.Optional[str] = None  # MOVE, RELEASE, or None (already there, or cannot)
    skipped: str = ''  # why nothing is done although the message is not in the state asked for
    outcome: str = 'unchanged'
    after: str = ''
    reason: str = ''
    recipients: list[dict[str, t.Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.message.get('id'))


@dataclass
class Options:
    state: str
    destination: t.Optional[str]
    max_messages: int
    allow_malicious: bool
    chunk_size: int
    bulk_threshold: int
    wait: bool
    wait_timeout: int
    comment: t.Optional[str]

    @property
    def action(self) -> str:
        return MOVE if self.state == 'moved' else RELEASE

    @property
    def target(self) -> str:
        """Where a message is once the plan is done."""
        return self.destination if self.state == 'moved' else 'Inbox'  # type: ignore[return-value]


def run(module: AnsibleModule) -> None:
    run_module(module, lambda params, client: apply(params, client, module.check_mode, module._diff))


def checked_options(params: t.Mapping[str, t.Any]) -> Options:
    """The options besides the selection, before any request; raises ``InvalidValue``."""
    if params['state'] == 'released' and params.get('destination') is not None:
        raise InvalidValue(f"destination: {params['destination']!r} applies to state=moved only (a release delivers "
                           'the message to its recipients)')
    if params['max_messages'] < 1:
        raise InvalidValue(f"max_messages: {params['max_messages']!r} must be 1 or more")
    if not 1 <= params['chunk_size'] <= MAX_IDS_PER_REQUEST:
        raise InvalidValue(f"chunk_size: {params['chunk_size']!r} must be from 1 to {MAX_IDS_PER_REQUEST}")
    if params['bulk_threshold'] < 0:
        raise InvalidValue(f"bulk_threshold: {params['bulk_threshold']!r} must be 0 (never a bulk job) or more")
    if params['wait_timeout'] < 1:
        raise InvalidValue(f"wait_timeout: {params['wait_timeout']!r} must be 1 or more seconds")
    return Options(params['state'], params.get('destination'), params['max_messages'], params['allow_malicious'],
                   params['chunk_size'], params['bulk_threshold'], params['wait'], params['wait_timeout'],
                   params.get('comment'))


def checked_ids(ids: t.Sequence[t.Any]) -> list[str]:
    cleaned = []
    for index, value in enumerate(ids):
        if not isinstance(value, str) or not value.strip():
            raise InvalidValue(f'ids[{index}]: {value!r} is not an investigation id')
        cleaned.append(value.strip())
    if not cleaned:
        raise InvalidValue('ids: the list is empty; give at least one investigation id (or a search)')
    return list(dict.fromkeys(cleaned))


def validated_search(search: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """The search's suboptions with types converted and defaults set, as Ansible would; ``InvalidValue`` names them."""
    result = ArgumentSpecValidator({'search': {'type': 'dict', 'options': search_argument_spec()}}).validate(
        {'search': search})
    errors = [error for error in result.errors.errors if not isinstance(error, NoLogError)]
    if errors:
        message = errors[0].msg
        raise InvalidValue(message if 'search' in message else f'search: {message}')
    return result.validated_parameters['search']


def apply(params: t.Mapping[str, t.Any], client: Client, check_mode: bool, with_diff: bool) -> dict[str, t.Any]:
    options = checked_options(params)
    ids = checked_ids(params['ids']) if params.get('ids') is not None else None
    search = build_search(validated_search(params['search']), utc_now(), 'search.') if ids is None else None
    api = Investigate(client, params['account_id'])
    items, read_all = select(api, options, ids, search)
    result = outcome(items, search, with_diff)
    refused = judge(items, options, read_all, search)
    if refused:  # in check mode too: an audit of the task shows it before anyone runs it
        raise Failure(refused, result)
    acting = [item for item in items if item.action]
    if check_mode or not acting:
        return result
    bulk = search is not None and options.bulk_threshold and len(acting) > options.bulk_threshold
    failed_request: t.Optional[CloudflareError] = None
    try:
        if bulk:
            result['job'] = run_job(api, options, search, items)  # type: ignore[arg-type]
            problem = job_problem(result['job'], options)
        else:
            problem, failed_request = write_chunks(api, options, acting, search)
    except CloudflareError as error:
        done = outcome(items, search, with_diff)
        done.update(status=error.status, errors=error.errors)
        raise Failure(str(error), done) from None
    done = outcome(items, search, with_diff)
    if 'job' in result:
        done['job'] = result['job']
    warnings = unconfirmed_warning(items)
    if warnings:
        done['warnings'] = warnings
    if failed_request is not None:
        done.update(status=failed_request.status, errors=failed_request.errors)
    if problem:
        raise Failure(problem, done)
    return done


# select and read ---------------------------------------------------------------------------------------------------
def select(api: Investigate, options: Options, ids: t.Optional[list[str]],
           search: t.Optional[Search]) -> tuple[list[Item], bool]:
    """The selected messages, each with where it is and the plan's action; and whether the read went to the end
    (a search stops once more messages would change than ``max_messages`` allows: the run is refused anyway)."""
    items: list[Item] = []
    if ids is not None:
        missing = []
        for message_id in ids:
            message = api.get(message_id)
            if message is None:
                missing.append(message_id)
                continue
            items.append(planned(api, options, message))
        if missing:
            raise Failure(f"ids: no message with investigation id {', '.join(repr(m) for m in missing[:5])}"
                          f"{' and others' if len(missing) > 5 else ''} (HTTP 404); nothing was moved or released")
        return items, True
    seen: set[str] = set()
    for number, (batch, more) in enumerate(api.pages(search), 1):  # type: ignore[arg-type]
        for message in batch:
            if str(message.get('id')) in seen:
                continue
            seen.add(str(message.get('id')))
            items.append(planned(api, options, message))
        if more and number >= READ_PAGES_WHEN_REFUSED and sum(1 for item in items if item.action) > options.max_messages:
            return items, False  # refused anyway: a search gone wrong costs 10 reads, not the whole mailbox
    return items, True


def located(api: Investigate, message: Message) -> str:
    """Where the message is: from the message itself, else from its action log (one read)."""
    where = place(message)
    if where is None:
        where = place(message, api.action_log(str(message.get('id'))))
    return where or UNKNOWN


def planned(api: Investigate, options: Options, message: Message) -> Item:
    """The message with where it is now (its action log read only when the message itself cannot tell) and what
    the plan does with it."""
    where = located(api, message)
    item = Item(message, where, after=where)
    if options.action == MOVE:
        if where == QUARANTINE:
            item.skipped = 'quarantined: in no mailbox, so it cannot be moved (release it to deliver it)'
            item.outcome = 'skipped'
        elif where != options.destination:
            item.action, item.after, item.outcome = MOVE, options.target, PREDICTED[MOVE]
    elif where == QUARANTINE:
        item.action, item.after, item.outcome = RELEASE, options.target, PREDICTED[RELEASE]
    return item


# judge -------------------------------------------------------------------------------------------------------------
def judge(items: list[Item], options: Options, read_all: bool, search: t.Optional[Search]) -> str:
    """Why the whole plan is refused ('' when it is not)."""
    acting = [item for item in items if item.action]
    verb = DONE[options.action]
    if len(acting) > options.max_messages:
        count = f'{len(acting)}' if read_all else f'more than {len(acting)} (the read stopped there)'
        return (f'{count} messages would be {verb}, more than max_messages {options.max_messages}; nothing was '
                f'{verb}. Check the selection (email_security_message_info with the same search lists it), then '
                'raise max_messages to allow it')
    if options.action == RELEASE and not options.allow_malicious:
        malicious = [item for item in acting if item.message.get('final_disposition') in MALICIOUS]
        if malicious:
            listed = ', '.join(f"{item.id} ({item.message.get('final_disposition')})" for item in malicious[:5])
            return (f"{len(malicious)} of the messages to release are malicious: {listed}"
                    f"{' and others' if len(malicious) > 5 else ''}; nothing was released. Set allow_malicious: true "
                    'to release them anyway')
    bulk = search is not None and options.bulk_threshold and len(acting) > options.bulk_threshold
    if bulk:
        return bulk_refusal(search, options)  # type: ignore[arg-type]
    return ''


def bulk_refusal(search: Search, options: Options) -> str:
    """A bulk job acts on what its search matches when it runs, not on what was read: what it cannot be given."""
    if len(search.dispositions) > 1:
        return ('search.final_disposition: a bulk job takes one disposition; this selection is larger than '
                f"bulk_threshold {options.bulk_threshold}: run once per disposition, or raise bulk_threshold")
    if options.action == RELEASE and not options.allow_malicious and \
            search.single_disposition in (None,) + MALICIOUS:
        return ('a bulk release job releases whatever its search matches when it runs; without allow_malicious it '
                'needs search.final_disposition set to one disposition that is not malicious; nothing was released')
    return ''


# write -------------------------------------------------------------------------------------------------------------
def write_chunks(api: Investigate, options: Options, acting: list[Item],
                 search: t.Optional[Search]) -> tuple[str, t.Optional[CloudflareError]]:
    """Move or release ``acting`` in chunks; the outcome of each message is set. Returns what failed ('' if none)
    and the failed request's error.

    A chunk whose request fails is reported and stops the rest. A chunk whose answer is lost (it may have been
    applied) is read again: where it all arrived the run goes on; otherwise it stops there.
    """
    for chunk in chunks(acting, options.chunk_size):
        ids = list(dict.fromkeys(item.id for item in chunk))
        try:
            if options.action == MOVE:
                attribute_moves(chunk, api.move(ids, options.destination))  # type: ignore[arg-type]
            else:
                attribute_releases(chunk, api.release(ids))
        except CloudflareError as error:
            if error.may_have_been_applied and confirmed_by_reread(api, options, chunk, search):
                continue
            for item in acting:
                if item.id in ids and item.outcome not in DONE.values():
                    item.outcome, item.after, item.reason = 'failed', item.before, str(error)
                elif item.outcome in PREDICTED.values():
                    item.outcome, item.after = 'not_attempted', item.before
            done = sum(1 for item in acting if item.outcome in DONE.values())
            return (f'{error}. {done} of {len(acting)} messages were {DONE[options.action]} before it; run again to '
                    'finish (a re-run reads first and acts only on the rest)'), error
    failed = [item for item in acting if item.outcome == 'failed']
    if failed:
        return (f'{len(failed)} of {len(acting)} messages were not {DONE[options.action]} for every recipient '
                f"(first: {failed[0].id}: {failed[0].reason}); see messages[].recipients. Run again to retry them: a "
                're-run acts only on what is not done'), None
    return '', None


def attribute_moves(chunk: list[Item], answers: list[t.Any]) -> None:
    """The per-recipient results of one move, given to their messages (by ``message_id``, else by recipient)."""
    by_id = {item.id: item for item in chunk}
    owners: dict[str, list[Item]] = {}
    for item in chunk:
        for recipient in recipients_of(item.message):
            owners.setdefault(recipient.lower(), []).append(item)
    for answer in answers:
        if not isinstance(answer, dict):
            continue
        recipient = str(answer.get('recipient') or '')
        found = by_id.get(str(answer.get('message_id'))) or owner(owners.get(recipient.lower(), []), recipient)
        if found is None:
            continue
        ok = answer.get('success') is True
        entry = {'recipient': recipient, 'outcome': 'moved' if ok else 'failed'}
        if not ok:
            entry['reason'] = str(answer.get('status') or 'the API gave no reason')
        found.recipients.append(entry)
    for item in chunk:
        settle(item, MOVE)


def owner(candidates: list[Item], recipient: str) -> t.Optional[Item]:
    """The message of a result without ``message_id``: the first with this recipient not answered for yet."""
    answered = [item for item in candidates if recipient not in [entry['recipient'] for entry in item.recipients]]
    pool = answered or candidates
    return pool[0] if pool else None


def attribute_releases(chunk: list[Item], answers: list[t.Any]) -> None:
    """The per-message results of one release (``delivered``, ``failed``, ``undelivered`` recipients)."""
    by_id = {item.id: item for item in chunk}
    by_postfix = {str(item.message.get('postfix_id')): item for item in chunk if item.message.get('postfix_id')}
    for answer in answers:
        if not isinstance(answer, dict):
            continue
        item = by_id.get(str(answer.get('id'))) or by_postfix.get(str(answer.get('postfix_id')))
        if item is None:
            continue
        for key, outcome_name in (('delivered', 'released'), ('failed', 'failed'), ('undelivered', 'failed')):
            for recipient in answer.get(key) or []:
                entry = {'recipient': str(recipient), 'outcome': outcome_name}
                if outcome_name == 'failed':
                    entry['reason'] = key
                item.recipients.append(entry)
    for item in chunk:
        settle(item, RELEASE)


def settle(item: Item, action: str) -> None:
    """The message's outcome from its recipients' results."""
    failed = [entry for entry in item.recipients if entry['outcome'] == 'failed']
    if failed:
        item.outcome, item.after = 'failed', UNKNOWN if action == MOVE else QUARANTINE
        item.reason = '; '.join(f"{entry['recipient']}: {entry.get('reason', '')}" for entry in failed)
    elif item.recipients:
        item.outcome = DONE[action]
    else:
        item.outcome = 'unconfirmed'
        item.reason = 'the answer held no result for this message'


def confirmed_by_reread(api: Investigate, options: Options, chunk: list[Item], search: t.Optional[Search]) -> bool:
    """After a lost answer: read the chunk's messages again (the search's pages, or one read per id); True when
    every one is where the plan puts it."""
    again: dict[str, t.Optional[Message]]
    if search is not None:
        again = {str(message.get('id')): message for batch, _more in api.pages(search) for message in batch}
    else:
        again = {item.id: api.get(item.id) for item in chunk}
    all_there = True
    for item in chunk:
        message = again.get(item.id)
        where = located(api, message) if message is not None else UNKNOWN
        if where == options.target:
            item.outcome = DONE[options.action]
            item.reason = LOST_BUT_DONE
        else:
            all_there = False
    return all_there


def unconfirmed_warning(items: list[Item]) -> list[str]:
    lost = [item for item in items if item.reason == LOST_BUT_DONE]
    silent = [item for item in items if item.outcome == 'unconfirmed']
    warnings = []
    if lost:
        warnings.append(f'{len(lost)} message(s): the answer to the request was lost; a re-read shows them done')
    if silent:
        warnings.append(f'{len(silent)} message(s) had no result in the API\'s answer (first: {silent[0].id}); a '
                        're-run reads where they are and acts on them if needed')
    return warnings


# bulk job ----------------------------------------------------------------------------------------------------------
def job_search_params(search: Search) -> dict[str, t.Any]:
    params: dict[str, t.Any] = {name: value for name, value in search.query.items() if name != 'final_disposition'}
    params['detections_only'] = search.query['detections_only'] == 'true'
    disposition = search.single_disposition
    if disposition:
        params['final_disposition'] = disposition
    return params


def run_job(api: Investigate, options: Options, search: Search, items: list[Item]) -> dict[str, t.Any]:
    """One bulk job for the search; with ``wait``, its end and its per-recipient rows, given to the messages."""
    body: dict[str, t.Any] = {'action': options.action.upper(), 'search_params': job_search_params(search)}
    if options.action == MOVE:
        body['destination'] = options.destination
    if options.comment:
        body['comment'] = options.comment
    job = api.create_job(body)
    acting = [item for item in items if item.action]
    for item in acting:
        item.outcome = 'submitted'
    if not options.wait:
        return job
    job_id = str(job.get('job_id') or job.get('id'))
    deadline = time.monotonic() + options.wait_timeout
    pause = JOB_POLL_FIRST
    while str(job.get('status', '')).upper() not in JOB_TERMINAL:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return dict(job, timed_out=True)
        if api.client.cancelled.wait(min(pause, remaining)):
            return dict(job, timed_out=True)
        pause = min(pause * 1.5, JOB_POLL_MAX)
        job = api.job(job_id)
    attribute_job_rows(items, api.job_messages(job_id), options.action, options.target)
    return job


def attribute_job_rows(items: list[Item], rows: list[t.Any], action: str, target: str) -> None:
    """The job's rows (one per message and recipient) given to the messages read; rows of messages the read did
    not see (arrived since) become items of their own, their place before unknown."""
    by_id = {item.id: item for item in items}
    by_postfix = {str(item.message.get('postfix_id')): item for item in items if item.message.get('postfix_id')}
    touched: set[str] = set()
    for row in rows:
        if not isinstance(row, dict):
            continue
        message: dict[str, t.Any] = row['message'] if isinstance(row.get('message'), dict) else {}
        item = by_id.get(str(message.get('id'))) or by_postfix.get(str(row.get('postfix_id')))
        if item is None:  # arrived after the read: the job acted on it too
            found_id = str(message.get('id') or row.get('postfix_id') or row.get('message_id'))
            item = Item(dict(message, id=found_id), UNKNOWN, action=action, after=target)
            by_id[found_id] = item
            items.append(item)
        status = str(row.get('status', '')).upper()
        params: dict[str, t.Any] = row['action_params'] if isinstance(row.get('action_params'), dict) else {}
        entry = {'recipient': str(params.get('client_recipient', '')),
                 'outcome': {'COMPLETED': DONE[action], 'FAILED': 'failed', 'SKIPPED': 'skipped'}.get(status, 'not_done')}
        if entry['outcome'] != DONE[action]:
            entry['reason'] = str(row.get('status_message') or status.lower())
        item.recipients.append(entry)
        touched.add(item.id)
    for item in items:
        if item.id not in touched:
            if item.action:
                item.outcome, item.reason = 'unconfirmed', 'the bulk job listed no row for this message'
            continue
        if any(entry['outcome'] == 'failed' for entry in item.recipients):
            settle(item, action)
        elif any(entry['outcome'] == DONE[action] for entry in item.recipients):
            item.outcome = DONE[action]
        else:
            item.outcome = 'unchanged' if not item.action else 'skipped'
            item.reason = '; '.join(entry.get('reason', '') for entry in item.recipients)


def job_problem(job: dict[str, t.Any], options: Options) -> str:
    status = str(job.get('status', '')).upper()
    if job.get('timed_out'):
        return (f"the bulk job {job.get('job_id')} is still {status or 'running'} after wait_timeout "
                f'{options.wait_timeout}s; it goes on without this task: run again later to see where the messages are')
    if options.wait and status not in ('COMPLETED',):
        return (f"the bulk job {job.get('job_id')} ended {status}: {job.get('status_message') or 'no reason given'} "
                f"({job.get('messages_successful', 0)} done, {job.get('messages_failed', 0)} failed); run again to "
                'act on the rest')
    return ''


# result ------------------------------------------------------------------------------------------------------------
SUMMARY_FIELDS = ('subject', 'from', 'client_recipients', 'final_disposition', 'message_id', 'scanned_at')


def outcome(items: list[Item], search: t.Optional[Search], with_diff: bool) -> dict[str, t.Any]:
    """The result: one entry per message (what was or would be done, per recipient), counts, the undo, the diff."""
    messages = []
    for item in items:
        entry: dict[str, t.Any] = {'id': item.id}
        entry.update((name, item.message.get(name)) for name in SUMMARY_FIELDS if item.message.get(name) is not None)
        entry.update(before=item.before, after=item.after, outcome=item.outcome, recipients=list(item.recipients))
        if item.skipped or item.reason:
            entry['reason'] = item.reason or item.skipped
        messages.append(entry)
    counts: dict[str, int] = {'selected': len(items)}
    for item in items:
        counts[item.outcome] = counts.get(item.outcome, 0) + 1
    changed_outcomes = ('moved', 'released', 'would_move', 'would_release', 'submitted', 'unconfirmed')
    changed = any(item.outcome in changed_outcomes or (item.outcome == 'failed' and any(
        entry['outcome'] in DONE.values() for entry in item.recipients)) for item in items)
    result: dict[str, t.Any] = {'changed': changed, 'messages': messages, 'counts': counts, 'undo': undo(items)}
    if search is not None:
        result['search'] = dict(search.query, **({'final_disposition': search.dispositions}
                                                 if search.dispositions else {}))
    if with_diff:
        result['diff'] = [{'before_header': header(item), 'after_header': header(item),
                           'before': {'location': item.before}, 'after': {'location': item.after}}
                          for item in items if item.action]
    return result


def header(item: Item) -> str:
    subject = item.message.get('subject')
    return f'{item.id} ({subject})' if subject else item.id


def undo(items: list[Item]) -> list[dict[str, t.Any]]:
    """What moves every moved message back: one entry per folder they came from (``state``, ``destination``,
    ``ids``), for email_security_message. Releases have no undo (nothing puts a message back in quarantine)."""
    back: dict[str, list[str]] = {}
    for item in items:
        if item.action != MOVE or item.outcome in ('not_attempted', 'unchanged', 'skipped'):
            continue
        if item.outcome == 'failed' and not any(entry['outcome'] == 'moved' for entry in item.recipients):
            continue
        if item.before in (UNKNOWN, QUARANTINE):
            continue
        back.setdefault(item.before, []).append(item.id)
    return [{'state': 'moved', 'destination': folder, 'ids': ids} for folder, ids in back.items()]
