# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bad-input fuzzing: generated invalid argument sets for every module of the collection.

Each case runs the module in-process against the emulator and must fail with a one-line message that names
the offending option, send zero requests, and produce no traceback. Cases are generated from each module's
resource description (bad values by field kind for every field, its key, its filters, the connection options
and the module's own options), from a fixed seed, so a new resource is fuzzed without an edit here and a
failure reproduces. The run reports how many cases ansible-core's own argument checks refused and how many
reached the collection's validation.
"""

from __future__ import annotations

import collections
import random
import string
import typing as t

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import (
    Bool, CidrSet, EnumSet, Field, Hostname, HostnameSet, IntRange, Pattern, Uuid,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._resources.domains import DOMAINS as DOMAINS_DESCRIPTION
from modules_under_test import MODULES, UUID, ModuleUnderTest, identifying_field, valid_entry, valid_value

OMIT = '__omit__'  # see conftest.run_module
MIN_CASES_PER_MODULE = 100
rng = random.Random(20261127)

# Messages of ansible-core's argument checks (the module's argument spec, or the entries' spec a set module
# checks with ansible-core's ArgumentSpecValidator); every other refusal comes from the collection's validation.
ANSIBLE_CORE_MESSAGES = ('value of ', 'is of type', 'Unsupported parameters', 'unsupported parameter',
                         'missing required arguments', 'parameters are mutually exclusive',
                         'one of the following is required', 'parameters are required together', 'elements of')
REFUSED_BY = collections.Counter()


def garbage_word():
    alphabet = string.ascii_letters + string.digits + 'äöüßéñçøåЖЯ漢字-_ .!'
    return ''.join(rng.choice(alphabet) for _n in range(rng.randint(1, 12)))


def bad_octets():
    octets = [rng.randint(0, 255) for _n in range(4)]
    octets[rng.randrange(4)] = rng.randint(256, 99999)
    return '.'.join(map(str, octets)) + f'/{rng.randint(0, 32)}'


def bad_prefix_v4():
    octets = '.'.join(str(rng.randint(0, 255)) for _n in range(4))
    return f'{octets}/{rng.choice([rng.randint(33, 999), -rng.randint(1, 9)])}'


def bad_prefix_v6():
    return f'2001:db8:{rng.randint(0, 65535):x}::/{rng.randint(129, 4096)}'


BAD_HOSTS = ['', ' ', 'exa mple.com', 'exämple.com', '-bad.example', 'bad-.example', 'a..b', 'a' * 64 + '.com',
             ('a' * 60 + '.') * 5 + 'com', 'under_score.com', 'http://example.com', 'example.com/path',
             'example.com:25', '*.example.com', '例え.jp', ['example.com'], {'name': 'example.com'},
             'mx', '3 ', 'mx.123', 'localhost']
BAD_UUIDS = ['', 'not-a-uuid', '1234', UUID + 'x', UUID[:-1] + 'g', UUID.replace('-', '_'), 'ｆ' + UUID[1:], ['x'],
             12345]
BAD_CIDRS = [['10.0.0.0/33'], ['256.1.1.1'], ['::1/129'], ['2001:db8::/48/1'], ['not-an-ip'], [''], ['10.0.0.0/8x'],
             ['１０.0.0.0/8'], ['010.0.0.0/8'], ['10.0.0.0/8', '10.0.0'], [None], [[]],
             ['192.0.2.0/24'] * 50000 + ['192.0.2.0/99']]


NOT_PUBLIC = ['10.0.0.1', '192.168.1.0/24', '172.16.5.4', '172.31.255.255/32', '127.0.0.1', '169.254.1.1', '0.0.0.0',
              '255.255.255.255', '::1', 'fe80::1', 'fd00::/8', 'fc00::1', '::', '::ffff:10.0.0.1',
              '::ffff:127.0.0.1/128', '0.0.0.0/0', '10.0.0.0/7', 'not-an-ip', '300.1.1.1', '198.51.100.0/33']
BAD_ADDRESSES = ['no-at-sign', 'user@', '@example.com', 'a@@example.com', 'user name@example.com',
                 'user@exa mple.com', 'user@-bad.example', 'user@example', 'user@localhost', 'user@example.com/x']


def bad_patterns(field: Pattern) -> list[dict[str, t.Any]]:
    """Entries (overrides) whose pattern does not fit its type."""
    overrides = []
    for kind in [field.kind] if field.kind else list(Pattern.KINDS):
        typed = {field.type_field: kind} if field.type_field else {}
        values = {'EMAIL': BAD_ADDRESSES + [garbage_word().replace('@', '') for _n in range(20)],
                  'DOMAIN': [value for value in BAD_HOSTS if isinstance(value, str)],
                  'IP': NOT_PUBLIC + [f'10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}'
                                      for _n in range(4)]}[kind]
        overrides += [dict(typed, value=value) for value in values]
    overrides += [{'value': value, field.regex_field: True} for value in ('', '   ', 'x' * 1025)]
    return overrides


def bad_values(field: Field) -> list[t.Any]:
    """Invalid values for a field of this kind; each call adds fresh random ones."""
    return [value for value in _bad_values(field) if not (field.nullable and value == '')]  # '' clears


def _bad_values(field: Field) -> list[t.Any]:
    if isinstance(field, HostnameSet):
        return [[value] for value in BAD_HOSTS if isinstance(value, str)] + [['mail.example.com', 'bad name']]
    if isinstance(field, CidrSet):
        return (BAD_CIDRS + [[bad_octets()] for _n in range(12)] + [[bad_prefix_v4()] for _n in range(12)]
                + [[bad_prefix_v6()] for _n in range(12)] + [[garbage_word()] for _n in range(10)])
    if isinstance(field, EnumSet):
        valid = field.choices or ['X']
        fixed = [['MARS'], [valid[0].lower()], [''], ['  '], [valid[0] + ' '], ['GLÖBAL'], [valid[0], 'XX'],
                 [['nested']], [{'a': 1}], [valid[0]] * 20000 + ['NOPE']]
        return fixed + [[garbage_word()] for _n in range(12)]
    if isinstance(field, Hostname):
        return BAD_HOSTS + [garbage_word() + '!' for _n in range(8)]
    if isinstance(field, Uuid):
        return list(BAD_UUIDS)
    if isinstance(field, IntRange):
        values = [field.minimum - 1, field.maximum + 1, -1, 10 ** 12, 'many', 1.5, True, '', [], {}, '3 hops', '½']
        return (values + [rng.randint(field.maximum + 1, 10 ** 6) for _n in range(10)]
                + [rng.randint(-10 ** 6, field.minimum - 1) for _n in range(10)])
    if isinstance(field, Bool):
        return ['maybe', 2, [1], {}, 'ja', '', 'truee', -1]
    if field.choices:
        return ['Outbox', field.choices[0].swapcase(), '', 3, [field.choices[0]], field.choices[0] + ' ', 'UNKNOWN']
    blank = ['', '   ', '\t'] + [''.join(rng.choice(' \t\n\r') for _n in range(rng.randint(1, 8))) for _n in range(8)]
    too_long = [] if field.max_length is None else (
        ['x' * (field.max_length + 1), 'é' * (field.max_length + 1)]
        + [(garbage_word() * (field.max_length + 50))[:field.max_length + rng.randint(1, 50)] for _n in range(12)])
    return blank + too_long  # a list or a dict is turned into a string by Ansible: not bad for a str option


def bad_connection():
    """(args, the options a message must name)."""
    yield dict(api_token=''), ('api_token',)
    yield dict(api_token='   '), ('api_token',)
    yield dict(api_key='key-0123456789abcdef', api_email='user@example.com'), ('api_token', 'api_key')
    yield dict(api_token=OMIT, api_key='key-0123456789abcdef'), ('api_email',)
    yield dict(api_token=OMIT, api_email='user@example.com'), ('api_email',)
    yield dict(api_token=OMIT), ('api_token',)
    yield dict(api_token=None), ('api_token',)
    yield dict(account_id=OMIT), ('account_id',)
    yield dict(account_id=''), ('account_id',)
    yield dict(account_id='a/b'), ('account_id',)
    yield dict(account_id=['x']), ('account_id',)
    for url in ('ftp://example.com', 'api.example.invalid', '', '//api.example.invalid', 'file:///etc/passwd',
                'http://api.example.invalid/client/v4', 'http://10.0.0.1:8080/client/v4', 'http://[2001:db8::1]/',
                'http://127.0.0.1.example.invalid/'):
        yield dict(api_base_url=url), ('api_base_url',)
    for value in (0, -5, 'soon', [], 1.5):
        yield dict(timeout=value), ('timeout',)
    for value in (-1, 'x', -100):
        yield dict(max_retries=value), ('max_retries',)
    for value in ('perhaps', 3, ''):
        yield dict(validate_certs=value), ('validate_certs',)
    yield dict(colour='red'), ('colour',)
    yield dict(api_tokn='typo'), ('api_tokn',)


def spellings(field: Field, value: t.Any) -> list[t.Any]:
    """Spellings of one key value that compare equal to it."""
    if isinstance(field, Hostname):
        return [value, value.upper(), value + '.', value.upper() + '.']
    return [value]


def single_cases(mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    description = mut.description
    key = {name: valid_value(description.fields[name]) for name in description.key}
    cases = [(dict(key, **{name: value}), (name,))
             for name, field in description.fields.items() for value in bad_values(field)]
    cases += [(dict(key, state=value), ('state',)) for value in ('gone', '', 'PRESENT', 'absent ', True)]
    cases += [({description.id_option: value}, (description.id_option,)) for value in ('', '   ')]
    cases.append(({}, (description.id_option,) + description.key))
    cases += [(dict(key, **args), options) for args, options in bad_connection()]
    return cases


def set_cases(mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    description, option = mut.description, mut.description.entries_option
    create = valid_entry(description)
    cases = []
    for name, field in description.fields.items():
        if isinstance(field, Pattern):
            for override in bad_patterns(field):
                entry = dict(create, **{key: value for key, value in override.items() if key != 'value'})
                entry[name] = override['value']
                cases.append(({option: [entry]}, (name, option)))
        else:
            cases += [({option: [dict(create, **{name: value})]}, (name, option)) for value in bad_values(field)]
    cases += [({option: [dict(create, state=value)]}, ('state', option))
              for value in ('gone', '', 'PRESENT', 'absent ', True)]
    if description.batch:
        cases += [({option: [], 'batch_size': value}, ('batch_size',)) for value in (-1, 'x', 1.5, [], -(10 ** 9))]
    cases += [({option: [], 'prune': value}, ('prune',)) for value in ('maybe', 2, 'yess')]
    first_key = identifying_field(description)
    cases += [({option: value}, (option,))
              for value in ('example.com', [None], [[create]], [dict(create, no_such_option=1)], OMIT, 42, [{}],
                            [{name: value for name, value in create.items() if name not in description.key}])]
    names = spellings(description.fields[first_key], create[first_key])
    other = dict(create, **{first_key: 'b.' + str(create[first_key])})
    for first in names:
        for second in names:
            cases.append(({option: [dict(create, **{first_key: first}), other, dict(create, **{first_key: second})]},
                          (option, 'listed twice')))
            cases.append(({option: [dict(create, **{first_key: first}),
                                    dict(create, state='absent', **{first_key: second})]},
                          (option, 'both present and absent')))
    many = [dict(create, **{first_key: f'd{number:05d}.{create[first_key]}'}) for number in range(5000)]
    cases.append(({option: many + [many[-1]]}, (option, 'listed twice')))
    cases.append(({option: many + [dict(create, **{first_key: '   '})]}, (f'{option}[5000]', first_key)))
    cases += [({option: [], **args}, options) for args, options in bad_connection()]
    return cases


def info_cases(mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    description = mut.description
    cases = []
    for name, list_filter in description.list_filters.items():
        values = bad_values(list_filter.field)
        if isinstance(list_filter.field, EnumSet):
            values = [item for value in values for item in value]
        valid = valid_value(list_filter.field)
        if list_filter.many:  # the bad item alone, and after a good one
            values = [value for value in values if not isinstance(value, (list, dict))]
            cases += [({name: items}, (name,)) for value in values for items in ([value], [valid, value])]
        else:
            cases += [({name: value}, (name,)) for value in values]
        cases.append(({description.id_option: UUID, name: [valid] if list_filter.many else valid},
                      (description.id_option, name)))
    cases += [({description.id_option: value}, (description.id_option,)) for value in ('', '   ')]
    cases += list(bad_connection())
    return cases


def export_cases(_mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    names = ['users', 'DOMAINS', 'domain', 'allow_policy', ' domains', 'block-senders', 'all', '*']
    names += [garbage_word() for _n in range(24)]
    cases = [({'resources': [name]}, ('resources',)) for name in names]
    cases += [({'resources': ['domains', name]}, ('resources',)) for name in names]
    cases += [({'resources': value}, ('resources',)) for value in ([['domains']], [{'name': 'domains'}], [None])]
    cases += [({'include_objects': value}, ('include_objects',)) for value in ('maybe', 2, [1], {}, 'ja', 'truee', -1)]
    cases += list(bad_connection())
    return cases


def account_cases(_mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    """Each set module's bad entries, under its resource's name in ``settings`` (the large ones left out), after a
    valid resource; unknown resource names; the module's own options."""
    cases = []
    for mut in MODULES:
        if mut.kind != 'set':
            continue
        name, option = mut.description.name, mut.description.entries_option
        valid_first = {'domains': [valid_entry(DOMAINS_DESCRIPTION)]} if name != 'domains' else {}
        for args, options in set_cases(mut):
            if set(args) != {option} or args[option] is OMIT or (isinstance(args[option], list) and len(args[option]) > 10):
                continue
            entries = args[option]
            # In the settings dict a resource's entries are named settings.<resource> (settings.block_senders[3]).
            named = tuple(f'settings.{name}' if part == option else part for part in options)
            expected = (f'settings.{name}',) + (named if isinstance(entries, list) else ())
            cases.append(({'settings': dict(valid_first, **{name: entries})}, expected))
    names = ['users', 'DOMAINS', 'domain', 'allow_policy', ' domains', 'block-senders', 'all', 'entries']
    cases += [({'settings': {name: []}}, ('settings', name, 'known: domains')) for name in names]
    cases += [({'settings': value}, ('settings',)) for value in ('domains', ['domains'], 42)]
    cases += [({'settings': {}, 'max_delete_percent': value}, ('max_delete_percent',)) for value in (-1, 101, 'x', 1.5)]
    cases += [({'settings': {}, 'prune': value}, ('prune',)) for value in ('maybe', 2)]
    cases += [({'settings': {}, 'backup': True, 'backup_options': {'filename': value}}, ('backup_options.filename',))
              for value in ('a/b.json', '', '..')]
    cases += [({'settings': {}, **args}, options) for args, options in bad_connection()]
    return cases


BAD_TIMES = ['yesterday', '24h', '+1h', '-1y', '2026-13-01', '2026-12-01T25:00:00Z', '12/01/2026', '', '   ', '-h',
             '2999-01-01T00:00:00Z']


def search_cases(prefix: str) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    """Bad search options, top-level (``prefix`` '') or as suboptions of ``search`` (``prefix`` 'search')."""
    def case(**options):
        return {prefix: options} if prefix else options

    named = (prefix,) if prefix else ()
    cases = [(case(start=value), named + ('start',)) for value in BAD_TIMES + [garbage_word() for _n in range(8)]]
    cases += [(case(end=value), named + ('end',)) for value in BAD_TIMES[:-1]]
    cases.append((case(start='-1h', end='-2h'), named + ('start',)))
    for name in ('query', 'sender', 'recipient', 'subject', 'message_id', 'alert_id', 'domain'):
        cases += [(case(**{name: value}), named + (name,)) for value in ('', '   ', '\t\n')]
    for value in ('EVIL', 'malicious', 'MALICIOUS ', '', 'MALICIOUS,EVIL', ['SPAM', 'nope']) + tuple(
            garbage_word() for _n in range(6)):
        cases.append((case(final_disposition=value), named + ('final_disposition',)))
    cases += [(case(delivery_status=value), named + ('delivery_status',)) for value in ('Delivered', 'lost', '', 3)]
    cases += [(case(message_action=value), named + ('message_action',)) for value in ('moved', 'DELETE', '')]
    cases += [(case(detections_only=value), named + ('detections_only',)) for value in ('maybe', 2, 'ja')]
    return cases


def message_info_cases(_mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    cases = search_cases('')
    cases += [({'id': value}, ('id',)) for value in ('', '   ')]
    cases += [({'id': 'x', name: 'a@example.com'}, ('id', name)) for name in ('sender', 'recipient', 'query')]
    cases += [({'include': value}, ('include',)) for value in (['raw'], ['detections', 'spam'], 'everything', [''])]
    cases += [({'limit': value}, ('limit',)) for value in (0, -1, 'many', 1.5)]
    cases.append(({'raw_dest': '/tmp/x.eml'}, ('raw_dest', 'id')))
    cases += list(bad_connection())
    return cases


def message_cases(_mut: ModuleUnderTest) -> list[tuple[dict[str, t.Any], tuple[str, ...]]]:
    move = {'state': 'moved', 'destination': 'DeletedItems'}
    ids = {'ids': ['4Njp3P0STMz2c02Q-2026-12-01T09:12:44-1b2c3d4e']}
    cases = [(dict(move, **args), options) for args, options in search_cases('search')]
    cases += [(dict(move, search=value), ('search',)) for value in ('everything', ['x'], 42)]
    cases.append((dict(move, search={'colour': 'red'}), ('search', 'colour')))
    cases += [(dict(move, ids=value), ('ids',)) for value in ([], [''], ['   '], 'x,,y', ['x', '\t'])]
    cases.append((dict(move, ids=ids['ids'], search={}), ('ids', 'search')))
    cases.append((dict(move), ('ids', 'search')))
    cases += [(dict(ids, state=value), ('state',)) for value in ('gone', 'MOVED', '', 'deleted')]
    cases.append((dict(ids, state='moved'), ('destination',)))
    cases += [(dict(ids, state='moved', destination=value), ('destination',))
              for value in ('Trash', 'inbox', 'Outbox', '', 'DeletedItems ')]
    cases.append((dict(ids, state='released', destination='Inbox'), ('destination',)))
    numbers = {'max_messages': (0, -5, 'many'), 'chunk_size': (0, 101, 1000, 'x'), 'bulk_threshold': (-1, 'x'),
               'wait_timeout': (0, -1, 'soon')}
    for name, values in numbers.items():
        cases += [(dict(ids, **move, **{name: value}), (name,)) for value in values]
    cases += [(dict(ids, **move, **{name: 'maybe'}), (name,)) for name in ('allow_malicious', 'wait')]
    cases += [(dict(ids, **move, **args), options) for args, options in bad_connection()]
    return cases


GENERATORS = {'single': single_cases, 'set': set_cases, 'info': info_cases, 'export': export_cases,
              'account': account_cases, 'message_info': message_info_cases, 'message': message_cases}
CASES = [(mut, args, options) for mut in MODULES for args, options in GENERATORS[mut.kind](mut)]
for _mut in MODULES:  # a guard on the generator, not a test: too few cases is a broken generator
    _count = sum(1 for case in CASES if case[0] is _mut)
    assert _count >= MIN_CASES_PER_MODULE, f'only {_count} bad-input cases for {_mut.name}'


@pytest.mark.parametrize('mut, args, options', CASES,
                         ids=[f"{n:03}-{case[0].name}-{'+'.join(case[2])}" for n, case in enumerate(CASES)])
def test_bad_input_fails_naming_the_option_before_any_request(run_module, emulator, mut, args, options):
    result = run_module(mut.module, **args)
    assert result.get('failed') is True, result
    message = result['msg']
    for option in options:
        assert option in message
    assert '\n' not in message
    assert 'Traceback' not in message and 'exception' not in result
    assert emulator.methods == []
    origin = 'ansible-core' if any(text in message for text in ANSIBLE_CORE_MESSAGES) else 'collection'
    REFUSED_BY[mut.name, origin] += 1


def summary() -> list[str]:
    """For the terminal summary: per module, who refused its cases."""
    lines = []
    for mut in MODULES:
        core, ours = REFUSED_BY[mut.name, 'ansible-core'], REFUSED_BY[mut.name, 'collection']
        if core or ours:
            lines.append(f'{mut.name}: {core + ours} cases, {core} refused by ansible-core argument checks, '
                         f"{ours} by the collection's validation")
    return lines
