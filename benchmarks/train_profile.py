"""Where training time goes: each NLU step of config.yml timed alone, then DIET under variants.

    source scripts/env.sh && python -m benchmarks.train_profile [--epochs 10] [--variants a,b,…]

The training data is read once and run through spaCy once; the sparse featurizers and DIET are
then trained for each variant (a change to one setting of config.yml), in this process, and
timed epoch by epoch (the first epoch also builds TensorFlow's graph). Nothing is written to
models/. A benchmark, not a test: it prints figures and asserts nothing.

It attributes the time; it does not predict a full training: over few epochs DIET's batch size
grows faster than over the configured number, so an epoch here is cheaper than in `rasa train`
(time a real training with `bash scripts/bench.sh --train`).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Variant:
    """A change to config.yml's NLU pipeline: settings merged into the named components."""

    name: str
    why: str
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # component key -> settings
    drop: tuple[str, ...] = ()  # component keys left out


# Component keys: the class name, with ":char" for the char_wb CountVectorsFeaturizer.
VARIANTS = (
    Variant("config", "config.yml as it is"),
    Variant(
        "before-2x256",
        "DIET as it was before 2026-11-29: 2 layers of 256, batches 64 to 256",
        {"DIETClassifier": {"number_of_transformer_layers": 2, "transformer_size": 256, "batch_size": [64, 256]}},
    ),
    Variant(
        "no-transformer",
        "DIET without its transformer (what the transformer costs)",
        {"DIETClassifier": {"number_of_transformer_layers": 0}},
    ),
    Variant(
        "transformer-1x256",
        "one transformer layer of size 256",
        {"DIETClassifier": {"number_of_transformer_layers": 1, "transformer_size": 256}},
    ),
    Variant(
        "transformer-2x128",
        "two transformer layers of size 128",
        {"DIETClassifier": {"number_of_transformer_layers": 2, "transformer_size": 128}},
    ),
    Variant(
        "transformer-1x128",
        "one layer of size 128",
        {"DIETClassifier": {"number_of_transformer_layers": 1, "transformer_size": 128}},
    ),
    Variant(
        "no-entities",
        "DIET without entity recognition (what the CRF costs)",
        {"DIETClassifier": {"entity_recognition": False}},
    ),
    Variant(
        "no-char-ngrams",
        "without the char_wb n-grams (what their vocabulary costs)",
        drop=("CountVectorsFeaturizer:char",),
    ),
    Variant(
        "char-max-2000",
        "char_wb n-grams capped at 2,000 features",
        {"CountVectorsFeaturizer:char": {"max_features": 2000}},
    ),
    Variant(
        "no-lookup",
        "RegexFeaturizer without the 6,687-name lookup table",
        {"RegexFeaturizer": {"use_lookup_tables": False}},
    ),
    Variant("batch-64-256", "Rasa's default batches, 64 growing to 256", {"DIETClassifier": {"batch_size": [64, 256]}}),
    Variant("batch-32-64", "smaller batches (more, shorter steps)", {"DIETClassifier": {"batch_size": [32, 64]}}),
)


def component_key(step: dict[str, Any]) -> str:
    name = step["name"]
    if name == "CountVectorsFeaturizer" and step.get("analyzer") in ("char", "char_wb"):
        return f"{name}:char"
    return name


def nlu_pipeline() -> list[dict[str, Any]]:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return config["pipeline"]


class Timer:
    def __init__(self) -> None:
        self.steps: dict[str, float] = {}

    def run(self, label: str, function: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = function()
        self.steps[label] = self.steps.get(label, 0.0) + time.perf_counter() - started
        return result


def make_context(tmp: Path, name: str) -> tuple[Any, Any, Any]:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    return LocalModelStorage(tmp), Resource(name), ExecutionContext(GraphSchema({}), name)


def spacy_stage(training_data: Any, pipeline: list[dict[str, Any]], tmp: Path, timer: Timer) -> Any:
    """spaCy, its tokenizer and its dense features: the same for every variant, done once."""
    from rasa.nlu.featurizers.dense_featurizer.spacy_featurizer import SpacyFeaturizer
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    steps = {component_key(s): s for s in pipeline}
    nlp = SpacyNLP.create({**SpacyNLP.get_default_config(), **steps["SpacyNLP"]}, *make_context(tmp, "spacy"))
    model = nlp.provide()
    timer.run("spaCy: tokens, lemmas, vectors", lambda: nlp.process_training_data(training_data, model))
    tokenizer = SpacyTokenizer.create(
        {**SpacyTokenizer.get_default_config(), **steps["SpacyTokenizer"]}, *make_context(tmp, "tokenizer")
    )
    timer.run("spaCy: tokens, lemmas, vectors", lambda: tokenizer.process_training_data(training_data))
    featurizer = SpacyFeaturizer.create(
        {**SpacyFeaturizer.get_default_config(), **steps["SpacyFeaturizer"]}, *make_context(tmp, "spacy_featurizer")
    )
    timer.run("SpacyFeaturizer", lambda: featurizer.process_training_data(training_data))
    return model


SPARSE = ("RegexFeaturizer", "LexicalSyntacticFeaturizer", "CountVectorsFeaturizer", "CountVectorsFeaturizer:char")


def sparse_stage(
    training_data: Any, pipeline: list[dict[str, Any]], variant: Variant, model: Any, tmp: Path, timer: Timer
) -> None:
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer import LexicalSyntacticFeaturizer
    from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer

    classes = {
        "RegexFeaturizer": RegexFeaturizer,
        "LexicalSyntacticFeaturizer": LexicalSyntacticFeaturizer,
        "CountVectorsFeaturizer": CountVectorsFeaturizer,
        "CountVectorsFeaturizer:char": CountVectorsFeaturizer,
    }
    for index, step in enumerate(pipeline):
        key = component_key(step)
        if key not in SPARSE or key in variant.drop:
            continue
        cls = classes[key]
        settings = {k: v for k, v in step.items() if k != "name"} | variant.settings.get(key, {})
        component = cls.create({**cls.get_default_config(), **settings}, *make_context(tmp, f"{variant.name}-{index}"))
        if key.startswith("CountVectorsFeaturizer"):
            timer.run(key, partial(component.train, training_data, model))
        else:
            timer.run(key, partial(component.train, training_data))
        timer.run(key, partial(component.process_training_data, training_data))


def diet_stage(
    training_data: Any, pipeline: list[dict[str, Any]], variant: Variant, epochs: int, tmp: Path, timer: Timer
) -> list[float]:
    """DIET trained for `epochs`; returns the seconds of each epoch."""
    import tensorflow as tf
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.utils import train_utils

    epoch_seconds: list[float] = []

    class EpochTimer(tf.keras.callbacks.Callback):
        def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            epoch_seconds.append(time.perf_counter() - self.started)

    original = train_utils.create_common_callbacks

    def with_timer(*args: Any, **kwargs: Any) -> list[Any]:
        return [*original(*args, **kwargs), EpochTimer()]  # as in `rasa train`, plus the timer

    step = next(s for s in pipeline if s["name"] == "DIETClassifier")
    settings = {k: v for k, v in step.items() if k != "name"} | variant.settings.get("DIETClassifier", {})
    settings["epochs"] = epochs
    diet = DIETClassifier.create(
        {**DIETClassifier.get_default_config(), **settings}, *make_context(tmp, f"{variant.name}-diet")
    )
    train_utils.create_common_callbacks = with_timer
    try:
        timer.run("DIETClassifier", lambda: diet.train(training_data))
    finally:
        train_utils.create_common_callbacks = original
    return epoch_seconds


def load_training_data() -> Any:
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "bot" / "domain.yml"), [str(ROOT / "bot" / "data")]
    )
    return importer.get_nlu_data()


def padding_facts(training_data: Any) -> dict[str, float]:
    """How long the training messages are, in tokens: a batch is padded to its longest message."""
    lengths = sorted(len(m.get("text_tokens") or []) for m in training_data.intent_examples)
    return {
        "messages": len(lengths),
        "median": statistics.median(lengths),
        "p90": lengths[int(0.9 * (len(lengths) - 1))],
        "max": lengths[-1],
        "mean": statistics.fmean(lengths),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train_profile", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=10, help="DIET epochs per variant (default 10)")
    parser.add_argument("--variants", default="", help="comma-separated names (default: all); --list shows them")
    parser.add_argument("--list", action="store_true", help="list the variants and exit")
    args = parser.parse_args(argv)
    if args.list:
        for variant in VARIANTS:
            print(f"{variant.name:20} {variant.why}")
        return 0
    chosen = [v for v in VARIANTS if not args.variants or v.name in args.variants.split(",")]
    unknown = set(filter(None, args.variants.split(","))) - {v.name for v in VARIANTS}
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")

    pipeline = nlu_pipeline()
    common = Timer()
    with tempfile.TemporaryDirectory(prefix="train-profile-") as tmp_name:
        tmp = Path(tmp_name)
        training_data = common.run("reading the training data", load_training_data)
        model = spacy_stage(training_data, pipeline, tmp, common)
        facts = padding_facts(training_data)
        print(
            f"{facts['messages']} training messages; tokens per message: median {facts['median']:.0f}, "
            f"mean {facts['mean']:.1f}, p90 {facts['p90']}, max {facts['max']}"
        )
        print("\nShared steps, s")
        for label, seconds in common.steps.items():
            print(f"  {label:40} {seconds:7.1f}")

        print(f"\nDIET for {args.epochs} epochs under each variant (s; 'vs config': epoch p50 / the first row's)")
        print(
            f"{'variant':20} {'sparse feat.':>12} {'1st epoch':>10} {'epoch p50':>10} {'DIET total':>11}"
            f" {'vs config':>9}  sparse features"
        )
        reference: float | None = None  # the first variant's epoch p50
        for variant in chosen:
            data = copy.deepcopy(training_data)
            timer = Timer()
            sparse_stage(data, pipeline, variant, model, tmp, timer)
            epochs = diet_stage(data, pipeline, variant, args.epochs, tmp, timer)
            sparse_s = sum(s for k, s in timer.steps.items() if k in SPARSE)
            per_epoch = statistics.median(epochs[1:]) if len(epochs) > 1 else epochs[0]
            sizes = sum(
                f.features.shape[-1] for f in data.intent_examples[0].features if f.is_sparse() and f.type == "sequence"
            )
            reference = reference or per_epoch
            print(
                f"{variant.name:20} {sparse_s:12.1f} {epochs[0]:10.1f} {per_epoch:10.2f} "
                f"{timer.steps['DIETClassifier']:11.1f} {per_epoch / reference:8.2f}x  {sizes}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
