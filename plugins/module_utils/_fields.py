# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Field kinds: how one setting is validated, normalised and sent.

Private to this collection: no compatibility promise outside edgeops.cloudflare.

Each kind answers three questions for the compare engine:
- ``validate(option, value)``: is the task's value acceptable?  Raises ``InvalidValue`` with a
  one-line message naming the option and the value, before any request is sent.
- ``normalise(value)``: a comparable form, so that values the API considers equal compare equal
  (set order, CIDR spelling, host name case, empty list versus null).
- ``to_api(value)``: what goes into a request body for a valid task value.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue


_HOSTNAME_LABEL = re.compile(r'^(?!-)[a-z0-9-]{1,63}(?<!-)$')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


def _reject(option: str, value: t.Any, why: str) -> t.NoReturn:
    raise InvalidValue(f'{option}: {value!r} {why}')


class Field:
    """A scalar compared as is (booleans, plain strings)."""

    #: The argument spec type of the option.
    type = 'str'

    def __init__(self, choices: t.Optional[t.Sequence[str]] = None, default: t.Any = None) -> None:
        self.choices = list(choices) if choices else None
        self.default = default  # the value an entry that leaves the option out stands for (key fields)

    def argument_spec(self) -> dict[str, t.Any]:
        spec: dict[str, t.Any] = {'type': self.type}
        if self.choices:
            spec['choices'] = self.choices
        if self.default is not None:
            spec['default'] = self.default
        return spec

    def validate(self, option: str, value: t.Any) -> None:
        if isinstance(value, str) and not value.strip():
            _reject(option, value, 'must not be empty')
        if self.choices and value not in self.choices:
            _reject(option, value, f"is not one of: {', '.join(self.choices)}")

    def normalise(self, value: t.Any) -> t.Any:
        return value

    def to_api(self, value: t.Any) -> t.Any:
        return self.normalise(value)


class Bool(Field):
    type = 'bool'


class IntRange(Field):
    type = 'int'

    def __init__(self, minimum: int, maximum: int) -> None:
        super().__init__()
        self.minimum = minimum
        self.maximum = maximum

    def validate(self, option: str, value: t.Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            _reject(option, value, 'is not an integer')
        if not self.minimum <= value <= self.maximum:
            _reject(option, value, f'is out of range: it must be between {self.minimum} and {self.maximum}')

    def normalise(self, value: t.Any) -> t.Any:
        # The API documents a number; 5 and 5.0 are the same setting.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


class Uuid(Field):
    """An identifier the API compares case-insensitively (a UUID)."""

    def validate(self, option: str, value: t.Any) -> None:
        super().validate(option, value)
        if not _UUID.match(value):
            _reject(option, value, 'is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)')

    def normalise(self, value: t.Any) -> t.Any:
        return value.lower() if isinstance(value, str) else value


class Hostname(Field):
    """A DNS name: case-insensitive, a trailing dot carries no meaning."""

    def validate(self, option: str, value: t.Any) -> None:
        super().validate(option, value)
        name = self.normalise(value)
        labels = name.split('.')
        if len(name) > 253 or not all(_HOSTNAME_LABEL.match(label) for label in labels):
            _reject(option, value, 'is not a valid host name')
        if len(labels) < 2 or labels[-1].isdigit():  # mail crosses the internet: a fully qualified name
            _reject(option, value, 'is not a fully qualified host name (for example mx.example.com)')

    def normalise(self, value: t.Any) -> t.Any:
        if isinstance(value, str):
            return value.strip().rstrip('.').lower()
        return value


class EnumSet(Field):
    """A list of choices whose order and duplicates carry no meaning; empty equals null."""

    type = 'list'

    def argument_spec(self) -> dict[str, t.Any]:
        return {'type': 'list', 'elements': 'str', 'choices': self.choices}

    def validate(self, option: str, value: t.Any) -> None:
        for item in value:
            if item not in (self.choices or ()):
                _reject(option, item, f"is not one of: {', '.join(self.choices or ())}")

    def normalise(self, value: t.Any) -> t.Any:
        return sorted(set(value or ()))


class CidrSet(EnumSet):
    """IPv4/IPv6 networks compared in canonical form.

    ``192.0.2.7/24`` equals ``192.0.2.0/24``; a bare address equals its ``/32`` or ``/128``;
    IPv6 compares case-insensitively (and however it is abbreviated).
    """

    def argument_spec(self) -> dict[str, t.Any]:
        return {'type': 'list', 'elements': 'str'}

    def validate(self, option: str, value: t.Any) -> None:
        for item in value:
            try:
                _canonical_network(item)
            except ValueError:
                _reject(option, item, 'is not a valid IPv4 or IPv6 address or CIDR')

    def normalise(self, value: t.Any) -> t.Any:
        networks = set()
        for item in value or ():
            try:
                networks.add(_canonical_network(item))
            except (ValueError, AttributeError, TypeError):
                networks.add(item)  # what the server sent, compared as given
        return sorted(networks)


@functools.lru_cache(maxsize=4096)
def _canonical_network(item: str) -> str:
    """``192.0.2.7/24`` -> ``192.0.2.0/24``. Cached: a fleet repeats the same ranges on every domain."""
    return str(ipaddress.ip_network(item.strip(), strict=False))


#: The mapping from an option name to its kind: one row per editable API field.
FieldTable = t.Mapping[str, Field]
