# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""email_security_settings: the whole account in one module run, against the emulator."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.edgeops.cloudflare.plugins.module_utils._entries import entries_as_given, entry_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from ansible_collections.edgeops.cloudflare.plugins.modules import email_security_settings, email_security_settings_info
from test_settings_info import ACCOUNT, seed_account


def export(run_module):
    return run_module(email_security_settings_info)['settings']


def writes(emulator):
    return [entry for entry in emulator.requests if entry['method'] != 'GET']


def sender(number):
    return {'pattern_type': 'DOMAIN', 'pattern': f'n{number}.spam.example', 'is_regex': False}


def test_the_export_applies_back_with_prune_in_eight_reads_and_no_write(run_module, emulator):
    seed_account(emulator)
    exported = export(run_module)
    emulator.api.log.clear()
    result = run_module(email_security_settings, settings=exported, prune=True)
    assert result['changed'] is False and 'failed' not in result, result
    assert sorted(entry['path'].rsplit('/', 1)[-1] for entry in emulator.requests) == sorted(ALL)
    assert emulator.methods == ['GET'] * 8
    assert list(result['summary']) == list(ALL)
    assert result['summary']['impersonation_registry']['unmanaged'][0]['email'] == 'sam@example.com'


def test_the_export_applied_to_an_empty_account_exports_the_same(run_module, emulator):
    seed_account(emulator)
    exported = export(run_module)
    emulator.api.reset()
    applied = run_module(email_security_settings, settings=exported)
    assert applied['changed'] is True and 'failed' not in applied
    assert {name: len(part['created']) for name, part in applied['summary'].items()} == {
        name: len(entries) for name, entries in exported.items()}
    # domains first; one batch per batch resource, one request per object for the other three
    paths = [entry['path'].split('/settings/')[1] for entry in writes(emulator)]
    assert paths[0] == 'domains/batch'
    assert paths.count('impersonation_registry') == len(exported['impersonation_registry'])
    assert len(paths) == 5 + sum(len(exported[name]) for name in
                                 ('impersonation_registry', 'sending_domain_restrictions', 'url_ignore_patterns'))
    assert export(run_module) == exported


def test_a_resource_the_dict_does_not_name_is_not_touched(run_module, emulator):
    seed_account(emulator)
    result = run_module(email_security_settings, settings={'block_senders': [sender(1)]}, prune=True)
    assert list(result['summary']) == ['block_senders']
    assert emulator.methods == ['GET', 'POST'] and emulator.requests[0]['path'].endswith('/block_senders')
    assert len(emulator.stored('url_ignore_patterns')) == len(ACCOUNT['url_ignore_patterns'])


def test_a_bad_entry_in_the_last_resource_means_no_request(run_module, emulator):
    settings = {name: [] for name in ALL}
    settings['domains'] = ACCOUNT['domains']
    settings['url_ignore_patterns'] = [{'pattern': '^https://ok\\.example/'},
                                       {'pattern': '^https://a\\.example/', 'comments': 'x' * 1025}]
    result = run_module(email_security_settings, settings=settings)
    assert result['failed'] is True
    assert result['msg'].startswith("settings.url_ignore_patterns[1] (^https://a\\.example/): comments: 'xxxxx")
    assert emulator.methods == []


def test_an_unknown_resource_name_is_refused_naming_the_known_ones(run_module, emulator):
    result = run_module(email_security_settings, settings={'block_senders': [], 'blocked_senders': []})
    assert result['msg'] == f"settings: unknown resource(s) blocked_senders; known: {', '.join(ALL)}"
    assert emulator.methods == []


def test_the_reads_overlap(run_module, emulator):
    seed_account(emulator)
    # Each read is held until all eight have arrived: read one after the other, the first would wait for ever.
    emulator.fault(kind='barrier', method='GET', count=8, times=8, timeout=5)
    result = run_module(email_security_settings, settings=export_settings(), prune=True)
    assert result['changed'] is False and 'failed' not in result, result
    assert emulator.methods == ['GET'] * 8


def export_settings():
    return {name: [dict(entry) for entry in entries] for name, entries in ACCOUNT.items()}


def test_a_failed_write_in_the_middle_is_reported_per_resource(run_module, emulator):
    settings = {'domains': ACCOUNT['domains'], 'block_senders': ACCOUNT['block_senders'],
                'trusted_domains': ACCOUNT['trusted_domains'], 'url_ignore_patterns': ACCOUNT['url_ignore_patterns']}
    emulator.fault(kind='status', status=400, path='trusted_domains/batch$',
                   errors=[{'code': 1006, 'message': 'pattern is locked'}])
    result = run_module(email_security_settings, settings=settings)
    assert result['failed'] is True
    assert result['msg'].startswith('trusted_domains: batch call 1 of 1 failed: ')
    assert '[1006] pattern is locked' in result['msg'] and result['msg'].endswith('; not attempted: url_ignore_patterns')
    summary = result['summary']
    assert len(summary['domains']['created']) == 2 and summary['domains']['failed'] is False
    assert len(summary['block_senders']['created']) == 3 and summary['block_senders']['failed'] is False
    assert summary['trusted_domains']['failed'] is True and summary['trusted_domains']['created'] == []
    assert summary['trusted_domains']['not_applied'] == [{'pattern': 'partner.example', 'is_regex': False}]
    assert summary['url_ignore_patterns']['failed'] is True and len(summary['url_ignore_patterns']['not_applied']) == 2
    assert result['status'] == 400 and emulator.stored('url_ignore_patterns') == {}
    assert [entry['method'] for entry in writes(emulator)] == ['POST', 'POST', 'POST']


def test_the_guard_of_any_resource_stops_every_write_in_apply_and_in_check_mode(run_module, emulator):
    emulator.api.seed(emulator.account, 'block_senders', [sender(number) for number in range(20)])
    emulator.api.log.clear()
    settings = {'domains': ACCOUNT['domains'], 'block_senders': [sender(number) for number in range(5)]}
    for check_mode in (True, False):
        result = run_module(email_security_settings, check_mode=check_mode, diff=True, settings=settings, prune=True)
        assert result['msg'] == ('blocked senders: this run would delete 15 of 20 (75 %), more than max_delete_percent '
                                 '30; nothing was changed (max_delete_percent: 100 allows it)')
        assert result['summary']['block_senders']['failed'] is True and len(result['summary']['block_senders']['deleted']) == 15
        assert result['summary']['domains']['failed'] is False and len(result['summary']['domains']['created']) == 2
        assert len(result['diff']) == 17
    assert writes(emulator) == []
    applied = run_module(email_security_settings, settings=settings, prune=True, max_delete_percent=100)
    assert applied['changed'] is True and [entry['method'] for entry in writes(emulator)] == ['POST', 'POST']


def test_check_mode_never_writes_and_diffs_name_the_resource(run_module, emulator):
    seed_account(emulator)
    settings = export_settings()
    settings['block_senders'] = settings['block_senders'][1:] + [sender(7)]
    settings['url_ignore_patterns'][0]['comments'] = 'changed'
    result = run_module(email_security_settings, check_mode=True, diff=True, settings=settings, prune=True)
    assert result['changed'] is True and emulator.methods == ['GET'] * 8
    headers = [entry['before_header'] for entry in result['diff']]
    assert headers == ['block_senders: pattern_type=DOMAIN pattern=n7.spam.example is_regex=False',
                       'block_senders: pattern_type=DOMAIN pattern=phish.example is_regex=False',
                       'url_ignore_patterns: ^https://intranet\\.example/']
    assert result['summary']['url_ignore_patterns']['previous'] == {'^https://intranet\\.example/': {'comments': 'internal'}}


def test_one_backup_for_the_account_holds_what_the_run_changes_and_rolls_back(run_module, emulator, tmp_path):
    seed_account(emulator)
    before = export(run_module)
    settings = json.loads(json.dumps(before))
    settings['domains'][0]['regions'] = ['US']
    settings['url_ignore_patterns'] = settings['url_ignore_patterns'][:1]
    result = run_module(email_security_settings, settings=settings, prune=True, backup=True,
                        backup_options={'dir_path': str(tmp_path)})
    assert result['changed'] is True
    assert os.listdir(tmp_path) == [os.path.basename(result['backup_path'])]
    assert os.path.basename(result['backup_path']).startswith(f'settings_{emulator.account}_')
    with open(result['backup_path'], encoding='utf-8') as handle:
        backup = json.load(handle)
    assert backup == {'domains': before['domains'], 'url_ignore_patterns': before['url_ignore_patterns']}
    run_module(email_security_settings, settings=backup, prune=True, max_delete_percent=100)
    emulator.api.log.clear()
    audit = run_module(email_security_settings, check_mode=True, settings=before, prune=True)
    assert audit['changed'] is False and emulator.methods == ['GET'] * 8


@pytest.mark.parametrize('name', list(ALL))
def test_entries_as_given_are_what_ansibles_validation_returns(name):
    options = entry_spec(ALL[name])
    entries = ACCOUNT[name] + [dict(ACCOUNT[name][0], state='absent')]
    spec = {'entries': {'type': 'list', 'elements': 'dict', 'options': options}}
    ansible = ArgumentSpecValidator(spec).validate({'entries': entries}).validated_parameters['entries']
    assert entries_as_given(options, entries) == ansible


def test_entries_that_need_converting_go_through_ansibles_validation(run_module):
    options = entry_spec(ALL['block_senders'])
    assert entries_as_given(options, [dict(sender(1), is_regex='no')]) is None
    assert entries_as_given(options, [dict(sender(1), comments=None)]) is None
    assert entries_as_given(options, [dict(sender(1), state='gone')]) is None
    result = run_module(email_security_settings, settings={'block_senders': [dict(sender(1), is_regex='no')]})
    assert result['summary']['block_senders']['created'] == [sender(1)]  # 'no' converted to false, as Ansible does


def test_a_settings_file_json_or_yaml_is_read_by_the_module(run_module, emulator, tmp_path):
    seed_account(emulator)
    exported = export(run_module)
    as_json, as_yaml = tmp_path / 'account.json', tmp_path / 'account.yml'
    as_json.write_text(json.dumps(exported), encoding='utf-8')
    as_yaml.write_text(yaml.safe_dump(exported), encoding='utf-8')
    for path in (as_json, as_yaml):
        emulator.api.log.clear()
        result = run_module(email_security_settings, settings_file=str(path), prune=True)
        assert result['changed'] is False and 'failed' not in result and emulator.methods == ['GET'] * 8


def test_a_settings_file_that_cannot_be_used_fails_before_any_request(run_module, emulator, tmp_path):
    broken, listed = tmp_path / 'broken.json', tmp_path / 'list.json'
    broken.write_text('{"domains": [', encoding='utf-8')
    listed.write_text('["domains"]', encoding='utf-8')
    cases = {str(tmp_path / 'missing.json'): 'cannot read', str(broken): 'is not valid JSON: ',
             str(listed): 'holds a list, not a dict of resource name to entries'}
    for path, reason in cases.items():
        result = run_module(email_security_settings, settings_file=path)
        assert result['msg'].startswith(f'settings_file: {path!r}' if 'cannot' not in reason else 'settings_file: cannot')
        assert reason in result['msg'] and '\n' not in result['msg']
    both = run_module(email_security_settings, settings={}, settings_file=str(broken))
    assert 'mutually exclusive: settings|settings_file' in both['msg']
    assert emulator.methods == []


def test_an_error_in_a_settings_file_names_the_resource_the_entry_and_the_option(run_module, emulator, tmp_path):
    misspelt = tmp_path / 'misspelt.json'
    misspelt.write_text(json.dumps({'block_senders': [sender(0), sender(1), sender(2),
                                                      {'pattern_type': 'DOMAIN', 'patern': 'typo.example'}]}))
    result = run_module(email_security_settings, settings_file=str(misspelt))
    assert result['msg'] == "settings.block_senders[3]: unknown option 'patern' (did you mean 'pattern'?)"
    domains = [dict(ACCOUNT['domains'][0]), dict(ACCOUNT['domains'][1], regions=['EU'])]
    result = run_module(email_security_settings, settings={'domains': domains})
    assert result['msg'] == (f"settings.domains[1] ({domains[1]['domain']}): value of regions must be one or more of: "
                             'GLOBAL, AU, DE, IN, US. Got no match for: EU')
    assert emulator.methods == []


def test_an_entry_that_is_not_a_dict_or_names_no_known_option_is_named_by_its_index(run_module, emulator):
    result = run_module(email_security_settings, settings={'block_senders': [sender(0), 'phish.example']})
    assert result['msg'] == 'settings.block_senders[1]: must be a dict of options, got str'
    result = run_module(email_security_settings, settings={'block_senders': [dict(sender(0), colour='red')]})
    assert result['msg'] == ("settings.block_senders[0]: unknown option 'colour'; known: comments, is_regex, pattern, "
                             'pattern_type, state')
    assert emulator.methods == []


def test_the_backup_is_what_the_export_writes_for_the_same_objects(run_module, emulator, tmp_path):
    """The backup and examples/export.yml's file (to_nice_json: keys sorted, indent 2) spell the same objects the
    same way, so that a diff between them shows real changes only."""
    seed_account(emulator)
    exported = export(run_module)
    settings = json.loads(json.dumps(exported))
    settings['content_policies'][0]['enabled'] = not settings['content_policies'][0]['enabled']
    settings['domains'][1]['regions'] = ['GLOBAL']
    result = run_module(email_security_settings, settings=settings, backup=True,
                        backup_options={'dir_path': str(tmp_path)})
    with open(result['backup_path'], encoding='utf-8') as handle:
        text = handle.read()
    as_exported = {'content_policies': exported['content_policies'], 'domains': exported['domains']}
    assert text == json.dumps(as_exported, indent=2, sort_keys=True, separators=(',', ': ')) + '\n'


def test_a_deleted_object_is_shown_in_the_input_shape_as_a_created_one(run_module, emulator):
    seed_account(emulator)
    exported = export(run_module)
    settings = {'url_ignore_patterns': exported['url_ignore_patterns'][1:] + [{'pattern': '^https://new\\.example/'}]}
    result = run_module(email_security_settings, check_mode=True, diff=True, settings=settings, prune=True)
    deleted, created = sorted(result['diff'], key=lambda entry: bool(entry['after']))
    assert created['after'] == {'pattern': '^https://new\\.example/'} and created['before'] == {}
    assert deleted['before'] == exported['url_ignore_patterns'][0] and deleted['after'] == {}
    assert deleted['before_header'] == f"url_ignore_patterns: {exported['url_ignore_patterns'][0]['pattern']}"


def test_the_same_backup_file_name_in_the_same_second_keeps_both_backups(run_module, tmp_path):
    """The role names the file <account>-<UTC time to the second>.json: two applies within a second keep both."""
    options = {'dir_path': str(tmp_path), 'filename': 'acme-20261203T120000Z.json'}
    first = run_module(email_security_settings, settings={'block_senders': [sender(1)]}, backup=True,
                       backup_options=options)
    second = run_module(email_security_settings, settings={'block_senders': [sender(2)]}, backup=True,
                        backup_options=options)
    assert (first['backup_path'], second['backup_path']) == (str(tmp_path / 'acme-20261203T120000Z.json'),
                                                             str(tmp_path / 'acme-20261203T120000Z-1.json'))
    with open(first['backup_path'], encoding='utf-8') as handle:
        assert json.load(handle) == {'block_senders': []}
    with open(second['backup_path'], encoding='utf-8') as handle:
        assert json.load(handle) == {'block_senders': [dict(sorted(sender(1).items()))]}


# Promises a mutation audit found unpinned (issue 23) -----------------------------------------------------------

def test_domains_are_written_first_whatever_order_the_settings_dict_has(run_module, emulator):
    settings = {'url_ignore_patterns': ACCOUNT['url_ignore_patterns'], 'block_senders': ACCOUNT['block_senders'],
                'domains': ACCOUNT['domains']}
    result = run_module(email_security_settings, settings=settings)
    assert list(result['summary']) == ['domains', 'block_senders', 'url_ignore_patterns']
    paths = [entry['path'].split('/settings/')[1] for entry in writes(emulator)]
    assert paths == ['domains/batch', 'block_senders/batch', 'url_ignore_patterns', 'url_ignore_patterns']


def test_the_account_backup_is_on_disk_before_the_first_write(run_module, emulator, tmp_path):
    seed_account(emulator)
    settings = export_settings()
    settings['domains'][0]['regions'] = ['US']
    on_disk_at_first_write = []
    real_batch = emulator.api.batch

    def batch(account, resource, body):
        if not on_disk_at_first_write:
            on_disk_at_first_write.append(sorted(os.listdir(tmp_path)))
        return real_batch(account, resource, body)

    emulator.api.batch = batch
    try:
        result = run_module(email_security_settings, settings=settings, backup=True,
                            backup_options={'dir_path': str(tmp_path)})
    finally:
        del emulator.api.batch
    assert on_disk_at_first_write == [[os.path.basename(result['backup_path'])]]


def test_the_account_module_writes_no_backup_in_check_mode(run_module, emulator, tmp_path):
    seed_account(emulator)
    settings = export_settings()
    settings['domains'][0]['regions'] = ['US']
    result = run_module(email_security_settings, check_mode=True, settings=settings, backup=True,
                        backup_options={'dir_path': str(tmp_path)})
    assert result['changed'] is True and 'backup_path' not in result
    assert os.listdir(tmp_path) == [] and emulator.methods == ['GET'] * 8
