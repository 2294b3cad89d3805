# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:

    # The mass-deletion guard and backups of the set modules (module_utils/_set.py, _backup.py).
    DOCUMENTATION = r'''
options:
  max_delete_percent:
    description:
      - The mass-deletion guard. When the run would delete more than this share (in percent) of the objects a run
        could delete, and there are at least 10 of those, the module fails before any write, naming the counts.
      - The share is of the objects a run could delete. Read-only objects (directory-synced entries, legacy rows) are
        not counted, since no run deletes them; duplicates (several objects with one key) are.
      - Every deletion counts, from O(prune) (duplicates included) and from V(absent) entries.
      - It fails the same way in check mode, so an audit shows it before anyone applies; the failed result still
        carries the predicted creates, updates and deletes and, in diff mode, the diff.
      - V(100) switches the guard off, for an intended mass deletion or a rollback.
      - 'The defaults are octoDNS''s (C(MAX_SAFE_DELETE_PCENT) 30 %, C(MIN_EXISTING_RECORDS) 10): an emptied list,
        a truncated file or a merge that dropped half the entries is refused, while the ordinary day-to-day removal
        of a few entries passes. Below 10 objects one deletion is already a large share, and the diff is short.'
    type: int
    default: 30
  backup:
    description:
      - Before the first write, write the objects the resource holds to a file and return its path as RV(backup_path).
      - 'The file is JSON in the shape of M(edgeops.cloudflare.email_security_settings_info)''s C(settings):
        C({"<resource>": [entries]}), each entry in this module''s own input shape (read-only objects left out, one
        object per key), written as C(examples/export.yml) writes an export (keys sorted, sets sorted), so a diff
        between the two shows real changes only. Applying its entries with O(prune=true) (and
        O(max_delete_percent=100) where needed) is the rollback.'
      - 'Where several objects share a key, the entries hold the oldest (the one O(prune) keeps); the newer ones the
        run deletes are kept after them, under C(pruned_duplicates): C({"<resource>": [entries]}). No apply brings
        them back (a set run keeps one object per key): they are there for their settings (a comment, say), to merge
        by hand. M(edgeops.cloudflare.email_security_settings) skips C(pruned_duplicates) with a warning when the
        file is applied back.'
      - The backup is written from the read the plan was made from, so it costs no request. None is written in check
        mode, nor when nothing changes. When it cannot be written, the module fails before any write.
      - An existing file is never replaced, whatever the name; see O(backup_options.filename).
    type: bool
    default: false
  backup_options:
    description:
      - Where O(backup=true) writes. Both are optional.
    type: dict
    suboptions:
      dir_path:
        description:
          - The folder, on the host that runs the module; created when missing.
          - The default is C(~/.ansible/backups/edgeops.cloudflare).
          - In AWX or Automation Platform the job's filesystem is thrown away after the job; see the guide
            R(Safe changes, ansible_collections.edgeops.cloudflare.docsite.guide_safe_changes) for where to keep backups there.
        type: path
      filename:
        description:
          - The file's name. The default is C(<resource>_<account_id>_<UTC timestamp>.json).
          - An existing file is never replaced. When a file (or anything else, a symlink say) has the name already,
            the backup gets a new unique name, C(<name>-1.json), C(<name>-2.json) and so on, returned as
            RV(backup_path). So two runs that name the same file (the role's name is stamped to the second) both
            keep their backup.
          - The file is written whole under a temporary name in the same folder, mode C(0600), flushed to disk, then
            linked to its name; a write that fails (a full disk) leaves no file under the name, and the run fails
            before any API write.
        type: str
'''
