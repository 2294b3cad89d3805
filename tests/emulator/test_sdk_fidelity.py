# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What Cloudflare's official Python SDK proves about the emulator: paths, request and response shapes, the
envelope, and how statuses map to errors.

Every endpoint of every emulated resource is driven through the SDK (``client.email_security.settings.<name>``),
so a path or a shape the SDK would not send or could not parse fails here. The emulator's own choices (orders,
canonical forms, conflicts) are tested in ``test_emulator_rules.py``, not here.
"""

from __future__ import annotations

import copy
import warnings

import pytest

import cf_emulator

cloudflare = pytest.importorskip('cloudflare')

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
RESOURCES = sorted(cf_emulator.RESOURCES.values(), key=lambda resource: resource.name)


@pytest.fixture
def sdk(server):
    return cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=server[0], max_retries=0)


def endpoint(sdk, resource):
    return getattr(sdk.email_security.settings, resource.sdk_name)


def example(resource, number=0):
    """The resource's example create body, made distinct by ``number`` in its first string field."""
    body = copy.deepcopy(resource.example)
    for name, value in body.items():
        if isinstance(value, str):
            body[name] = f'n{number}.{value}' if number else value
            break
    return body


@pytest.mark.parametrize('resource', RESOURCES, ids=lambda resource: resource.name)
def test_create_get_edit_delete_through_the_sdk(sdk, resource):
    api = endpoint(sdk, resource)
    created = api.create(account_id=ACCOUNT, **example(resource))
    assert isinstance(created.id, str) and created.id
    assert api.get(created.id, account_id=ACCOUNT).id == created.id
    edited = api.edit(created.id, account_id=ACCOUNT, **resource.example_edit)
    for name, value in resource.example_edit.items():
        assert getattr(edited, name) == value
    assert api.delete(created.id, account_id=ACCOUNT).id == created.id
    with pytest.raises(cloudflare.NotFoundError):
        api.get(created.id, account_id=ACCOUNT)


@pytest.mark.parametrize('resource', RESOURCES, ids=lambda resource: resource.name)
def test_list_pages_through_the_sdk(sdk, server, resource):
    api = endpoint(sdk, resource)
    ids = [api.create(account_id=ACCOUNT, **example(resource, number)).id for number in range(1, 26)]
    listed = [item.id for item in api.list(account_id=ACCOUNT, per_page=10)]
    assert sorted(listed) == sorted(ids)
    page_queries = [entry['query'] for entry in server[1].log if entry['method'] == 'GET']
    assert len(page_queries) >= 3 and all(query['per_page'] == ['10'] for query in page_queries)


@pytest.mark.parametrize('resource', [resource for resource in RESOURCES if resource.batch],
                         ids=lambda resource: resource.name)
def test_batch_through_the_sdk(sdk, resource):
    api = endpoint(sdk, resource)
    keep = api.create(account_id=ACCOUNT, **example(resource, 1))
    drop = api.create(account_id=ACCOUNT, **example(resource, 2))
    done = api.batch(account_id=ACCOUNT, deletes=[{'id': drop.id}],
                     patches=[dict(resource.example_edit, id=keep.id)], puts=[], posts=[example(resource, 3)])
    assert [item.id for item in done.deletes] == [drop.id]
    assert done.patches[0].id == keep.id
    assert done.posts[0].id not in (keep.id, drop.id)
    assert len(list(api.list(account_id=ACCOUNT))) == 2


@pytest.mark.parametrize('resource', RESOURCES, ids=lambda resource: resource.name)
def test_a_create_without_its_required_fields_is_a_400(sdk, resource):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        sdk.post(f'/accounts/{ACCOUNT}/email-security/settings/{resource.name}', cast_to=object, body={})
    assert caught.value.status_code == 400
    assert caught.value.body['errors'][0]['code'] >= 1000  # the envelope's errors, as the SDK reads them


def test_domain_filters_and_put_through_the_sdk(sdk):
    domains = sdk.email_security.settings.domains
    body = cf_emulator.RESOURCES['domains'].example
    for name in ('d07.example', 'd08.example', 'd09.example'):
        domains.create(account_id=ACCOUNT, **dict(body, domain=name))
    named = domains.list(account_id=ACCOUNT, domain=['d07.example', 'd08.example'])
    assert sorted(item.domain for item in named) == ['d07.example', 'd08.example']
    assert [item.domain for item in domains.list(account_id=ACCOUNT, status='active')] != []
    created = domains.list(account_id=ACCOUNT, domain=['d09.example']).result[0]
    replaced = domains.update(created.id, account_id=ACCOUNT, allowed_delivery_modes=['API'],
                              drop_dispositions=['NONE'], ip_restrictions=[], regions=['DE'])
    assert replaced.allowed_delivery_modes == ['API'] and replaced.domain == 'd09.example'
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        gone = list(domains.bulk_delete(account_id=ACCOUNT, extra_query={'domain': 'd07.example'}))
    assert len(gone) == 1
    assert sorted(item.domain for item in domains.list(account_id=ACCOUNT)) == ['d08.example', 'd09.example']


def test_wrong_token_is_401_and_foreign_account_403(server):
    base_url = server[0]
    wrong = cloudflare.Cloudflare(api_token='wrong-token-123', base_url=base_url, max_retries=0)
    with pytest.raises(cloudflare.AuthenticationError):
        list(wrong.email_security.settings.domains.list(account_id=ACCOUNT))
    right = cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=base_url, max_retries=0)
    with pytest.raises(cloudflare.PermissionDeniedError):
        list(right.email_security.settings.domains.list(account_id='f' * 32))


def test_legacy_key_and_email_authenticate(server):
    base_url, emulator = server
    legacy = cloudflare.Cloudflare(api_key=cf_emulator.DEFAULT_KEY, api_email=cf_emulator.DEFAULT_EMAIL,
                                   base_url=base_url, max_retries=0)
    assert list(legacy.email_security.settings.domains.list(account_id=ACCOUNT)) == []
    assert emulator.log[-1]['auth'] == 'key'


def test_the_sdks_own_retry_honours_the_emulators_429(server):
    base_url, emulator = server
    emulator.add_faults([{'kind': 'status', 'status': 429, 'retry_after': 1, 'times': 1}])
    patient = cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=base_url, max_retries=2)
    assert list(patient.email_security.settings.domains.list(account_id=ACCOUNT)) == []
    assert [entry['status'] for entry in emulator.log] == [429, 200]


def test_html_502_is_not_json(server):
    base_url, emulator = server
    emulator.add_faults([{'kind': 'html', 'status': 502}])
    sdk = cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=base_url, max_retries=0)
    with pytest.raises(cloudflare.InternalServerError) as caught:
        list(sdk.email_security.settings.domains.list(account_id=ACCOUNT))
    assert caught.value.response.headers['content-type'] == 'text/html'
