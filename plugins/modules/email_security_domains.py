#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_domains
short_description: Manage many protected domains of Cloudflare Email Security in one task
version_added: 1.0.0
description:
  - Brings a whole list of protected email domains to the state given, in one task and a handful of requests.
  - Reads every domain of the account once (pages of 1000), compares each listed domain with its entry exactly as
    M(edgeops.cloudflare.email_security_domain) does, and sends the differences through the batch endpoint
    (C(POST .../domains/batch)) - creates for missing domains, minimal patches for differing ones, deletes for
    V(absent) ones and, with O(prune), for the domains not listed.
  - 'Requests per run: V(ceil(N/1000)) to read N domains, plus V(ceil(W/batch_size)) batch calls for W writes.
    Nothing is written when nothing differs, and nothing in check mode.'
  - Every entry is validated, and names listed twice are refused, before any request. When a domain to create
    lacks a setting the API requires to create it, the module fails before any write.
  - A batch call is a C(POST) and is never repeated after a 5xx or a lost answer. Whatever the API does with a
    failed call (the SDK documents batches as atomic; the module does not rely on it), the module reads the
    domains again, reports what was applied (RV(created), RV(updated), RV(deleted)) and what was not
    (RV(not_applied)), and fails with the API's message. Running it again applies the rest.
  - When the answer was lost (a 5xx or a dropped connection) and the re-read shows every operation applied, the
    account is in the desired state; the module then succeeds, with a warning saying so.
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
    details: The diff holds one entry per changed domain, sorted by name, with only the settings that change.
options:
  domains:
    description:
      - The desired state of each domain, one entry per domain.
      - Settings an entry does not name are not managed.
      - The alias O(entries) is the name every set module of the collection gives its list.
    type: list
    elements: dict
    required: true
    aliases: [entries]
    suboptions:
      domain:
        description:
          - The protected domain name, for example V(example.com). It identifies the domain.
        type: str
        required: true
      state:
        description:
          - V(present) creates the domain or updates the settings given; V(absent) deletes it.
        type: str
        choices: [present, absent]
        default: present
      allowed_delivery_modes:
        description:
          - How mail reaches Email Security for this domain. Compared as a set. Required to create a domain.
        type: list
        elements: str
        choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
      drop_dispositions:
        description:
          - The dispositions whose messages are dropped. Compared as a set. Required to create a domain.
        type: list
        elements: str
        choices: [MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM, BULK, ENCRYPTED, EXTERNAL, UNKNOWN, NONE]
      regions:
        description:
          - The regions where mail is processed. Compared as a set. Required to create a domain.
        type: list
        elements: str
        choices: [GLOBAL, AU, DE, IN, US]
      ip_restrictions:
        description:
          - Source IP ranges mail is accepted from (IPv4 or IPv6 CIDRs, or bare addresses). Compared as a set of
            canonical networks. Required to create a domain (V([]) is accepted).
        type: list
        elements: str
      folder:
        description:
          - The folder that API-scanning domains move messages to.
          - V("") clears it (null is sent); the API treats no folder and an empty one alike.
        type: str
        choices: ["", AllItems, Inbox]
      integration_id:
        description:
          - The UUID of the CASB integration that authorises the domain.
          - V("") clears it (null is sent).
        type: str
      lookback_hops:
        description:
          - How many hops are traced back through C(Received) headers, from 1 to 20.
        type: int
      require_tls_inbound:
        description:
          - Whether inbound mail must use TLS.
        type: bool
      require_tls_outbound:
        description:
          - Whether outbound mail must use TLS.
        type: bool
      transport:
        description:
          - The mail transport host name (the MX Cloudflare delivers to).
        type: str
  prune:
    description:
      - When V(true), the protected domains of the account that O(domains) does not list are deleted.
      - With V(true) and an empty O(domains), every protected domain of the account would be deleted; the
        mass-deletion guard (O(max_delete_percent)) refuses that once the account holds 10 or more. Run in check mode
        first.
    type: bool
    default: false
  batch_size:
    description:
      - How many operations (creates, patches and deletes together) go in one batch call.
      - V(0) sends one request per operation instead (C(DELETE), C(PATCH), C(POST)), should a token or an account
        lack the batch endpoint.
    type: int
    default: 1000
seealso:
  - module: edgeops.cloudflare.email_security_domain
  - module: edgeops.cloudflare.email_security_domain_info
  - name: Fleet reconcile and the nightly check-mode audit
    description: A nightly check-mode audit of a fleet of domains.
    link: https://example.invalid/edgeops/cloudflare/docs/docsite/guide_fleet_audit.html
  - name: Cloudflare API reference for Email Security domains
    description: The endpoints this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/
'''

EXAMPLES = r'''
- name: The protected domains, from a desired-state file
  edgeops.cloudflare.email_security_domains:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domains:
      - domain: example.com
        allowed_delivery_modes: [DIRECT]
        drop_dispositions: [MALICIOUS, SPOOF]
        ip_restrictions: [192.0.2.0/24]
        regions: [GLOBAL]
        require_tls_inbound: true
      - domain: example.net
        lookback_hops: 3
      - domain: old.example.org
        state: absent

# Exactly these domains, and no others: the unlisted ones are deleted.
- name: Reconcile the whole account
  edgeops.cloudflare.email_security_domains:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domains: "{{ protected_domains }}"  # noqa: args[module] - ansible-lint cannot check a templated list
    prune: true

# A nightly audit: run with --check --diff; it reports drift and never writes.
- name: Audit the fleet
  edgeops.cloudflare.email_security_domains:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domains: "{{ protected_domains }}"  # noqa: args[module] - ansible-lint cannot check a templated list
    prune: true
  check_mode: true
  diff: true
  register: audit

- name: Fail on drift
  ansible.builtin.assert:
    that: not audit.changed
    fail_msg: "Drifted: {{ audit.created + audit.updated + audit.deleted }}"
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
  sample: /home/ops/.ansible/backups/edgeops.cloudflare/domains_0123abcd_20261130T201513.123456Z.json
created:
  description: The names of the domains created (or that would be created in check mode), sorted.
  returned: always
  type: list
  elements: str
  sample: [example.com]
updated:
  description: The names of the domains updated (or that would be updated in check mode), sorted.
  returned: always
  type: list
  elements: str
  sample: [example.net]
deleted:
  description: The names of the domains deleted (or that would be deleted in check mode), sorted.
  returned: always
  type: list
  elements: str
  sample: [old.example.org]
headers:
  description: The one-line names of RV(created), RV(updated) and RV(deleted), in order; RV(changes) is keyed by them.
  returned: always
  type: dict
  sample: {created: [], updated: [], deleted: []}
changes:
  description:
    - For each created or updated domain, the settings sent (or that would be sent in check mode).
    - A deleted domain is not listed here (only its id is sent); see RV(deleted).
  returned: always
  type: dict
  sample:
    example.net:
      lookback_hops: 3
not_applied:
  description:
    - After a failed batch call, the names of the domains whose change was not applied, sorted.
    - When reading the domains again after the failure failed too, every domain of the plan is listed (none is
      confirmed).
  returned: failure
  type: list
  elements: str
  sample: [example.org]
diff:
  description:
    - One entry per changed domain, sorted by name, with the settings that change before and after.
  returned: when diff mode is on
  type: list
  elements: dict
  contains:
    before_header:
      description: The domain name.
      type: str
      returned: always
    after_header:
      description: The domain name.
      type: str
      returned: always
    before:
      description: The changed settings before; empty for a created domain, a deleted one in this module's input shape.
      type: dict
      returned: always
    after:
      description: The changed settings after; every setting sent for a created domain, empty for a deleted one.
      type: dict
      returned: always
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.set import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(DOMAINS), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module, DOMAINS)


if __name__ == '__main__':
    main()
