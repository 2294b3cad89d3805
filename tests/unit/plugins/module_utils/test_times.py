# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Times as users write them become the ISO 8601 the API knows; anything else is refused naming the option."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import InvalidValue
from ansible_collections.edgeops.cloudflare.plugins.module_utils._investigate import build_search
from ansible_collections.edgeops.cloudflare.plugins.module_utils._times import iso, parse_time

NOW = datetime.datetime(2026, 12, 3, 12, 0, 0, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize('text, expected', [
    ('-24h', '2026-12-02T12:00:00Z'),
    ('-7d', '2026-11-26T12:00:00Z'),
    ('-30m', '2026-12-03T11:30:00Z'),
    ('-90s', '2026-12-03T11:58:30Z'),
    ('-2w', '2026-11-19T12:00:00Z'),
    ('-1H', '2026-12-03T11:00:00Z'),
    ('now', '2026-12-03T12:00:00Z'),
    ('2026-12-01', '2026-12-01T00:00:00Z'),
    ('2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'),
    ('2026-12-01T09:00Z', '2026-12-01T09:00:00Z'),
    ('2026-12-01 09:00:00', '2026-12-01T09:00:00Z'),
    ('2026-12-01T10:00:00+01:00', '2026-12-01T09:00:00Z'),
    ('2026-12-01T04:00:00-0500', '2026-12-01T09:00:00Z'),
    ('2026-12-01T09:00:00.250Z', '2026-12-01T09:00:00.25Z'),
    ('2026-12-01t09:00:00z', '2026-12-01T09:00:00Z'),
])
def test_times_become_iso_8601_in_utc(text, expected):
    assert iso(parse_time('start', text, NOW)) == expected


@pytest.mark.parametrize('text', ['yesterday', '24h', '+24h', '-24', '-h', '2026-13-01', '2026-02-30T00:00:00Z',
                                  '2026-12-01T25:00:00Z', '2026-12-01T09:00:00+25:00', '12/01/2026', '', '  ',
                                  '-99999999999d', 1700000000, None])
def test_a_bad_time_names_the_option_and_the_value(text):
    with pytest.raises(InvalidValue) as caught:
        parse_time('search.start', text, NOW)
    message = str(caught.value)
    assert message.startswith('search.start: ') and repr(text) in message and '\n' not in message


def test_search_sends_iso_times_and_detections_only_explicitly():
    search = build_search({'start': '-24h', 'sender': ' phish@bad.example '}, NOW)
    assert search.query == {'start': '2026-12-02T12:00:00Z', 'end': '2026-12-03T12:00:00Z',
                            'detections_only': 'false', 'sender': 'phish@bad.example'}


def test_a_disposition_the_api_cannot_filter_is_filtered_locally():
    search = build_search({'final_disposition': ['MALICIOUS-BEC']}, NOW)
    assert 'final_disposition' not in search.query
    assert search.keeps({'final_disposition': 'MALICIOUS-BEC'}) and not search.keeps({'final_disposition': 'SPAM'})
    assert build_search({'final_disposition': ['SPAM']}, NOW).query['final_disposition'] == 'SPAM'
    both = build_search({'final_disposition': ['MALICIOUS', 'MALICIOUS-BEC']}, NOW)
    assert 'final_disposition' not in both.query and both.dispositions == ['MALICIOUS', 'MALICIOUS-BEC']


@pytest.mark.parametrize('params, option', [
    ({'start': '2026-12-04T00:00:00Z'}, 'start'),
    ({'start': '-1h', 'end': '-2h'}, 'start'),
    ({'sender': '  '}, 'sender'),
    ({'final_disposition': ['EVIL']}, 'final_disposition'),
])
def test_a_bad_search_is_refused_naming_the_option(params, option):
    with pytest.raises(InvalidValue, match=f'^search.{option}: '):
        build_search(params, NOW, 'search.')
