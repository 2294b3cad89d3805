# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Properties of the compare engine, for any valid task and any current object (hypothesis).

(a) normalisation is idempotent; (b) once the plan is applied - and the server answers in whatever order,
spelling or case it likes - planning again yields nothing, so a second run is always unchanged;
(c) the plan never names a field the task did not give. The fleet planner keeps (b) for many domains.
"""

from __future__ import annotations

import ipaddress
import random

from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import desired_from_params, plan, predict
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import (
    Bool, CidrSet, EnumSet, Hostname, IntRange, Uuid,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._set import (
    plan_set, wanted_from_entries,
)

FIELDS = DOMAINS.fields

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- how a person may spell a valid value in a task --------------------------------------------------------
_labels = st.from_regex(r'\A[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?\Z')


@st.composite
def hostnames(draw):
    labels = draw(st.lists(_labels, min_size=1, max_size=3))
    name = '.'.join(labels + [draw(st.from_regex(r'\A[a-z]{2,6}\Z'))])  # a fully qualified name
    name = ''.join(c.upper() if draw(st.booleans()) else c for c in name) if draw(st.booleans()) else name
    return name + ('.' if draw(st.booleans()) else '')


@st.composite
def networks(draw):
    """A valid IPv4/IPv6 network spelled as a user might: host bits set, bare address, upper case, long form."""
    if draw(st.booleans()):
        address = ipaddress.IPv4Address(draw(st.integers(0, 2 ** 32 - 1)))
        prefix = draw(st.integers(0, 32))
    else:
        address = ipaddress.IPv6Address(draw(st.integers(0, 2 ** 128 - 1)))
        prefix = draw(st.integers(0, 128))
    text = address.exploded if draw(st.booleans()) else str(address)
    if draw(st.booleans()):
        text = text.upper()
    bare = draw(st.booleans())
    return text if bare else f'{text}/{prefix}'


def uuids():
    return st.uuids().map(str).flatmap(lambda value: st.sampled_from([value, value.upper()]))


def task_value(field):
    if isinstance(field, CidrSet):
        return st.lists(networks(), max_size=5)
    if isinstance(field, EnumSet):
        return st.lists(st.sampled_from(field.choices), max_size=8)  # any order, duplicates allowed
    if isinstance(field, Hostname):
        return hostnames()
    if isinstance(field, Uuid):
        return uuids()
    if isinstance(field, IntRange):
        return st.integers(field.minimum, field.maximum)
    if isinstance(field, Bool):
        return st.booleans()
    return st.sampled_from(field.choices)


@st.composite
def task_params(draw):
    """The module's params: every field present, each either unset (None) or a valid value."""
    params = dict.fromkeys(FIELDS)
    for name, field in FIELDS.items():
        if draw(st.booleans()):
            params[name] = draw(task_value(field))
    return params


# -- how a server may answer ---------------------------------------------------------------------------------
def server_spelling(name, value, rng):
    """An equivalent answer to ``value`` as a server might give it: reordered, canonical CIDRs, other case."""
    field = FIELDS[name]
    if value is None:
        return None
    if isinstance(field, CidrSet):
        answer = [str(ipaddress.ip_network(item.strip(), strict=False)) for item in value]
        rng.shuffle(answer)
        return answer
    if isinstance(field, EnumSet):
        answer = sorted(set(value))
        rng.shuffle(answer)
        return answer
    if isinstance(field, (Hostname, Uuid)):
        return value.lower() if rng.random() < 0.5 else value.upper()
    if isinstance(field, IntRange):
        return float(value) if rng.random() < 0.3 else value  # a JSON number may come back as 5.0
    return value


@st.composite
def current_objects(draw):
    """Any domain object the API could hold: each field missing, null, or any valid value in server spelling."""
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    obj = {'id': str(draw(st.uuids())), 'status': draw(st.sampled_from(['active', 'ACTIVE', 'pending']))}
    for name, field in FIELDS.items():
        choice = draw(st.integers(0, 2))
        if choice == 1:
            obj[name] = None
        elif choice == 2:
            obj[name] = server_spelling(name, field.to_api(draw(task_value(field))), rng)
    return obj


@PROPERTY_SETTINGS
@given(params=task_params(), current=current_objects())
def test_normalisation_is_idempotent(params, current):
    for name, field in FIELDS.items():
        for value in (params[name], current.get(name)):
            once = field.normalise(value)
            assert field.normalise(once) == once


@PROPERTY_SETTINGS
@given(params=task_params(), current=current_objects(), seed=st.integers(0, 2 ** 32))
def test_a_second_run_after_the_plan_is_applied_plans_nothing(params, current, seed):
    desired = desired_from_params(FIELDS, params)
    body = plan(FIELDS, desired, current)
    rng = random.Random(seed)
    answered = {name: server_spelling(name, value, rng) for name, value in predict(current, body).items()
                if name in FIELDS}
    answered['id'] = current['id']
    assert plan(FIELDS, desired, answered) == {}


@PROPERTY_SETTINGS
@given(params=task_params(), current=current_objects())
def test_the_plan_never_names_a_field_the_task_did_not_give(params, current):
    body = plan(FIELDS, desired_from_params(FIELDS, params), current)
    given_names = {name for name, value in params.items() if value is not None}
    assert set(body) <= given_names


@PROPERTY_SETTINGS
@given(params=task_params(), current=current_objects())
def test_the_plan_never_holds_a_field_equal_to_the_current_value(params, current):
    body = plan(FIELDS, desired_from_params(FIELDS, params), current)
    for name, value in body.items():
        assert FIELDS[name].normalise(value) != FIELDS[name].normalise(current.get(name)), name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(task_params(), max_size=15), currents=st.lists(current_objects(), max_size=15),
       prune=st.booleans(), seed=st.integers(0, 2 ** 32))
def test_a_fleet_replanned_after_its_writes_plans_nothing(entries, currents, prune, seed):
    rng = random.Random(seed)
    for number, current in enumerate(currents):
        current['domain'] = f'd{number}.example.com'
    for number, entry in enumerate(entries):
        entry.update(domain=f'D{number * 2}.example.com.', state='present')  # half of them exist
        for name in DOMAINS.create_required:
            entry[name] = entry[name] if entry[name] is not None else []
    wanted = wanted_from_entries(DOMAINS, entries, 'domains')
    fleet_plan = plan_set(DOMAINS, wanted, currents, prune)
    after = {current['id']: dict(current) for current in currents}
    for operation in fleet_plan.operations:  # what the batch endpoint does, answered in server spelling
        if operation.batch_key == 'deletes':
            del after[operation.item['id']]
        elif operation.batch_key == 'patches':
            after[operation.item['id']].update(
                (name, server_spelling(name, value, rng)) for name, value in operation.body.items())
        else:
            created = {name: server_spelling(name, value, rng) for name, value in operation.body.items()}
            after[f'new-{operation.header}'] = dict(created, id=f'new-{operation.header}')
    assert plan_set(DOMAINS, wanted, list(after.values()), prune).operations == []
