#!/usr/bin/env bash
# Style and types: ruff (lint and format) on the whole repository, mypy on the Python packages.
# Part of scripts/test.sh and of the quick loop (scripts/quick.sh). `ruff format .` fixes the format.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 1
ruff check --quiet .
ruff format --check --quiet . || { echo "Format : lancez « .venv/bin/ruff format . »." >&2; exit 1; }
mypy --no-error-summary knowledge actions nlu_components policies launcher staff webchat
echo "ruff et mypy : rien à signaler."
