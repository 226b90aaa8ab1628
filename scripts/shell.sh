#!/usr/bin/env bash
# A terminal conversation for staff with the running assistant (start it with scripts/run.sh), in
# French: buttons shown by their titles and chosen by their number (staff/shell.py), through the
# running server's REST channel: the same model, action server and tracker store as the web page.
# Type /stop to leave; `--id NAME` resumes a conversation by its id.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 1
server="http://$RASA_HOST:$RASA_PORT"
if ! python -c "import urllib.request; urllib.request.urlopen('$server/', timeout=2)" 2>/dev/null; then
  echo "L'assistant ne répond pas sur $server : lancez d'abord « bash scripts/run.sh »." >&2
  exit 1
fi
exec python -m staff.shell --url "$server" "$@"
