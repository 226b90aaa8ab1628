# Shared settings for the scripts (sourced, not run). Any of them can be set beforehand.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
export PATH="$VENV/bin:$PATH"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export KNOWLEDGE_DATABASE_URL="${KNOWLEDGE_DATABASE_URL:-sqlite:///$ROOT/var/knowledge.db}"
export TRACKER_STORE_URL="${TRACKER_STORE_URL:-sqlite:///$ROOT/var/tracker.db}"
export RASA_HOST="${RASA_HOST:-127.0.0.1}"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"  # the demo page with the chat widget (web/), always on 127.0.0.1
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTION_PORT/webhook}"
export MODEL_PATH="${MODEL_PATH:-$ROOT/models/assistant.tar.gz}"
# Quiet TensorFlow and the SQLAlchemy 2.0 notices Rasa 3.6 triggers; no telemetry.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export RASA_TELEMETRY_ENABLED=false
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore}"

# For the staff commands, which need what scripts/run.sh installs.
require_installed() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Rien n'est installé : lancez d'abord « bash scripts/run.sh »." >&2
    exit "${1:-1}"
  fi
}
