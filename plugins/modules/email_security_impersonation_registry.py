#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_impersonation_registry
short_description: Manage the impersonation registry of Cloudflare Email Security in one task
version_added: 1.0.0
description:
- Brings the impersonation registry of an account (the people attackers are likely to impersonate) to the state given,
  in one task.
- 'Only entries made by hand are managed. Entries synced from a directory (Microsoft 365, Google) are read-only: never
  changed nor pruned, returned as RV(unmanaged); an entry that would change one fails saying why.'
- The directory fields (C(directory_id), C(directory_node_id), C(provenance), the deprecated C(external_directory_node_id))
  are never sent nor compared.
- 'Reads every registry entrie of the account once (pages of 1000), compares each listed entry with the object of the
  same key, and writes only the differences: creates for missing objects, minimal updates for differing ones, deletes
  for V(absent) entries and, with O(prune), for the objects not listed.'
- 'Requests per run: V(ceil(N/1000)) to read N objects, plus one request per write (the API has no batch endpoint for
  this resource). Nothing is written when nothing differs, and nothing in check mode.'
- Every entry is validated, and keys listed twice (in any spelling that compares equal) are refused, before any request.
  When objects to create lack a setting the API requires, one error lists them all, before any write.
- When several objects of the account share a listed key, the module fails before any write naming them; with O(prune=true)
  it keeps the oldest and deletes the others.
- When a write fails, the module stops, reads the objects again, reports what was applied and what was not (RV(not_applied)),
  and fails with the API's message. A create whose answer is lost is looked up, never sent twice.
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
    - The registry entries, one per address, identified by O(entries[].email) and O(entries[].is_email_regex).
    - Settings an entry does not name are not managed.
    type: list
    elements: dict
    required: true
    suboptions:
      email:
        description:
        - The address (compared without case), or a regular expression with O(entries[].is_email_regex=true) (compared
          exactly). Part of the key.
        type: str
        required: true
      is_email_regex:
        description:
        - Whether O(entries[].email) is a regular expression. Part of the key.
        type: bool
        default: false
      name:
        description:
        - The display name of the person, at most 1024 characters. Required to create an entry.
        type: str
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
    - When V(true), the registry entries of the account that O(entries) does not list are deleted (read-only ones excepted).
    - With V(true) and an empty O(entries), every one of them would be deleted; the mass-deletion guard
      (O(max_delete_percent)) refuses that once the account holds 10 or more. Run in check mode first.
    type: bool
    default: false
seealso:
- module: edgeops.cloudflare.email_security_domains
- name: 'Identities: the impersonation registry'
  description: The collection's guide, with a realistic playbook.
  link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_identities.html
- name: Cloudflare API reference for Email Security impersonation registry
  description: The endpoints this module calls.
  link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/impersonation_registry/
'''

EXAMPLES = r'''
- name: The executives attackers pretend to be
  edgeops.cloudflare.email_security_impersonation_registry:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    entries:
      - email: jane.doe@example.com
        name: Jane Doe (CEO)
      - email: cfo@example.com
        name: Ravi Kumar (CFO)
        comments: Also signs wire transfers
    prune: true  # directory-synced entries are never pruned
  register: registry

- name: Show the entries the directory owns
  ansible.builtin.debug:
    var: registry.unmanaged
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
  sample: /home/ops/.ansible/backups/edgeops.cloudflare/impersonation_registry_0123abcd_20261130T201513.123456Z.json
created:
  description: The registry entries created (or that would be created in check mode), each named by its key fields, in key order.
  returned: always
  type: list
  elements: dict
  sample: [{email: jane.doe@example.com, is_email_regex: false}]
updated:
  description: The registry entries updated (or that would be updated in check mode), each named by its key fields.
  returned: always
  type: list
  elements: dict
  sample: []
deleted:
  description: The registry entries deleted (or that would be deleted in check mode), each named by its key fields.
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
  sample: {'email=jane.doe@example.com is_email_regex=False': {name: Jane Doe (CEO)}}
unmanaged:
  description:
    - The objects of the account the module leaves alone, entries synced from a directory (provenance other than
      null or A1S_INTERNAL); each named by its key fields, with the C(reason).
    - They are never changed nor pruned.
  returned: always
  type: list
  elements: dict
  sample: [{email: sam@example.com, is_email_regex: false, reason: '...'}]
not_applied:
  description:
    - After a failed write, the registry entries whose change was not applied, named by their key fields.
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

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.impersonation_registry import (
    IMPERSONATION_REGISTRY,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.set import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(IMPERSONATION_REGISTRY), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module, IMPERSONATION_REGISTRY)


if __name__ == '__main__':
    main()
