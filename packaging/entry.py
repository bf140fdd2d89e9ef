# SPDX-License-Identifier: GPL-3.0-or-later
"""Entry point for the frozen build: the same `kiosk` command line."""

from kiosk.cli import main

raise SystemExit(main())
