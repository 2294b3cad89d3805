# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every set module against the emulator, the same behaviours for each: create, no-op, minimal patch, absent,
prune, duplicates in the account (both ways), check mode, diff; request counts and bodies.

The entries are generated from each module's description, so a new resource's module is tested here without an
edit; what is particular to a resource is tested in test_list_resources.py.
"""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import Bool, EnumSet, Field, HostnameSet
from modules_under_test import MODULES, identifying_field, valid_entry

SET_MODULES = [mut for mut in MODULES if mut.kind == 'set' and mut.description.name != 'domains']


def entries(mut, count: int, **settings: t.Any) -> list[dict[str, t.Any]]:
    """``count`` distinct entries that can create objects."""
    create = valid_entry(mut.description)
    ident = identifying_field(mut.description)
    return [dict(create, **{ident: f'n{number}.{create[ident]}'}, **settings) for number in range(count)]


def a_setting(mut) -> tuple[str, t.Any]:
    """A setting that is not part of the key, and a value other than the one ``entries`` creates with."""
    description = mut.description
    name = next(name for name in description.fields if name not in description.key and name != 'pattern_type')
    field: Field = description.fields[name]
    if isinstance(field, Bool):
        return name, not valid_entry(description).get(name, False)
    if isinstance(field, HostnameSet):
        return name, ['other.example.com']
    if isinstance(field, EnumSet):
        return name, [(field.choices or [''])[-1]]
    return name, 'changed by the task'


def seed(emulator, mut, objects):
    created = emulator.api.seed(emulator.account, mut.description.name, objects)
    emulator.api.log.clear()
    return created


def writes(emulator):
    return [entry for entry in emulator.requests if entry['method'] != 'GET']


@pytest.fixture(params=SET_MODULES, ids=str)
def mut(request):
    return request.param


def test_create_sends_the_entries_and_a_rerun_reads_only(run_module, emulator, mut):
    wanted = entries(mut, 3)
    result = run_module(mut.module, entries=wanted)
    assert result['changed'] is True and len(result['created']) == 3
    if mut.description.batch:
        assert emulator.methods == ['GET', 'POST'] and emulator.requests[1]['path'].endswith('/batch')
        assert len(emulator.requests[1]['body']['posts']) == 3
    else:
        assert emulator.methods == ['GET', 'POST', 'POST', 'POST']
    assert len(emulator.stored(mut.description.name)) == 3
    emulator.api.log.clear()
    again = run_module(mut.module, entries=wanted, prune=True)
    assert again['changed'] is False and again['created'] == again['updated'] == again['deleted'] == []
    assert emulator.methods == ['GET']


def test_an_update_sends_only_the_setting_that_differs_with_the_objects_id(run_module, emulator, mut):
    created = seed(emulator, mut, entries(mut, 2))
    name, value = a_setting(mut)
    wanted = entries(mut, 2)
    wanted[1][name] = value
    result = run_module(mut.module, entries=wanted)
    assert result['changed'] is True and len(result['updated']) == 1
    (write,) = writes(emulator)
    if mut.description.batch:
        assert write['body']['patches'] == [{'id': created[1]['id'], name: value}]
        assert write['body']['posts'] == write['body']['deletes'] == write['body']['puts'] == []
    else:
        assert (write['method'], write['body']) == ('PATCH', {name: value})
        assert write['path'].endswith('/' + created[1]['id'])


def test_absent_and_prune_delete(run_module, emulator, mut):
    seed(emulator, mut, entries(mut, 3))
    wanted = entries(mut, 2)
    wanted[0]['state'] = 'absent'
    result = run_module(mut.module, entries=wanted, prune=True)
    assert len(result['deleted']) == 2 and result['created'] == result['updated'] == []
    assert len(emulator.stored(mut.description.name)) == 1


def test_check_mode_predicts_and_never_writes(run_module, emulator, mut):
    seed(emulator, mut, entries(mut, 2))
    name, value = a_setting(mut)
    wanted = entries(mut, 1, **{name: value}) + entries(mut, 4)[3:]
    result = run_module(mut.module, check_mode=True, diff=True, entries=wanted, prune=True)
    assert result['changed'] is True
    assert (len(result['created']), len(result['updated']), len(result['deleted'])) == (1, 1, 1)
    assert emulator.methods == ['GET']
    updated = [entry for entry in result['diff'] if entry['before'] and entry['after']]
    assert [entry['after'][name] for entry in updated] == [value]
    assert name not in updated[0]['before'] or updated[0]['before'][name] != value


def test_duplicates_in_the_account_fail_without_prune_and_keep_the_oldest_with_it(run_module, emulator, mut):
    (first,) = seed(emulator, mut, entries(mut, 1))
    (second,) = seed(emulator, mut, entries(mut, 1))  # the emulator allows it, as the real API may
    result = run_module(mut.module, entries=entries(mut, 1))
    assert result['failed'] is True and first['id'] in result['msg'] and second['id'] in result['msg']
    assert emulator.methods == ['GET']
    emulator.api.log.clear()
    result = run_module(mut.module, entries=entries(mut, 1), prune=True)
    assert result['changed'] is True and len(result['deleted']) == 1
    assert list(emulator.stored(mut.description.name)) == [first['id']]


def test_a_key_listed_twice_is_refused_before_any_request(run_module, emulator, mut):
    result = run_module(mut.module, entries=entries(mut, 1) * 2)
    assert result['failed'] is True and 'listed twice' in result['msg']
    assert emulator.methods == []


def test_reads_stop_at_the_total_count(run_module, emulator, mut):
    seed(emulator, mut, entries(mut, 2000))
    result = run_module(mut.module, entries=entries(mut, 2000), prune=True)
    assert result['changed'] is False
    assert [entry['query']['page'] for entry in emulator.requests] == [['1'], ['2']]


def test_a_misspelt_option_names_the_entry_and_the_option_it_meant(run_module, emulator, mut):
    listed = entries(mut, 4)
    ident = identifying_field(mut.description)
    listed[3][ident[:-2] + ident[-1] + ident[-2]] = listed[3].pop(ident)  # the last two letters swapped
    result = run_module(mut.module, entries=listed)
    assert result['msg'] == (f"entries[3]: unknown option {ident[:-2] + ident[-1] + ident[-2]!r} "
                             f"(did you mean {ident!r}?)")
    assert emulator.methods == []
