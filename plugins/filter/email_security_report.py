# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r'''
name: email_security_report
short_description: The results of an Email Security run as a Markdown report
version_added: 1.0.0
description:
  - Turns what a run of the role C(edgeops.cloudflare.email_security) (its fact C(email_security_summary)) or of the
    set modules changed, or in check mode would change, into Markdown for a pull-request comment or a change ticket.
  - First one table, resource | created | updated | deleted | unmanaged; then, per changed resource, the objects by
    the one-line names the modules give them (their C(headers)), with before -> after for each changed setting of
    an update.
  - Names and values are shown as they are, in code spans (a regex reads as it is applied); only table cells escape
    a pipe.
  - A resource whose run failed (for example refused by the mass-deletion guard) is marked so, with its message.
author:
  - edgeops maintainers (@edgeops)
positional: _input
options:
  _input:
    description:
      - 'Resource name to the result of its set module (or the role''s summary of it), for example
        C({"block_senders": <registered result>}).'
    type: dict
    required: true
  title:
    description: The report's heading.
    type: str
    default: Email Security changes
  shown:
    description: How many objects of each kind (created, updated, deleted) a resource lists before "and N more".
    type: int
    default: 50
'''

EXAMPLES = r'''
- name: Write the audit's report for the pull request
  ansible.builtin.copy:
    content: "{{ email_security_summary | edgeops.cloudflare.email_security_report(title='Audit of ' ~ account) }}"
    dest: report.md
    mode: '0644'
  check_mode: false
'''

RETURN = r'''
_value:
  description: The report, in Markdown.
  type: str
'''

import json
import re
import typing as t

from ansible.errors import AnsibleFilterError

KINDS = ('created', 'updated', 'deleted')


def email_security_report(results: t.Mapping[str, t.Any], title: str = 'Email Security changes', shown: int = 50) -> str:
    if not isinstance(results, t.Mapping):
        raise AnsibleFilterError(f'email_security_report: expects a dict of resource name to result, got {type(results).__name__}')
    lines = [f'## {_text(title)}', '', '| resource | created | updated | deleted | unmanaged |', '|---|--:|--:|--:|--:|']
    totals = [0, 0, 0, 0]
    for resource, result in results.items():
        result = result or {}
        counts = [len(result.get('created') or []), len(result.get('updated') or []), len(result.get('deleted') or []),
                  _count(result.get('unmanaged'))]
        totals = [total + count for total, count in zip(totals, counts)]
        flag = ' (failed)' if result.get('failed') else ''
        lines.append(f"| {_cell(resource)}{flag} | {' | '.join(str(count) for count in counts)} |")
    lines.append(f"| **total** | {' | '.join(f'**{total}**' for total in totals)} |")
    lines.append('')
    changed = False
    for resource, result in results.items():
        section = _section(resource, result or {}, shown)
        if section:
            changed = True
            lines.extend(section)
    if not changed:
        lines.append('No changes.')
        lines.append('')
    return '\n'.join(lines)


def _section(resource: str, result: t.Mapping[str, t.Any], shown: int) -> list[str]:
    if not any(result.get(kind) for kind in KINDS) and not result.get('failed'):
        return []
    lines = [f'### {_text(resource)}', '']
    if result.get('failed'):
        lines.extend([f"> **Failed:** {_text(result.get('msg') or 'no message')}", ''])
    changes = result.get('changes') or {}
    previous = result.get('previous') or {}
    for kind in KINDS:
        names = _names(result, kind)
        for name in names[:shown]:
            lines.append(f'- {kind} {_code(name)}')
            if kind == 'updated':
                before = previous.get(name) or {}
                for setting, after in (changes.get(name) or {}).items():
                    was = _code(_value(before[setting])) if setting in before else '(unknown)'
                    lines.append(f'  - `{setting}`: {was} → {_code(_value(after))}')
        if len(names) > shown:
            lines.append(f'- … and {len(names) - shown} more {kind}')
    lines.append('')
    return lines


def _names(result: t.Mapping[str, t.Any], kind: str) -> list[str]:
    """The one-line names of the objects of ``kind``: the ones the module made (its ``headers``, the names its
    ``changes`` and ``previous`` use); for a result without them, the labels as they are."""
    labels = list(result.get(kind) or [])
    headers = (result.get('headers') or {}).get(kind)
    if isinstance(headers, list) and len(headers) == len(labels):
        return [str(header) for header in headers]
    return [_header(label) for label in labels]


def _header(label: t.Any) -> str:
    """A name for a label of a result that does not carry the module's ``headers``."""
    if isinstance(label, t.Mapping):
        return ' '.join(f'{name}={value}' for name, value in label.items())
    return str(label)


def _count(unmanaged: t.Any) -> int:
    if isinstance(unmanaged, int):
        return unmanaged
    return len(unmanaged or [])


def _value(value: t.Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _code(text: str) -> str:
    """A code span of ``text`` as it is (a regex, say), for a list item: a fence longer than any run of backticks in
    it. A pipe needs no escape outside a table (escaped, it would show as ``\\|``)."""
    text = text.replace('\n', ' ')
    fence = '`' * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = ' ' if '`' in text else ''
    return f'{fence}{pad}{text}{pad}{fence}'


_BACKTICKS = re.compile('`+')


def _text(text: t.Any) -> str:
    return str(text).replace('\n', ' ')


def _cell(text: t.Any) -> str:
    """Text for a table cell, where a pipe would end the cell."""
    return _text(text).replace('|', '\\|')


class FilterModule:
    def filters(self) -> dict[str, t.Callable[..., str]]:
        return {'email_security_report': email_security_report}
