# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bad-input fuzzing: generated invalid argument sets for every module of the collection.

Each case runs the module in-process against the emulator and must fail with a one-line message that names
the offending option, send zero requests, and produce no traceback. The cases are generated from a fixed
seed, so a failure reproduces; ``CASES`` holds them all (over 500).
"""

from __future__ import annotations

import random
import string

import pytest

from ansible_collections.edgeops.cloudflare.plugins.modules import (
    email_security_domain, email_security_domain_info, email_security_domains,
)

SINGLE, INFO, FLEET = email_security_domain, email_security_domain_info, email_security_domains
UUID = 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415'
OMIT = '__omit__'  # see conftest.run_module
rng = random.Random(20261127)


def garbage_word():
    alphabet = string.ascii_letters + string.digits + 'äöüßéñçøåЖЯ漢字-_ .!'
    return ''.join(rng.choice(alphabet) for _n in range(rng.randint(1, 12)))


def bad_octets():
    octets = [rng.randint(0, 255) for _n in range(4)]
    octets[rng.randrange(4)] = rng.randint(256, 99999)
    return '.'.join(map(str, octets)) + '/%d' % rng.randint(0, 32)


def bad_prefix_v4():
    return '%d.%d.%d.%d/%d' % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255),
                               rng.choice([rng.randint(33, 999), -rng.randint(1, 9)]))


def bad_prefix_v6():
    return '2001:db8:%x::/%d' % (rng.randint(0, 0xffff), rng.randint(129, 4096))


# Invalid values per setting of the field table; each generator adds fresh random ones.
ENUM_CHOICES = {'allowed_delivery_modes': ['DIRECT', 'BCC'], 'drop_dispositions': ['MALICIOUS', 'SPOOF'],
                'regions': ['GLOBAL', 'US']}


def bad_settings():
    for name, valid in ENUM_CHOICES.items():
        fixed = [['MARS'], [valid[0].lower()], [''], ['  '], [valid[0] + ' '], ['GLÖBAL'], [valid[0], 'XX'],
                 [['nested']], [{'a': 1}], [valid[0]] * 20000 + ['NOPE']]
        for value in fixed + [[garbage_word()] for _n in range(12)]:
            yield name, value
    cidrs = [['10.0.0.0/33'], ['256.1.1.1'], ['::1/129'], ['2001:db8::/48/1'], ['not-an-ip'], [''], ['10.0.0.0/8x'],
             ['１０.0.0.0/8'], ['010.0.0.0/8'], ['10.0.0.0/8', '10.0.0'], [None], [[]],
             ['192.0.2.0/24'] * 50000 + ['192.0.2.0/99']]
    cidrs += [[bad_octets()] for _n in range(12)] + [[bad_prefix_v4()] for _n in range(12)]
    cidrs += [[bad_prefix_v6()] for _n in range(12)] + [[garbage_word()] for _n in range(10)]
    for value in cidrs:
        yield 'ip_restrictions', value
    hosts = ['', ' ', 'exa mple.com', 'exämple.com', '-bad.example', 'bad-.example', 'a..b', 'a' * 64 + '.com',
             ('a' * 60 + '.') * 5 + 'com', 'under_score.com', 'http://example.com', 'example.com/path',
             'example.com:25', '*.example.com', '例え.jp', ['example.com'], {'name': 'example.com'}]
    for value in hosts + [garbage_word() + '!' for _n in range(8)] + ['mx', '3 ', 'mx.123', 'localhost']:
        yield 'transport', value
    for value in ['', 'not-a-uuid', '1234', UUID + 'x', UUID[:-1] + 'g', UUID.replace('-', '_'), 'ｆ' + UUID[1:],
                  ['x'], 12345]:
        yield 'integration_id', value
    hops = [0, 21, -1, 10 ** 12, 'many', 1.5, True, '', [], {}, '3 hops', '½']
    hops += [rng.randint(21, 10 ** 6) for _n in range(10)] + [-rng.randint(0, 10 ** 6) for _n in range(10)]
    for value in hops:
        yield 'lookback_hops', value
    for name in ('require_tls_inbound', 'require_tls_outbound'):
        for value in ['maybe', 2, [1], {}, 'ja', '', 'truee', -1]:
            yield name, value
    for value in ['Outbox', 'inbox', '', 3, ['Inbox'], 'AllItems ']:
        yield 'folder', value


def bad_connection():
    """(args, the option a message must name)."""
    yield dict(api_token=''), 'api_token'
    yield dict(api_token='   '), 'api_token'
    yield dict(api_key='key-0123456789abcdef', api_email='user@example.com'), 'api_token|api_key'
    yield dict(api_token=OMIT, api_key='key-0123456789abcdef'), 'api_email'
    yield dict(api_token=OMIT, api_email='user@example.com'), 'api_email'
    yield dict(api_token=OMIT), 'api_token'
    yield dict(api_token=None), 'api_token'
    yield dict(account_id=OMIT), 'account_id'
    yield dict(account_id=''), 'account_id'
    yield dict(account_id='a/b'), 'account_id'
    yield dict(account_id=['x']), 'account_id'
    for url in ('ftp://example.com', 'api.example.invalid', '', '//api.example.invalid', 'file:///etc/passwd'):
        yield dict(api_base_url=url), 'api_base_url'
    for value in (0, -5, 'soon', [], 1.5):
        yield dict(timeout=value), 'timeout'
    for value in (-1, 'x', -100):
        yield dict(max_retries=value), 'max_retries'
    for value in ('perhaps', 3, ''):
        yield dict(validate_certs=value), 'validate_certs'
    yield dict(colour='red'), 'colour'
    yield dict(api_tokn='typo'), 'api_tokn'


def cases():
    found = []
    create = {'allowed_delivery_modes': ['DIRECT'], 'drop_dispositions': ['MALICIOUS'], 'ip_restrictions': [],
              'regions': ['GLOBAL']}
    for option, value in bad_settings():
        found.append((SINGLE, dict(domain='example.com', **{option: value}), (option,)))
        found.append((FLEET, dict(domains=[dict(create, domain='example.com', **{option: value})]),
                      (option, 'domains')))
    for value in ['', ' ', 'exa mple.com', 'exämple.com', 'a..b', 'http://example.com', ['a.com'], 'a' * 64 + '.com']:
        found.append((SINGLE, dict(domain=value), ('domain',)))
        found.append((FLEET, dict(domains=[dict(create, domain=value)]), ('domain', 'domains')))
        found.append((INFO, dict(domain=[value]), ('domain',)))
    for module, base in ((SINGLE, dict(domain='example.com')), (INFO, {}), (FLEET, dict(domains=[]))):
        for args, option in bad_connection():
            found.append((module, dict(base, **args), tuple(option.split('|'))))
    for value in ('gone', '', 'PRESENT', 'absent ', True):
        found.append((SINGLE, dict(domain='example.com', state=value), ('state',)))
        found.append((FLEET, dict(domains=[{'domain': 'example.com', 'state': value}]), ('state', 'domains')))
    for value in ('', '   '):
        found.append((SINGLE, dict(domain_id=value), ('domain_id',)))
        found.append((INFO, dict(domain_id=value), ('domain_id',)))
    found.append((SINGLE, {}, ('domain_id', 'domain')))
    # The fleet's own options and its list.
    for value in (0, -1, 'x', 1.5, [], -(10 ** 9)):
        found.append((FLEET, dict(domains=[], batch_size=value), ('batch_size',)))
    for value in ('maybe', 2, 'yess'):
        found.append((FLEET, dict(domains=[], prune=value), ('prune',)))
    for value in ('example.com', [None], [['example.com']], [{'lookback_hops': 2}], [{'domain': 'a.com', 'x': 1}],
                  OMIT, 42, [{}]):
        found.append((FLEET, dict(domains=value), ('domains',)))
    names = ['a.example.com', 'A.example.com', 'a.example.com.', 'A.EXAMPLE.COM.']
    for first in names:
        for second in names:
            found.append((FLEET, dict(domains=[{'domain': first}, {'domain': 'b.example.com'}, {'domain': second}]),
                          ('domains', 'listed twice')))
            found.append((FLEET, dict(domains=[{'domain': first}, {'domain': second, 'state': 'absent'}]),
                          ('domains', 'both present and absent')))
    many = [dict(create, domain='d%05d.example.com' % n) for n in range(5000)]
    found.append((FLEET, dict(domains=many + [dict(create, domain='d04999.example.com')]), ('domains', 'listed twice')))
    found.append((FLEET, dict(domains=many + [dict(create, domain='bad name')]), ('domains[5000]', 'domain')))
    # The info module's filters.
    for option, values in (('status', ['ACTIVE!', 'done', '', 'Active ']), ('allowed_delivery_mode', ['SMTP', 'direct']),
                           ('active_delivery_mode', ['', 'JOURNALS']), ('integration_id', ['casb-1', '', UUID + '0'])):
        for value in values:
            found.append((INFO, {option: value}, (option,)))
    for option in ('domain', 'status', 'integration_id', 'allowed_delivery_mode', 'active_delivery_mode'):
        value = {'domain': ['a.com'], 'status': 'active', 'integration_id': UUID}.get(option, 'DIRECT')
        found.append((INFO, {'domain_id': UUID, option: value}, ('domain_id', option)))
    return found


CASES = cases()


def test_there_are_at_least_500_cases():
    assert len(CASES) >= 500


@pytest.mark.parametrize('module, args, options', CASES,
                         ids=['%03d-%s-%s' % (n, case[0].__name__.rsplit('.', 1)[-1], '+'.join(case[2]))
                              for n, case in enumerate(CASES)])
def test_bad_input_fails_naming_the_option_before_any_request(run_module, emulator, module, args, options):
    result = run_module(module, **args)
    assert result.get('failed') is True, result
    message = result['msg']
    for option in options:
        assert option in message
    assert '\n' not in message
    assert 'Traceback' not in message and 'exception' not in result
    assert emulator.methods == []
