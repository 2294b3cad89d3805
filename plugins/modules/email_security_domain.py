#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_domain
short_description: Manage a protected domain of Cloudflare Email Security
version_added: 1.0.0
description:
  - Creates, updates or deletes one protected email domain of Cloudflare Email Security (Area 1).
  - Reads the domain once, compares its settings with the options given, and sends only the settings that
    differ (C(PATCH)). Options that are not given are not managed.
  - Lists are compared as sets (order and duplicates carry no meaning), CIDRs in canonical form
    (V(192.0.2.7/24) equals V(192.0.2.0/24), a bare address equals its V(/32) or V(/128)), host names
    case-insensitively and without a trailing dot, and an empty list equals no value.
  - 'Requests per run: 1 when nothing changes; 2 for an update, a create or a delete. Check mode sends no write.'
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
  diff_mode:
    support: full
options:
  domain_id:
    description:
      - The identifier of the protected domain.
      - With O(domain_id) the domain is read by id; a different O(domain) then renames it.
      - One of O(domain_id) and O(domain) is required.
    type: str
  domain:
    description:
      - The protected domain name, for example V(example.com).
      - Without O(domain_id) it identifies the domain (one request with the list endpoint's exact-name filter);
        a missing domain is then created when O(state=present).
    type: str
  state:
    description:
      - V(present) creates the domain or updates the settings given; V(absent) deletes it. Deleting cannot be undone.
    type: str
    choices: [present, absent]
    default: present
  allowed_delivery_modes:
    description:
      - How mail reaches Email Security for this domain. Compared as a set.
      - Required to create a domain.
    type: list
    elements: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  drop_dispositions:
    description:
      - The dispositions whose messages are dropped. Compared as a set.
      - Required to create a domain.
    type: list
    elements: str
    choices: [MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM, BULK, ENCRYPTED, EXTERNAL, UNKNOWN, NONE]
  regions:
    description:
      - The regions where mail is processed. Compared as a set.
      - Required to create a domain.
    type: list
    elements: str
    choices: [GLOBAL, AU, DE, IN, US]
  ip_restrictions:
    description:
      - Source IP ranges mail is accepted from (IPv4 or IPv6 CIDRs, or bare addresses); any other source is rejected.
      - Compared as a set of canonical networks. V([]) clears the list.
      - Required to create a domain (V([]) is accepted).
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
      - The mail transport host name (the MX Cloudflare delivers to), for example V(mx.example.com).
    type: str
seealso:
  - name: Cloudflare API reference for Email Security domains
    description: The endpoints this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/
'''

EXAMPLES = r'''
- name: Require TLS inbound on a domain, by id
  edgeops.cloudflare.email_security_domain:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain_id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    require_tls_inbound: true

- name: Restrict the sources of a domain, by name
  edgeops.cloudflare.email_security_domain:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain: example.com
    ip_restrictions:
      - 192.0.2.0/24
      - 2001:db8::/32

- name: Protect a new domain (created when missing)
  edgeops.cloudflare.email_security_domain:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain: example.net
    allowed_delivery_modes: [DIRECT]
    drop_dispositions: [MALICIOUS, SPOOF]
    ip_restrictions: []
    regions: [GLOBAL]
    lookback_hops: 2
    transport: mx.example.net

- name: Stop protecting a domain
  edgeops.cloudflare.email_security_domain:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain: example.org
    state: absent

# A nightly audit: run with --check --diff; it reports drift and never writes.
- name: Audit the settings of example.com
  edgeops.cloudflare.email_security_domain:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain: example.com
    regions: [GLOBAL]
    require_tls_inbound: true
  check_mode: true
  diff: true
  register: audit

- name: Fail the audit on drift
  ansible.builtin.assert:
    that: not audit.changed
    fail_msg: "example.com drifted: {{ audit.changes }}"

# Connection options once for every module of the collection; the token from the environment
# (CLOUDFLARE_API_TOKEN), for example injected by an AWX credential.
- name: Manage several domains with shared defaults
  module_defaults:
    group/edgeops.cloudflare.cloudflare:
      account_id: "{{ cloudflare_account_id }}"
  block:
    - name: Keep lookback hops at 3
      edgeops.cloudflare.email_security_domain:
        domain: "{{ item }}"
        lookback_hops: 3
      loop:
        - example.com
        - example.net
'''

RETURN = r'''
domain:
  description:
    - The domain object after the run, as the API describes it. It is the answer to the create or update,
      the object read when nothing changed, or the predicted object in check mode.
    - Empty after O(state=absent).
  returned: always
  type: dict
  sample:
    id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    domain: example.com
    allowed_delivery_modes: [DIRECT]
    drop_dispositions: [MALICIOUS]
    ip_restrictions: [192.0.2.0/24]
    regions: [GLOBAL]
    lookback_hops: 2
    require_tls_inbound: true
    require_tls_outbound: true
    transport: mx.example.com
    folder: AllItems
    status: active
changes:
  description:
    - The request body sent (or that would be sent in check mode) to create or update the domain.
    - Empty when nothing changes and for a delete.
  returned: always
  type: dict
  sample:
    require_tls_inbound: true
diff:
  description: The domain's identity and editable settings before and after the run.
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: Before the run; empty when the domain did not exist.
      type: dict
      returned: always
    after:
      description: After the run (predicted in check mode); empty when the domain is deleted.
      type: dict
      returned: always
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.single import (
    argument_spec, module_constraints, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(DOMAINS), supports_check_mode=True, **module_constraints(DOMAINS))
    run(module, DOMAINS)


if __name__ == '__main__':
    main()
