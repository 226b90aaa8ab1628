#!/usr/bin/env bash
# The quick inner loop (under a minute): style and types, then every test that needs neither a
# trained model nor a running server. Extra arguments go to pytest. The whole suite: scripts/test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
require_installed 1
bash scripts/lint.sh
exec python -m pytest -q -m "not integration and not model" -p no:cacheprovider "$@"
