# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Points in time as users write them (ISO 8601, or relative to now such as ``-24h``), as the API wants them.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import datetime
import re
import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue

_RELATIVE = re.compile(r'^-\s*(\d{1,9})\s*(s|sec|m|min|h|d|w)$', re.IGNORECASE)
_UNIT_SECONDS = {'s': 1, 'sec': 1, 'm': 60, 'min': 60, 'h': 3600, 'd': 86400, 'w': 604800}
_ISO = re.compile(
    r'^(?P<date>\d{4}-\d{2}-\d{2})'
    r'(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?'
    r'(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$', re.IGNORECASE)
HINT = 'give ISO 8601 (2026-12-01T09:00:00Z; a time without a zone is UTC) or a time relative to now (-24h, -7d, -30m)'


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def parse_time(option: str, value: t.Any, now: datetime.datetime) -> datetime.datetime:
    """``value`` as an aware UTC datetime; ``InvalidValue`` names ``option`` and the value."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f'{option}: {value!r} is not a time: {HINT}')
    text = value.strip()
    if text.lower() == 'now':
        return now
    relative = _RELATIVE.match(text)
    if relative:
        seconds = int(relative.group(1)) * _UNIT_SECONDS[relative.group(2).lower()]
        try:
            return now - datetime.timedelta(seconds=seconds)
        except OverflowError:
            raise InvalidValue(f'{option}: {value!r} is too far in the past') from None
    match = _ISO.match(text)
    if not match:
        raise InvalidValue(f'{option}: {value!r} is not a time: {HINT}')
    try:
        return _from_parts(match)
    except ValueError as error:
        raise InvalidValue(f'{option}: {value!r} is not a time ({error})') from None


def _from_parts(match: 're.Match[str]') -> datetime.datetime:
    year, month, day = (int(part) for part in match.group('date').split('-'))
    fraction = (match.group('fraction') or '0')[:6].ljust(6, '0')
    moment = datetime.datetime(year, month, day, int(match.group('hour') or 0), int(match.group('minute') or 0),
                               int(match.group('second') or 0), int(fraction))
    zone = (match.group('zone') or 'Z').upper()
    if zone == 'Z':
        offset = datetime.timedelta(0)
    else:
        digits = zone[1:].replace(':', '')
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f'offset {zone} out of range')
        offset = datetime.timedelta(hours=hours, minutes=minutes) * (-1 if zone[0] == '-' else 1)
    return moment.replace(tzinfo=datetime.timezone(offset)).astimezone(datetime.timezone.utc)


def iso(moment: datetime.datetime) -> str:
    """UTC ISO 8601 with a ``Z``, to the second (fractions only when there are any)."""
    moment = moment.astimezone(datetime.timezone.utc)
    text = moment.strftime('%Y-%m-%dT%H:%M:%S')
    if moment.microsecond:
        text += f'.{moment.microsecond:06d}'.rstrip('0')
    return text + 'Z'


def parse_api_time(value: t.Any) -> t.Optional[datetime.datetime]:
    """A time the API sent (``scanned_at``, ``completed_at``), or None when it is missing or not ISO 8601."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if not match:
        return None
    try:
        return _from_parts(match)
    except ValueError:
        return None
