# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Changes a security team can trust, on a batch resource (blocked senders) and a non-batch one (URL ignore
patterns): the mass-deletion guard, backups that roll back, and plans made only from complete reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client
from ansible_collections.edgeops.cloudflare.plugins.modules import (
    email_security_block_senders, email_security_domain, email_security_impersonation_registry,
    email_security_settings, email_security_settings_info, email_security_url_ignore_patterns,
)
from modules_under_test import MODULES


class Resource:
    def __init__(self, name, module, plural, make):
        self.name, self.module, self.plural, self.make = name, module, plural, make

    def entries(self, count, start=0):
        return [self.make(number) for number in range(start, start + count)]

    def __str__(self):
        return self.name


BLOCK_SENDERS = Resource('block_senders', email_security_block_senders, 'blocked senders',
                         lambda n: {'pattern_type': 'DOMAIN', 'pattern': f'n{n}.spam.example', 'is_regex': False,
                                    'comments': f'campaign {n}'})
URL_IGNORE_PATTERNS = Resource('url_ignore_patterns', email_security_url_ignore_patterns, 'URL ignore patterns',
                               lambda n: {'pattern': f'^https://n{n}\\.intranet\\.example/', 'comments': f'app {n}'})


@pytest.fixture(params=[BLOCK_SENDERS, URL_IGNORE_PATTERNS], ids=str)
def res(request):
    return request.param


def seed(emulator, res, entries):
    created = emulator.api.seed(emulator.account, res.name, entries)
    emulator.api.log.clear()
    return created


def writes(emulator):
    return [entry for entry in emulator.requests if entry['method'] != 'GET']


def stored_entries(emulator, res):
    """What the account holds, as comparable entries (the fields a task names)."""
    fields = set(res.make(0))
    return sorted((json.dumps({name: obj.get(name) for name in fields}, sort_keys=True)
                   for obj in emulator.stored(res.name).values()))


# The mass-deletion guard ------------------------------------------------------------------------------------------

def test_pruning_75_percent_is_refused_before_any_write(run_module, emulator, res):
    seed(emulator, res, res.entries(20))
    result = run_module(res.module, entries=res.entries(5), prune=True)
    assert result['failed'] is True
    assert result['msg'] == (f'{res.plural}: this run would delete 15 of 20 (75 %), more than max_delete_percent 30; '
                             'nothing was changed (max_delete_percent: 100 allows it)')
    assert emulator.methods == ['GET'] and len(emulator.stored(res.name)) == 20


def test_check_mode_refuses_the_same_and_still_shows_the_prediction_and_diff(run_module, emulator, res):
    seed(emulator, res, res.entries(20))
    result = run_module(res.module, check_mode=True, diff=True, entries=res.entries(5), prune=True)
    assert result['failed'] is True and 'would delete 15 of 20 (75 %)' in result['msg']
    assert len(result['deleted']) == 15 and result['created'] == result['updated'] == []
    assert len(result['diff']) == 15 and all(entry['after'] == {} for entry in result['diff'])
    assert emulator.methods == ['GET']


def test_max_delete_percent_100_deletes_in_the_fewest_writes(run_module, emulator, res):
    seed(emulator, res, res.entries(20))
    result = run_module(res.module, entries=res.entries(5), prune=True, max_delete_percent=100)
    assert result['changed'] is True and len(result['deleted']) == 15
    if res.name == 'block_senders':
        assert emulator.methods == ['GET', 'POST'] and len(emulator.requests[1]['body']['deletes']) == 15
    else:
        assert emulator.methods == ['GET'] + ['DELETE'] * 15
    assert len(emulator.stored(res.name)) == 5


def test_absent_entries_count_as_deletions(run_module, emulator, res):
    seed(emulator, res, res.entries(10))
    gone = [dict(entry, state='absent') for entry in res.entries(4)]
    result = run_module(res.module, entries=gone)
    assert result['failed'] is True and 'would delete 4 of 10 (40 %), more than max_delete_percent 30' in result['msg']
    assert writes(emulator) == []


def test_the_guard_allows_its_share_and_leaves_small_resources_alone(run_module, emulator, res):
    seed(emulator, res, res.entries(10))
    assert len(run_module(res.module, entries=res.entries(7), prune=True)['deleted']) == 3  # 30 %: allowed
    emulator.api.reset()
    seed(emulator, res, res.entries(9))  # fewer than 10 objects: not guarded
    assert len(run_module(res.module, entries=[], prune=True)['deleted']) == 9


def test_a_fraction_is_shown_with_one_decimal(run_module, emulator):
    seed(emulator, BLOCK_SENDERS, BLOCK_SENDERS.entries(12))
    result = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(8), prune=True, max_delete_percent=25)
    assert 'would delete 4 of 12 (33.3 %), more than max_delete_percent 25' in result['msg']


def synced_identities(count):
    """Directory-synced impersonation registry entries: read-only, no run ever deletes them."""
    return [{'email': f'user{number}@example.com', 'is_email_regex': False, 'name': f'User {number}',
             'provenance': 'SNOOPY-OFFICE_365', 'directory_id': 1, 'directory_node_id': 100 + number}
            for number in range(count)]


@pytest.mark.parametrize('check_mode', [True, False], ids=['check_mode', 'apply'])
def test_the_guard_counts_only_what_a_run_could_delete(run_module, emulator, check_mode):
    emulator.api.seed(emulator.account, 'impersonation_registry', synced_identities(40), raw=True)
    emulator.api.seed(emulator.account, 'impersonation_registry',
                      [{'email': f'vip{number}@example.com', 'is_email_regex': False, 'name': f'VIP {number}'}
                       for number in range(12)])
    emulator.api.log.clear()
    result = run_module(email_security_impersonation_registry, check_mode=check_mode, entries=[], prune=True)
    assert result.get('msg') == ('impersonation registry entries: this run would delete 12 of 12 (100 %), more than '
                                 'max_delete_percent 30; nothing was changed (max_delete_percent: 100 allows it)')
    assert len(result['deleted']) == 12 and len(result['unmanaged']) == 40
    assert emulator.methods == ['GET'] and len(emulator.stored('impersonation_registry')) == 52


def test_the_guard_counts_the_duplicates_a_run_deletes(run_module, emulator):
    objects = BLOCK_SENDERS.entries(9) + [dict(entry, comments='copy') for entry in BLOCK_SENDERS.entries(3)]
    seed(emulator, BLOCK_SENDERS, objects)  # 12 objects, 9 keys: 3 duplicates a prune deletes
    result = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(6), prune=True)
    assert 'this run would delete 6 of 12 (50 %), more than max_delete_percent 30' in result['msg']
    assert writes(emulator) == []


@pytest.mark.parametrize('value', [-1, 101])
def test_max_delete_percent_out_of_range_is_refused_before_any_request(run_module, emulator, value):
    result = run_module(BLOCK_SENDERS.module, entries=[], max_delete_percent=value)
    assert result['msg'] == (f'max_delete_percent: {value} must be from 0 to 100 (100 switches the mass-deletion '
                             'guard off)')
    assert emulator.methods == []


# Backups ----------------------------------------------------------------------------------------------------------

def test_backup_holds_the_objects_before_the_write_and_rolls_back(run_module, emulator, res, tmp_path):
    seed(emulator, res, res.entries(12))
    before = stored_entries(emulator, res)
    edited = res.entries(9) + res.entries(2, start=100)
    edited[0]['comments'] = 'edited'
    result = run_module(res.module, entries=edited, prune=True, backup=True,
                        backup_options={'dir_path': str(tmp_path / 'missing' / 'folder')})
    assert result['changed'] is True and len(result['deleted']) == 3
    path = result['backup_path']
    assert os.path.dirname(path) == str(tmp_path / 'missing' / 'folder')
    assert oct(os.stat(path).st_mode & 0o777) == '0o600'
    with open(path, encoding='utf-8') as handle:
        backup = json.load(handle)
    assert list(backup) == [res.name] and len(backup[res.name]) == 12
    assert backup[res.name][0] == dict(res.make(0))  # the module's own input shape, in key order
    # The rollback: the backup applied with prune (max_delete_percent 100: it deletes the 2 new ones of 11).
    emulator.api.log.clear()
    rollback = run_module(res.module, entries=backup[res.name], prune=True, max_delete_percent=100)
    assert rollback['changed'] is True and len(rollback['deleted']) == 2 and len(rollback['created']) == 3
    assert stored_entries(emulator, res) == before
    emulator.api.log.clear()
    audit = run_module(res.module, check_mode=True, entries=backup[res.name], prune=True)
    assert audit['changed'] is False and emulator.methods == ['GET']


def test_backup_costs_no_request(run_module, emulator, res, tmp_path):
    seed(emulator, res, res.entries(3))
    run_module(res.module, entries=res.entries(4), backup=True, backup_options={'dir_path': str(tmp_path)})
    with_backup = emulator.methods
    emulator.api.reset()
    seed(emulator, res, res.entries(3))
    run_module(res.module, entries=res.entries(4))
    assert with_backup == emulator.methods and os.listdir(tmp_path)


def test_no_backup_in_check_mode_nor_when_nothing_changes(run_module, emulator, res, tmp_path):
    seed(emulator, res, res.entries(3))
    options = {'dir_path': str(tmp_path)}
    checked = run_module(res.module, check_mode=True, entries=res.entries(4), backup=True, backup_options=options)
    same = run_module(res.module, entries=res.entries(3), backup=True, backup_options=options)
    assert checked['changed'] is True and 'backup_path' not in checked
    assert same['changed'] is False and 'backup_path' not in same
    assert os.listdir(tmp_path) == []


def test_default_backup_names_hold_resource_account_and_time_and_never_collide(run_module, emulator, tmp_path):
    options = {'dir_path': str(tmp_path)}
    first = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(1), backup=True, backup_options=options)
    second = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(2), backup=True, backup_options=options)
    names = sorted(os.listdir(tmp_path))
    assert len(names) == 2 and first['backup_path'] != second['backup_path']
    for name in names:
        assert name.startswith(f'block_senders_{emulator.account}_20') and name.endswith('Z.json')
    with open(first['backup_path'], encoding='utf-8') as handle:
        assert json.load(handle) == {'block_senders': []}


def test_a_backup_that_cannot_be_written_stops_the_run_before_any_write(run_module, emulator, res, tmp_path):
    seed(emulator, res, res.entries(2))
    blocker = tmp_path / 'a-file'
    blocker.write_text('not a folder')
    result = run_module(res.module, entries=res.entries(3), backup=True, backup_options={'dir_path': str(blocker)})
    assert result['failed'] is True
    assert result['msg'].startswith(f'backup: cannot write {blocker}: ') and 'nothing was changed' in result['msg']
    assert writes(emulator) == []


def test_a_backup_file_name_that_is_a_path_is_refused_before_any_request(run_module, emulator):
    result = run_module(BLOCK_SENDERS.module, entries=[], backup=True, backup_options={'filename': '../x.json'})
    assert result['msg'].startswith("backup_options.filename: '../x.json' must be a file name")
    assert emulator.methods == []


def test_a_backup_keeps_the_duplicates_prune_deletes_and_applies_back_with_a_warning(run_module, emulator, tmp_path):
    older, newer = emulator.api.seed(emulator.account, 'block_senders', [
        dict(BLOCK_SENDERS.make(0), comments='first report', created_at='2024-01-01T00:00:00Z'),
        dict(BLOCK_SENDERS.make(0), comments='ticket 4711: CEO fraud', created_at='2025-01-01T00:00:00Z'),
    ], raw=True)
    emulator.api.log.clear()
    result = run_module(BLOCK_SENDERS.module, entries=[dict(BLOCK_SENDERS.make(0), comments='first report')],
                        prune=True, backup=True, backup_options={'dir_path': str(tmp_path)})
    assert result['deleted'] == [{'pattern_type': 'DOMAIN', 'pattern': 'n0.spam.example', 'is_regex': False}]
    assert list(emulator.stored('block_senders')) == [older['id']]
    with open(result['backup_path'], encoding='utf-8') as handle:
        backup = json.load(handle)
    kept = dict(sorted(dict(BLOCK_SENDERS.make(0), comments='first report').items()))
    assert backup == {'block_senders': [kept],
                      'pruned_duplicates': {'block_senders': [dict(kept, comments='ticket 4711: CEO fraud')]}}
    assert list(backup['pruned_duplicates']['block_senders'][0]) == sorted(kept)
    # The rollback of the whole file (what examples/account.yml does): the entries apply, the duplicates are named.
    emulator.api.log.clear()
    rollback = run_module(email_security_settings, settings_file=result['backup_path'], prune=True)
    assert rollback['changed'] is False and emulator.methods == ['GET']
    (warning,) = rollback['warnings']
    warning = warning['event']['msg'] if isinstance(warning, dict) else warning  # ansible-core 2.19 adds structure
    assert warning == ('pruned_duplicates (1 of block_senders) not applied: they are the objects a run deleted as '
                       'duplicates of an older object with the same key, kept in the backup for their settings; merge '
                       'what you need into the entries')
    assert newer['id'] not in emulator.stored('block_senders')


def test_the_same_backup_file_name_twice_keeps_both_backups(run_module, tmp_path):
    options = {'dir_path': str(tmp_path), 'filename': 'acme-20261203T120000Z.json'}  # as the role names it
    first = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(1), backup=True, backup_options=options)
    second = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(2), backup=True, backup_options=options)
    assert first['backup_path'] == str(tmp_path / 'acme-20261203T120000Z.json')
    assert second['backup_path'] == str(tmp_path / 'acme-20261203T120000Z-1.json')
    assert json.loads((tmp_path / 'acme-20261203T120000Z.json').read_text()) == {'block_senders': []}
    assert len(json.loads((tmp_path / 'acme-20261203T120000Z-1.json').read_text())['block_senders']) == 1
    assert sorted(os.listdir(tmp_path)) == ['acme-20261203T120000Z-1.json', 'acme-20261203T120000Z.json']


def test_a_symlink_planted_at_the_backup_name_is_neither_followed_nor_replaced(run_module, tmp_path):
    target = tmp_path / 'precious.txt'
    target.write_text('precious\n')
    folder = tmp_path / 'backups'
    folder.mkdir()
    (folder / 'acme.json').symlink_to(target)
    (folder / 'acme.json.partial').symlink_to(target)  # where the module used to write first
    result = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(1), backup=True,
                        backup_options={'dir_path': str(folder), 'filename': 'acme.json'})
    assert result['backup_path'] == str(folder / 'acme-1.json')
    assert target.read_text() == 'precious\n' and os.readlink(folder / 'acme.json') == str(target)
    assert sorted(os.listdir(folder)) == ['acme-1.json', 'acme.json', 'acme.json.partial']


def test_a_backup_write_that_fails_midway_leaves_no_file_and_changes_nothing(emulator, tmp_path):
    """A disk that fills up while the backup is written (the file size limit of the module's process, the same
    error a full disk gives for a write): no half file under the name, nothing left behind, no API write."""
    seed(emulator, BLOCK_SENDERS, BLOCK_SENDERS.entries(300))  # a backup of about 30 kB
    args = {'entries': BLOCK_SENDERS.entries(301), 'backup': True, 'api_base_url': emulator.base_url,
            'api_token': emulator.token, 'account_id': emulator.account,
            'backup_options': {'dir_path': str(tmp_path / 'backups'), 'filename': 'acme.json'}}
    (tmp_path / 'args.json').write_text(json.dumps({'ANSIBLE_MODULE_ARGS': args}))

    small_disk = ('import resource, runpy, signal, sys; '
                  'signal.signal(signal.SIGXFSZ, signal.SIG_IGN); '  # EFBIG instead of the signal that kills
                  'resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); '
                  'runpy.run_module("ansible_collections.edgeops.cloudflare.plugins.modules.email_security_block_senders",'
                  ' run_name="__main__")')
    done = subprocess.run([sys.executable, '-c', small_disk, str(tmp_path / 'args.json')],
                          capture_output=True, text=True, timeout=60, check=False)
    result = json.loads(done.stdout)
    assert result['msg'] == (f"backup: cannot write {tmp_path / 'backups' / 'acme.json'}: File too large; nothing was "
                             'changed (set backup_options.dir_path to a writable folder)')
    assert os.listdir(tmp_path / 'backups') == []
    assert writes(emulator) == []


# Complete reads ---------------------------------------------------------------------------------------------------

SHORT = {'kind': 'short', 'keep': 500, 'method': 'GET'}


def test_a_short_page_is_read_again_and_creates_no_duplicate(run_module, emulator, res):
    seed(emulator, res, res.entries(1500))
    emulator.fault(**SHORT)  # page 1: 500 objects while per_page says 1000 and total_count 1500
    result = run_module(res.module, entries=res.entries(1500))
    assert result['changed'] is False
    assert [entry['query']['page'] for entry in emulator.requests] == [['1'], ['1'], ['2']]
    assert len(emulator.stored(res.name)) == 1500


def test_a_read_that_never_adds_up_fails_before_any_write(run_module, emulator, res):
    seed(emulator, res, res.entries(1500))
    emulator.fault(**dict(SHORT, times=2))
    result = run_module(res.module, entries=res.entries(1501), prune=True)
    assert result['failed'] is True
    assert ('the list does not add up, twice: page 1 held 500 objects where per_page is 1000, and total_count says '
            '1500: 500 of 1500 read. Nothing was changed') in result['msg']
    assert writes(emulator) == [] and len(emulator.stored(res.name)) == 1500


def test_a_total_that_changes_between_pages_is_read_again(emulator, res):
    seed(emulator, res, res.entries(3))
    path = f'/accounts/{emulator.account}/email-security/settings/{res.name}'
    client = Client(base_url=emulator.base_url, api_token=emulator.token)
    real_get = emulator.api.list
    added = []

    def growing(account, resource, query):  # another writer adds an object while the first pass reads the pages
        if query.get('page') == ['2'] and not added:
            added.extend(emulator.api.seed(account, resource, res.entries(1, start=50)))
        return real_get(account, resource, query)

    emulator.api.list = growing
    try:
        items = client.paginate(path, per_page=2)
    finally:
        del emulator.api.list
    assert len(items) == 4
    pages = [entry['query']['page'] for entry in emulator.requests]
    assert pages == [['1'], ['2'], ['1'], ['2']]


def test_the_export_never_returns_an_incomplete_resource(run_module, emulator):
    seed(emulator, BLOCK_SENDERS, BLOCK_SENDERS.entries(1200))
    emulator.fault(**dict(SHORT, times=2, path='block_senders'))
    failed = run_module(email_security_settings_info, resources=['block_senders'])
    assert failed['failed'] is True and 'settings' not in failed and 'does not add up' in failed['msg']
    emulator.api.log.clear()
    emulator.fault(**dict(SHORT, path='block_senders'))
    complete = run_module(email_security_settings_info, resources=['block_senders'])
    assert len(complete['settings']['block_senders']) == 1200


# Holes an outside mutation audit found ----------------------------------------------------------------------------

def test_prune_never_deletes_a_read_only_object_that_shares_a_key(run_module, emulator):
    older, synced = emulator.api.seed(emulator.account, 'impersonation_registry', [
        {'email': 'jane@example.com', 'is_email_regex': False, 'name': 'Jane', 'created_at': '2020-01-01T00:00:00Z'},
        {'email': 'jane@example.com', 'is_email_regex': False, 'name': 'Jane', 'provenance': 'SNOOPY-OFFICE_365',
         'created_at': '2021-01-01T00:00:00Z'},
    ], raw=True)
    emulator.api.log.clear()
    result = run_module(email_security_impersonation_registry, entries=[{'email': 'jane@example.com', 'name': 'Jane'}],
                        prune=True)
    assert result['changed'] is False and result['deleted'] == []
    assert sorted(emulator.stored('impersonation_registry')) == sorted([older['id'], synced['id']])
    assert emulator.methods == ['GET']


def test_the_export_of_more_than_one_page_reads_every_page(run_module, emulator):
    seed(emulator, BLOCK_SENDERS, BLOCK_SENDERS.entries(2345))
    result = run_module(email_security_settings_info, resources=['block_senders'])
    assert len(result['settings']['block_senders']) == 2345
    assert [entry['query']['page'] for entry in emulator.requests] == [['1'], ['2'], ['3']]


def test_a_lookup_by_name_uses_the_server_side_filter_whatever_the_account_size(run_module, emulator):
    emulator.api.seed(emulator.account, 'domains', [
        {'domain': f'd{n}.example', 'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'],
         'ip_restrictions': [], 'regions': ['GLOBAL']} for n in range(1500)])
    emulator.api.log.clear()
    result = run_module(email_security_domain, domain='d700.example', regions=['GLOBAL'])
    assert result['changed'] is False
    (read,) = emulator.requests
    assert read['method'] == 'GET' and read['query']['domain'] == ['d700.example']


@pytest.mark.parametrize('mut', MODULES, ids=str)
@pytest.mark.parametrize('secret', ['api_token', 'api_key'])
def test_no_secret_reaches_the_result_or_its_invocation(run_module, emulator, mut, secret):
    value = 'emulator-global-key' if secret == 'api_key' else emulator.token
    args = {'api_token': '__omit__', secret: value, '_ansible_inject_invocation': True}  # as -v asks (2.19+)
    if secret == 'api_key':
        args['api_email'] = 'user@example.com'
    if mut.kind == 'set':
        args[mut.description.entries_option] = []
    elif mut.kind == 'single':
        args.update(domain='x.example', state='absent')
    result = run_module(mut.module, **args)
    assert value not in json.dumps(result)
    assert result['invocation']['module_args'][secret] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


# Promises a mutation audit found unpinned (issue 23): each test fails when its promise is broken ----------------

def test_the_guard_allows_exactly_max_delete_percent_and_refuses_one_more(run_module, emulator, res):
    seed(emulator, res, res.entries(20))
    allowed = run_module(res.module, check_mode=True, entries=res.entries(14), prune=True)
    assert 'failed' not in allowed and len(allowed['deleted']) == 6  # 30 % of 20: allowed
    refused = run_module(res.module, check_mode=True, entries=res.entries(13), prune=True)
    assert refused['msg'].startswith(f'{res.plural}: this run would delete 7 of 20 (35 %), more than max_delete_percent')
    assert writes(emulator) == []


def test_a_backup_named_by_the_task_is_readable_by_its_owner_only(run_module, tmp_path):
    result = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(1), backup=True,
                        backup_options={'dir_path': str(tmp_path), 'filename': 'acme.json'})
    assert result['backup_path'] == str(tmp_path / 'acme.json')
    assert oct(os.stat(result['backup_path']).st_mode & 0o777) == '0o600'


@pytest.mark.parametrize('answer', ['more objects than total_count', 'one object on two pages'])
def test_a_read_with_more_objects_than_its_total_or_one_object_twice_is_refused(run_module, emulator, answer):
    seed(emulator, BLOCK_SENDERS, BLOCK_SENDERS.entries(3))
    objects = [dict(obj, id=object_id) for object_id, obj in emulator.stored('block_senders').items()]
    first = {'success': True, 'errors': [], 'result': objects[:2], 'result_info': {'per_page': 2, 'total_count': 3}}
    if answer == 'more objects than total_count':
        first['result_info']['per_page'] = 3
        first['result'] = objects + [dict(objects[0], id='one-more')]
        pages = [first]
    else:  # page 2 brings one new object and one of page 1 again: 4 objects, as the total says, but 3 distinct
        first['result_info']['total_count'] = 4
        second = {'success': True, 'errors': [], 'result': objects[1:3], 'result_info': {'per_page': 2, 'total_count': 4}}
        pages = [first, second]
    for _pass in range(2):  # the read is made again once
        for page in pages:
            emulator.fault(kind='body', body=page, method='GET')
    result = run_module(BLOCK_SENDERS.module, entries=BLOCK_SENDERS.entries(4), prune=True)
    expected = ('4 objects read where total_count says 3' if answer == 'more objects than total_count'
                else '1 object(s) came twice across the pages')
    assert f'the list does not add up, twice: {expected}. Nothing was changed' in result.get('msg', ''), result
    assert writes(emulator) == []
