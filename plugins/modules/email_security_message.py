#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_message
short_description: Move or release messages with Cloudflare Email Security
version_added: 1.1.0
description:
  - Brings a selection of messages (O(ids), or everything a O(search) finds) to a state, O(state=moved) (in a
    mailbox folder, for example out of the inboxes after a phish) or O(state=released) (delivered out of
    quarantine, after a false positive).
  - 'Reads where each selected message is first and acts only on those not already there: a re-run sends reads
    only and reports no change. No field of the API says where a message is; the module assumes this:
    a message with C(is_quarantined) is in no folder; otherwise the latest move or release in its action log
    decides (a successful move puts it in that move''s folder, a successful release in C(Inbox), one that did not
    succeed leaves its place unknown, and it is moved again); with no such entry it is where delivery put it, taken
    as C(Inbox).'
  - A message's own action log is used when it tells; otherwise, for a message that was moved or released since
    delivery, its action log is read (one more request).
  - 'Requests per run: the reads (V(ceil(N/1000)) pages for a search of N messages, or one per id), the action logs
    needed, and V(ceil(W/chunk_size)) writes for W messages to move or release. Nothing is written when every
    message is where it should be, and nothing in check mode.'
  - A quarantined message cannot be moved (it is in no mailbox); O(state=moved) skips it and says so. A message
    that is not quarantined is already released.
  - 'Rails: a plan that would move or release more than O(max_messages) messages is refused before any write, in
    check mode too (a bad search must not empty the company''s inboxes); releasing a message whose disposition is
    C(MALICIOUS) or C(MALICIOUS-BEC) needs O(allow_malicious=true).'
  - Every move returns where each message was (RV(messages[].before)) and RV(undo), the tasks that move them back.
    A release has no undo, as nothing puts a message back into quarantine (move it out of the inbox instead).
  - A move or release is a C(POST) and is never repeated blindly. When its answer is lost, the module reads the
    messages again; when they all arrived it goes on with a warning, otherwise it fails saying what was done, and
    a re-run finishes the rest. When some recipients fail, the module fails after the other writes, naming them in
    RV(messages[].recipients); a re-run acts only on the messages not done.
author:
  - edgeops maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare.connection
  - edgeops.cloudflare.attributes
  - edgeops.cloudflare.attributes.idempotent
  - edgeops.cloudflare.attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
    details: Lists what would be moved or released (RV(messages), RV(counts)) and sends no move, release or bulk job.
  diff_mode:
    support: full
    details: One entry per message to move or release, its location before and after.
options:
  ids:
    description:
      - The investigation ids of the messages (the C(id) of M(edgeops.cloudflare.email_security_message_info)'s
        results), not their C(postfix_id). One read each.
      - An id of no message fails the task before any write.
      - Mutually exclusive with O(search); one of them is required.
    type: list
    elements: str
  search:
    description:
      - The messages a search finds, with the options of M(edgeops.cloudflare.email_security_message_info) (every
        copy of a phish by O(search.message_id), a sender's messages of a day, ...).
      - The search is read to the end (the run stops reading, and is refused, once more than O(max_messages)
        messages would be moved or released).
    type: dict
    suboptions:
      query:
        description: Space-separated terms over sender, recipients, subject, attachment names and hashes and Message-ID.
        type: str
      start:
        description:
          - The earliest scan time (inclusive), ISO 8601 or relative to now (V(-24h), V(-7d)); sent as ISO 8601 in UTC.
        type: str
        default: -30d
      end:
        description: The latest scan time (inclusive), in the forms of O(search.start).
        type: str
        default: now
      final_disposition:
        description:
          - Only the messages with one of these dispositions; one value the search filter knows is filtered by the
            API, others (V(MALICIOUS-BEC), several values, ...) by the module after the read.
        type: list
        elements: str
        choices: [MALICIOUS, SUSPICIOUS, SPOOF, SPAM, BULK, NONE, MALICIOUS-BEC, ENCRYPTED, EXTERNAL, UNKNOWN]
      detections_only:
        description: Only messages given a disposition. Always sent.
        type: bool
        default: false
      sender:
        description: The sender, an address or a domain.
        type: str
      recipient:
        description: A recipient, an address or a domain.
        type: str
      subject:
        description: Keywords of the subject, in any order.
        type: str
      message_id:
        description: The RFC 5322 Message-ID header, with or without the angle brackets.
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
  state:
    description:
      - V(moved) puts the messages in O(destination), for every recipient.
      - V(released) delivers quarantined messages to their recipients (in C(Inbox)).
    type: str
    required: true
    choices: [moved, released]
  destination:
    description:
      - The folder, with O(state=moved); required then.
      - V(JunkEmail) (junk), V(DeletedItems) (trash), V(RecoverableItemsDeletions) (soft delete, recoverable by the
        user; Microsoft 365 only), V(RecoverableItemsPurges) (hard delete, recoverable by an administrator), or
        V(Inbox) (the undo of the others). Moves need an active mailbox integration.
    type: str
    choices: [Inbox, JunkEmail, DeletedItems, RecoverableItemsDeletions, RecoverableItemsPurges]
  max_messages:
    description:
      - The most messages one run may move or release. A plan with more is refused before any write, in check mode
        too, with the count; raise this after checking the selection.
      - Messages already where they should be do not count.
    type: int
    default: 100
  allow_malicious:
    description:
      - Allow releasing messages whose disposition is V(MALICIOUS) or V(MALICIOUS-BEC). Without it a release that
        holds one is refused before any write, naming them.
    type: bool
    default: false
  chunk_size:
    description:
      - How many messages go in one move or release request, from 1 to 100.
    type: int
    default: 100
  bulk_threshold:
    description:
      - When a O(search) has more messages to move or release than this, one bulk job of the API does the work
        (created with the same search, then waited for with O(wait)) instead of requests of O(chunk_size).
      - A bulk job acts on what its search matches when it runs, so messages that arrived since the read are moved
        too (and reported). It takes one disposition; a bulk release without O(allow_malicious) needs
        O(search.final_disposition) set to one disposition that is not malicious.
      - V(0) never uses a bulk job. O(max_messages) still applies.
    type: int
    default: 1000
  wait:
    description:
      - Wait for a bulk job to end (polling it, 0.5 s growing to 10 s between polls), then return its counters and
        each message's outcome per recipient. With V(false) the module returns as soon as the job is created.
    type: bool
    default: true
  wait_timeout:
    description:
      - The most seconds to wait for a bulk job. When it is still running then, the module fails saying so; the job
        goes on.
    type: int
    default: 600
  comment:
    description:
      - A comment kept with a bulk job.
    type: str
seealso:
  - module: edgeops.cloudflare.email_security_message_info
  - name: Respond to a phish
    description: The collection's guide, by hand, by playbook, by rulebook, and the undo.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_respond.html
  - name: Cloudflare API reference for the Email Security investigation
    description: The endpoints this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/investigate/
'''

EXAMPLES = r'''
- name: Pull every copy of a phish out of the inboxes (hard delete, recoverable by an administrator)
  edgeops.cloudflare.email_security_message:
    search:
      message_id: "<5f1c2e@invoice-portal.example>"
      start: -7d
    state: moved
    destination: RecoverableItemsPurges
  register: pulled

- name: Keep the undo for the ticket
  ansible.builtin.copy:
    content: "{{ pulled.undo | to_nice_yaml }}"
    dest: "tickets/undo-{{ ticket }}.yml"
    mode: "0600"

- name: The undo - put each message back where it was
  edgeops.cloudflare.email_security_message:
    ids: "{{ item.ids }}"
    state: moved
    destination: "{{ item.destination }}"
  loop: "{{ pulled.undo }}"

- name: Release a false positive from quarantine
  edgeops.cloudflare.email_security_message:
    ids:
      - 4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e
    state: released

- name: Release a whole day of newsletters held as BULK, through one bulk job
  edgeops.cloudflare.email_security_message:
    search:
      sender: news.example.org
      final_disposition: BULK
      delivery_status: quarantined
      start: "2026-12-01T00:00:00Z"
      end: "2026-12-01T23:59:59Z"
    state: released
    max_messages: 5000
    bulk_threshold: 500
'''

RETURN = r'''
messages:
  description:
    - One entry per selected message, in the order read, with what was (or in check mode would be) done.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The investigation id.
      type: str
      returned: always
    subject:
      description:
        - The subject, when the API gives it (also C(from), C(client_recipients), C(final_disposition), C(message_id),
          C(scanned_at)).
      type: str
      returned: when known
    before:
      description:
        - Where the message was, a folder (V(Inbox), V(JunkEmail), ...), V(quarantine) (in no mailbox), or
          V(unknown) (its last move did not succeed).
      type: str
      returned: always
    after:
      description: Where it is after the run (or in check mode would be), in the same terms.
      type: str
      returned: always
    outcome:
      description:
        - V(moved) or V(released) (done for every recipient); V(would_move) or V(would_release) (check mode);
          V(unchanged) (already there); V(skipped) (a quarantined message to move, see C(reason)); V(failed) (for
          at least one recipient, see C(recipients)); V(not_attempted) (an earlier request failed);
          V(unconfirmed) (the answer held no result for it; a re-run tells); V(submitted) (handed to a bulk job
          not waited for).
      type: str
      returned: always
    recipients:
      description:
        - The API's result per recipient, C(recipient), C(outcome) (V(moved), V(released), V(failed), V(skipped)) and,
          unless it succeeded, C(reason) (the API's status text, as given).
      type: list
      elements: dict
      returned: always
    reason:
      description: Why it was skipped, or why it failed.
      type: str
      returned: when skipped or failed
  sample:
    - id: 4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e
      subject: Invoice 2026-4411 overdue
      before: Inbox
      after: RecoverableItemsPurges
      outcome: moved
      recipients: [{recipient: ana@example.com, outcome: moved}]
counts:
  description: How many messages were selected, and how many have each RV(messages[].outcome).
  returned: always
  type: dict
  sample: {selected: 3, moved: 3}
undo:
  description:
    - What moves the moved messages back, one entry per folder they came from, C(state), C(destination) and C(ids),
      ready for a loop over this module (see the examples). Messages whose place before was unknown are not in it.
    - Empty for a release.
  returned: always
  type: list
  elements: dict
  sample: [{state: moved, destination: Inbox, ids: [4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e]}]
search:
  description: The search sent to the API (times in ISO 8601, UTC), with O(search).
  returned: with O(search)
  type: dict
  sample: {start: '2026-11-24T09:00:00Z', end: '2026-12-01T09:00:00Z', detections_only: 'false', message_id: '<5f1c2e@invoice-portal.example>'}
job:
  description:
    - The bulk job, as the API gives it (C(job_id), C(status), C(total_messages_discovered), C(messages_pending),
      C(messages_successful), C(messages_failed), C(messages_skipped), ...), when one did the work.
  returned: when a bulk job was created
  type: dict
  sample: {job_id: 2f9c..., status: COMPLETED, total_messages_discovered: 1500, messages_successful: 1500, messages_failed: 0}
diff:
  description: One entry per message to move or release, its C(location) before and after.
  returned: when diff mode is on
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.messages import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module)


if __name__ == '__main__':
    main()
