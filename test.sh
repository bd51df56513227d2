#!/usr/bin/env bash
# Set up .venv and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/.ci/venv.sh"
.venv/bin/python -m pytest "$@"
