# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How a set plan is written for a resource without a batch endpoint: one request per operation, in the batch
order (deletes, patches, creates), and the same re-read and report when one fails.

Domains have a batch endpoint; the description is copied with ``batch=False`` so that the emulator's
per-object endpoints take the writes.
"""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resource import ApiResource
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    ApplyFailure, apply_plan, plan_set, wanted_from_entries,
)

NO_BATCH = dataclasses.replace(DOMAINS, batch=False)
CREATE = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
          'regions': ['GLOBAL']}


def planned(emulator, entries, prune=False):
    resource = ApiResource(NO_BATCH, Client(base_url=emulator.base_url, api_token=emulator.token, max_retries=1),
                           emulator.account)
    wanted = wanted_from_entries(NO_BATCH, [dict(entry, state=entry.get('state', 'present')) for entry in entries],
                                 'entries')
    set_plan = plan_set(NO_BATCH, wanted, resource.list(), prune)
    emulator.api.log.clear()
    return resource, set_plan


def writes(emulator):
    return [(entry['method'], entry['body']) for entry in emulator.requests if entry['method'] != 'GET']


def test_without_a_batch_endpoint_each_operation_is_one_request_in_batch_order(emulator):
    kept = emulator.seed(domain='keep.example.com')
    emulator.seed(domain='gone.example.com')
    resource, set_plan = planned(emulator, [{'domain': 'keep.example.com', 'lookback_hops': 3},
                                            dict(CREATE, domain='new.example.com')], prune=True)
    assert apply_plan(resource, set_plan, batch_size=1000) == []
    assert writes(emulator) == [('DELETE', None), ('PATCH', {'lookback_hops': 3}),
                                ('POST', dict(CREATE, domain='new.example.com'))]
    assert [entry['path'].rsplit('/', 1)[-1] for entry in emulator.requests[:2]] != ['batch', 'batch']
    assert emulator.requests[1]['path'].endswith('/' + kept['id'])
    assert sorted(obj['domain'] for obj in emulator.stored().values()) == ['keep.example.com', 'new.example.com']


def test_a_refused_write_stops_the_rest_and_the_reread_reports_what_was_applied(emulator):
    emulator.seed(domain='a.example.com')
    emulator.seed(domain='b.example.com')
    resource, set_plan = planned(emulator, [{'domain': 'a.example.com', 'lookback_hops': 4},
                                            {'domain': 'b.example.com', 'lookback_hops': 4}])
    emulator.fault(kind='status', method='PATCH', skip=1, status=400, message='locked')
    with pytest.raises(ApplyFailure) as caught:
        apply_plan(resource, set_plan, batch_size=1000)
    assert str(caught.value).startswith('b.example.com: write 2 of 2 failed: PATCH ')
    assert 'HTTP 400: [10500] locked' in str(caught.value)
    assert [op.header for op in caught.value.applied] == ['a.example.com']
    assert [op.header for op in caught.value.not_applied] == ['b.example.com']
    assert [entry['method'] for entry in emulator.requests] == ['PATCH', 'PATCH', 'GET']  # then the re-read


def test_a_lost_create_is_looked_up_not_sent_twice(emulator):
    resource, set_plan = planned(emulator, [dict(CREATE, domain='new.example.com')])
    emulator.fault(kind='lost', method='POST')
    assert apply_plan(resource, set_plan, batch_size=1000) == []
    assert [entry['method'] for entry in emulator.requests] == ['POST', 'GET']
    assert [obj['domain'] for obj in emulator.stored().values()] == ['new.example.com']
