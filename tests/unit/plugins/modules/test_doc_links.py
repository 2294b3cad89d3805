# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What ansible-doc shows a reader: SEE ALSO leads to the collection's own guides, references to other plugins read
well, and the settings-file format is findable resource by resource."""

from __future__ import annotations

import importlib
import pathlib
import re
import typing as t

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.registry import ALL
from modules_under_test import MODULES
from test_documentation import COLLECTION, documented_options

ROOT = pathlib.Path(__file__).resolve().parents[4]
DOCS_URL = yaml.safe_load((ROOT / 'galaxy.yml').read_text(encoding='utf-8'))['documentation'].rstrip('/')
GUIDES = {page.stem for page in (ROOT / 'docs/docsite/rst').glob('*.rst')}
# O(), RV() and V() naming another plugin render in ansible-doc as "`name' (of module fqcn)", and P() as "[[fqcn]]":
# inside parentheses of the sentence, that nests.
PLUGIN_REFERENCE = re.compile(r'\b(?:O|RV|V)\([^()]*#[^()]*\)|\bP\([^()]*\)')


def documentation(name: str) -> dict[str, t.Any]:
    return yaml.safe_load(importlib.import_module(f'{COLLECTION}.modules.{name}').DOCUMENTATION)


def descriptions(node: t.Any) -> t.Iterator[str]:
    """Every description paragraph in a documentation tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ('description', 'short_description'):
                yield from [value] if isinstance(value, str) else value
            else:
                yield from descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from descriptions(item)


def nested_references(text: str) -> list[str]:
    """The plugin references of a paragraph that stand inside a pair of parentheses."""
    found = []
    for match in PLUGIN_REFERENCE.finditer(text):
        before = PLUGIN_REFERENCE.sub('', text[:match.start()])
        before = re.sub(r'\b[A-Z]+\([^()]*\)', '', before)  # C(...), M(...), O(...): their own parentheses
        if before.count('(') > before.count(')'):
            found.append(match.group(0))
    return found


def documents() -> dict[str, t.Any]:
    """Every documentation tree ansible-doc renders: the modules, the doc fragments and the role's argument specs."""
    trees: dict[str, t.Any] = {f'module {mut.name}': documentation(mut.name) for mut in MODULES}
    for path in sorted((ROOT / 'plugins/doc_fragments').glob('*.py')):
        fragment = importlib.import_module(f'{COLLECTION}.doc_fragments.{path.stem}').ModuleDocFragment
        for variant in [name for name in vars(fragment) if name.isupper()]:
            trees[f'fragment {path.stem}.{variant}'] = yaml.safe_load(getattr(fragment, variant))
    for path in sorted((ROOT / 'roles').glob('*/meta/argument_specs.yml')):
        trees[f'role {path.parts[-3]}'] = yaml.safe_load(path.read_text(encoding='utf-8'))
    return trees


@pytest.mark.parametrize('name', [mut.name for mut in MODULES])
def test_see_also_leads_to_the_collection_docs_not_to_ansible_core(name):
    # ansible-doc turns a "ref:" entry into a search of the ansible-core docs, where this collection's guides are not
    seealso = documentation(name).get('seealso', [])
    assert not [entry['ref'] for entry in seealso if 'ref' in entry]
    for entry in seealso:
        link = entry.get('link', '')
        if link.startswith(DOCS_URL):  # the docs site scripts/docs builds, as antsibull-docs lays it out
            assert re.fullmatch(rf'{re.escape(DOCS_URL)}/docsite/(\w+)\.html', link), link
            assert link.rsplit('/', 1)[1][:-len('.html')] in GUIDES, link


def test_the_account_modules_see_also_lead_to_the_account_and_safe_changes_guides():
    links = [entry.get('link') for entry in documentation('email_security_settings')['seealso']]
    assert f'{DOCS_URL}/docsite/guide_account.html' in links
    assert f'{DOCS_URL}/docsite/guide_safe_changes.html' in links


def test_no_reference_to_another_plugin_is_nested_in_parentheses():
    nested = {(where, text[:60]): found for where, tree in documents().items() for text in descriptions(tree)
              if (found := nested_references(text))}
    assert not nested, nested


def test_the_settings_option_names_each_resource_and_where_its_entry_options_are():
    text = '\n'.join(documented_options(importlib.import_module(f'{COLLECTION}.modules.email_security_settings'))
                     ['settings']['description'])
    set_modules = {mut.description.name: mut.name for mut in MODULES if mut.kind == 'set'}
    for resource, description in ALL.items():
        pointer = f'C({resource}) - O(edgeops.cloudflare.{set_modules[resource]}#module:{description.entries_option}).'
        assert pointer in text, pointer


def test_the_account_modules_backup_describes_the_one_file_it_writes():
    backup = ' '.join(documented_options(importlib.import_module(f'{COLLECTION}.modules.email_security_settings'))
                      ['backup']['description'])
    assert 'C(settings_<account_id>_<UTC timestamp>.json)' in backup
    assert 'one file for the account' in backup
    assert '<resource>' not in backup and 'the resource holds' not in backup
