# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Allow policies (``settings/allow_policies``): the SDK's ``allow_policy_*`` types."""

from __future__ import annotations

from ._senders import SenderPatterns


class AllowPolicies(SenderPatterns):
    name = 'allow_policies'
    sdk_name = 'allow_policies'
    editable = ('pattern', 'pattern_type', 'is_regex', 'is_trusted_sender', 'is_acceptable_sender',
                'is_exempt_recipient', 'verify_sender', 'comments', 'is_sender', 'is_spoof', 'is_recipient')
    required = ('pattern', 'pattern_type', 'is_regex', 'is_trusted_sender', 'is_acceptable_sender',
                'is_exempt_recipient', 'verify_sender')
    example = {'pattern': 'partner@example.com', 'pattern_type': 'EMAIL', 'is_regex': False,
               'is_trusted_sender': True, 'is_acceptable_sender': False, 'is_exempt_recipient': False,
               'verify_sender': True}
    example_edit = {'comments': 'our partner'}


RESOURCE = AllowPolicies()
