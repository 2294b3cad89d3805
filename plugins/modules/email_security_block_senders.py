#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_block_senders
short_description: Manage the blocked senders of Cloudflare Email Security in one task
version_added: 1.0.0
description:
- Brings the blocked senders of an account to the state given, in one task and a handful of requests.
- Mail that matches a blocked sender is given the MALICIOUS disposition.
- 'Reads every blocked sender of the account once (pages of 1000), compares each listed entry with the object of the same
  key, and writes only the differences: creates for missing objects, minimal updates for differing ones, deletes for V(absent)
  entries and, with O(prune), for the objects not listed.'
- 'Requests per run: V(ceil(N/1000)) to read N objects, plus V(ceil(W/batch_size)) batch calls for W writes (one request
  per write with O(batch_size=0)). Nothing is written when nothing differs, and nothing in check mode.'
- Every entry is validated, and keys listed twice (in any spelling that compares equal) are refused, before any request.
  When objects to create lack a setting the API requires, one error lists them all, before any write.
- When several objects of the account share a listed key, the module fails before any write naming them; with O(prune=true)
  it keeps the oldest and deletes the others.
- 'A batch call is a C(POST) and is never repeated after a 5xx or a lost answer. The SDK documents batches as atomic and
  run in order (deletes, patches, posts); the module does not rely on it: after a failed call it reads the objects again,
  reports what was applied and what was not (RV(not_applied)), and fails with the API''s message; when the answer was
  lost and the re-read shows everything applied, it succeeds with a warning.'
author:
- edgeops maintainers (@edgeops)
extends_documentation_fragment:
- edgeops.cloudflare.connection
- edgeops.cloudflare.attributes
- edgeops.cloudflare.attributes.idempotent
- edgeops.cloudflare.safe_changes
- edgeops.cloudflare.attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff holds one entry per changed object, with only the settings that change.
options:
  entries:
    description:
    - The blocked senders, one entry per pattern, identified by O(entries[].pattern_type), O(entries[].pattern) and O(entries[].is_regex).
    - Settings an entry does not name are not managed.
    type: list
    elements: dict
    required: true
    suboptions:
      pattern_type:
        description:
        - 'What O(entries[].pattern) is: an e-mail address (V(EMAIL)), a host name (V(DOMAIN)) or a public IPv4 or IPv6
          address or CIDR (V(IP)). Part of the key.'
        - The deprecated V(UNKNOWN) cannot be written; rows that still have it are left alone (RV(unmanaged)).
        type: str
        choices:
        - EMAIL
        - DOMAIN
        - IP
        required: true
      pattern:
        description:
        - 'The sender to block: an e-mail address for V(EMAIL), a host name for V(DOMAIN), a public address or CIDR for
          V(IP), or a Java regular expression with O(entries[].is_regex=true). At most 1024 characters. Part of the key.'
        - 'Compared as the API compares it: addresses without case, host names without case or a trailing dot, networks
          canonically (V(198.51.100.7) equals V(198.51.100.7/32)), regular expressions exactly.'
        - Private, unique-local, loopback, link-local, unspecified and broadcast ranges (also IPv4-mapped) are refused.
        type: str
        required: true
      is_regex:
        description:
        - Whether O(entries[].pattern) is a regular expression. Part of the key.
        type: bool
        default: false
      comments:
        description:
        - A comment, at most 1024 characters. V("") clears it (null is sent); V("") and null compare equal.
        type: str
      state:
        description:
        - V(present) creates the object or updates the settings given; V(absent) deletes it.
        type: str
        choices:
        - present
        - absent
        default: present
  prune:
    description:
    - When V(true), the blocked senders of the account that O(entries) does not list are deleted (read-only ones excepted).
    - With V(true) and an empty O(entries), every one of them would be deleted; the mass-deletion guard
      (O(max_delete_percent)) refuses that once the account holds 10 or more. Run in check mode first.
    type: bool
    default: false
  batch_size:
    description:
    - How many operations (creates, updates and deletes together) go in one batch call.
    - V(0) sends one request per operation instead, should a token or an account lack the batch endpoint.
    type: int
    default: 1000
seealso:
- module: edgeops.cloudflare.email_security_domains
- name: 'Sender policies: allow policies, blocked senders and trusted domains'
  description: The collection's guide, with a realistic playbook.
  link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_sender_policies.html
- name: Cloudflare API reference for Email Security blocked senders
  description: The endpoints this module calls.
  link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/block_senders/
'''

EXAMPLES = r'''
- name: Block a phishing campaign's senders
  edgeops.cloudflare.email_security_block_senders:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    entries:
      - pattern_type: DOMAIN
        pattern: invoice-portal.example
        comments: Campaign 2026-11
      - pattern_type: EMAIL
        pattern: billing@invoice-portal.example
      - pattern_type: EMAIL
        pattern: '^ceo\.[a-z]+@gmail\.com$'
        is_regex: true
      - pattern_type: IP
        pattern: 203.0.113.66
'''

RETURN = r'''
previous:
  description:
    - For each updated object, the values its changed settings had before, by the same one-line name as RV(changes).
  returned: always
  type: dict
  sample: {}
backup_path:
  description:
    - The backup file written before the first write, with O(backup=true); see O(backup).
  returned: when O(backup=true) and something changed, outside check mode
  type: str
  sample: /home/ops/.ansible/backups/edgeops.cloudflare/block_senders_0123abcd_20261130T201513.123456Z.json
created:
  description: The blocked senders created (or that would be created in check mode), each named by its key fields, in key order.
  returned: always
  type: list
  elements: dict
  sample: [{pattern_type: DOMAIN, pattern: phish.example, is_regex: false}]
updated:
  description: The blocked senders updated (or that would be updated in check mode), each named by its key fields.
  returned: always
  type: list
  elements: dict
  sample: []
deleted:
  description: The blocked senders deleted (or that would be deleted in check mode), each named by its key fields.
  returned: always
  type: list
  elements: dict
  sample: []
headers:
  description: The one-line names of RV(created), RV(updated) and RV(deleted), in order; RV(changes) is keyed by them.
  returned: always
  type: dict
  sample: {created: [], updated: [], deleted: []}
changes:
  description:
    - For each created or updated object, the settings sent (or that would be sent in check mode), by a one-line
      name of the object (its key fields).
    - A deleted object is not listed here (only its id is sent); see RV(deleted).
  returned: always
  type: dict
  sample: {'pattern_type=DOMAIN pattern=phish.example is_regex=False': {comments: campaign 42}}
unmanaged:
  description:
    - The objects of the account the module leaves alone, legacy rows whose pattern_type is UNKNOWN (the API no
      longer accepts it); each named by its key fields, with the C(reason).
    - They are never changed nor pruned.
  returned: always
  type: list
  elements: dict
  sample: [{pattern_type: UNKNOWN, pattern: old.example, is_regex: false, reason: '...'}]
not_applied:
  description:
    - After a failed write, the blocked senders whose change was not applied, named by their key fields.
  returned: failure
  type: list
  elements: dict
diff:
  description: One entry per changed object, in key order, with the settings that change before and after.
  returned: when diff mode is on
  type: list
  elements: dict
  contains:
    before_header:
      description: A one-line name of the object (its key fields).
      type: str
      returned: always
    after_header:
      description: A one-line name of the object (its key fields).
      type: str
      returned: always
    before:
      description: The changed settings before; empty for a created object, a deleted one in this module's input shape.
      type: dict
      returned: always
    after:
      description: The changed settings after; every setting sent for a created object, empty for a deleted one.
      type: dict
      returned: always
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.block_senders import BLOCK_SENDERS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.set import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(BLOCK_SENDERS), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module, BLOCK_SENDERS)


if __name__ == '__main__':
    main()
