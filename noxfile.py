# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# /// script
# dependencies = ["nox>=2025.02.09", "antsibull-nox"]
# ///

"""The collection's nox sessions; their settings are in antsibull-nox.toml."""

import sys

import nox

try:
    import antsibull_nox
except ImportError:
    print('You need to install antsibull-nox in the same Python environment as nox.')
    sys.exit(1)


antsibull_nox.load_antsibull_nox_toml()


if __name__ == '__main__':
    nox.main()
