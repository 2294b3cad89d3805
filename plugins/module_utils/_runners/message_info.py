# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The message info run (email_security_message_info): one message by id, or a search, with what ``include`` asks.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import typing as t

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import (
    CONNECTION_CONSTRAINTS, connection_argument_spec, reject_blank,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import (
    TEXT_FILTERS, Investigate, build_search, search_argument_spec,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners.common import run_module
from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import utc_now

DEFAULT_LIMIT = 1000
INCLUDES = ['detections', 'trace', 'action_log']
# Options that select by search; with ``id`` none of them may be given (start, end and detections_only have defaults).
SEARCH_ONLY = TEXT_FILTERS + ('final_disposition', 'delivery_status', 'message_action')


def argument_spec() -> dict[str, dict[str, t.Any]]:
    spec = connection_argument_spec()
    spec.update(search_argument_spec())
    spec.update({
        'id': {'type': 'str'},
        'include': {'type': 'list', 'elements': 'str', 'choices': INCLUDES, 'default': []},
        'raw_dest': {'type': 'path'},
        'limit': {'type': 'int', 'default': DEFAULT_LIMIT},
    })
    return spec


MODULE_CONSTRAINTS: dict[str, t.Any] = {
    'mutually_exclusive': CONNECTION_CONSTRAINTS['mutually_exclusive'] + [('id', name) for name in SEARCH_ONLY],
    'required_together': CONNECTION_CONSTRAINTS['required_together'],
    'required_by': {'raw_dest': 'id'},
}


def run(module: AnsibleModule) -> None:
    run_module(module, read)


def read(params: t.Mapping[str, t.Any], client: Client) -> dict[str, t.Any]:
    reject_blank(params, 'id')
    if params['limit'] < 1:
        raise InvalidValue(f"limit: {params['limit']!r} must be 1 or more")
    if params.get('raw_dest') is not None and not params['raw_dest'].strip():
        raise InvalidValue(f"raw_dest: {params['raw_dest']!r} must not be empty")
    api = Investigate(client, params['account_id'])
    if params.get('id') is not None:
        message = api.get(params['id'].strip())
        result: dict[str, t.Any] = {'changed': False, 'messages': [message] if message else [], 'truncated': False}
        if message and params.get('raw_dest'):
            result.update(write_raw(api.raw(params['id'].strip()), params['raw_dest']))
    else:
        search = build_search(params, utc_now())
        found = api.search(search, params['limit'])
        result = {'changed': False, 'messages': found.messages, 'truncated': found.truncated,
                  'search': dict(search.query, **({'final_disposition': search.dispositions}
                                                  if search.dispositions else {}))}
    for message in result['messages']:
        for name in params['include']:
            message[name] = getattr(api, name)(str(message.get('id')))
    return result


def write_raw(raw: str, dest: str) -> dict[str, t.Any]:
    """The ``.eml`` written to ``dest`` (0600: it is someone's mail), never returned; its path, size and SHA-256."""
    data = raw.encode('utf-8')
    path = os.path.abspath(os.path.expanduser(dest))
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix='.raw-', suffix='.eml')
        with os.fdopen(descriptor, 'wb') as handle:
            handle.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        raise Failure(f'raw_dest: cannot write {path}: {error.strerror or error}') from None
    return {'raw_path': path, 'raw_size': len(data), 'raw_sha256': hashlib.sha256(data).hexdigest()}
