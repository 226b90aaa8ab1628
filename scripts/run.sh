#!/usr/bin/env bash
# Runs the assistant on this machine: set-up when needed, then the action server, the Rasa
# server (REST and socket.io channels) and the demo web page with its chat widget (web/), all on
# localhost. Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"

for port in "$RASA_PORT" "$ACTION_PORT" "$WEB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Le port $port est déjà utilisé (une autre instance ?). Choisissez-en un autre : RASA_PORT=… ACTION_PORT=… WEB_PORT=…" >&2
    exit 1
  fi
done

pids=()
stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "Assistant arrêté."
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

mkdir -p var/logs
rasa run actions --actions actions --port "$ACTION_PORT" >var/logs/actions.log 2>&1 &
pids+=($!)
rasa run --model "$MODEL_PATH" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_HOST" --port "$RASA_PORT" --cors "*" >var/logs/rasa.log 2>&1 &
pids+=($!)
python web/serve.py --port "$WEB_PORT" >var/logs/web.log 2>&1 &
pids+=($!)

echo "Démarrage (20 à 40 secondes)… journaux : var/logs/rasa.log, var/logs/actions.log, var/logs/web.log"
echo "Page web (dès que l'assistant est prêt) : http://127.0.0.1:$WEB_PORT/"
for _ in $(seq 1 180); do
  if python - <<PY 2>/dev/null
import urllib.request
urllib.request.urlopen("http://$RASA_HOST:$RASA_PORT/", timeout=1)
urllib.request.urlopen("http://127.0.0.1:$ACTION_PORT/health", timeout=1)
urllib.request.urlopen("http://127.0.0.1:$WEB_PORT/config.js", timeout=1)
PY
  then
    cat <<MSG

L'assistant « Ma santé, Ma Région » est prêt.
  Page web   : http://127.0.0.1:$WEB_PORT/  (page de démonstration avec le widget de discussion)
  REST       : POST http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook  {"sender": "moi", "message": "Bonjour"}
  socket.io  : http://$RASA_HOST:$RASA_PORT/socket.io  (pour la page web)
  Terminal   : bash scripts/shell.sh  (dans un autre terminal)
Ctrl-C pour arrêter.
MSG
    wait -n "${pids[@]}"
    echo "Un des serveurs s'est arrêté : voir var/logs/." >&2
    exit 1
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "Échec du démarrage : voir var/logs/." >&2; tail -n 20 var/logs/*.log >&2; exit 1; }
  done
  sleep 1
done
echo "Le serveur n'a pas répondu à temps : voir var/logs/." >&2
exit 1
