#!/usr/bin/env bash
# The main job: set up .venv and build every concept (STEP, STL, GLB, JSON) into exports/.
set -euo pipefail
source "$(dirname "$0")/.ci/venv.sh"
.venv/bin/keidesign build --all --out exports "$@"
