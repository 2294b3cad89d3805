# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A Cloudflare collection endpoint (list/get/post/patch/delete) described by a field table.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t
from urllib.parse import quote

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client, CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._engine import Failure
from ansible_collections.edgeops.cloudflare.plugins.module_utils._fields import FieldTable


class ResourceType:
    """What is fixed for one kind of object: its path, table and naming."""

    def __init__(self, title: str, path: str, fields: FieldTable, name_field: str, create_required: t.Sequence[str],
                 result_key: str, id_option: str) -> None:
        self.title = title  # e.g. 'email security domain', for messages
        self.path = path  # below /accounts/{account_id}
        self.fields = fields
        self.name_field = name_field
        self.create_required = tuple(create_required)
        self.result_key = result_key
        self.id_option = id_option


class ApiResource:
    """One resource type in one account, read and written through ``client``."""

    def __init__(self, kind: ResourceType, client: Client, account_id: str) -> None:
        self.kind = kind
        self.client = client
        self.collection = '/accounts/%s%s' % (quote(account_id, safe=''), kind.path)

    def item_path(self, object_id: t.Any) -> str:
        return '%s/%s' % (self.collection, quote(str(object_id), safe=''))

    def read(self, object_id: t.Optional[str] = None, name: t.Optional[str] = None) -> t.Optional[dict]:
        """The current object, or None: by id (a GET) or by name (the list filtered by name)."""
        if object_id is not None:
            try:
                return self.client.call('GET', self.item_path(object_id))
            except CloudflareError as error:
                if error.status == 404:
                    return None
                raise
        return self.find(name)

    def find(self, name: t.Optional[str]) -> t.Optional[dict]:
        """The object named ``name``: the list endpoint's exact-name filter returns full objects."""
        field = self.kind.fields[self.kind.name_field]
        wanted = field.normalise(name)
        matches = [obj for obj in self.client.paginate(self.collection, {self.kind.name_field: wanted})
                   if field.normalise(obj.get(self.kind.name_field)) == wanted]
        if len(matches) > 1:
            raise Failure('%d objects of type %s are named %r: identify one by %s'
                          % (len(matches), self.kind.title, name, self.kind.id_option))
        return matches[0] if matches else None

    def list(self, filters: t.Optional[t.Mapping[str, t.Any]] = None) -> list:
        """Every object (matching ``filters``), read with the largest pages the API serves."""
        return self.client.paginate(self.collection, filters)

    def batch(self, body: t.Mapping[str, list]) -> dict:
        """One call to the batch endpoint; it is a POST, so the client never repeats it after a 5xx."""
        return self.client.call('POST', self.collection + '/batch', body=body)

    def create(self, body: dict) -> dict:
        return self.client.create(self.collection, body, lambda: self.find(body[self.kind.name_field]))

    def update(self, current: t.Mapping[str, t.Any], body: dict) -> dict:
        return self.client.call('PATCH', self.item_path(current['id']), body=body)

    def delete(self, current: t.Mapping[str, t.Any]) -> None:
        try:
            self.client.call('DELETE', self.item_path(current['id']))
        except CloudflareError as error:
            if error.status != 404:  # gone already, e.g. a retried DELETE whose first answer was lost
                raise
