# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Blocked senders (``settings/block_senders``): the SDK's ``block_sender_*`` types."""

from __future__ import annotations

from ._senders import SenderPatterns


class BlockSenders(SenderPatterns):
    name = 'block_senders'
    sdk_name = 'block_senders'
    editable = ('pattern', 'pattern_type', 'is_regex', 'comments')
    required = ('pattern', 'pattern_type', 'is_regex')
    example = {'pattern': 'spammer.example', 'pattern_type': 'DOMAIN', 'is_regex': False}
    example_edit = {'comments': 'phishing campaign'}


RESOURCE = BlockSenders()
