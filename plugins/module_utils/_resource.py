# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One settings resource in one account: list/get/post/patch/delete/batch through the client.

Private to this collection: no compatibility promise outside edgeops.cloudflare.
"""

from __future__ import annotations

import typing as t
from urllib.parse import quote

from ansible_collections.edgeops.cloudflare.plugins.module_utils._client import Client, CloudflareError
from ansible_collections.edgeops.cloudflare.plugins.module_utils._description import Description
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import Failure

ApiObject = t.Dict[str, t.Any]


class ApiResource:
    """The objects of one described resource in one account."""

    def __init__(self, description: Description, client: Client, account_id: str) -> None:
        self.description = description
        self.client = client
        self.collection = f"/accounts/{quote(account_id, safe='')}{description.path}"

    def item_path(self, object_id: t.Any) -> str:
        return f"{self.collection}/{quote(str(object_id), safe='')}"

    def read(self, object_id: t.Optional[str] = None,
             key_values: t.Optional[t.Mapping[str, t.Any]] = None) -> t.Optional[ApiObject]:
        """The current object, or None: by id (a GET) or by its key fields (a list read)."""
        if object_id is not None:
            try:
                return self.client.read_object(self.item_path(object_id))
            except CloudflareError as error:
                if error.status == 404:
                    return None
                raise
        return self.find(key_values or {})

    def find(self, key_values: t.Mapping[str, t.Any]) -> t.Optional[ApiObject]:
        """The object with these key fields; the list endpoint's exact filters narrow the read where it has them."""
        description = self.description
        wanted = description.key_of(key_values)
        query = {name: description.fields[name].to_api(key_values[name]) for name in description.lookup_filters}
        matches = [obj for obj in self.client.paginate(self.collection, query) if description.key_of(obj) == wanted]
        if len(matches) > 1:
            raise Failure(f'{len(matches)} objects of type {description.title} are named '
                          f'{description.header(key_values)!r}: identify one by {description.id_option}')
        return matches[0] if matches else None

    def list(self, filters: t.Optional[t.Mapping[str, t.Any]] = None) -> t.List[ApiObject]:
        """Every object (matching ``filters``), read with the largest pages the API serves."""
        return self.client.paginate(self.collection, filters)

    def batch(self, body: t.Mapping[str, t.List[t.Any]]) -> t.Any:
        """One call to the batch endpoint; it is a POST, so the client never repeats it after a 5xx."""
        return self.client.call('POST', self.collection + '/batch', body=body)

    def create(self, body: ApiObject) -> ApiObject:
        return self.client.create(self.collection, body, lambda: self.find(body))

    def update(self, current: t.Mapping[str, t.Any], body: ApiObject) -> ApiObject:
        return self.client.call('PATCH', self.item_path(current['id']), body=body)

    def delete(self, current: t.Mapping[str, t.Any]) -> None:
        try:
            self.client.call('DELETE', self.item_path(current['id']))
        except CloudflareError as error:
            if error.status != 404:  # gone already, e.g. a retried DELETE whose first answer was lost
                raise
