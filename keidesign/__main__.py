"""``python -m keidesign`` runs the command line."""

from __future__ import annotations

from keidesign.cli import run

run()
