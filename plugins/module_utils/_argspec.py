# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Argument specs: the shared connection options, and options generated from a field table.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
The documentation of these options is the ``edgeops.cloudflare.connection`` doc fragment.
"""

from __future__ import annotations

import ipaddress
import re
import typing as t
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import DEFAULT_BASE_URL, Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import FieldTable


# Cloudflare account ids are 32 hex digits today; accept any URL-safe token, refuse what cannot be one.
_ACCOUNT_ID = re.compile(r'^[A-Za-z0-9_-]+$')


def connection_argument_spec() -> dict[str, dict[str, t.Any]]:
    return {
        'api_token': {'type': 'str', 'no_log': True, 'fallback': (env_fallback, ['CLOUDFLARE_API_TOKEN'])},
        'api_key': {'type': 'str', 'no_log': True, 'fallback': (env_fallback, ['CLOUDFLARE_API_KEY'])},
        'api_email': {'type': 'str', 'fallback': (env_fallback, ['CLOUDFLARE_EMAIL'])},
        'account_id': {'type': 'str', 'fallback': (env_fallback, ['CLOUDFLARE_ACCOUNT_ID'])},
        'api_base_url': {'type': 'str', 'default': DEFAULT_BASE_URL, 'fallback': (env_fallback, ['CLOUDFLARE_BASE_URL'])},
        'validate_certs': {'type': 'bool', 'default': True},
        'timeout': {'type': 'int', 'default': 30},
        'max_retries': {'type': 'int', 'default': 5},
    }


# "One of api_token and api_key" and account_id are required too, but check_connection checks them: in the
# argument spec they would make ansible-lint's args rule flag every task that takes them from the
# environment (as AWX credentials inject them) or from module_defaults.
CONNECTION_CONSTRAINTS: dict[str, list[tuple[str, ...]]] = {
    'mutually_exclusive': [('api_token', 'api_key')],
    'required_together': [('api_key', 'api_email')],
}


def settings_argument_spec(fields: FieldTable) -> dict[str, dict[str, t.Any]]:
    return {name: field.argument_spec() for name, field in fields.items()}


def check_connection(params: t.Mapping[str, t.Any]) -> None:
    """What the argument spec cannot say about the connection options; raises ``InvalidValue``."""
    for option in ('api_token', 'api_key'):
        if params.get(option) is not None and not params[option].strip():
            raise InvalidValue(f'{option}: must not be empty')  # the value is a secret: never echo it
    if not params.get('api_token') and not params.get('api_key'):
        raise InvalidValue('one of api_token or api_key is required (or CLOUDFLARE_API_TOKEN in the environment)')
    if params.get('account_id') is None:
        raise InvalidValue('account_id is required (or CLOUDFLARE_ACCOUNT_ID in the environment)')
    if not _ACCOUNT_ID.match(params['account_id']):
        raise InvalidValue(f"account_id: {params['account_id']!r} is not an account identifier")
    if not params['api_base_url'].startswith(('https://', 'http://')):
        raise InvalidValue(f"api_base_url: {params['api_base_url']!r} must start with https:// (or http://)")
    if params['api_base_url'].startswith('http://') and not _is_loopback(params['api_base_url']):
        raise InvalidValue(f"api_base_url: {params['api_base_url']!r} would send the credentials in clear: use "
                           'https:// (http:// is accepted only for a loopback address such as 127.0.0.1, for a local emulator)')
    if params['timeout'] <= 0:
        raise InvalidValue(f"timeout: {params['timeout']!r} must be a positive number of seconds")
    if params['max_retries'] < 0:
        raise InvalidValue(f"max_retries: {params['max_retries']!r} must be 0 or more")


def _is_loopback(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ''
    except ValueError:
        return False
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reject_blank(params: t.Mapping[str, t.Any], option: str) -> None:
    """An identifier given but blank (``domain_id: ""``) would address the collection, not an object."""
    if params.get(option) is not None and not params[option].strip():
        raise InvalidValue(f'{option}: {params[option]!r} must not be empty')


def client_from_params(params: t.Mapping[str, t.Any]) -> Client:
    return Client(
        base_url=params['api_base_url'], api_token=params.get('api_token'), api_key=params.get('api_key'),
        api_email=params.get('api_email'), timeout=params['timeout'], validate_certs=params['validate_certs'],
        max_retries=params['max_retries'],
    )
