# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Backups of what a set run is about to change, written from the read the plan was made from (no request).

Private to this collection: no compatibility promise outside edgeops.cloudflare.

A backup holds the resources in the export's shape and order, ``{resource name: [entries]}``: the entries of their set
modules, so applying the file back with ``prune`` restores them (``examples/account.yml -e settings_file=<backup>``);
the duplicates a run deletes are kept after them, under ``pruned_duplicates`` (see ``_set.backup_content``).
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import re
import tempfile
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


def backup_writer(params: t.Mapping[str, t.Any], stem: str) -> t.Optional[t.Callable[[t.Mapping[str, t.Any]], str]]:
    """What writes a run's backup (``write_backup`` with the task's options), or None without ``backup: true``."""
    if not params['backup']:
        return None
    return lambda settings: write_backup(settings, stem, params['account_id'], params.get('backup_options'))


def write_backup(settings: t.Mapping[str, t.Any], resource: str, account_id: str,
                 options: t.Optional[t.Mapping[str, t.Any]]) -> str:
    """Write ``settings`` (the export's shape) and return the file's path; ``Failure`` when it cannot be written.

    A missing folder is created. An existing file is never replaced: when the name (the default one, or the one the
    task gives) is taken, ``-1``, ``-2``, ... is added before its suffix. The file is written whole under a temporary
    name in the same folder (mode 0600, flushed to disk), then linked to its name, which fails rather than replace
    what is there (a file, or a symlink planted at the name). A failed write leaves nothing under the name.
    """
    options = options or {}
    folder = os.path.abspath(os.path.expanduser(options.get('dir_path') or DEFAULT_DIR))
    name = options.get('filename') or default_filename(resource, account_id)
    data = (json.dumps(settings, indent=2) + '\n').encode('utf-8')
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as error:
        raise _cannot_write(error.filename or folder, error) from None
    try:
        return _write_new(folder, name, data)
    except OSError as error:
        raise _cannot_write(os.path.join(folder, name), error) from None


def _cannot_write(where: str, error: OSError) -> Failure:
    return Failure(f'backup: cannot write {where}: {error.strerror or error}; nothing was changed '
                   '(set backup_options.dir_path to a writable folder)')


def _write_new(folder: str, name: str, data: bytes) -> str:
    """Write ``data`` to a new file ``name`` (or ``name-N``) of ``folder``; its path."""
    descriptor, temporary = tempfile.mkstemp(prefix='.', suffix='.partial', dir=folder)  # 0600, a name of its own
    try:
        with os.fdopen(descriptor, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        path = _link_new(temporary, folder, name)
        _sync_folder(folder)
        return path
    finally:
        os.unlink(temporary)  # the file now has its name; or the write failed, and nothing is left


def _link_new(temporary: str, folder: str, name: str) -> str:
    """Give the file ``temporary`` the first free one of ``name``, ``name-1``, ... (a hard link: it never replaces
    an existing file nor follows a symlink at the name)."""
    stem, suffix = os.path.splitext(name)
    for attempt in range(100):
        path = os.path.join(folder, name if attempt == 0 else f'{stem}-{attempt}{suffix}')
        try:
            os.link(temporary, path)
        except FileExistsError:
            continue
        return path
    raise OSError(errno.EEXIST, 'files of that name and of 99 numbered names exist already', os.path.join(folder, name))


def _sync_folder(folder: str) -> None:
    """Flush the folder's entry for the new name to disk too (where the platform allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some filesystems cannot sync a folder; the file itself is on disk
    finally:
        os.close(descriptor)
