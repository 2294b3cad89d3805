# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's own design choices, which the SDK does not prove: where it makes a client's life hard on
purpose (other orders, canonical forms, case), how strict it is (conflicts, batch rules), and its order of
batch operations. The modules are tested against these choices, so they are pinned down here."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests

import cf_emulator

cloudflare = pytest.importorskip('cloudflare')

ACCOUNT = cf_emulator.DEFAULT_ACCOUNT
CREATE = dict(allowed_delivery_modes=['DIRECT', 'BCC'], drop_dispositions=['SPAM', 'MALICIOUS'],
              ip_restrictions=['192.0.2.7', '2001:DB8::/32'], regions=['GLOBAL', 'US'])


@pytest.fixture
def sdk(server):
    return cloudflare.Cloudflare(api_token=cf_emulator.DEFAULT_TOKEN, base_url=server[0], max_retries=0)


@pytest.fixture
def domains(sdk):
    return sdk.email_security.settings.domains


def test_create_returns_the_object_in_the_servers_own_form(domains):
    created = domains.create(account_id=ACCOUNT, domain='Example.COM.', transport='MX.Example.com', **CREATE)
    assert created.domain == 'example.com'
    assert created.transport == 'mx.example.com'
    assert created.ip_restrictions == ['2001:db8::/32', '192.0.2.7/32']
    assert created.regions == ['US', 'GLOBAL']  # another order than sent
    assert created.authorization.authorized is True
    assert created.created_at is not None


def test_list_orders_and_totals(domains):
    for index in range(25):
        domains.create(account_id=ACCOUNT, domain=f'd{index:02}.example', **CREATE)
    every = [item.domain for item in domains.list(account_id=ACCOUNT, per_page=10)]
    assert every == [f'd{index:02}.example' for index in range(25)]  # created_at order by default
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


@pytest.mark.parametrize('resource', [resource for resource in cf_emulator.RESOURCES.values() if resource.batch],
                         ids=lambda resource: resource.name)
def test_batch_without_all_four_arrays_is_refused(sdk, resource):
    with pytest.raises(cloudflare.BadRequestError, match='puts is required'):
        sdk.post(f'/accounts/{ACCOUNT}/email-security/settings/{resource.name}/batch', cast_to=object,
                 body={'deletes': [], 'patches': [], 'posts': []})


@pytest.mark.parametrize('resource', [resource for resource in cf_emulator.RESOURCES.values() if resource.batch],
                         ids=lambda resource: resource.name)
def test_batch_patch_without_an_id_is_refused(sdk, resource):
    with pytest.raises(cloudflare.BadRequestError, match=r'patches\[0\].id is required'):
        sdk.post(f'/accounts/{ACCOUNT}/email-security/settings/{resource.name}/batch', cast_to=object,
                 body={'deletes': [], 'patches': [resource.example_edit], 'puts': [], 'posts': []})


@pytest.mark.parametrize('body', [
    dict(CREATE, domain='x.example', lookback_hops=21),
    dict(CREATE, domain='x.example', regions=['MARS']),
    dict(CREATE, domain='x.example', ip_restrictions=['300.0.0.0/8']),
    {'domain': 'x.example'},
])
def test_invalid_writes_are_refused_like_the_api(sdk, body):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        sdk.post(f'/accounts/{ACCOUNT}/email-security/settings/domains', cast_to=object, body=body)
    assert caught.value.status_code == 400


def test_duplicate_domain_is_a_conflict(domains):
    domains.create(account_id=ACCOUNT, domain='twice.example', **CREATE)
    with pytest.raises(cloudflare.ConflictError):
        domains.create(account_id=ACCOUNT, domain='TWICE.example', **CREATE)


@pytest.mark.parametrize('resource', cf_emulator.RESOURCES.values(), ids=lambda resource: resource.name)
def test_control_endpoints_seed_and_show_any_resource(server, resource):
    control = server[0][:-len(cf_emulator.API_PREFIX)] + '/__emulator/' + resource.name
    seeded = requests.post(control, json={'account_id': ACCOUNT, 'objects': [resource.example]}, timeout=10)
    assert seeded.status_code == 200
    (created,) = seeded.json()
    shown = requests.get(control, timeout=10).json()
    assert [obj['id'] for obj in shown[ACCOUNT]] == [created['id']]
    assert server[1].log == []  # control requests are not API requests


def test_a_sample_seeds_a_whole_account_with_rows_the_api_no_longer_accepts(server):
    control = server[0][:-len(cf_emulator.API_PREFIX)] + '/__emulator/seed'
    seeded = requests.post(control, json=dict(cf_emulator.sample('acme'), account_id='a' * 32), timeout=10)
    assert seeded.status_code == 200
    assert seeded.json() == {'domains': 3, 'allow_policies': 9, 'block_senders': 11, 'trusted_domains': 5,
                             'content_policies': 4, 'impersonation_registry': 6, 'sending_domain_restrictions': 3,
                             'url_ignore_patterns': 4}
    legacy = [row for row in server[1].state('block_senders')['a' * 32] if row['pattern_type'] == 'UNKNOWN']
    assert [row['pattern'] for row in legacy] == ['legacy-spam.example']
    assert server[1].state('block_senders')[ACCOUNT] == []  # another account


def test_a_scoped_token_reaches_its_own_account_only(server):
    base_url, emulator = server
    emulator.configure({'scoped_tokens': {'token-a': ['a' * 32], 'token-b': ['b' * 32]}})

    def read(token, account):
        return requests.get(f'{base_url}/accounts/{account}/email-security/settings/block_senders',
                            headers={'Authorization': f'Bearer {token}'}, timeout=10)

    assert read('token-a', 'a' * 32).status_code == 200
    refused = read('token-a', 'b' * 32)
    assert refused.status_code == 403 and refused.json()['errors'][0]['code'] == 9109
    assert read('token-b', 'b' * 32).status_code == 200
    assert read(cf_emulator.DEFAULT_TOKEN, 'b' * 32).status_code == 200  # unscoped tokens reach every account


def test_the_command_line_starts_with_a_seeded_account(tmp_path):
    port_file = tmp_path / 'port'
    process = subprocess.Popen([sys.executable, '-m', 'cf_emulator', '--port-file', str(port_file),
                                '--seed', f'{cf_emulator.SAMPLES}/acme.json'],
                               env=dict(os.environ, PYTHONPATH=os.path.dirname(cf_emulator.__path__[0])),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _attempt in range(100):
            if port_file.exists() and port_file.read_text():
                break
            time.sleep(0.05)
        url = f'http://127.0.0.1:{port_file.read_text()}/__emulator/domains'
        shown = requests.get(url, timeout=10).json()[ACCOUNT]
        assert sorted(obj['domain'] for obj in shown) == ['example.com', 'example.net', 'shop.example.org']
    finally:
        process.terminate()
        process.wait(10)
