#!/usr/bin/env bash
# Staff: play scripted conversations (YAML) against the running assistant (scripts/run.sh).
#   bash scripts/converse.sh staff/exemples/parcours-principaux.yml [autres.yml…] [--url http://…]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 2
exec python -m staff.conversations "$@"
