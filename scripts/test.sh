#!/usr/bin/env bash
# The whole test suite, set-up included: code tests (pytest, with the REST channel against
# freshly started servers), data checks (rasa data validate) and conversation tests (Rasa
# test stories against the freshly trained model). Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"

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
