"""Precise facts, end to end: each question of a set written from the sources alone (by a
separate author: tests/facts/*.brief.md) is sent, in a new conversation, to the assistant's REST
channel; it is right when the answer contains every `expect` token of its fact.

    source scripts/env.sh && python -m benchmarks.facts [--data tests/facts/questions_2026-11-29.yml]
    source scripts/env.sh && python -m benchmarks.facts --dev    # the ranking alone, on the facts' own `asks`
    source scripts/env.sh && python -m benchmarks.facts --offline tests/facts/questions_2026-11-30h.yml …

Without --rasa-url it starts its own servers (launcher) on spare ports. `--dev` chooses the
thresholds of knowledge/service.py without the test set: each `ask` of knowledge/data/facts.yml,
left out of the index in turn, is ranked against the others. `--offline` ranks the questions of
spent sets against the facts alone, in seconds (no NLU, no place, no gate of the intent): the
fast loop for the ranking; never for the fresh set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import urllib.request
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from knowledge.text import strip_accents
from launcher.servers import running, spare_port
from launcher.settings import ROOT, Settings

DEFAULT_SET = ROOT / "tests" / "facts" / "questions_2026-11-29.yml"
_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
# The sets' authors compare with hyphens and dashes as spaces ("Hautes-Pyrénées" is "hautes pyrenees").
_DASHES = re.compile(r"[-\u2010\u2011\u2013\u2014]")
_GROUPED = re.compile(r"(?<![\d,])(\d{1,3}(?: \d{3})+)(?![\d,])")


# A number the answer writes in words is the same number ("quatre médecins" answers "4");
# not "un"/"une", which are mostly articles.
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
        + ("onze", "douze", "treize", "quatorze", "quinze", "seize"),
        start=2,
    )
}
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")


def comparable(text: str) -> str:
    """Lower case, no accents, "1 000" as "1000", numbers up to 16 as digits, hyphens as spaces, one
    space between words."""
    text = _DASHES.sub(" ", _SPACES.sub(" ", text))
    text = _GROUPED.sub(lambda m: m.group(1).replace(" ", ""), text)
    text = " ".join(strip_accents(text).lower().replace("’", "'").split())
    return _WORD.sub(lambda m: _NUMBER_WORDS[m.group(1)], text)


def answered(answer: str, expect: Sequence[str]) -> bool:
    """Every token in the answer; a number as a whole number ("7" is not found in "2017")."""
    answer = comparable(answer)

    def found(token: str) -> bool:
        token = comparable(token)
        if re.fullmatch(r"[\d,]+", token):
            return re.search(rf"(?<![\d,]){re.escape(token)}(?![\d])", answer) is not None
        return token in answer

    return all(found(str(token)) for token in expect)


def ask(rasa_url: str, message: str) -> str:
    body = json.dumps({"sender": f"faits-{uuid.uuid4().hex[:12]}", "message": message}).encode()
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        answers: list[dict[str, Any]] = json.loads(reply.read())
    return "\n".join(a.get("text", "") for a in answers)


def score(rasa_url: str, data: Path) -> tuple[Counter[str], Counter[str], list[tuple[str, str, list[str], str]]]:
    """Right answers and questions by who asks, and the misses (fact, question, expected, answer)."""
    facts = yaml.safe_load(data.read_text(encoding="utf-8"))["facts"]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for fact in facts:
        for question in fact["questions"]:
            who = question.get("who", "?")
            answer = ask(rasa_url, question["text"])
            total[who] += 1
            if answered(answer, fact["expect"]):
                right[who] += 1
            else:
                misses.append((fact["id"], question["text"], fact["expect"], answer))
    return right, total, misses


def measure(rasa_url: str, data: Path, show: int) -> int:
    facts = yaml.safe_load(data.read_text(encoding="utf-8"))["facts"]
    right, total, misses = score(rasa_url, data)
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"\n{data.name} : {len(facts)} faits, {all_total} questions")
    print("| asked by | right | questions | share |")
    print("| --- | ---: | ---: | ---: |")
    for who in sorted(total):
        print(f"| {who} | {right[who]} | {total[who]} | {right[who] / total[who]:.1%} |")
    print(f"| **all** | **{all_right}** | **{all_total}** | **{all_right / all_total:.1%}** |")
    by_fact = Counter(fact_id for fact_id, *_ in misses)
    print(f"\nFaits manqués au moins une fois : {len(by_fact)} sur {len(facts)}")
    for fact_id, text, expect, answer in misses[:show]:
        print(f"- [{fact_id}] {text!r} — attendu {expect} — réponse : {answer[:160]!r}")
    return 0


def dev() -> int:
    """Leave-one-out on the `asks`: each one is taken out of its fact, the index is built again
    without it, and the ask is ranked: how often the right fact comes first, and what each pair
    of thresholds would answer (share told, and right among those told)."""
    import dataclasses

    from knowledge import KnowledgeBase
    from knowledge.facts import FactIndex, is_precise_question
    from knowledge.service import FACT_MIN_MARGIN, FACT_MIN_SCORE

    kb = KnowledgeBase.from_url()
    facts = list(kb.facts.values())
    results = []  # (right first, score, margin, precise)
    for position, fact in enumerate(facts):
        for question in fact.asks:
            without = dataclasses.replace(fact, asks=tuple(a for a in fact.asks if a != question))
            index = FactIndex([*facts[:position], without, *facts[position + 1 :]])
            ranked = index.rank(question, fact.communes)
            margin = ranked[0][1] - ranked[1][1]
            results.append((ranked[0][0].id == fact.id, ranked[0][1], margin, is_precise_question(question)))
    asked = len(results)
    print(f"{asked} questions (asks), chacune retirée de l'index à son tour :")
    print(f"  le bon fait en premier : {sum(r[0] for r in results) / asked:.1%}")
    print(f"  questions précises : {sum(r[3] for r in results) / asked:.1%}")
    print("| score ≥ | marge ≥ | fait dit | juste parmi les faits dits |")
    print("| ---: | ---: | ---: | ---: |")
    for score in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        for margin in (0.0, 0.02, 0.05):
            told = [r for r in results if r[3] and r[1] >= score and r[2] >= margin]
            mark = " (choisi)" if (score, margin) == (FACT_MIN_SCORE, FACT_MIN_MARGIN) else ""
            right = sum(r[0] for r in told) / max(len(told), 1)
            print(f"| {score} | {margin} | {len(told) / asked:.1%} | {right:.1%}{mark} |")
    return 0


def offline(paths: Sequence[Path]) -> int:
    """Each question ranked against the facts alone: right when the facts told (the first, and the
    next when within FACT_CLOSE) state every expected token; and where the first fact that states
    them was ranked."""
    from knowledge import KnowledgeBase
    from knowledge.facts import Fact
    from knowledge.service import FACT_CLOSE

    index = KnowledgeBase.from_url().fact_index

    def said(fact: Fact) -> str:
        return " ".join([fact.statement.text, fact.older.text if fact.older else ""])

    right = total = first = top3 = 0
    for path in paths:
        set_right = set_total = 0
        for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]:
            for question in fact["questions"]:
                ranked = index.rank(question["text"])
                match = index.match_of(ranked, FACT_CLOSE)  # the facts the assistant tells
                told = [] if match is None else [match.fact, *([match.runner_up] if match.runner_up else [])]
                place = next((i for i, (f, _) in enumerate(ranked) if answered(said(f), fact["expect"])), None)
                set_total += 1
                set_right += bool(told) and answered(" ".join(said(f) for f in told), fact["expect"])
                first += place == 0
                top3 += place is not None and place < 3
        print(f"{path.name} : {set_right}/{set_total} = {set_right / set_total:.1%}")
        right, total = right + set_right, total + set_total
    print(f"en tout : {right}/{total} = {right / max(total, 1):.1%}")
    print(f"le fait qui répond classé 1er : {first} ; dans les 3 premiers : {top3}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_SET)
    parser.add_argument("--rasa-url", help="a running assistant (otherwise servers of its own are started)")
    parser.add_argument("--show", type=int, default=40, help="how many misses to print")
    parser.add_argument("--dev", action="store_true", help="the ranking alone, on the facts' own asks")
    parser.add_argument("--offline", type=Path, nargs="+", help="the ranking alone, on these spent sets")
    args = parser.parse_args(argv)
    if args.dev:
        return dev()
    if args.offline:
        return offline(args.offline)
    if args.rasa_url:
        return measure(args.rasa_url, args.data, args.show)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            rasa_port=spare_port(),
            action_port=spare_port(),
            tracker_store_url=f"sqlite:///{Path(tmp) / 'tracker.db'}",
            log_dir=Path(tmp),
        )
        with running(settings, web=False):
            return measure(settings.rasa_url, args.data, args.show)


if __name__ == "__main__":
    sys.exit(main())
