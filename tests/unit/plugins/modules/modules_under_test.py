# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module of the collection, found by itself: its kind (single, set, info) and its resource description.

Tests that run over every module (bad-input fuzzing, documentation checks) take their list from here, so a new
resource's modules are tested without an edit to those tests.
"""

from __future__ import annotations

import importlib
import pathlib
import typing as t
from dataclasses import dataclass

from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import (
    Bool, CidrSet, EnumSet, Field, Hostname, HostnameSet, IntRange, Pattern, Uuid,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._runners import (
    info, message_info, messages, set as set_runner, settings, settings_info, single,
)

PACKAGE = 'ansible_collections.edgeops.cloudflare.plugins.modules'
MODULES_DIR = pathlib.Path(__file__).parents[4] / 'plugins' / 'modules'
RUNNERS = {single.run: 'single', set_runner.run: 'set', info.run: 'info', settings_info.run: 'export',
           settings.run: 'account', message_info.run: 'message_info', messages.run: 'message'}
UUID = 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415'


@dataclass
class ModuleUnderTest:
    name: str
    module: t.Any
    kind: str  # single, set, info, export, account, message_info or message (the last four: no description)
    description: t.Optional[Description]

    def __str__(self) -> str:
        return self.name


def discover() -> list[ModuleUnderTest]:
    found = []
    for path in sorted(MODULES_DIR.glob('*.py')):
        module = importlib.import_module(f'{PACKAGE}.{path.stem}')
        descriptions = [value for value in vars(module).values() if isinstance(value, Description)]
        description = descriptions[0] if descriptions else None
        found.append(ModuleUnderTest(path.stem, module, RUNNERS[module.run], description))
    return found


MODULES = discover()


def valid_value(field: Field, values: t.Optional[t.Mapping[str, t.Any]] = None) -> t.Any:
    """A value every field of this kind accepts (for a pattern, one that fits the type in ``values``)."""
    if isinstance(field, Pattern):
        kind = field.kind or (values or {}).get(field.type_field or '', 'EMAIL')
        return {'EMAIL': 'user@example.com', 'DOMAIN': 'example.com', 'IP': '198.51.100.7'}[kind]
    if isinstance(field, HostnameSet):
        return ['mail.example.com']
    if isinstance(field, CidrSet):
        return ['192.0.2.0/24']
    if isinstance(field, EnumSet):
        return [(field.choices or [''])[0]]
    if isinstance(field, Hostname):
        return 'example.com'
    if isinstance(field, Uuid):
        return UUID
    if isinstance(field, IntRange):
        return field.minimum
    if isinstance(field, Bool):
        return True if field.default is None else field.default
    if field.choices:
        return field.choices[0]
    return 'example'


def valid_entry(description: Description) -> dict[str, t.Any]:
    """An entry that can create an object: its key fields and the settings a create needs."""
    entry: dict[str, t.Any] = {}
    for name in description.key + description.create_required:
        entry[name] = valid_value(description.fields[name], entry)
    return entry


def identifying_field(description: Description) -> str:
    """The key field that tells entries apart (not a choice nor a flag)."""
    return next(name for name in description.key
                if not isinstance(description.fields[name], Bool) and not description.fields[name].choices)
