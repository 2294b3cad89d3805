# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:

    # Shared attribute descriptions; each module sets the support levels it has.
    DOCUMENTATION = r'''
options: {}
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
'''

    # For modules that change things.
    IDEMPOTENT = r'''
options: {}
attributes:
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation
        indicates no change.
    support: full
'''

    ACTIONGROUP_CLOUDFLARE = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/edgeops.cloudflare.cloudflare) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - edgeops.cloudflare.cloudflare
'''

    # For modules that only read.
    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    details: This module never changes anything, in check mode or not.
  diff_mode:
    support: N/A
    details: This module never changes anything.
  idempotent:
    description:
      - When run twice in a row with the same arguments, the second invocation indicates no change.
    support: full
'''
