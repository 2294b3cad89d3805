# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every place that states the oldest supported ansible-core states the same one: ``meta/runtime.yml``'s
``requires_ansible`` (what ansible-galaxy and Galaxy enforce), the oldest leg of CI's matrix (``scripts/test`` and
its venv), the role's metadata, the README, the guides and the examples."""

from __future__ import annotations

import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = r'(\d+\.\d+)'
# The ways the documents state the floor; a statement of another version is a document that drifted.
FLOOR_STATEMENTS = [
    re.compile(rf'ansible-core {VERSION} or newer'),
    re.compile(rf'requires_ansible:?`*:? *"?>={VERSION}'),
    re.compile(rf'oldest supported ansible-core \({VERSION}'),
    re.compile(rf'the oldest, {VERSION}'),
    re.compile(rf'ansible-core {VERSION}, the oldest'),
    re.compile(rf'`units-{VERSION}`'),
    re.compile(rf'"ansible-core>={VERSION}"'),
]
# Where a user or CI reads it (the changelog keeps history, and the EE pins an image's own ansible-core).
DOCUMENTS = ['README.md', 'roles/email_security/README.md', 'examples/ci/github-actions.yml',
             *(f'docs/docsite/rst/{page.name}' for page in sorted((ROOT / 'docs/docsite/rst').glob('*.rst')))]


def floor() -> str:
    """The oldest supported ansible-core, X.Y, from meta/runtime.yml."""
    runtime = yaml.safe_load((ROOT / 'meta/runtime.yml').read_text(encoding='utf-8'))
    match = re.fullmatch(r'>=(\d+\.\d+)\.0', runtime['requires_ansible'])
    assert match, f"requires_ansible should be '>=X.Y.0', not {runtime['requires_ansible']!r}"
    return match.group(1)


def stated(path: str) -> list[tuple[str, str]]:
    """Every (statement, version) of the floor in a document."""
    text = (ROOT / path).read_text(encoding='utf-8')
    return [(match.group(0), match.group(1)) for pattern in FLOOR_STATEMENTS for match in pattern.finditer(text)]


def test_the_floor_is_an_ansible_core_upstream_still_supports():
    assert tuple(map(int, floor().split('.'))) >= (2, 15)  # 2.14 is out of support: Galaxy's importer warns


def test_ci_tests_the_oldest_supported_ansible_core():
    matrix = re.search(r'^oldest=(\S+) newest=(\S+)$', (ROOT / 'scripts/test').read_text(encoding='utf-8'), re.M)
    assert matrix and matrix.group(1) == floor()
    requirements = (ROOT / 'tests/requirements/core-oldest.txt').read_text(encoding='utf-8')
    minor = int(floor().split('.')[1])
    assert re.search(rf'^ansible-core>={re.escape(floor())},<2\.{minor + 1}$', requirements, re.M), requirements


def test_the_role_metadata_states_the_floor():
    meta = yaml.safe_load((ROOT / 'roles/email_security/meta/main.yml').read_text(encoding='utf-8'))
    assert str(meta['galaxy_info']['min_ansible_version']) == floor()


def test_every_document_states_the_same_floor():
    wrong = [(path, found) for path in DOCUMENTS for found in stated(path) if found[1] != floor()]
    assert not wrong, f'these documents state another oldest ansible-core than {floor()}: {wrong}'


def test_the_readme_and_the_getting_started_guide_state_the_floor():
    for path in ('README.md', 'docs/docsite/rst/guide_getting_started.rst', 'roles/email_security/README.md'):
        assert (f'ansible-core {floor()} or newer', floor()) in stated(path), path
