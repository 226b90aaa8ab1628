#!/usr/bin/env bash
# Understanding measured on the held-out test set (the newest of tests/nlu/heldout_*.yml, never trained on):
# intent accuracy and macro-F1, place precision/recall/F1, confusions. Figures: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
exec python -m benchmarks.evaluate_nlu "$@"
