# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every module documents is what it accepts: names, types, elements, choices, required and defaults.

ansible-test's validate-modules compares the top-level options, but not the suboptions of a set module's
entries (its argument spec checks them later, against ``entry_spec``): this test compares both, for every
module, so a documentation drift fails CI. A new module is found by itself.
"""

from __future__ import annotations

import importlib
import typing as t

import pytest
import yaml

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._entries import entry_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import search_argument_spec
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners import messages, set as set_runner
from modules_under_test import MODULES

COLLECTION = 'ansible_collections.edgeops.cloudflare.plugins'
MODULE_NAMES = [mut.name for mut in MODULES]


class _Captured(Exception):
    def __init__(self, kwargs: dict[str, t.Any]) -> None:
        super().__init__('captured')
        self.kwargs = kwargs


def _capture(**kwargs: t.Any) -> t.NoReturn:
    raise _Captured(kwargs)


def documented_options(module: t.Any) -> dict[str, t.Any]:
    """The module's options with those of its documentation fragments merged in, as ansible-doc shows them."""
    doc = yaml.safe_load(module.DOCUMENTATION)
    options: dict[str, t.Any] = {}
    for fragment in doc.get('extends_documentation_fragment', []):
        name, _dot, variant = fragment.split('.', 2)[2].partition('.')
        fragment_class = importlib.import_module(f'{COLLECTION}.doc_fragments.{name}').ModuleDocFragment
        options.update(yaml.safe_load(getattr(fragment_class, variant.upper() or 'DOCUMENTATION')).get('options') or {})
    options.update(doc.get('options') or {})
    return options


def argument_spec(module: t.Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, t.Any]:
    """The argument spec the module builds, with a set module's entry options where Ansible would check them."""
    monkeypatch.setattr(module, 'AnsibleModule', _capture)
    with pytest.raises(_Captured) as captured:
        module.main()
    spec = captured.value.kwargs['argument_spec']
    if getattr(module, 'run', None) is set_runner.run:
        (description,) = [value for value in vars(module).values() if isinstance(value, Description)]
        spec[description.entries_option] = dict(spec[description.entries_option],
                                                options=entry_spec(description))
    if getattr(module, 'run', None) is messages.run:  # its search's suboptions are checked by the runner too
        spec['search'] = dict(spec['search'], options=search_argument_spec())
    return spec


def comparable(options: t.Mapping[str, t.Any], nested: str) -> dict[str, t.Any]:
    """What must agree, option by option; ``nested`` names the suboptions (``suboptions`` in docs, ``options``
    in an argument spec)."""
    return {name: {'type': option.get('type', 'str'), 'elements': option.get('elements'),
                   'choices': option.get('choices'), 'required': option.get('required', False),
                   'default': option.get('default'), 'aliases': sorted(option.get('aliases') or []),
                   'suboptions': comparable(option[nested], nested) if nested in option else None}
            for name, option in options.items()}


def test_every_module_is_checked():
    assert {'email_security_domain', 'email_security_domain_info', 'email_security_domains'} <= set(MODULE_NAMES)


@pytest.mark.parametrize('name', MODULE_NAMES)
def test_documented_options_match_the_argument_spec(name, monkeypatch):
    module = importlib.import_module(f'{COLLECTION}.modules.{name}')
    documented = comparable(documented_options(module), 'suboptions')
    assert documented == comparable(argument_spec(module, monkeypatch), 'options')
