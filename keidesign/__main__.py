"""``python -m keidesign`` runs the command line."""

from __future__ import annotations

import sys

from keidesign.cli import main

sys.exit(main())
