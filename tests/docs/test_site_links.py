# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The SEE ALSO links of the module pages, as antsibull-docs renders them, lead to pages of the collection's own
docs site (galaxy.yml's documentation URL is where scripts/docs' site is published).

scripts/docs builds the site; DOCSITE_HTML names its folder (scripts/test sets it).
"""

from __future__ import annotations

import os
import pathlib
import re

import pytest
import yaml

SITE = os.environ.get('DOCSITE_HTML', '')
ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS_URL = yaml.safe_load((ROOT / 'galaxy.yml').read_text(encoding='utf-8'))['documentation'].rstrip('/')
pytestmark = pytest.mark.skipif(not SITE, reason='needs DOCSITE_HTML, the folder scripts/docs built')


def links_to_the_docs_site(page: str) -> list[str]:
    html = pathlib.Path(SITE, page).read_text(encoding='utf-8')
    return sorted(set(re.findall(rf'href="{re.escape(DOCS_URL)}/([^"#]+)', html)))


def test_every_link_to_the_docs_site_leads_to_a_page_it_has():
    module_pages = sorted(path.name for path in pathlib.Path(SITE).glob('*_module.html'))
    linked = {page: links_to_the_docs_site(page) for page in module_pages}
    missing = {page: [target for target in targets if not pathlib.Path(SITE, target).is_file()]
               for page, targets in linked.items()}
    assert not any(missing.values()), missing
    assert sum(map(len, linked.values())) >= 9  # the guides of eight modules and of the account module


def test_the_account_module_page_links_the_account_and_safe_changes_guides():
    assert links_to_the_docs_site('email_security_settings_module.html') == [
        'docsite/guide_account.html', 'docsite/guide_safe_changes.html']
