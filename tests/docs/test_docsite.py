# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The built docs site, rendered in headless Chromium: titles, the module's option table, the guides.

scripts/docs builds the site; DOCSITE_HTML names its folder (scripts/test sets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

SITE = os.environ.get('DOCSITE_HTML', '')
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
pytestmark = pytest.mark.skipif(not SITE, reason='needs DOCSITE_HTML, the folder scripts/docs built')


def rendered(page, profile):
    """The DOM of ``page`` after Chromium has loaded it (scripts run, styles applied)."""
    assert CHROMIUM, 'chromium is not installed (scripts/setup test installs it with apt)'
    assert os.path.isfile(os.path.join(SITE, page)), f'the site has no {page}'
    done = subprocess.run(
        [CHROMIUM, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         f'--user-data-dir={profile}', '--dump-dom', 'file://' + os.path.join(SITE, page)],
        capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


class Page(HTMLParser):
    """The title, headings and option tables (their option names) of a page."""

    def __init__(self, dom):
        super().__init__()
        self.title = ''
        self.headings = []
        self.option_tables = []
        self._in = None
        self._table_depth = 0
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get('class') or '').split()
        if tag == 'table' and 'ansible-option-table' in classes:
            self.option_tables.append([])
            self._table_depth = 1
        elif tag == 'table' and self._table_depth:
            self._table_depth += 1
        if tag in ('title', 'h1'):
            self._in = tag
            if tag == 'h1':
                self.headings.append('')
        if self._table_depth and 'ansible-option-title' in classes:
            self._in = 'option'
            self.option_tables[-1].append('')

    def handle_endtag(self, tag):
        if tag == 'table' and self._table_depth:
            self._table_depth -= 1
        if tag in ('title', 'h1') or (tag == 'p' and self._in == 'option'):
            self._in = None

    def handle_data(self, data):
        if self._in == 'title':
            self.title += data
        elif self._in == 'h1':
            self.headings[-1] += data
        elif self._in == 'option':
            self.option_tables[-1][-1] += data.strip()


def test_getting_started_page_renders_with_its_title(tmp_path):
    page = Page(rendered('docsite/guide_getting_started.html', tmp_path))
    assert page.title.startswith('Getting started — edgeops.cloudflare')
    assert page.headings[0].startswith('Getting started')  # then the theme's link icon


@pytest.mark.parametrize('module, options', [
    ('email_security_domain', {'domain', 'domain_id', 'ip_restrictions', 'lookback_hops', 'api_token', 'state'}),
    ('email_security_domains', {'domains', 'prune', 'batch_size', 'regions', 'state'}),  # with suboptions
    ('email_security_domain_info', {'domain', 'status', 'active_delivery_mode'}),
])
def test_module_pages_render_with_title_and_option_table(tmp_path, module, options):
    page = Page(rendered(f'{module}_module.html', tmp_path))
    assert page.title.startswith(f'edgeops.cloudflare.{module} module – ')
    assert page.option_tables, 'no option table'
    assert options <= set(page.option_tables[0])
