#!/usr/bin/env bash
# Benchmarks (not tests): starts its own servers on spare ports, prints latency, memory,
# place-resolution and start-up figures; add --train to time a full training too.
# Numbers and how to read them: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
exec python -m benchmarks.bench --start-servers "$@"
