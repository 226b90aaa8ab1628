#!/usr/bin/env bash
# Production mode (docs/deployment.md): INSTANCES Rasa servers and action servers behind nginx,
# conversations in PostgreSQL, the conversation lock in Redis, from the environment, e.g.
#   TRACKER_STORE_URL=postgresql://rasa@127.0.0.1:5432/rasa LOCK_STORE_URL=redis://127.0.0.1:6379/1 \
#   INSTANCES=2 bash scripts/production.sh
# Set-up when needed, as for scripts/run.sh. Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec python -m launcher --production
