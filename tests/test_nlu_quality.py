"""Understanding, measured on the held-out set (tests/nlu/heldout.yml): a floor a little below
what the model reaches (DIET trained with random_seed 42), so that a regression fails CI.

Figures and how to reproduce them: docs/benchmarks.md (`bash scripts/evaluate.sh`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from benchmarks.evaluate_nlu import DEFAULT_DATA, DEFAULT_MODEL, Evaluation, evaluate, load_examples

ROOT = Path(__file__).resolve().parent.parent
# Reached when set (2026-11-23): macro-F1 0.928, accuracy 0.922, place F1 0.966 (docs/benchmarks.md).
INTENT_MACRO_F1_FLOOR = 0.90
INTENT_ACCURACY_FLOOR = 0.89
PLACE_F1_FLOOR = 0.94
ENTITY_MARKUP = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def _plain(text: str) -> str:
    return " ".join(ENTITY_MARKUP.sub(r"\1", text).lower().split())


def _training_messages() -> set[str]:
    messages = set()
    for path in (ROOT / "bot" / "data" / "nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    messages.add(_plain(line.strip()[2:]))
    return messages


def test_the_heldout_set_is_big_enough_and_never_used_for_training():
    examples = load_examples(DEFAULT_DATA)
    assert len(examples) >= 200
    assert sum(len(places) for _, _, places in examples) >= 80
    domain_intents = set(yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))["intents"])
    per_intent = Counter(intent for _, intent, _ in examples)
    assert set(per_intent) <= domain_intents
    assert [i for i in sorted(domain_intents) if per_intent[i] < 5] == []  # every intent is measured
    overlap = {_plain(text) for text, _, _ in examples} & _training_messages()
    assert overlap == set()


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    if not DEFAULT_MODEL.is_file():
        pytest.skip(f"no trained model at {DEFAULT_MODEL}: run `bash scripts/setup.sh` to measure understanding")
    return evaluate(DEFAULT_MODEL, DEFAULT_DATA)


@pytest.mark.model
def test_intents_are_understood_above_the_floor(evaluation):
    assert evaluation.intent_macro_f1 >= INTENT_MACRO_F1_FLOOR, evaluation.confusions[:10]
    assert evaluation.intent_accuracy >= INTENT_ACCURACY_FLOOR


@pytest.mark.model
def test_places_are_found_above_the_floor(evaluation):
    assert evaluation.place_f1 >= PLACE_F1_FLOOR, [e for e in evaluation.errors if e["expected_places"] != e["places"]][
        :10
    ]


@pytest.mark.model
def test_every_emergency_of_the_heldout_set_gets_the_emergency_intent(evaluation):
    # The safety net makes this independent of the classifier's confidence.
    missed = [
        e
        for e in evaluation.errors
        if e["expected"] in ("emergency", "suicidal_thoughts") and e["predicted"] != e["expected"]
    ]
    assert missed == []
