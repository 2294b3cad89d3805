# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every module run does around its work: connection checks, the client, and failures as fail_json.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.edgeops.cloudflare.plugins.module_utils import _client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._argspec import check_connection, client_from_params
from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue

Work = t.Callable[[t.Mapping[str, t.Any], Client], t.Dict[str, t.Any]]


def run_module(module: AnsibleModule, work: Work) -> None:
    """Check the connection options, run ``work(params, client)`` and exit the module with its result.

    Every expected failure becomes ``fail_json`` with a one-line message, never a traceback.
    """
    if not _client.HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=str(_client.REQUESTS_IMPORT_ERROR))
    params = module.params
    try:
        check_connection(params)
        result = work(params, client_from_params(params))
    except InvalidValue as error:
        module.fail_json(msg=str(error))
    except Failure as error:
        module.fail_json(msg=str(error), **error.result)
    except _client.CloudflareError as error:
        module.fail_json(**error.fail_kwargs())
    module.exit_json(**result)
