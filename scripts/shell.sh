#!/usr/bin/env bash
# A terminal conversation for staff, against the servers started by scripts/run.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
if ! python -c "import urllib.request; urllib.request.urlopen('http://$RASA_HOST:$RASA_PORT/', timeout=2)" 2>/dev/null; then
  echo "L'assistant ne répond pas sur $RASA_HOST:$RASA_PORT : lancez d'abord « bash scripts/run.sh »." >&2
  exit 1
fi
exec rasa shell --connector rest --url "http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook" "$@"
