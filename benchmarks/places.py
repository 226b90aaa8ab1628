"""Whether a message naming a commune is understood as that commune: the NLU and the place resolver, end to end.

    source scripts/env.sh && python -m benchmarks.places [--limit N] [--outside-sample N]

In this process, no server: the trained model (models/) parses each message, then
actions.places.message_place reads the place the assistant would act on, with the knowledge
database (var/knowledge.db). Messages, generated deterministically (random.Random(42)):

- every Occitanie commune in up to seven spellings (as written, without accents, capitals,
  lower case, hyphens and apostrophes as spaces, "St"/"Ste", a one-letter typo; a spelling
  identical to the official name is skipped), each (commune, spelling) in one of six sentence
  templates, rotated; counted right / asked for nothing / wrong commune / missed;
- every commune outside Occitanie (or a sample: --outside-sample N) as written, in one of two
  templates, rotated; counted recognised outside / missed / wrongly inside.

--limit N keeps N Occitanie messages (spread over every spelling and template) and at most N
outside ones, for a quick run. Prints the tables, the speed and examples of failures; writes
the same figures to var/place_benchmark.json. A benchmark: it prints figures and asserts
nothing (tests/test_place_benchmark.py holds floors on a fixed sample).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge import Commune, KnowledgeBase, PlaceResolution
from knowledge.places import PlaceIndex
from knowledge.text import normalize, strip_accents
from launcher.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "place_benchmark.json"
SEED = 42
PROGRESS_EVERY = 1000
SHOWN_EXAMPLES = 30
KEPT_EXAMPLES = 200  # in the JSON file

# Sentence templates, as people write to the assistant. {place} is the commune as spelled. No other word
# may be read as a place: "ma mère" is Méré (78) to the gazetteer, "84 ans" the Vaucluse to the NLU.
TEMPLATES: dict[str, str] = {
    "question": "Quel est le centre de santé le plus proche de {place} ?",
    "lives": "J'habite à {place}, je peux consulter où ?",
    "long": (
        "Bonjour, notre médecin traitant est parti à la retraite au printemps et personne n'a repris son cabinet. "
        "Nous habitons à {place} avec mes parents, qui sont âgés et ont besoin d'un suivi tous les mois. "
        "Est-ce qu'il existe un centre de santé pas trop loin qui prend encore de nouveaux patients ?"
    ),
    "sms": "slt cherche medecin vers {place} svp",
    "alone": "{place}",
    "service": "Y a-t-il un centre Ma santé Ma Région près de {place} ?",
}
OUTSIDE_TEMPLATES = ("question", "alone")
TEMPLATE_LABELS = {
    "question": "question courte",
    "lives": "« j'habite à »",
    "long": "message long",
    "sms": "style SMS",
    "alone": "nom seul",
    "service": "nom du service",
}

SPELLING_LABELS = {
    "official": "officielle",
    "no_accents": "sans accents",
    "capitals": "majuscules",
    "lower": "minuscules",
    "spaces": "tirets et apostrophes en espaces",
    "abbreviated": "St / Ste",
    "typo": "une faute de frappe",
}
SPELLINGS = tuple(SPELLING_LABELS)
TYPO_MIN_LETTERS = 6
TYPO_ATTEMPTS = 30
_SAINT = re.compile(r"\bSaint(e?)\b")
_PUNCTUATION = re.compile(r"\s*[-'’]\s*")
_AZERTY_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn")
# A substitution hits a key next to the right one, on the same row of a French keyboard.
_NEIGHBOURS = {
    letter: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
    for row in _AZERTY_ROWS
    for i, letter in enumerate(row)
}

# Verdicts. Occitanie: right (asked, rightly, between true homonyms included), asked (needlessly),
# wrong (another commune: the worst), missed. Outside: outside, inside (wrongly), missed, and
# inside_said: a name shared with an Occitanie commune, answered for it, the homonyms elsewhere said.
RIGHT, ASKED, WRONG, MISSED = "right", "asked", "wrong", "missed"
OUTSIDE, INSIDE, INSIDE_SAID = "outside", "inside", "inside_said"
OCCITANIE_VERDICTS = (RIGHT, ASKED, WRONG, MISSED)
OUTSIDE_VERDICTS = (OUTSIDE, MISSED, INSIDE, INSIDE_SAID)


@dataclass(frozen=True)
class Sample:
    text: str
    place: str  # the commune as spelled in the message
    commune: Commune
    spelling: str
    template: str
    homonym: bool  # Occitanie: several Occitanie communes share the name; outside: an Occitanie commune has it


@dataclass(frozen=True)
class Outcome:
    sample: Sample
    verdict: str
    resolution: PlaceResolution | None
    intent: str
    entities: tuple[str, ...]  # the `place` values the NLU found


# -- messages -------------------------------------------------------------------------------


def occitanie_names(index: PlaceIndex, key: str) -> set[str]:
    """INSEE codes of the Occitanie communes a normalised name designates (former names and aliases included)."""
    return {e.commune.insee for e in index.by_key.get(key, ()) if e.commune.in_occitanie}


def is_homonym(index: PlaceIndex, commune: Commune) -> bool:
    """Several Occitanie communes share this commune's normalised name: asking which one is right."""
    return len(occitanie_names(index, normalize(commune.name))) > 1


def typo(name: str, rng: random.Random, taken: Callable[[str], bool]) -> str | None:
    """One letter substituted (a neighbouring key), deleted or swapped with the next, never the first
    letter; None for a name under six letters or when every attempt gives a name that is `taken`."""
    if sum(c.isalpha() for c in name) < TYPO_MIN_LETTERS:
        return None
    letters = [i for i in range(1, len(name)) if name[i].isascii() and name[i].isalpha()]
    pairs = [i for i in letters if i + 1 in letters and name[i].lower() != name[i + 1].lower()]
    for _ in range(TYPO_ATTEMPTS):
        operation = rng.choice(("substitution", "deletion", "transposition"))
        if operation == "transposition" and pairs:
            i = rng.choice(pairs)
            candidate = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        elif operation == "deletion":
            i = rng.choice(letters)
            candidate = name[:i] + name[i + 1 :]
        else:
            i = rng.choice(letters)
            key = rng.choice(_NEIGHBOURS[name[i].lower()])
            candidate = name[:i] + (key.upper() if name[i].isupper() else key) + name[i + 1 :]
        if normalize(candidate) != normalize(name) and not taken(candidate):
            return candidate
    return None


def spellings(name: str, rng: random.Random, taken: Callable[[str], bool]) -> dict[str, str]:
    """The ways of writing `name` measured; those identical to the official name are left out."""
    variants = {
        "official": name,
        "no_accents": strip_accents(name),
        "capitals": name.upper(),
        "lower": name.lower(),
        "spaces": " ".join(_PUNCTUATION.sub(" ", name).split()),
        "abbreviated": _SAINT.sub(lambda m: "Ste" if m.group(1) else "St", name),
        "typo": typo(name, rng, taken) or name,
    }
    return {spelling: text for spelling, text in variants.items() if spelling == "official" or text != name}


def occitanie_samples(index: PlaceIndex, rng: random.Random) -> list[Sample]:
    """Every Occitanie commune in every spelling that applies; each (commune, spelling) in one template,
    rotated per spelling so that every template gets as many messages of each spelling."""

    def taken(text: str) -> bool:
        key = normalize(text)
        return key in index.by_key or key in index.departments_by_key

    templates = list(TEMPLATES)
    counters = {spelling: n for n, spelling in enumerate(SPELLINGS)}
    samples = []
    for commune in sorted((c for c in index.communes.values() if c.in_occitanie), key=lambda c: c.insee):
        homonym = is_homonym(index, commune)
        for spelling, place in spellings(commune.name, rng, taken).items():
            template = templates[counters[spelling] % len(templates)]
            counters[spelling] += 1
            samples.append(Sample(TEMPLATES[template].format(place=place), place, commune, spelling, template, homonym))
    return samples


def outside_samples(index: PlaceIndex, rng: random.Random, size: int | None = None) -> list[Sample]:
    """Communes outside Occitanie as written (all, or a seeded sample of `size`), the two templates in turn."""
    communes = sorted((c for c in index.communes.values() if not c.in_occitanie), key=lambda c: c.insee)
    if size is not None and size < len(communes):
        communes = sorted(rng.sample(communes, size), key=lambda c: c.insee)
    samples = []
    for n, commune in enumerate(communes):
        template = OUTSIDE_TEMPLATES[n % len(OUTSIDE_TEMPLATES)]
        shared = bool(occitanie_names(index, normalize(commune.name)))
        samples.append(
            Sample(TEMPLATES[template].format(place=commune.name), commune.name, commune, "official", template, shared)
        )
    return samples


def spread(samples: Sequence[Sample], size: int, rng: random.Random) -> list[Sample]:
    """`size` samples taken in turn from each (spelling, template), each group shuffled with `rng`."""
    groups: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[(sample.spelling, sample.template)].append(sample)
    queues = [rng.sample(group, len(group)) for _, group in sorted(groups.items())]
    kept: list[Sample] = []
    while len(kept) < min(size, len(samples)):
        for queue in queues:
            if queue and len(kept) < size:
                kept.append(queue.pop())
    return sorted(kept, key=lambda s: (s.commune.insee, SPELLINGS.index(s.spelling)))


def benchmark_samples(
    index: PlaceIndex, limit: int | None = None, outside_sample: int | None = None
) -> tuple[list[Sample], list[Sample]]:
    """The Occitanie and the outside messages; the same arguments always give the same messages."""
    rng = random.Random(SEED)
    occitanie = occitanie_samples(index, rng)
    if limit is not None:
        occitanie = spread(occitanie, limit, rng)
    sizes = [n for n in (limit, outside_sample) if n is not None]
    outside = outside_samples(index, rng, min(sizes) if sizes else None)
    return occitanie, outside


# -- verdicts -------------------------------------------------------------------------------


def occitanie_verdict(sample: Sample, resolution: PlaceResolution | None) -> str:
    target = sample.commune.insee
    if resolution is None or resolution.kind not in ("commune", "ambiguous"):
        return MISSED
    if resolution.kind == "commune":
        return RIGHT if resolution.commune is not None and resolution.commune.insee == target else WRONG
    if target in {c.insee for c in resolution.candidates}:
        return RIGHT if sample.homonym else ASKED
    return WRONG


def outside_verdict(resolution: PlaceResolution | None) -> str:
    if resolution is None or resolution.kind == "unknown":
        return MISSED
    if resolution.kind == "outside" or (resolution.kind == "ambiguous" and resolution.elsewhere):
        return OUTSIDE  # said to be outside (with, for "Bordères", the Occitanie names that start so)
    if resolution.kind == "commune" and resolution.elsewhere:
        return INSIDE_SAID  # "Brion": the Lozère one answered, and the Indre and others named
    return INSIDE


# -- running --------------------------------------------------------------------------------


async def load_agent(model_path: Path | None = None) -> Any:
    """The trained model, with Rasa's logging at WARNING (at debug it logs every message)."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # TensorFlow's and matplotlib's, on import
    from rasa.core.agent import load_agent as rasa_load_agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    path = model_path or Settings.from_environment().model_path
    agent = await rasa_load_agent(model_path=str(path))
    await agent.parse_message("Bonjour")  # warm-up: TensorFlow builds its graph
    return agent


async def run(
    agent: Any, kb: KnowledgeBase, samples: Iterable[tuple[Sample, bool]], total: int = 0, progress: bool = False
) -> tuple[list[Outcome], float]:
    """Each (sample, in Occitanie) parsed and resolved; the outcomes and the seconds spent parsing."""
    from actions.places import message_place

    outcomes = []
    parsing = 0.0
    for n, (sample, inside) in enumerate(samples, start=1):
        start = time.perf_counter()
        parse = await agent.parse_message(sample.text)
        parsing += time.perf_counter() - start
        resolution = message_place(parse, kb)
        verdict = occitanie_verdict(sample, resolution) if inside else outside_verdict(resolution)
        entities = tuple(str(e.get("value")) for e in parse.get("entities") or [] if e.get("entity") == "place")
        outcomes.append(Outcome(sample, verdict, resolution, (parse.get("intent") or {}).get("name") or "", entities))
        if progress and n % PROGRESS_EVERY == 0:
            print(f"  {n}/{total} messages, {n / parsing:.0f} analyses par seconde", file=sys.stderr, flush=True)
    return outcomes, parsing


def measure(
    kb: KnowledgeBase,
    occitanie: Sequence[Sample],
    outside: Sequence[Sample],
    model_path: Path | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Loads the model, parses every message, returns the figures (see `figures`)."""

    async def go() -> tuple[list[Outcome], float]:
        agent = await load_agent(model_path)
        pairs = [(s, True) for s in occitanie] + [(s, False) for s in outside]
        return await run(agent, kb, pairs, total=len(pairs), progress=progress)

    start = time.perf_counter()
    outcomes, parsing = asyncio.run(go())
    return figures(outcomes, parsing, time.perf_counter() - start)


# -- figures --------------------------------------------------------------------------------


def group_figures(verdicts: Sequence[str], names: Sequence[str]) -> dict[str, Any]:
    counts = Counter(verdicts)
    total = len(verdicts)
    result: dict[str, Any] = {"messages": total}
    for name in names:
        result[name] = counts[name]
        result[f"{name}_rate"] = round(counts[name] / total, 4) if total else 0.0
    return result


def example(outcome: Outcome) -> dict[str, Any]:
    resolution = outcome.resolution
    return {
        "text": outcome.sample.text,
        "place": outcome.sample.place,
        "target": outcome.sample.commune.label,
        "spelling": outcome.sample.spelling,
        "template": outcome.sample.template,
        "homonym": outcome.sample.homonym,
        "intent": outcome.intent,
        "entities": list(outcome.entities),
        "kind": resolution.kind if resolution else None,
        "query": resolution.query if resolution else None,
        "matched_by": resolution.matched_by if resolution else None,
        "resolved": [c.label for c in resolution.candidates[:6]] if resolution else [],
        "department": resolution.department.code if resolution and resolution.department else None,
    }


def figures(outcomes: Sequence[Outcome], parse_seconds: float, seconds: float) -> dict[str, Any]:
    inside = [o for o in outcomes if o.sample.commune.in_occitanie]
    outside = [o for o in outcomes if not o.sample.commune.in_occitanie]
    by_spelling = {
        s: group_figures([o.verdict for o in inside if o.sample.spelling == s], OCCITANIE_VERDICTS)
        for s in SPELLINGS
        if any(o.sample.spelling == s for o in inside)
    }
    by_template = {
        t: group_figures([o.verdict for o in inside if o.sample.template == t], OCCITANIE_VERDICTS)
        for t in TEMPLATES
        if any(o.sample.template == t for o in inside)
    }
    missed_kinds = Counter(o.resolution.kind if o.resolution else "none" for o in inside if o.verdict == MISSED)
    outside_figures = group_figures([o.verdict for o in outside], OUTSIDE_VERDICTS)
    outside_figures["inside_shared_name"] = sum(o.verdict == INSIDE and o.sample.homonym for o in outside)
    outside_figures["shared_name_messages"] = sum(o.sample.homonym for o in outside)
    # Names found only outside Occitanie; a shared name ("Brion": Lozère, Indre…) is answered
    # for the Occitanie commune, labelled with its department, by choice.
    outside_figures["only_outside"] = group_figures(
        [o.verdict for o in outside if not o.sample.homonym], OUTSIDE_VERDICTS
    )
    outside_figures["by_template"] = {
        t: group_figures([o.verdict for o in outside if o.sample.template == t], OUTSIDE_VERDICTS)
        for t in OUTSIDE_TEMPLATES
        if any(o.sample.template == t for o in outside)
    }
    return {
        "messages": len(outcomes),
        "seconds": round(seconds, 1),
        "parse_seconds": round(parse_seconds, 1),
        "parses_per_second": round(len(outcomes) / parse_seconds, 1) if parse_seconds else 0.0,
        "occitanie": group_figures([o.verdict for o in inside], OCCITANIE_VERDICTS)
        | {"homonym_messages": sum(o.sample.homonym for o in inside), "missed_by_kind": dict(missed_kinds)},
        "by_spelling": by_spelling,
        "by_template": by_template,
        "outside": outside_figures,
        "wrong_examples": [example(o) for o in inside if o.verdict == WRONG][:KEPT_EXAMPLES],
        "missed_examples": [example(o) for o in inside if o.verdict == MISSED][:KEPT_EXAMPLES],
        "outside_inside_examples": [example(o) for o in outside if o.verdict == INSIDE][:KEPT_EXAMPLES],
        "outside_missed_examples": [example(o) for o in outside if o.verdict == MISSED][:KEPT_EXAMPLES],
    }


def _row(label: str, group: dict[str, Any]) -> str:
    return (
        f"  {label:<34} {group['messages']:>7} {group['right_rate']:>8.1%} {group['asked_rate']:>8.1%}"
        f" {group['wrong']:>8} {group['missed_rate']:>8.1%}"
    )


def _table(title: str, groups: dict[str, dict[str, Any]], labels: dict[str, str]) -> list[str]:
    header = f"  {title:<34} {'messages':>7} {'juste':>8} {'demandé':>8} {'erronée':>8} {'manqué':>8}"
    return [header, *(_row(labels[name], group) for name, group in groups.items())]


def _describe(item: dict[str, Any]) -> str:
    if item["kind"] is None:
        found = "aucun lieu lu"
    elif item["kind"] == "department":
        found = f"département {item['department']}"
    else:
        found = f"{item['kind']} {', '.join(item['resolved']) or item['department'] or ''}".strip()
        if item["matched_by"]:
            found += f" [{item['matched_by']}]"
    read = f"entités {item['entities']}" if item["entities"] else f"aucune entité, intention {item['intent']}"
    return (
        f"  « {item['place']} » ({SPELLING_LABELS[item['spelling']]}, {TEMPLATE_LABELS[item['template']]},"
        f" cible {item['target']}) → {found} ; {read}"
    )


def extraction_times(kb: KnowledgeBase, texts: Sequence[str]) -> dict[str, float]:
    """The gazetteer's extraction alone (knowledge/place_mentions.py), per message, in ms."""
    kb.place_finder.find("près de Saint-Jean-de-Vergse")  # builds the automaton
    times = []
    for text in texts:
        start = time.perf_counter()
        kb.place_finder.find(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(times[len(times) // 2], 3),
        "p95_ms": round(times[int(len(times) * 0.95)], 3),
        "max_ms": round(times[-1], 3),
    }


def report(result: dict[str, Any]) -> str:
    occitanie, outside = result["occitanie"], result["outside"]
    lines = [
        f"Messages analysés : {result['messages']} en {result['seconds']:.0f} s"
        f" ({result['parses_per_second']:.0f} analyses par seconde)",
        *(
            [
                f"Extraction des lieux seule (gazetteer) : médiane {result['extraction']['p50_ms']} ms,"
                f" p95 {result['extraction']['p95_ms']} ms, max {result['extraction']['max_ms']} ms par message"
            ]
            if "extraction" in result
            else []
        ),
        "",
        "Communes d'Occitanie (juste : la commune, ou la question entre de vrais homonymes ;"
        " demandé : une question inutile) :",
        *_table("par orthographe", result["by_spelling"], SPELLING_LABELS),
        "",
        *_table("par modèle de phrase", result["by_template"], TEMPLATE_LABELS),
        "",
        _row("total", occitanie),
        f"  dont {occitanie['homonym_messages']} messages nommant un homonyme d'Occitanie ;"
        f" manqués par résultat : {occitanie['missed_by_kind']}",
        "",
        f"Communes hors Occitanie : {outside['messages']} messages",
        f"  reconnues hors Occitanie : {outside['outside_rate']:.1%} ({outside['outside']})",
        f"  manquées (aucun lieu, ou inconnu) : {outside['missed_rate']:.1%} ({outside['missed']})",
        f"  même nom en Occitanie, répondu pour elle en disant les homonymes d'ailleurs :"
        f" {outside['inside_said_rate']:.1%} ({outside['inside_said']})",
        f"  prises pour l'Occitanie sans le dire : {outside['inside_rate']:.1%} ({outside['inside']}, dont"
        f" {outside['inside_shared_name']} dont le nom est aussi celui d'une commune d'Occitanie ;"
        f" {outside['shared_name_messages']} messages ont un tel nom)",
        f"  noms qui n'existent qu'hors d'Occitanie : {outside['only_outside']['outside_rate']:.1%} reconnues"
        f" ({outside['only_outside']['outside']} sur {outside['only_outside']['messages']}),"
        f" {outside['only_outside']['inside']} prises pour l'Occitanie",
    ]
    for template, group in outside["by_template"].items():
        lines.append(
            f"  {TEMPLATE_LABELS[template]} : {group['outside_rate']:.1%} reconnues, {group['missed_rate']:.1%}"
            f" manquées, {group['inside']} prises pour l'Occitanie ({group['messages']} messages)"
        )
    sections = (
        ("Commune erronée", result["wrong_examples"]),
        ("Manqués", result["missed_examples"]),
        ("Hors Occitanie, prises pour l'Occitanie", result["outside_inside_examples"]),
    )
    for title, items in sections:
        if items:
            lines += ["", f"{title} (les {min(SHOWN_EXAMPLES, len(items))} premiers) :"]
            lines += [_describe(item) for item in items[:SHOWN_EXAMPLES]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="au plus N messages d'Occitanie (toutes orthographes et modèles)")
    parser.add_argument("--outside-sample", type=int, help="N communes hors Occitanie tirées au sort (défaut : toutes)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    kb = KnowledgeBase.from_url()
    occitanie, outside = benchmark_samples(kb.places, args.limit, args.outside_sample)
    print(f"{len(occitanie)} messages d'Occitanie, {len(outside)} hors Occitanie.", file=sys.stderr, flush=True)
    result = measure(kb, occitanie, outside, progress=True)
    result["extraction"] = extraction_times(kb, [s.text for s in [*occitanie, *outside]])
    print(report(result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nChiffres écrits dans {args.output}.")


if __name__ == "__main__":
    main()
