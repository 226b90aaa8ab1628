#!/usr/bin/env bash
# Staff and operators: the conversations kept (RGPD). Schedule `purge` once a day, e.g. cron:
#   15 3 * * *  cd /srv/assistant && bash scripts/privacy.sh purge
#   bash scripts/privacy.sh purge [--days N] [--dry-run]
#   bash scripts/privacy.sh forget SESSION_ID [--dry-run]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 2
exec python -m staff.privacy "$@"
