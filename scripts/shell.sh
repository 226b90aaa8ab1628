#!/usr/bin/env bash
# A terminal conversation for staff with the running assistant (start it with scripts/run.sh).
# This is `rasa shell`'s own console client, pointed at the running server's REST channel,
# so it talks to the same model, action server and tracker store as the web page.
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
sender="staff-$(date +%Y%m%d-%H%M%S)"
if [ "${1:-}" = "--id" ] && [ -n "${2:-}" ]; then sender="$2"; fi
echo "Conversation « $sender » avec $server (tapez /stop pour quitter)."
# python -c, not a here-document: standard input must stay the terminal.
exec python -c '
import asyncio, sys
from rasa.core.channels.console import record_messages
asyncio.run(record_messages(sender_id=sys.argv[2], server_url=sys.argv[1], use_response_stream=False))
' "$server" "$sender"
