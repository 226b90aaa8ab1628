#!/usr/bin/env bash
# Staff: play scripted conversations (YAML) against the running assistant (scripts/run.sh).
#   bash scripts/converse.sh staff/exemples/parcours-principaux.yml [autres.yml…] [--url http://…]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Rien n'est installé : lancez d'abord « bash scripts/run.sh »." >&2
  exit 2
fi
exec python -m staff.conversations "$@"
