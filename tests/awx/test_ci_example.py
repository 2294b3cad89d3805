# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The GitOps example (examples/ci/github-actions.yml): every command of its jobs, run as the runner would run them.

Each ``run:`` step runs in bash with the workflow's and the job's environment, the secrets and variables filled in,
GITHUB_WORKSPACE, RUNNER_TEMP and GITHUB_STEP_SUMMARY set, and a step after a failed one only when it says
``if: always()``. Two things differ from GitHub, and only these: CLOUDFLARE_BASE_URL points at the emulator, and
``ansible-galaxy collection install edgeops.cloudflare`` (Galaxy is not reachable here) lists the collection under
test instead, which must be found. The rollback is the command the file's comment gives.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import COLLECTION_ROOT, cf_emulator

WORKFLOW = os.path.join(COLLECTION_ROOT, 'examples', 'ci', 'github-actions.yml')
EXAMPLES = os.path.join(COLLECTION_ROOT, 'examples')
TOKEN = 'github-secret-token-5b7c9d1e3f'
GALAXY = 'ansible-galaxy collection install edgeops.cloudflare'


def load_workflow():
    with open(WORKFLOW, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def expand(value, secrets):
    """GitHub's ${{ secrets.X }} and ${{ vars.X }} expressions."""
    return re.sub(r'\$\{\{\s*(secrets|vars)\.(\w+)\s*\}\}', lambda match: secrets[match.group(2)], str(value))


@pytest.fixture
def runner(emulator, tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith('CLOUDFLARE_'):
            monkeypatch.delenv(name)
    emulator.api.reset({'tokens': [TOKEN]})
    workspace = tmp_path / 'repo'
    (workspace / 'settings').mkdir(parents=True)
    shutil.copy(os.path.join(EXAMPLES, 'account.yml'), str(workspace / 'account.yml'))
    secrets = {'CLOUDFLARE_API_TOKEN': TOKEN, 'CLOUDFLARE_ACCOUNT_ID': cf_emulator.DEFAULT_ACCOUNT}
    base_env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'],
                    ANSIBLE_COLLECTIONS_PATH=os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION_ROOT))),
                    ANSIBLE_PYTHON_INTERPRETER=sys.executable, CLOUDFLARE_BASE_URL=emulator.base_url,
                    GITHUB_WORKSPACE=str(workspace), HOME=str(tmp_path / 'home'))

    def run_job(name, temp):
        """Run the job's steps; returns (every step's exit code, the step summary, the emulator's writes)."""
        workflow = load_workflow()
        job = workflow['jobs'][name]
        env = dict(base_env, RUNNER_TEMP=str(temp), GITHUB_STEP_SUMMARY=str(temp / 'summary.md'))
        env.update({key: expand(value, secrets) for key, value in workflow.get('env', {}).items()})
        env.update({key: expand(value, secrets) for key, value in job.get('env', {}).items()})
        temp.mkdir()
        emulator.api.log.clear()
        codes, failed = [], False
        for step in job['steps']:
            if 'run' not in step or (failed and step.get('if') != 'always()'):
                continue
            script = step['run'].replace(GALAXY, 'ansible-galaxy collection list edgeops.cloudflare | grep -q "^edgeops.cloudflare "')
            done = subprocess.run(['bash', '-eo', 'pipefail', '-c', script], cwd=str(workspace), env=env,
                                  capture_output=True, text=True, check=False)
            codes.append((step['name'], done.returncode, done.stdout[-3000:] + done.stderr[-3000:]))
            failed = failed or done.returncode != 0
        summary = (temp / 'summary.md').read_text(encoding='utf-8') if (temp / 'summary.md').exists() else ''
        writes = [entry for entry in emulator.api.log if entry['method'] != 'GET']
        return codes, summary, writes

    run_job.workspace = workspace
    run_job.env = base_env
    return run_job


def export(runner, path):
    env = dict(runner.env, CLOUDFLARE_API_TOKEN=TOKEN, CLOUDFLARE_ACCOUNT_ID=cf_emulator.DEFAULT_ACCOUNT)
    subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'),
                    os.path.join(EXAMPLES, 'export.yml'), '-e', f'settings_file={path}'], env=env, check=True,
                   capture_output=True)
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)


def test_the_workflow_installs_what_it_runs_and_names_the_secret_only_through_the_environment():
    workflow = load_workflow()
    for name in ('audit', 'apply'):
        steps = workflow['jobs'][name]['steps']
        install = next(step['run'] for step in steps if step.get('name') == 'Install Ansible and the collection')
        assert GALAXY in install and 'requests' in install
        assert all('secrets.' not in str(step.get('run', '')) for step in steps)
    assert workflow['jobs']['apply']['environment'] == 'production'


def test_pull_request_audit_then_merge_apply_with_backup_then_rollback(runner, emulator, tmp_path):
    emulator.api.seed_sample(cf_emulator.DEFAULT_ACCOUNT, cf_emulator.sample('acme'))
    settings_file = runner.workspace / 'settings' / 'account.json'
    committed = export(runner, str(tmp_path / 'committed.json'))
    proposed = json.loads(json.dumps(committed))
    proposed['block_senders'].append({'pattern_type': 'DOMAIN', 'pattern': 'fake-invoices.example', 'is_regex': False})
    proposed['block_senders'] = proposed['block_senders'][1:]  # the pull request also removes one
    settings_file.write_text(json.dumps(proposed), encoding='utf-8')

    codes, summary, writes = runner('audit', tmp_path / 'audit')
    assert [code for _name, code, _out in codes] == [0, 0, 0], codes
    assert writes == []
    assert '## Email Security audit: account ' in summary and '(check mode: nothing was changed)' in summary
    assert '| block_senders | 1 | 0 | 1 | 1 |' in summary
    assert '- created `pattern_type=DOMAIN pattern=fake-invoices.example is_regex=False`' in summary

    codes, summary, writes = runner('apply', tmp_path / 'apply')
    assert [code for _name, code, _out in codes] == [0, 0, 0], codes
    assert [(entry['method'], len(entry['body']['posts']), len(entry['body']['deletes'])) for entry in writes] == [
        ('POST', 1, 1)]
    assert '## Email Security changes: account ' in summary
    (backup,) = (tmp_path / 'apply' / 'email-security-backups').iterdir()
    assert json.loads(backup.read_text(encoding='utf-8')) == {'block_senders': committed['block_senders']}

    # The rollback, as the workflow's comment gives it, then an audit of the file as it was before the pull request.
    (comment,) = [line.strip(' #') for line in open(WORKFLOW, encoding='utf-8') if 'max_delete_percent=100' in line]
    rollback = comment.replace('<the .json in it>', str(backup))
    env = dict(runner.env, CLOUDFLARE_API_TOKEN=TOKEN, CLOUDFLARE_ACCOUNT_ID=cf_emulator.DEFAULT_ACCOUNT)
    subprocess.run(['bash', '-c', rollback], cwd=str(runner.workspace), env=env, check=True, capture_output=True)
    settings_file.write_text(json.dumps(committed), encoding='utf-8')
    codes, summary, writes = runner('audit', tmp_path / 'after-rollback')
    assert writes == [] and summary.rstrip().endswith('No changes.'), summary


def test_a_refused_apply_still_reports_and_keeps_no_backup(runner, emulator, tmp_path):
    emulator.api.seed_sample(cf_emulator.DEFAULT_ACCOUNT, cf_emulator.sample('acme'))
    settings = export(runner, str(tmp_path / 'committed.json'))
    settings['block_senders'] = []  # a bad merge
    (runner.workspace / 'settings' / 'account.json').write_text(json.dumps(settings), encoding='utf-8')
    codes, summary, writes = runner('apply', tmp_path / 'apply')
    assert [code for _name, code, _out in codes][0] == 0 and codes[1][1] != 0 and codes[2][1] == 0
    assert 'blocked senders: this run would delete 10 of 10 (100 %), more than max_delete_percent 30' in codes[1][2]
    assert writes == [] and '| block_senders (failed) |' in summary
    assert not (tmp_path / 'apply' / 'email-security-backups').exists()
