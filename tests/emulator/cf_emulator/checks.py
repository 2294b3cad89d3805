# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Value checks several resources share, written from settings-resources.md (not from the collection)."""

from __future__ import annotations

import ipaddress
import re
import typing as t

from .errors import ApiError

_ADDRESS = re.compile(r'^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$')
_HOST = re.compile(r'^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$')
_REFUSED_NETWORKS = [ipaddress.ip_network(net) for net in (
    '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/32',
    '255.255.255.255/32', 'fc00::/7', '::1/128', 'fe80::/10', '::/128')]


def string(name: str, value: t.Any, longest: int, nullable: bool = False) -> t.Optional[str]:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value or len(value) > longest:
        raise ApiError(400, 1001, f'{name} must be a string of 1 to {longest} characters', f'/{name}')
    return value


def boolean(name: str, value: t.Any) -> bool:
    if not isinstance(value, bool):
        raise ApiError(400, 1001, f'{name} must be a boolean', f'/{name}')
    return value


def choice(name: str, value: t.Any, choices: t.Sequence[str]) -> str:
    if value not in choices:
        raise ApiError(400, 1002, f"{name}: {value!r} is not one of {', '.join(choices)}", f'/{name}')
    return value


def host(name: str, value: t.Any) -> str:
    if not isinstance(value, str) or not _HOST.match(value):
        raise ApiError(400, 1003, f'{name}: {value!r} is not a domain name', f'/{name}')
    return value


def address(name: str, value: t.Any) -> str:
    if not isinstance(value, str) or not _ADDRESS.match(value):
        raise ApiError(400, 1003, f'{name}: {value!r} is not an e-mail address', f'/{name}')
    return value


def public_network(name: str, value: t.Any, canonical: bool) -> str:
    """A public IPv4/IPv6 address or CIDR; private, loopback, link-local, unspecified and broadcast ranges (and
    their IPv4-mapped forms) are refused. ``canonical``: answer the canonical network."""
    try:
        network = ipaddress.ip_network(value, strict=False)
    except (TypeError, ValueError):
        raise ApiError(400, 1003, f'{name}: {value!r} is not an IP address or CIDR', f'/{name}') from None
    checked = network
    if network.version == 6 and network.network_address.ipv4_mapped is not None and network.prefixlen >= 96:
        checked = ipaddress.ip_network(f'{network.network_address.ipv4_mapped}/{network.prefixlen - 96}')
    if any(checked.version == refused.version and checked.overlaps(refused) for refused in _REFUSED_NETWORKS):
        raise ApiError(400, 1004, f'{name}: {value!r} is not a public address', f'/{name}')
    return str(network) if canonical else value


def sender_pattern(values: t.Mapping[str, t.Any], canonical: bool, pattern_type: t.Optional[str] = None,
                   regex_field: str = 'is_regex') -> None:
    """Check ``values['pattern']`` against its type, unless it is a regex; canonicalise IPs in place."""
    kind = pattern_type or values.get('pattern_type')
    if 'pattern' not in values or values.get(regex_field):
        return
    if kind == 'EMAIL':
        address('pattern', values['pattern'])
    elif kind == 'DOMAIN':
        host('pattern', values['pattern'])
    elif kind == 'IP':
        values['pattern'] = public_network('pattern', values['pattern'], canonical)  # type: ignore[index]
