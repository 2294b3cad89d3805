#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_message_info
short_description: Find messages with the Cloudflare Email Security investigation search
version_added: 1.1.0
description:
  - Finds messages that Cloudflare Email Security scanned, with the investigation search (the dashboard's
    Investigation page), or reads one message by its investigation id (O(id)).
  - Reads through the search's cursor (C(result_info.next)), never the deprecated page numbers, with pages of up to
    1000 messages, newest first. Requests per run are V(ceil(N/1000)) for N messages found (at least 1; fewer per
    page when O(limit) is smaller), or 1 with O(id).
  - O(include) adds one request per message and per item (O(include=[detections, trace]) on 50 messages is 100 more
    requests).
  - When the API answers a search with HTTP 202 and a C(Location) (a slow search), the module polls that location
    (honouring C(Retry-After)) until the answer comes, for at most O(timeout) seconds.
  - Every option is checked before any request. Never changes anything.
author:
  - edgeops maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare.connection
  - edgeops.cloudflare.message_search
  - edgeops.cloudflare.attributes
  - edgeops.cloudflare.attributes.actiongroup_cloudflare
  - edgeops.cloudflare.attributes.info_module
options:
  id:
    description:
      - The investigation id of one message (the C(id) of a search result, for example
        C(4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678)), not its C(postfix_id).
      - RV(messages) then holds that message, or nothing when there is no message of that id.
      - Mutually exclusive with the search options.
    type: str
  include:
    description:
      - What to add to each message, each one more request per message.
      - V(detections) adds C(detections) (the findings, links, attachments, sender details and threat categories
        behind the disposition), V(trace) adds C(trace) (the delivery path, with moves and retractions), and
        V(action_log) adds C(action_log) (the moves, releases, previews and submissions after delivery).
    type: list
    elements: str
    choices: [detections, trace, action_log]
    default: []
  raw_dest:
    description:
      - Write the message's raw C(.eml) to this file (mode C(0600), replaced when it exists, its folder created),
        on the host that runs the module. The message is never put in the result; RV(raw_path), RV(raw_size) and
        RV(raw_sha256) are.
      - Requires O(id). One more request. Written in check mode too (it changes nothing in the account).
    type: path
  limit:
    description:
      - The most messages a search returns, newest first. When there were more, RV(truncated) is V(true).
    type: int
    default: 1000
seealso:
  - module: edgeops.cloudflare.email_security_message
  - name: Respond to a phish
    description: The collection's guide, by hand, by playbook, by rulebook, and the undo.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_respond.html
  - name: Cloudflare API reference for the Email Security investigation
    description: The endpoints this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/investigate/
'''

EXAMPLES = r'''
- name: Every copy of a phish, by its Message-ID, in the last week
  edgeops.cloudflare.email_security_message_info:
    message_id: "<5f1c2e@invoice-portal.example>"
    start: -7d
  register: copies

- name: The malicious detections of the last 24 hours, MALICIOUS-BEC included (filtered by the module)
  edgeops.cloudflare.email_security_message_info:
    start: -24h
    detections_only: true
    final_disposition: [MALICIOUS, MALICIOUS-BEC]
  register: detections

- name: One message with its detections and action log, and its raw .eml kept for the case file
  edgeops.cloudflare.email_security_message_info:
    id: "{{ investigation_id }}"
    include: [detections, action_log]
    raw_dest: "cases/{{ investigation_id }}.eml"
  register: found

- name: Show the sender and the disposition
  ansible.builtin.debug:
    msg: "{{ found.messages[0]['from'] }}: {{ found.messages[0].final_disposition }}"
  when: found.messages | length > 0
'''

RETURN = r'''
messages:
  description:
    - The messages found, newest first, each as the API gives it (C(id), C(postfix_id), C(from), C(to),
      C(subject), C(final_disposition), C(is_quarantined), C(scanned_at), C(delivery_status), ...), plus what
      O(include) asked for under C(detections), C(trace) and C(action_log).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e
      from: billing@invoice-portal.example
      subject: Invoice 2026-4411 overdue
      final_disposition: MALICIOUS
      is_quarantined: false
      client_recipients: [ana@example.com]
truncated:
  description: Whether O(limit) stopped a search that had more messages.
  returned: always
  type: bool
  sample: false
search:
  description:
    - The search sent to the API (times in ISO 8601, UTC), and under C(final_disposition) the dispositions the
      module filtered itself.
  returned: when searching
  type: dict
  sample: {start: '2026-11-24T09:00:00Z', end: '2026-12-01T09:00:00Z', detections_only: 'false', message_id: '<5f1c2e@invoice-portal.example>'}
raw_path:
  description: The file the raw message was written to, with O(raw_dest).
  returned: when O(raw_dest) is set and the message exists
  type: str
  sample: /home/ops/cases/4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e.eml
raw_size:
  description: The size of the raw message in bytes.
  returned: when O(raw_dest) is set and the message exists
  type: int
  sample: 48211
raw_sha256:
  description: The SHA-256 of the raw message, for the case file.
  returned: when O(raw_dest) is set and the message exists
  type: str
  sample: 3f0a0c6f1e4cbb2e8b8d7f2f8cc8e0d2b5b1d7a8c3c1f4e6a9d0b2c4e6f8a0b1
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.message_info import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module)


if __name__ == '__main__':
    main()
