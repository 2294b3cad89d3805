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

Kinds whose meaning depends on other fields of the same object (a ``pattern`` read as an e-mail address, a
host name or a network by its ``pattern_type``) answer ``validate_in`` and ``normalise_in`` with the object.
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
    """A scalar compared as is (booleans, plain strings).

    ``nullable``: the API holds null for "no value"; ``""`` then equals null, and ``""`` in a task clears the
    setting (null is sent). ``max_length``: the longest string the API accepts.
    """

    #: The argument spec type of the option.
    type = 'str'

    def __init__(self, choices: t.Optional[t.Sequence[str]] = None, default: t.Any = None, nullable: bool = False,
                 max_length: t.Optional[int] = None) -> None:
        self.choices = list(choices) if choices else None
        self.default = default  # the value an entry that leaves the option out stands for (key fields)
        self.nullable = nullable
        self.max_length = max_length

    def argument_spec(self) -> dict[str, t.Any]:
        spec: dict[str, t.Any] = {'type': self.type}
        if self.choices:
            spec['choices'] = [''] + self.choices if self.nullable else self.choices
        if self.default is not None:
            spec['default'] = self.default
        return spec

    def validate(self, option: str, value: t.Any) -> None:
        if self.nullable and value == '':
            return  # clears the setting
        if isinstance(value, str) and not value.strip():
            _reject(option, value, 'must not be empty')
        if self.choices and value not in self.choices:
            _reject(option, value, f"is not one of: {', '.join(self.choices)}")
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            _reject(option, value[:40] + '...', f'is longer than the {self.max_length} characters the API accepts')

    def validate_in(self, option: str, value: t.Any, values: t.Mapping[str, t.Any]) -> None:  # pylint: disable=unused-argument
        """``validate`` for a value of the object ``values`` (most kinds do not look at the object)."""
        self.validate(option, value)

    def normalise(self, value: t.Any) -> t.Any:
        if self.nullable and value == '':
            return None
        return value

    def normalise_in(self, value: t.Any, values: t.Mapping[str, t.Any]) -> t.Any:  # pylint: disable=unused-argument
        """``normalise`` for a value of the object ``values`` (most kinds do not look at the object)."""
        return self.normalise(value)

    def to_api(self, value: t.Any) -> t.Any:
        return self.normalise(value)

    def canonical(self, value: t.Any) -> t.Any:
        """How a file (an export, a backup) writes a value the API holds: one spelling for one setting."""
        return value


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
        if not (self.nullable and value == '') and not _UUID.match(value):
            _reject(option, value, 'is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)')

    def normalise(self, value: t.Any) -> t.Any:
        value = super().normalise(value)
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

    def canonical(self, value: t.Any) -> t.Any:
        # Compared as a set, so the server's order means nothing; sorted, it never shows in a review diff.
        return sorted(value, key=str) if isinstance(value, list) else value


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


_HOSTNAME = Hostname()  # how kinds that hold host names check and compare them


class HostnameSet(EnumSet):
    """A list of fully qualified host names compared as a set (case and a trailing dot carry no meaning)."""

    def argument_spec(self) -> dict[str, t.Any]:
        return {'type': 'list', 'elements': 'str'}

    def validate(self, option: str, value: t.Any) -> None:
        for item in value:
            if not isinstance(item, str):
                _reject(option, item, 'is not a host name')
            _HOSTNAME.validate(option, item)

    def normalise(self, value: t.Any) -> t.Any:
        return sorted({_HOSTNAME.normalise(item) for item in value or ()})

    def to_api(self, value: t.Any) -> t.Any:
        return list(value)  # as the task spells them


_EMAIL = re.compile(r'^[^@\s]+@([^@\s]+)$')

# What the API refuses as an IP pattern: private, unique-local, loopback, link-local, unspecified and
# broadcast ranges (IPv4-mapped IPv6 forms are checked as the IPv4 range they map).
_NOT_PUBLIC = tuple(ipaddress.ip_network(net) for net in (
    '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/32',
    '255.255.255.255/32', 'fc00::/7', '::1/128', 'fe80::/10', '::/128'))


def _public_network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """The network ``value`` names; ValueError when it is not an address or a CIDR, or not public."""
    network = ipaddress.ip_network(value.strip(), strict=False)
    mapped = network.network_address.ipv4_mapped if isinstance(network, ipaddress.IPv6Network) else None
    checked: ipaddress.IPv4Network | ipaddress.IPv6Network = network
    if mapped is not None and network.prefixlen >= 96:
        checked = ipaddress.ip_network(f'{mapped}/{network.prefixlen - 96}', strict=False)
    if any(checked.version == bad.version and checked.overlaps(bad) for bad in _NOT_PUBLIC):
        raise ValueError(f'{value} is not a public address or network')
    return network


class Pattern(Field):
    """A sender pattern: an e-mail address, a host name or an IP network by the object's pattern type, or a
    regular expression when the object says so (compared exactly).

    ``type_field`` names the field that holds the pattern type; ``kind`` fixes it for resources without one.
    Addresses compare case-insensitively, host names without case or a trailing dot, networks canonically
    (``198.51.100.7`` equals ``198.51.100.7/32``).
    """

    KINDS = ('EMAIL', 'DOMAIN', 'IP')

    def __init__(self, regex_field: str, type_field: t.Optional[str] = None, kind: t.Optional[str] = None,
                 max_length: int = 1024) -> None:
        super().__init__(max_length=max_length)
        self.regex_field = regex_field
        self.type_field = type_field
        self.kind = kind

    def _kind_of(self, values: t.Mapping[str, t.Any]) -> t.Optional[str]:
        if values.get(self.regex_field):
            return None  # a regular expression
        return self.kind or values.get(self.type_field or '')

    def validate_in(self, option: str, value: t.Any, values: t.Mapping[str, t.Any]) -> None:
        self.validate(option, value)
        kind = self._kind_of(values)
        if kind == 'EMAIL':
            match = _EMAIL.match(value)
            if not match or '.' not in match.group(1):
                _reject(option, value, 'is not an e-mail address (for an EMAIL pattern; set the regex flag for a regex)')
            _HOSTNAME.validate(option, match.group(1))
        elif kind == 'DOMAIN':
            _HOSTNAME.validate(option, value)
        elif kind == 'IP':
            try:
                _public_network(value)
            except ValueError:
                _reject(option, value, 'is not a public IPv4 or IPv6 address or CIDR (the API refuses private, '
                                       'loopback, link-local, unspecified and broadcast ranges)')

    def normalise_in(self, value: t.Any, values: t.Mapping[str, t.Any]) -> t.Any:
        kind = self._kind_of(values)
        if not isinstance(value, str) or kind is None:
            return value
        if kind == 'IP':
            try:
                return _canonical_network(value)
            except ValueError:
                return value
        return _HOSTNAME.normalise(value) if kind == 'DOMAIN' else value.strip().lower()
