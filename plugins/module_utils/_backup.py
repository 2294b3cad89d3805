# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Backups of what a set run is about to change, written from the read the plan was made from (no request).

Private to this collection: no compatibility promise outside edgeops.cloudflare.

A backup holds the resource in the export's shape, ``{resource name: [entries]}``: the entries of its set module,
so applying the file back with ``prune`` restores the resource, and a role can merge several into one file that
``examples/account.yml`` applies.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import typing as t

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure, InvalidValue

DEFAULT_DIR = '~/.ansible/backups/edgeops.cloudflare'
_UNSAFE = re.compile(r'[^A-Za-z0-9_.-]')


def backup_argument_spec() -> dict[str, dict[str, t.Any]]:
    return {
        'backup': {'type': 'bool', 'default': False},
        'backup_options': {'type': 'dict', 'options': {
            'dir_path': {'type': 'path'},
            'filename': {'type': 'str'},
        }},
    }


def check_backup_options(params: t.Mapping[str, t.Any]) -> None:
    """Before any request: a file name that is a path, or blank, would be written somewhere unexpected."""
    filename = (params.get('backup_options') or {}).get('filename')
    if filename is not None and (not filename.strip() or '/' in filename or filename in ('.', '..')):
        raise InvalidValue(f'backup_options.filename: {filename!r} must be a file name (set the folder with '
                           'backup_options.dir_path)')


def default_filename(resource: str, account_id: str) -> str:
    """``<resource>_<account>_<UTC timestamp>.json``, down to the microsecond, so backups never overwrite each other."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime('%Y%m%dT%H%M%S.%fZ')
    return f"{resource}_{_UNSAFE.sub('_', account_id)}_{stamp}.json"


def write_backup(settings: t.Mapping[str, t.Any], resource: str, account_id: str,
                 options: t.Optional[t.Mapping[str, t.Any]]) -> str:
    """Write ``settings`` (the export's shape) and return the file's path; ``Failure`` when it cannot be written.

    A missing folder is created. A default name is never reused; a name the task gives is replaced whole (written
    to a temporary file first, so a failed write leaves the old backup as it was).
    """
    options = options or {}
    folder = os.path.abspath(os.path.expanduser(options.get('dir_path') or DEFAULT_DIR))
    text = json.dumps(settings, indent=2, sort_keys=False) + '\n'
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if options.get('filename'):
            return _replace(os.path.join(folder, options['filename']), text)
        return _create(folder, default_filename(resource, account_id), text)
    except OSError as error:
        where = error.filename or folder
        raise Failure(f'backup: cannot write {where}: {error.strerror or error}; nothing was changed '
                      '(set backup_options.dir_path to a writable folder)') from None


def _create(folder: str, name: str, text: str) -> str:
    stem, suffix = os.path.splitext(name)
    for attempt in range(100):
        path = os.path.join(folder, name if attempt == 0 else f'{stem}-{attempt}{suffix}')
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, 'w', encoding='utf-8') as handle:
            handle.write(text)
        return path
    raise OSError(17, 'a file of that name exists already', os.path.join(folder, name))


def _replace(path: str, text: str) -> str:
    partial = f'{path}.partial'
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, 'w', encoding='utf-8') as handle:
        handle.write(text)
    os.replace(partial, path)
    return path
