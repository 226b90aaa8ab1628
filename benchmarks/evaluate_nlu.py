"""How well the trained model understands messages it never saw: the held-out test set.

    source scripts/env.sh && python -m benchmarks.evaluate_nlu [--data tests/nlu/heldout_2026-12-01o.yml] [--model …]

Parses every message of the set with the whole NLU pipeline (DIET, fallback, safety net…:
what a user gets) and prints intent accuracy and macro-F1, `place` entity precision, recall
and F1 (exact spans), the most frequent confusions and the messages that fell back to "not
understood". Writes the same figures to var/nlu_evaluation.json. Exit code 0; 2 when the
model or the data cannot be read.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "nlu" / "heldout_2026-12-01o.yml"  # the newest held-out set
DEFAULT_MODEL = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))
FALLBACK = "nlu_fallback"


@dataclass
class Prediction:
    text: str
    expected_intent: str
    intent: str
    confidence: float
    classifier_intent: str  # the classifier's first guess, before "not understood"
    expected_places: list[tuple[int, int, str]]
    places: list[tuple[int, int, str]]


@dataclass
class Evaluation:
    messages: int
    intent_accuracy: float
    intent_macro_f1: float
    fallback_rate: float
    classifier_accuracy: float  # first guess right, "not understood" set aside
    place_precision: float
    place_recall: float
    place_f1: float
    place_entities: int
    per_intent_f1: dict[str, float]
    confusions: list[tuple[str, str, int]]
    seconds: float
    errors: list[dict[str, Any]] = field(default_factory=list)


def load_examples(path: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(text, intent, place spans) for each message, read with Rasa's own reader."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    examples = []
    for message in data.intent_examples:
        places = [
            (e["start"], e["end"], message.get("text")[e["start"] : e["end"]])
            for e in message.get("entities") or []
            if e.get("entity") == "place"
        ]
        examples.append((message.get("text"), message.get("intent"), places))
    return examples


def _quiet() -> None:
    """Rasa's loading chatter and per-message debug lines (structlog) off."""
    import warnings

    import structlog

    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


async def _parse_all(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def predict(model: Path, examples: list[tuple[str, str, list[tuple[int, int, str]]]]) -> list[Prediction]:
    parses = asyncio.run(_parse_all(model, [text for text, _, _ in examples]))
    predictions = []
    for (text, intent, places), parse in zip(examples, parses, strict=True):
        predicted = parse.get("intent") or {}
        if predicted.get("name") == "ask_fact":
            # A precise question answered by its fact (nlu_components/fact_question.py): the
            # held-out sets label it by topic, so the intent is the one it was read as before.
            classifier = (parse.get("intent_override") or {}).get("classifier_intent")
            predicted = {**predicted, "name": classifier or FALLBACK}
        ranking = [r.get("name") for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK]
        predicted_places = [
            (e["start"], e["end"], text[e["start"] : e["end"]])
            for e in parse.get("entities") or []
            if e.get("entity") == "place"
        ]
        predictions.append(
            Prediction(
                text,
                intent,
                predicted.get("name") or FALLBACK,
                float(predicted.get("confidence") or 0.0),
                ranking[0] if ranking else FALLBACK,
                places,
                predicted_places,
            )
        )
    return predictions


def score(predictions: list[Prediction], seconds: float = 0.0) -> Evaluation:
    from sklearn.metrics import f1_score

    gold = [p.expected_intent for p in predictions]
    guessed = [p.intent for p in predictions]
    labels = sorted(set(gold))
    per_intent = f1_score(gold, guessed, labels=labels, average=None, zero_division=0)
    # An "I did not understand" counts as a miss: that is what the user gets.
    macro_f1 = float(f1_score(gold, guessed, labels=labels, average="macro", zero_division=0))
    accuracy = sum(g == p for g, p in zip(gold, guessed, strict=True)) / len(gold)

    true_pos = sum(len(set(p.expected_places) & set(p.places)) for p in predictions)
    found = sum(len(set(p.places)) for p in predictions)
    expected = sum(len(set(p.expected_places)) for p in predictions)
    precision = true_pos / found if found else 0.0
    recall = true_pos / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    confusions = Counter((p.expected_intent, p.intent) for p in predictions if p.expected_intent != p.intent)
    errors = [
        {
            "text": p.text,
            "expected": p.expected_intent,
            "predicted": p.intent,
            "confidence": round(p.confidence, 3),
            "expected_places": [s[2] for s in p.expected_places],
            "places": [s[2] for s in p.places],
        }
        for p in predictions
        if p.expected_intent != p.intent or set(p.expected_places) != set(p.places)
    ]
    return Evaluation(
        messages=len(predictions),
        intent_accuracy=accuracy,
        intent_macro_f1=macro_f1,
        fallback_rate=guessed.count(FALLBACK) / len(guessed),
        classifier_accuracy=sum(p.classifier_intent == p.expected_intent for p in predictions) / len(predictions),
        place_precision=precision,
        place_recall=recall,
        place_f1=f1,
        place_entities=expected,
        per_intent_f1={label: round(float(v), 4) for label, v in zip(labels, per_intent, strict=True)},
        confusions=[(a, b, n) for (a, b), n in confusions.most_common()],
        seconds=seconds,
        errors=errors,
    )


def evaluate(model: Path = DEFAULT_MODEL, data: Path = DEFAULT_DATA) -> Evaluation:
    _quiet()
    examples = load_examples(data)
    start = time.perf_counter()
    predictions = predict(model, examples)
    return score(predictions, time.perf_counter() - start)


def report(evaluation: Evaluation, show_errors: int = 15) -> str:
    lines = [
        f"Messages évalués            : {evaluation.messages}",
        f"Intention — exactitude      : {evaluation.intent_accuracy:.3f}",
        f"Intention — macro-F1        : {evaluation.intent_macro_f1:.3f}",
        f"« Pas compris » (fallback)  : {evaluation.fallback_rate:.1%}",
        f"1er choix du classifieur    : {evaluation.classifier_accuracy:.3f}  (exactitude sans le « pas compris »)",
        f"Lieu (place) — précision    : {evaluation.place_precision:.3f}",
        f"Lieu (place) — rappel       : {evaluation.place_recall:.3f}",
        f"Lieu (place) — F1           : {evaluation.place_f1:.3f}   ({evaluation.place_entities} lieux attendus)",
        f"Durée (chargement compris)  : {evaluation.seconds:.1f} s",
        "",
        "F1 par intention (les plus faibles d'abord) :",
    ]
    for intent, value in sorted(evaluation.per_intent_f1.items(), key=lambda kv: (kv[1], kv[0]))[:10]:
        lines.append(f"  {value:.3f}  {intent}")
    lines += ["", "Confusions (attendu → prédit : nombre) :"]
    lines += [f"  {a} → {b} : {n}" for a, b, n in evaluation.confusions[:15]] or ["  aucune"]
    if show_errors and evaluation.errors:
        lines += ["", f"Erreurs (les {min(show_errors, len(evaluation.errors))} premières) :"]
        for error in evaluation.errors[:show_errors]:
            place_note = ""
            if error["expected_places"] != error["places"]:
                place_note = f"  lieux attendus {error['expected_places']}, trouvés {error['places']}"
            lines.append(f"  « {error['text'][:90]} » : {error['expected']} → {error['predicted']}{place_note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--errors", type=int, default=15, help="how many misunderstood messages to print")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "nlu_evaluation.json")
    args = parser.parse_args(argv)
    for path, what in ((args.data, "jeu de test"), (args.model, "modèle")):
        if not path.is_file():
            print(f"{what} introuvable : {path}", file=sys.stderr)
            return 2
    evaluation = evaluate(args.model, args.data)
    print(report(evaluation, args.errors))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(asdict(evaluation), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
