#!/usr/bin/env bash
# The whole test suite, set-up included: style and types (ruff, mypy), code tests (pytest, with the REST channel and the web
# page's chat widget in headless Chromium against freshly started servers), data checks (rasa
# data validate) and conversation tests (Rasa test stories against the freshly trained model).
# Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"

# Debian packages the tests drive: Chromium (tests/test_web.py) and nginx (tests/test_production.py).
# Installed when we can; otherwise those tests are skipped, said loudly.
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  why="${missing[*]} absent(s) et impossible(s) à installer ici (il faut root et apt-get)"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    printf '\033[1m» Installation de %s pour les tests\033[0m\n' "${missing[*]}"
    if { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
         >var/packages-install.log 2>&1; then
      why=""
    else
      tail -n 20 var/packages-install.log >&2
      why="l'installation de ${missing[*]} a échoué (voir var/packages-install.log)"
    fi
  fi
  if [ -n "$why" ]; then
    printf '\033[1;31m%s\n!!! TESTS IGNORÉS : %s.\n!!! Le widget (Chromium) ou le mode production (nginx) ne seront PAS testés.\n%s\033[0m\n' \
      "$(printf '!%.0s' {1..78})" "$why" "$(printf '!%.0s' {1..78})" >&2
  fi
fi

printf '\033[1m» Style et types (ruff, mypy)\033[0m\n'
bash scripts/lint.sh

printf '\033[1m» Tests du code (pytest)\033[0m\n'
python -m pytest "$@"

printf '\033[1m» Validation des données Rasa\033[0m\n'
rasa data validate --domain bot/domain.yml --data bot/data --config config.yml --quiet >var/validate.log 2>&1 \
  || { cat var/validate.log; echo "rasa data validate a échoué." >&2; exit 1; }

printf '\033[1m» Tests de conversation (Rasa test stories)\033[0m\n'
rm -rf results/stories
if ! rasa test core --model "$MODEL_PATH" --stories tests/stories --endpoints endpoints.yml \
     --out results/stories --fail-on-prediction-errors >var/stories.log 2>&1; then
  tail -n 40 var/stories.log
  cat results/stories/failed_test_stories.yml 2>/dev/null || true
  echo "Des test stories échouent (détails : results/stories/)." >&2
  exit 1
fi
python - <<'PY'
import json
report = json.load(open("results/stories/story_report.json"))["conversation_accuracy"]
failed = report["total"] - report["correct"]
print(f"stories: {report['correct']} passed, {failed} failed")
raise SystemExit(1 if failed or report["total"] == 0 else 0)
PY
