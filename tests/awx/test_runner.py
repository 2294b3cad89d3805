# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The example playbooks through ansible-runner's Python API (what AWX runs underneath).

The job gets only what the custom credential type (extensions/awx) injects - rendered from its injector
configuration the way AWX renders it - plus the execution environment's own settings (where the collection
is, which Python runs the modules). Assertions come from runner's events and the emulator's request log.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

import ansible_runner
import jinja2.sandbox
import pytest
import yaml

from conftest import COLLECTION_ROOT, cf_emulator

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import DEFAULT_BASE_URL

EXAMPLES = os.path.join(COLLECTION_ROOT, 'examples')
AWX = os.path.join(COLLECTION_ROOT, 'extensions', 'awx')
TOKEN = 'awx-credential-token-3e1f0c9a7b5d4c2e8f6a'


def credential_env(inputs):
    """The environment AWX injects for a credential of our type with these inputs."""
    with open(os.path.join(AWX, 'credential_type_injectors.yml')) as handle:
        injectors = yaml.safe_load(handle)
    sandbox = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    return {name: sandbox.from_string(template).render(**inputs) for name, template in injectors['env'].items()}


def test_the_credential_type_asks_for_a_secret_token_and_injects_what_the_modules_read():
    with open(os.path.join(AWX, 'credential_type_inputs.yml')) as handle:
        inputs = yaml.safe_load(handle)
    fields = {field['id']: field for field in inputs['fields']}
    assert fields['api_token']['secret'] is True and 'secret' not in fields['account_id']
    assert inputs['required'] == ['api_token', 'account_id']
    env = credential_env({'api_token': 't', 'account_id': 'a', 'api_base_url': ''})
    assert env == {'CLOUDFLARE_API_TOKEN': 't', 'CLOUDFLARE_ACCOUNT_ID': 'a',
                   'CLOUDFLARE_BASE_URL': DEFAULT_BASE_URL}  # an empty input falls back to the default


@pytest.fixture
def job(emulator, tmp_path, monkeypatch):
    """Run an example playbook as an AWX job would: ``job(playbook, job_type='run')`` -> (events, writes)."""
    for name in list(os.environ):
        if name.startswith('CLOUDFLARE_'):
            monkeypatch.delenv(name)  # nothing may come from the test's own environment
    monkeypatch.setenv('PATH', os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'])  # the EE's tools
    emulator.api.reset({'tokens': [TOKEN]})
    project = tmp_path / 'project'  # the job template's project: a checkout of examples/
    shutil.copytree(EXAMPLES, str(project))
    env = credential_env({'api_token': TOKEN, 'account_id': cf_emulator.DEFAULT_ACCOUNT,
                          'api_base_url': emulator.base_url})
    env.update(ANSIBLE_COLLECTIONS_PATH=os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION_ROOT))),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING='false',
               ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    runs = []

    def run(playbook, job_type='run', extravars=None, status='successful'):
        emulator.api.log.clear()
        runs.append(1)
        private_data_dir = tmp_path / (f'runner-{len(runs)}')
        private_data_dir.mkdir()
        result = ansible_runner.run(
            private_data_dir=str(private_data_dir), project_dir=str(project), playbook=playbook,
            envvars=env, extravars=extravars, cmdline='--check --diff' if job_type == 'check' else None, quiet=True)
        assert result.status == status, result.stdout.read()
        writes = [entry for entry in emulator.api.log if entry['method'] != 'GET']
        return list(result.events), writes

    return run


def task_results(events, task):
    """The per-task result events (``runner_on_ok``) of the task named ``task``."""
    return [event['event_data']['res'] for event in events
            if event['event'] == 'runner_on_ok' and event['event_data'].get('task') == task]


def predicted_region_changes(events):
    """(domain, regions before, regions after) for every domain whose regions the check job's diff changes.

    The single-domain module's diff is one before/after pair per loop item, the fleet module's a list of
    entries headed by the domain name; both name the domain in ``before``.
    """
    changes = []
    for event in events:
        if event['event'] not in ('runner_on_ok', 'runner_item_on_ok'):
            continue
        diff = event['event_data']['res'].get('diff')
        for entry in diff if isinstance(diff, list) else [diff] if diff else []:
            before, after = entry['before'], entry['after']
            if before.get('regions') != after.get('regions'):
                changes.append((before['domain'], before.get('regions'), after.get('regions')))
    return changes


@pytest.mark.parametrize('playbook, task', [
    ('protect_domains.yml', 'Protect each domain with its settings'),
    ('fleet_apply.yml', 'Every protected domain, in one task'),
])
def test_changed_then_unchanged_then_a_check_job_writes_nothing(job, emulator, playbook, task):
    events, writes = job(playbook)
    (first,) = task_results(events, task)
    assert first['changed'] is True
    assert sorted(entry['method'] for entry in writes) in (['POST'] * 3, ['POST'])  # three creates or one batch

    events, writes = job(playbook)
    (second,) = task_results(events, task)
    assert second['changed'] is False and writes == []

    # Someone edits example.com in the dashboard; the nightly job_type "check" (check mode + diff) sees it.
    (stored,) = [obj for obj in emulator.api.stored(cf_emulator.DEFAULT_ACCOUNT, 'domains').values()
                 if obj['domain'] == 'example.com']
    emulator.api.patch(cf_emulator.DEFAULT_ACCOUNT, 'domains', stored['id'], {'regions': ['US']})
    events, writes = job(playbook, job_type='check')
    (audit,) = task_results(events, task)
    assert audit['changed'] is True
    assert writes == []
    assert predicted_region_changes(events) == [('example.com', ['US'], ['GLOBAL'])]
    assert emulator.api.get(cf_emulator.DEFAULT_ACCOUNT, 'domains', stored['id'])['regions'] == ['US']  # still the drift


def shown_drift(events):
    """What the example's last task shows: the resources that changed (or would), or a no-drift sentence."""
    (shown,) = task_results(events, 'Show what was (or in check mode would be) created, updated and deleted')
    return shown['msg']


def test_the_account_workflow_export_audit_apply_with_only_the_credential(job, emulator, tmp_path):
    """export.yml -> the committed file -> account.yml as the nightly audit (check job) and as the apply job."""
    emulator.api.seed_sample(cf_emulator.DEFAULT_ACCOUNT, cf_emulator.sample('acme'))

    events, writes = job('export.yml')
    assert writes == [] and [entry['method'] for entry in emulator.api.log] == ['GET'] * 8
    settings_file = tmp_path / 'project' / 'account.json'
    with open(settings_file, encoding='utf-8') as handle:
        exported = json.load(handle)
    assert {name: len(entries) for name, entries in exported.items()} == {
        'domains': 3, 'allow_policies': 8, 'block_senders': 10, 'trusted_domains': 5, 'content_policies': 4,
        'impersonation_registry': 5, 'sending_domain_restrictions': 3, 'url_ignore_patterns': 4}

    events, writes = job('account.yml', job_type='check', extravars={'fail_on_drift': True})
    assert writes == [] and len(emulator.api.log) == 8
    assert shown_drift(events) == 'No drift: the account matches account.json'

    # Someone blocks a sender in the dashboard; the reviewed file allows one more partner.
    emulator.api.create(cf_emulator.DEFAULT_ACCOUNT, 'block_senders',
                        {'pattern_type': 'DOMAIN', 'pattern': 'dashboard-only.example', 'is_regex': False})
    exported['allow_policies'].append({'pattern_type': 'DOMAIN', 'pattern': 'new-partner.example', 'is_regex': False,
                                       'is_trusted_sender': False, 'is_acceptable_sender': True,
                                       'is_exempt_recipient': False, 'verify_sender': True})
    with open(settings_file, 'w', encoding='utf-8') as handle:
        json.dump(exported, handle)

    events, writes = job('account.yml', job_type='check', extravars={'fail_on_drift': True}, status='failed')
    assert writes == []
    failed = [event['event_data']['res']['msg'] for event in events if event['event'] == 'runner_on_failed']
    assert failed == ['Drift in: allow_policies, block_senders']

    events, writes = job('account.yml')
    summary = shown_drift(events)
    assert sorted(summary) == ['allow_policies', 'block_senders']
    assert summary['allow_policies']['created'] == [{'pattern_type': 'DOMAIN', 'pattern': 'new-partner.example',
                                                     'is_regex': False}]
    assert summary['block_senders']['deleted'] == [{'pattern_type': 'DOMAIN', 'pattern': 'dashboard-only.example',
                                                    'is_regex': False}]
    assert sorted(entry['method'] for entry in writes) == ['POST', 'POST']  # one batch per changed resource

    events, writes = job('account.yml', job_type='check', extravars={'fail_on_drift': True})
    assert writes == [] and shown_drift(events) == 'No drift: the account matches account.json'


def test_a_yaml_settings_file_exports_and_audits_the_same(job, emulator, tmp_path):
    emulator.api.seed_sample(cf_emulator.DEFAULT_ACCOUNT, cf_emulator.sample('acme'))
    settings_file = str(tmp_path / 'project' / 'settings.yml')
    job('export.yml', extravars={'settings_file': settings_file})
    with open(settings_file, encoding='utf-8') as handle:
        exported = yaml.safe_load(handle)
    job('export.yml', extravars={'settings_file': settings_file + '.json'})
    with open(settings_file + '.json', encoding='utf-8') as handle:
        assert json.load(handle) == exported  # regexes and backslashes survive YAML

    events, writes = job('account.yml', job_type='check', extravars={'settings_file': settings_file,
                                                                     'fail_on_drift': True})
    assert writes == [] and len(emulator.api.log) == 8
    assert shown_drift(events) == 'No drift: the account matches settings.yml'


def artifact_data(events):
    """What the job's set_stats published: AWX stores it as the job's artifacts (from the playbook_on_stats event)."""
    (stats,) = [event for event in events if event['event'] == 'playbook_on_stats']
    return stats['event_data'].get('artifact_data') or {}


def test_artifacts_carry_the_summary_and_backups_outlive_the_job(job, emulator, tmp_path):
    """AWX throws the job's filesystem away: the backup goes to a folder exposed to jobs (here, outside the job's
    private data and project folders, which are removed after the job), and the job's artifacts say where it is."""
    emulator.api.seed_sample(cf_emulator.DEFAULT_ACCOUNT, cf_emulator.sample('acme'))
    exposed = tmp_path / 'exposed' / 'email-security-backups'  # AWX_ISOLATION_SHOW_PATHS, or a container group's PVC
    job('export.yml')
    settings_file = tmp_path / 'project' / 'account.json'
    exported = json.loads(settings_file.read_text(encoding='utf-8'))
    edited = dict(exported, block_senders=exported['block_senders'][1:])
    settings_file.write_text(json.dumps(edited), encoding='utf-8')

    events, writes = job('account.yml', job_type='check')
    artifacts = artifact_data(events)['email_security'][cf_emulator.DEFAULT_ACCOUNT]
    assert artifacts['check_mode'] is True and artifacts['drift'] == ['block_senders'] and writes == []
    assert artifacts['counts']['block_senders'] == {'created': 0, 'updated': 0, 'deleted': 1, 'unmanaged': 1,
                                                    'failed': False}
    assert artifacts['backup_path'] == ''

    events, writes = job('account.yml', extravars={'backup_dir': str(exposed)})
    artifacts = artifact_data(events)['email_security'][cf_emulator.DEFAULT_ACCOUNT]
    assert artifacts['check_mode'] is False and artifacts['drift'] == ['block_senders'] and len(writes) == 1
    backup = artifacts['backup_path']
    assert os.path.dirname(backup) == str(exposed)
    for folder in tmp_path.glob('runner-*'):  # the job's own filesystem is gone after the job
        shutil.rmtree(str(folder))
    with open(backup, encoding='utf-8') as handle:
        assert json.load(handle) == {'block_senders': exported['block_senders']}

    events, writes = job('account.yml', extravars={'settings_file': backup, 'max_delete_percent': 100,
                                                   'backup_dir': str(exposed)})
    assert [entry['method'] for entry in writes] == ['POST']
    settings_file.write_text(json.dumps(exported), encoding='utf-8')
    events, writes = job('account.yml', job_type='check', extravars={'fail_on_drift': True})
    assert writes == [] and artifact_data(events)['email_security'][cf_emulator.DEFAULT_ACCOUNT]['drift'] == []
