#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: email_security_settings_info
short_description: Export the Email Security settings of a Cloudflare account, ready to apply
version_added: 1.0.0
description:
  - Reads every settings resource asked for (all eight by default) and returns each as the list of entries its set
    module takes, so the account can be written to a file, committed, reviewed and then enforced.
  - 'Each entry holds the key fields and the settings the API holds a value for: ids, timestamps, read-only and
    deprecated fields, and unset (null) settings are left out. Entries are sorted by key.'
  - Where several objects of a resource share a key (the API allows it), only the oldest is exported, the one the
    set modules keep with O(edgeops.cloudflare.email_security_domains#module:prune=true), which then deletes the
    others.
  - Directory-synced impersonation entries and legacy allow-policy and blocked-sender rows (C(pattern_type=UNKNOWN))
    are left out (the set modules never change them) and counted in RV(unmanaged).
  - 'Requests: V(ceil(N/1000)) reads per resource of N objects; nothing else. Never changes anything.'
author:
  - edgeops maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare.connection
  - edgeops.cloudflare.attributes
  - edgeops.cloudflare.attributes.actiongroup_cloudflare
  - edgeops.cloudflare.attributes.info_module
options:
  resources:
    description:
      - The resources to read. They are returned (and should be applied) in the order of the choices, domains first.
    type: list
    elements: str
    choices: [domains, allow_policies, block_senders, trusted_domains, content_policies, impersonation_registry,
              sending_domain_restrictions, url_ignore_patterns]
    default: [domains, allow_policies, block_senders, trusted_domains, content_policies, impersonation_registry,
              sending_domain_restrictions, url_ignore_patterns]
  include_objects:
    description:
      - Also return the objects as the API gives them, under RV(objects).
    type: bool
    default: false
seealso:
  - module: edgeops.cloudflare.email_security_domains
  - module: edgeops.cloudflare.email_security_allow_policies
  - module: edgeops.cloudflare.email_security_block_senders
'''

EXAMPLES = r'''
- name: Read the account's Email Security settings
  edgeops.cloudflare.email_security_settings_info:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
  register: account

- name: Write them to a file to commit (JSON loads fast for large accounts; YAML works too)
  ansible.builtin.copy:
    content: "{{ account.settings | to_nice_json }}"
    dest: email_security.json
    mode: "0644"

- name: Apply the blocked senders of that file back, exactly
  edgeops.cloudflare.email_security_block_senders:
    account_id: "{{ cloudflare_account_id }}"
    api_token: "{{ cloudflare_api_token }}"
    entries: "{{ account.settings.block_senders }}"
    prune: true
'''

RETURN = r'''
settings:
  description:
    - By resource, its entries in the input shape of its set module, sorted by key; the shape
      O(edgeops.cloudflare.email_security_settings#module:settings) takes, which names each resource's entry options.
  returned: always
  type: dict
  sample:
    domains:
      - domain: example.com
        allowed_delivery_modes: [DIRECT]
        drop_dispositions: [MALICIOUS]
        ip_restrictions: [192.0.2.0/24]
        regions: [GLOBAL]
        lookback_hops: 2
        require_tls_inbound: true
        require_tls_outbound: false
        transport: mx.example.com
    block_senders:
      - pattern_type: DOMAIN
        pattern: phish.example
        is_regex: false
unmanaged:
  description: By resource, how many objects were left out because they are read-only.
  returned: always
  type: dict
  sample: {impersonation_registry: 3, block_senders: 0}
objects:
  description: By resource, the objects as the API gives them.
  returned: when O(include_objects=true)
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.settings_info import (
    MODULE_CONSTRAINTS, argument_spec, run,
)


def main() -> None:
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True, **MODULE_CONSTRAINTS)
    run(module)


if __name__ == '__main__':
    main()
