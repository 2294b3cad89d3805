#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_settings
short_description: Apply (or audit) the Email Security settings of a whole Cloudflare account in one task
version_added: 1.0.0
description:
  - Brings every settings resource that O(settings) names to the state given, in one module run. O(settings) has the
    shape M(edgeops.cloudflare.email_security_settings_info) returns; a resource it does not name is not touched.
  - Every entry of every resource is validated before any request, as that resource's set module validates it (the
    error names the resource). Then the named resources are read concurrently (at most 8 reads in flight over one
    keep-alive connection pool, with the set modules' retries and complete-read checks), each is planned by the same
    engine as its set module (duplicates in the account, read-only rows, the mass-deletion guard), and every guard is
    checked before any write.
  - 'Writes go resource by resource in a safe order, domains first, through the batch endpoint where the API has one
    (one request per change for the impersonation registry, sending-domain restrictions and URL ignore patterns). A
    failed write stops the run: the resource is read again, and the result says per resource what was applied and
    what was not (RV(summary)).'
  - 'Requests: one read per resource of up to 1000 objects, then the writes; an unchanged account costs only the reads.
    Nothing is written in check mode.'
  - The role C(edgeops.cloudflare.email_security) runs this module; the set modules stay for per-resource use.
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
    details: The diff holds one entry per changed object, headed by the resource and the object's key.
options:
  settings:
    description:
      - 'Resource name to the list of its entries: the format of the settings file, resource by resource. Each
        entry takes the options of one entry of that resource''s set module, documented there:'
      - C(domains) - O(edgeops.cloudflare.email_security_domains#module:domains).
      - C(allow_policies) - O(edgeops.cloudflare.email_security_allow_policies#module:entries).
      - C(block_senders) - O(edgeops.cloudflare.email_security_block_senders#module:entries).
      - C(trusted_domains) - O(edgeops.cloudflare.email_security_trusted_domains#module:entries).
      - C(content_policies) - O(edgeops.cloudflare.email_security_content_policies#module:entries).
      - C(impersonation_registry) - O(edgeops.cloudflare.email_security_impersonation_registry#module:entries).
      - C(sending_domain_restrictions) - O(edgeops.cloudflare.email_security_sending_domain_restrictions#module:entries).
      - C(url_ignore_patterns) - O(edgeops.cloudflare.email_security_url_ignore_patterns#module:entries).
      - Any other name is refused before any request. A resource the dict leaves out is not touched.
      - One of O(settings) and O(settings_file) is required.
    type: dict
  settings_file:
    description:
      - A file holding O(settings), JSON (YAML when its name ends in C(.yml) or C(.yaml)), as
        C(examples/export.yml) writes it; read by the module on the host that runs it (with a local connection,
        the controller).
      - 'For a large account this is much faster than O(settings): the file is parsed once, by the module, instead
        of being loaded, templated and shipped by the controller (an audit of 1,000 objects per resource: about 2 s
        less).'
    type: path
  prune:
    description:
      - When V(true), the objects of a named resource that its list does not hold are deleted (read-only ones
        excepted), within the mass-deletion guard (O(max_delete_percent)).
    type: bool
    default: false
  backup:
    description:
      - Before the first write, write one file for the account and return its path as RV(backup_path). It holds
        every resource this run changes, and only those, as they were before the run.
      - 'The file is JSON in the shape of O(settings): C({"block_senders": [entries], "domains": [entries], ...}),
        written as C(examples/export.yml) writes a settings file, resources, options and sets sorted, so that a diff
        between the two shows real changes only. Each entry is in its set module''s input shape, read-only objects
        left out, one object per key. Applied back as O(settings_file) with O(prune=true) and
        O(max_delete_percent=100), it is the rollback of the whole run.'
      - 'Where several objects share a key, the entry is the oldest, the one O(prune) keeps; the newer ones the run
        deletes are kept after the resources, under C(pruned_duplicates), for example C({"block_senders": [entries]}). No apply
        brings them back, since a run keeps one object per key; they are there for their settings, to merge by hand.
        Applied back, the file''s C(pruned_duplicates) is skipped with a warning.'
      - Its default name is C(settings_<account_id>_<UTC timestamp>.json), in the folder O(backup_options) names.
        An existing file is never replaced; a taken name gets C(-1), C(-2) and so on before its suffix.
      - The backup is written from the reads the plans were made from, so it costs no request. None is written in
        check mode, nor when nothing changes. When it cannot be written, the module fails before any write.
    type: bool
    default: false
seealso:
  - module: edgeops.cloudflare.email_security_settings_info
  - name: Bring an existing account under management
    description: The collection's guide to export, audit, edit and apply a whole account.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_account.html
  - name: Safe changes
    description: The collection's guide to the guard, backups and rollback, complete reads and the report.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_safe_changes.html
'''

EXAMPLES = r'''
- name: Export the account
  edgeops.cloudflare.email_security_settings_info:
  register: account

- name: Apply the reviewed file (in check mode with --diff, audit it)
  edgeops.cloudflare.email_security_settings:
    settings_file: "{{ playbook_dir }}/account.json"
    prune: true
    backup: true
  register: applied

- name: Block one more sender and trust a partner, touching no other resource
  edgeops.cloudflare.email_security_settings:
    settings:
      block_senders:
        - {pattern_type: DOMAIN, pattern: fake-invoices.example}
      trusted_domains:
        - {pattern: partner.example, is_recent: true, is_similarity: false}
'''

RETURN = r'''
summary:
  description:
    - Per resource named in O(settings) (or O(settings_file)), what was (or in check mode would be) changed. After a
      failed write, what was applied, with C(failed), C(msg) and the objects not applied.
  returned: always
  type: dict
  contains:
    changed:
      description: Whether the resource was (or would be) changed.
      type: bool
      returned: always
    created:
      description: The objects created, each named by its key (a value, or a dict of the key fields).
      type: list
      elements: raw
      returned: always
    updated:
      description: The objects updated, named by key.
      type: list
      elements: raw
      returned: always
    deleted:
      description: The objects deleted, named by key.
      type: list
      elements: raw
      returned: always
    unmanaged:
      description: The read-only objects left alone (directory-synced entries, legacy rows), with the C(reason).
      type: list
      elements: dict
      returned: always
    headers:
      description:
        - The one-line name of each object of C(created), C(updated) and C(deleted), in the same order; C(changes) and
          C(previous) are keyed by these names, and the report filter names objects by them.
      type: dict
      returned: always
    changes:
      description: For each created or updated object, the settings sent, by the object's one-line name.
      type: dict
      returned: always
    previous:
      description: For each updated object, the values the changed settings had before.
      type: dict
      returned: always
    failed:
      description: Whether this resource was refused (the guard) or its write failed or was not attempted.
      type: bool
      returned: always
    msg:
      description: Why, when C(failed).
      type: str
      returned: always
    not_applied:
      description: After a failed write, the objects of this resource whose change was not applied.
      type: list
      elements: raw
      returned: failure
  sample:
    block_senders:
      changed: true
      created: [{pattern_type: DOMAIN, pattern: fake-invoices.example, is_regex: false}]
      updated: []
      deleted: []
      unmanaged: []
      headers: {created: ['pattern_type=DOMAIN pattern=fake-invoices.example is_regex=False'], updated: [], deleted: []}
      changes: {'pattern_type=DOMAIN pattern=fake-invoices.example is_regex=False': {pattern_type: DOMAIN}}
      previous: {}
      failed: false
      msg: ''
counts:
  description:
    - Per resource named in O(settings), how many objects were (or would be) created, updated, deleted and left
      alone (read-only), and whether it failed; what the role publishes with C(set_stats).
  returned: always
  type: dict
  sample: {block_senders: {created: 1, updated: 0, deleted: 0, unmanaged: 1, failed: false}}
backup_path:
  description: The backup file written before the first write, with O(backup=true); see O(backup).
  returned: when O(backup=true) and something changed, outside check mode
  type: str
  sample: /home/ops/.ansible/backups/edgeops.cloudflare/settings_0123abcd_20261130T201513.123456Z.json
diff:
  description: One entry per changed object, resources in the order they are applied, objects in key order.
  returned: when diff mode is on
  type: list
  elements: dict
  contains:
    before_header:
      description: The resource and the object's one-line name.
      type: str
      returned: always
    after_header:
      description: The resource and the object's one-line name.
      type: str
      returned: always
    before:
      description:
        - The changed settings before; empty for a created object, the object in the module's input shape for a
          deleted one.
      type: dict
      returned: always
    after:
      description: The changed settings after; empty for a deleted object.
      type: dict
      returned: always
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.settings import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module)


if __name__ == '__main__':
    main()
