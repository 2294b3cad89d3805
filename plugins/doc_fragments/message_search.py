# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:

    # The investigation search's options (module_utils/_investigate.py search_argument_spec). The same options are
    # the suboptions of email_security_message's search and arguments of the email_security_detections event source.
    DOCUMENTATION = r'''
options:
  query:
    description:
      - Space-separated terms, case-insensitive, matched against the sender, the recipients, the subject, the names
        and hashes of attachments and the Message-ID.
    type: str
  start:
    description:
      - The earliest scan time of the messages (C(scanned_at), inclusive).
      - ISO 8601 (V(2026-12-01T09:00:00Z), V(2026-12-01T10:00:00+01:00), V(2026-12-01); a time without a zone is
        UTC), or relative to now, V(-<n><unit>) with the unit V(s), V(m), V(h), V(d) or V(w) (V(-24h), V(-7d)), or
        V(now). The module sends ISO 8601 in UTC, the only form the API knows.
      - Must not be in the future, nor after O(end).
    type: str
    default: -30d
  end:
    description:
      - The latest scan time of the messages (inclusive), in the forms of O(start).
    type: str
    default: now
  final_disposition:
    description:
      - Only the messages with one of these dispositions.
      - When this is one value the search filter knows (V(MALICIOUS), V(SUSPICIOUS), V(SPOOF), V(SPAM), V(BULK),
        V(NONE)), the API filters. Otherwise (several values, or V(MALICIOUS-BEC), V(ENCRYPTED), V(EXTERNAL),
        V(UNKNOWN), which the search filter does not take) the module reads the messages the other options
        select and keeps those with one of these dispositions itself, which can take more requests.
    type: list
    elements: str
    choices: [MALICIOUS, SUSPICIOUS, SPOOF, SPAM, BULK, NONE, MALICIOUS-BEC, ENCRYPTED, EXTERNAL, UNKNOWN]
  detections_only:
    description:
      - Only detections, the messages given a disposition (V(MALICIOUS), V(MALICIOUS-BEC), V(SUSPICIOUS), V(SPOOF),
        V(SPAM) or V(BULK)).
      - Always sent. The default is V(false), so that clean copies of a phish are found too; the API's own default
        when the parameter is left out is not documented for the search (bulk jobs document V(true)).
    type: bool
    default: false
  sender:
    description:
      - The sender, an address or a domain (matched against C(from) and C(envelope_from); a domain matches every
        address at it).
    type: str
  recipient:
    description:
      - A recipient, an address or a domain (matched against C(to), C(envelope_to) and C(client_recipients)).
    type: str
  subject:
    description:
      - Keywords of the subject, in any order.
    type: str
  message_id:
    description:
      - The RFC 5322 Message-ID header, with or without the angle brackets. Every copy of one message delivered to
        several recipients shares it.
    type: str
  alert_id:
    description:
      - The alert id of a detection.
    type: str
  domain:
    description:
      - A domain of the sender, of a recipient or of a link in the message.
    type: str
  delivery_status:
    description:
      - Only the messages with this delivery status (for one of their recipients).
    type: str
    choices: [delivered, moved, quarantined, rejected, deferred, bounced, queued, move_failed]
  message_action:
    description:
      - Only the messages on which this action was taken after delivery.
    type: str
    choices: [PREVIEW, QUARANTINE_RELEASED, MOVED]
'''
