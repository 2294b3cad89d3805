# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What is fixed about one Email Security settings resource, and how its objects are identified.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

A resource is described once, in ``_resources/<name>.py``; the engine, the client and the runners
read everything they need from its ``Description``.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Field, FieldTable

#: An object's identity: its key fields, each normalised by its field kind.
Key = t.Tuple[t.Any, ...]


@dataclass(frozen=True)
class Filter:
    """A query parameter of the list endpoint that the info module offers as an option."""

    field: Field
    many: bool = False  # a list option, sent as a repeated query parameter

    def argument_spec(self) -> dict[str, t.Any]:
        if self.many:
            return {'type': 'list', 'elements': 'str'}
        spec = self.field.argument_spec()
        spec.pop('default', None)
        return spec


@dataclass(frozen=True)
class Description:
    """One settings resource: its API path, field table, identity and capabilities."""

    name: str  # e.g. 'domains': the path segment, the set module's result name and the emulator's resource
    title: str  # e.g. 'email security domain', for messages
    fields: FieldTable  # every editable field, as the API reference lists them
    key: tuple[str, ...]  # the fields that identify an object (a compound key has several)
    create_required: tuple[str, ...] = ()  # settings a create needs besides the key fields
    batch: bool = False  # the resource has a POST .../batch endpoint
    list_filters: t.Mapping[str, Filter] = field(default_factory=dict)  # info module options
    lookup_filters: tuple[str, ...] = ()  # key fields the list endpoint filters on exactly
    id_option: str = 'id'  # the option that names an object by id (single and info modules)
    result_key: str = 'object'  # the single module's result holding the object
    entries_option: str = 'entries'  # the set module's list option
    entries_aliases: tuple[str, ...] = ()
    # Why an object is read-only (synced from elsewhere, or a legacy row the API no longer accepts), or None.
    # Read-only objects are never patched nor pruned; the set module returns them as ``unmanaged``.
    read_only: t.Optional[t.Callable[[t.Mapping[str, t.Any]], t.Optional[str]]] = None

    @property
    def plural(self) -> str:
        """e.g. 'blocked senders', for messages about the whole resource."""
        noun = self.title[len('email security '):] if self.title.startswith('email security ') else self.title
        return noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'

    @property
    def path(self) -> str:
        """Below ``/accounts/{account_id}``."""
        return f'/email-security/settings/{self.name}'

    def key_of(self, values: t.Mapping[str, t.Any]) -> Key:
        """The identity of an object (or an entry): how objects are matched, deduplicated and ordered."""
        return tuple(self.fields[name].normalise_in(values.get(name), values) for name in self.key)

    def why_read_only(self, obj: t.Mapping[str, t.Any]) -> t.Optional[str]:
        return self.read_only(obj) if self.read_only else None

    def label(self, values: t.Mapping[str, t.Any]) -> t.Any:
        """How results name an object: its key value, or a dict of its key fields for a compound key."""
        if len(self.key) == 1:
            return values.get(self.key[0])
        return {name: values.get(name) for name in self.key}

    def header(self, values: t.Mapping[str, t.Any]) -> str:
        """A one-line name for messages, diff headers and the keys of ``changes``: one object, one name (a value of
        a compound key that holds a space, ``=`` or a quote is quoted, so two objects never share a name)."""
        if len(self.key) == 1:
            return str(values.get(self.key[0]))
        return ' '.join(f'{name}={_spelt(values.get(name))}' for name in self.key)


def _spelt(value: t.Any) -> str:
    text = str(value)
    if text and not any(char in text for char in ' ="'):
        return text
    return '"' + text.replace('"', '\\"') + '"'


def sort_key(key: Key) -> tuple[tuple[bool, t.Any], ...]:
    """Orders keys whose parts may be None (a field an object lacks) without comparing None with a value."""
    return tuple((part is not None, part if part is not None else '') for part in key)
