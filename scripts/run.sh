#!/usr/bin/env bash
# Runs the assistant on this machine: set-up when needed, then the action server, the Rasa
# server (REST and socket.io channels) and the demo web page with its chat widget (web/), all on
# localhost, started by the one launcher (launcher/). Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec python -m launcher
