# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:

    # The connection options every module of this collection takes.
    DOCUMENTATION = r'''
options:
  api_token:
    description:
      - 'A Cloudflare API token, sent as C(Authorization: Bearer <token>). The preferred way to authenticate.'
      - Needs the C(Email Security) read permission for reads and the edit permission for changes.
      - If not set, the value of the E(CLOUDFLARE_API_TOKEN) environment variable is used.
      - Mutually exclusive with O(api_key). One of O(api_token) and O(api_key) is required.
    type: str
  api_key:
    description:
      - The legacy global API key, sent as C(X-Auth-Key) together with O(api_email) as C(X-Auth-Email).
      - If not set, the value of the E(CLOUDFLARE_API_KEY) environment variable is used.
      - Requires O(api_email). Mutually exclusive with O(api_token).
    type: str
  api_email:
    description:
      - The e-mail address of the Cloudflare user whose O(api_key) is given.
      - If not set, the value of the E(CLOUDFLARE_EMAIL) environment variable is used.
    type: str
  account_id:
    description:
      - The Cloudflare account that holds the Email Security settings.
      - Required. If not set, the value of the E(CLOUDFLARE_ACCOUNT_ID) environment variable is used.
    type: str
  api_base_url:
    description:
      - The base URL of the Cloudflare API v4.
      - If not set, the value of the E(CLOUDFLARE_BASE_URL) environment variable is used, and then the default.
      - Point it at a local emulator to test playbooks without a Cloudflare account.
    type: str
    default: https://api.cloudflare.com/client/v4
  validate_certs:
    description:
      - Whether to verify the API's TLS certificate. Keep it V(true) outside tests.
      - To trust a private CA instead, point the E(REQUESTS_CA_BUNDLE) environment variable at its bundle.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for a connection or for an answer, per attempt.
    type: int
    default: 30
  max_retries:
    description:
      - How many times a request is retried after HTTP 429 (honouring C(Retry-After), capped at 60 seconds),
        HTTP 500, 502, 503 or 504, or a connection error, with exponential back-off.
      - A create (C(POST)) is never repeated blindly; when its answer is lost the object is looked up by name first.
      - V(0) disables retries.
    type: int
    default: 5
requirements:
  - requests (Python library, on the host that runs the module)
notes:
  - Every request goes to O(api_base_url) from the host that runs the module, usually C(localhost)
    (with a local connection, or C(delegate_to) V(localhost)).
  - Secrets (O(api_token), O(api_key)) are never logged or returned.
'''
