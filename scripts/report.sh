#!/usr/bin/env bash
# Staff: what people asked the assistant and what it could not answer (staff/report.py).
#   bash scripts/report.sh [--days N] [--export-unanswered FILE.yml]
# Writes var/report/index.html (a self-contained page) and prints a summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 2
exec python -m staff.report "$@"
