# Shared settings for the scripts (sourced, not run). Any of them can be set beforehand; their
# defaults live in launcher/settings.py (the knowledge database's in knowledge/settings.py).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
# The system's Python reads the settings (standard library only), before anything is installed.
_settings=$(cd "$ROOT" && "${PYTHON:-python3}" -m launcher.settings) || return 1 2>/dev/null || exit 1
eval "$_settings"
unset _settings
export PATH="$VENV/bin:$PATH"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

# For the staff commands, which need what scripts/run.sh installs.
require_installed() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Rien n'est installé : lancez d'abord « bash scripts/run.sh »." >&2
    exit "${1:-1}"
  fi
}
