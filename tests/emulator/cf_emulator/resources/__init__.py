# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulated resources: every module of this package that defines ``RESOURCE`` is served."""

from __future__ import annotations

import importlib
import pkgutil

from ..resource import Resource


def discover() -> dict[str, Resource]:
    """Resource name -> its rules, for every ``resources/<name>.py``."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f'{__name__}.{info.name}')
        resource = getattr(module, 'RESOURCE', None)
        if isinstance(resource, Resource):
            found[resource.name] = resource
    return found


RESOURCES = discover()
