# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's fidelity, proven with Cloudflare's official Python SDK across all seven endpoints."""

from __future__ import annotations

import warnings

import pytest

cloudflare = pytest.importorskip('cloudflare')

import cf_emulator  # noqa: E402  pylint: disable=wrong-import-position

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
CREATE = dict(allowed_delivery_modes=['DIRECT', 'BCC'], drop_dispositions=['SPAM', 'MALICIOUS'],
              ip_restrictions=['192.0.2.7', '2001:DB8::/32'], regions=['GLOBAL', 'US'])


@pytest.fixture
def sdk(server):
    base_url = server[0]
    return cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=base_url, max_retries=0)


@pytest.fixture
def domains(sdk):
    return sdk.email_security.settings.domains


def test_create_returns_the_object_in_the_servers_own_form(domains):
    created = domains.create(account_id=ACCOUNT, domain='Example.COM.', transport='MX.Example.com', **CREATE)
    assert created.id
    assert created.domain == 'example.com'
    assert created.transport == 'mx.example.com'
    assert created.ip_restrictions == ['2001:db8::/32', '192.0.2.7/32']
    assert created.regions == ['US', 'GLOBAL']  # another order than sent
    assert created.authorization.authorized is True
    assert created.created_at is not None


def test_get_and_list_with_filters_and_pagination(domains, server):
    emulator = server[1]
    ids = [domains.create(account_id=ACCOUNT, domain='d%02d.example' % index, **CREATE).id for index in range(25)]
    assert domains.get(ids[3], account_id=ACCOUNT).domain == 'd03.example'
    every = [item.domain for item in domains.list(account_id=ACCOUNT, per_page=10)]
    assert every == ['d%02d.example' % index for index in range(25)]
    page_requests = [entry['query'] for entry in emulator.log if entry['method'] == 'GET'][1:]
    assert len(page_requests) >= 3 and all(query['per_page'] == ['10'] for query in page_requests)
    named = domains.list(account_id=ACCOUNT, domain=['d07.example', 'D08.example'])
    assert sorted(item.domain for item in named) == ['d07.example', 'd08.example']
    descending = domains.list(account_id=ACCOUNT, order='domain', direction='desc', per_page=3)
    assert [item.domain for item in descending.result] == ['d24.example', 'd23.example', 'd22.example']
    assert descending.result_info.total_count == 25


def test_status_filter_and_upper_case_status(domains, server):
    emulator = server[1]
    emulator.configure({'status_case': 'upper'})
    domains.create(account_id=ACCOUNT, domain='upper.example', **CREATE)
    found = list(domains.list(account_id=ACCOUNT, status='ACTIVE'))
    assert [item.status for item in found] == ['ACTIVE']


def test_edit_changes_only_the_fields_sent(domains):
    created = domains.create(account_id=ACCOUNT, domain='edit.example', lookback_hops=4, **CREATE)
    edited = domains.edit(created.id, account_id=ACCOUNT, require_tls_inbound=True)
    assert edited.require_tls_inbound is True
    assert edited.lookback_hops == 4
    assert sorted(edited.regions) == ['GLOBAL', 'US']


def test_update_replaces_the_whole_object(domains):
    created = domains.create(account_id=ACCOUNT, domain='put.example', folder='Inbox', **CREATE)
    replaced = domains.update(created.id, account_id=ACCOUNT, allowed_delivery_modes=['API'],
                              drop_dispositions=['NONE'], ip_restrictions=[], regions=['DE'])
    assert replaced.allowed_delivery_modes == ['API']
    assert replaced.folder is None
    assert replaced.domain == 'put.example'


def test_delete_then_get_is_a_404(domains):
    created = domains.create(account_id=ACCOUNT, domain='gone.example', **CREATE)
    assert domains.delete(created.id, account_id=ACCOUNT).id == created.id
    with pytest.raises(cloudflare.NotFoundError):
        domains.get(created.id, account_id=ACCOUNT)


def test_batch_runs_deletes_patches_puts_posts_in_order(domains):
    keep = domains.create(account_id=ACCOUNT, domain='keep.example', **CREATE)
    drop = domains.create(account_id=ACCOUNT, domain='drop.example', **CREATE)
    done = domains.batch(
        account_id=ACCOUNT,
        deletes=[{'id': drop.id}],
        patches=[{'id': keep.id, 'lookback_hops': 9}],
        puts=[],
        posts=[dict(domain='drop.example', **CREATE)],  # the name is free again once the delete ran
    )
    assert [item.id for item in done.deletes] == [drop.id]
    assert done.patches[0].lookback_hops == 9
    assert done.posts[0].domain == 'drop.example'
    assert sorted(item.domain for item in domains.list(account_id=ACCOUNT)) == ['drop.example', 'keep.example']


def test_batch_without_all_four_arrays_is_refused(sdk):
    with pytest.raises(cloudflare.BadRequestError, match='puts is required'):
        sdk.post('/accounts/%s/email-security/settings/domains/batch' % ACCOUNT, cast_to=object,
                 body={'deletes': [], 'patches': [], 'posts': []})


def test_deprecated_bulk_delete_removes_the_named_domains(domains):
    domains.create(account_id=ACCOUNT, domain='bulk.example', **CREATE)
    domains.create(account_id=ACCOUNT, domain='stay.example', **CREATE)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        gone = list(domains.bulk_delete(account_id=ACCOUNT, extra_query={'domain': 'bulk.example'}))
    assert len(gone) == 1
    assert [item.domain for item in domains.list(account_id=ACCOUNT)] == ['stay.example']


@pytest.mark.parametrize('body, error', [
    (dict(CREATE, domain='x.example', lookback_hops=21), cloudflare.BadRequestError),
    (dict(CREATE, domain='x.example', regions=['MARS']), cloudflare.BadRequestError),
    (dict(CREATE, domain='x.example', ip_restrictions=['300.0.0.0/8']), cloudflare.BadRequestError),
    ({'domain': 'x.example'}, cloudflare.BadRequestError),
])
def test_invalid_writes_are_refused_like_the_api(sdk, body, error):
    with pytest.raises(error) as caught:
        sdk.post('/accounts/%s/email-security/settings/domains' % ACCOUNT, cast_to=object, body=body)
    assert caught.value.status_code == 400


def test_duplicate_domain_is_a_conflict(domains):
    domains.create(account_id=ACCOUNT, domain='twice.example', **CREATE)
    with pytest.raises(cloudflare.ConflictError):
        domains.create(account_id=ACCOUNT, domain='TWICE.example', **CREATE)


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
