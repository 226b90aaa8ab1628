"""How the deterministic safety net does on messages written without seeing its patterns.

    .venv/bin/python -m benchmarks.evaluate_safety [--data tests/nlu/safety_unseen.yml]

Prints recall for emergencies and suicidal thoughts, false alarms on ordinary messages, and
the misses. A measure, not a test: the set must not be used to tune the patterns (a new
unseen set is needed after any change made from its failures).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from nlu_components.safety_patterns import ALARMS, detect

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "nlu" / "safety_unseen.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    data = yaml.safe_load(args.data.read_text(encoding="utf-8"))
    misses = []
    for kind in ALARMS:
        messages = data.get(kind) or []
        if not messages:
            continue  # "emergency_called" has no unseen set yet
        caught = [m for m in messages if detect(m) == kind]
        alarmed = [m for m in messages if detect(m) in ALARMS]
        print(
            f"{kind:18}: {len(caught)}/{len(messages)} reconnus ({len(caught) / len(messages):.0%}), "
            f"{len(alarmed)}/{len(messages)} déclenchent une alerte (15/112 ou 3114)"
        )
        misses += [(kind, m, detect(m)) for m in messages if detect(m) != kind]
    ordinary = data.get("ordinary") or []
    false_alarms = [m for m in ordinary if detect(m) in ALARMS]
    print(f"{'ordinaires':18}: {len(false_alarms)}/{len(ordinary)} fausses alertes")
    for kind, message, got in misses:
        print(f"  manqué ({kind} → {got}) : {message}")
    for message in false_alarms:
        print(f"  fausse alerte ({detect(message)}) : {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
