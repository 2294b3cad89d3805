#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_domain_info
short_description: List the protected domains of Cloudflare Email Security
version_added: 1.0.0
description:
  - Reads protected email domains of Cloudflare Email Security, all of them or those matching the filters given.
  - Reads with pages of 1000 domains, the largest the API serves. Requests per run are V(ceil(N/1000)) for N
    matching domains (at least 1), or 1 with O(domain_id).
  - Never changes anything.
author:
  - edgeops maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare.connection
  - edgeops.cloudflare.attributes
  - edgeops.cloudflare.attributes.actiongroup_cloudflare
  - edgeops.cloudflare.attributes.info_module
options:
  domain_id:
    description:
      - The identifier of one protected domain. RV(domains) then holds that domain, or nothing when there is no
        such domain.
      - Mutually exclusive with the filters.
    type: str
  domain:
    description:
      - Only the domains with these exact names (compared case-insensitively, without a trailing dot).
      - An empty list matches nothing, and no request is sent.
    type: list
    elements: str
  status:
    description:
      - Only the domains with this status.
    type: str
    choices: [pending, active, failed, timeout]
  integration_id:
    description:
      - Only the domains authorised by this CASB integration (a UUID).
    type: str
  allowed_delivery_mode:
    description:
      - Only the domains that allow this delivery mode.
    type: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  active_delivery_mode:
    description:
      - Only the domains whose active delivery mode is this one.
    type: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
seealso:
  - module: edgeops.cloudflare.email_security_domain
  - module: edgeops.cloudflare.email_security_domains
  - name: Cloudflare API reference for Email Security domains
    description: The endpoints this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/
'''

EXAMPLES = r'''
- name: Every protected domain of the account
  edgeops.cloudflare.email_security_domain_info:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
  register: protected

- name: Their names
  ansible.builtin.debug:
    msg: "{{ protected.domains | map(attribute='domain') | sort }}"

- name: Domains that are not active yet
  edgeops.cloudflare.email_security_domain_info:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    status: pending
  register: pending

- name: Two domains by name
  edgeops.cloudflare.email_security_domain_info:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    domain:
      - example.com
      - example.net
  register: two
'''

RETURN = r'''
domains:
  description:
    - The matching domain objects, as the API gives them, in the API's order.
  returned: success
  type: list
  elements: dict
  sample:
    - id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
      domain: example.com
      allowed_delivery_modes: [DIRECT]
      drop_dispositions: [MALICIOUS]
      ip_restrictions: [192.0.2.0/24]
      regions: [GLOBAL]
      lookback_hops: 2
      require_tls_inbound: true
      require_tls_outbound: true
      transport: mx.example.com
      folder: null
      integration_id: null
      status: active
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.info import (
    argument_spec, module_constraints, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(DOMAINS), supports_check_mode=True, **module_constraints(DOMAINS))
    run(module, DOMAINS)


if __name__ == '__main__':
    main()
