"""0 figure that is not in the sources: every number and date the knowledge base says (facts,
topics, centres) is in the seed document its record names. The seeds are kept, unchanged, in
knowledge/data/seeds/ (copies of the documents the facts come from, for this check and for
staff); the national numbers, from official pages, are checked by test_national_numbers.py."""

from __future__ import annotations

import re

import pytest

from knowledge.settings import DATA_DIR

SEEDS = DATA_DIR / "seeds"
# "1 000", "1 000" and "1000" are one number; "7,5" is one number; "1er" says 1.
_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})+(?![\d,])")
_NUMBER = re.compile(r"\d+(?:,\d+)?")


def numbers(text: str) -> set[str]:
    text = _SPACES.sub(" ", text)
    text = _GROUPED.sub(lambda m: m.group(0).replace(" ", ""), text)
    return set(_NUMBER.findall(text))


def seed_numbers(source_id: str) -> set[str] | None:
    path = SEEDS / f"{source_id}.txt"
    return numbers(path.read_text(encoding="utf-8")) if path.is_file() else None


def said(kb) -> list[tuple[str, str, str]]:
    """(what, text, source id) for every text of the knowledge base that comes from a document."""
    texts = []
    for fact in kb.facts.values():
        texts.append((f"fait {fact.id}", fact.statement.text, fact.statement.source_id))
        if fact.older is not None:
            texts.append((f"fait {fact.id} (older)", fact.older.text, fact.older.source_id))
    for topic in kb.topics.values():
        texts.append((f"sujet {topic.id}", topic.intro, topic.source.id))
        texts += [(f"sujet {topic.id}", point.text, point.source.id) for point in topic.points]
    for centre in kb.centres:
        texts.append((f"centre {centre.id}", centre.since_text or "", centre.source.id))
        texts += [(f"centre {centre.id}", fact, centre.source.id) for fact in centre.facts]
    return texts


def test_the_seeds_are_kept_for_every_source_document(kb):
    documents = [s for s in kb.sources.values() if not s.url]
    assert documents and all((SEEDS / f"{s.id}.txt").is_file() for s in documents)


def test_every_figure_of_the_knowledge_base_is_in_its_source(kb):
    missing = []
    for what, text, source_id in said(kb):
        in_source = seed_numbers(source_id)
        if in_source is None:
            continue  # an official page (national numbers): test_national_numbers.py
        missing += [f"{what} : {n} (« {text[:80]} »)" for n in sorted(numbers(text) - in_source)]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 000 médecins", {"1000"}), ("le 1er septembre 2022", {"1", "2022"}), ("7,5 millions", {"7,5"})],
)
def test_numbers_are_read_as_written(text, expected):
    assert numbers(text) == expected


def test_a_figure_missing_from_its_source_is_caught(kb):
    text, source_id = "La Région a recruté 987654 médecins.", next(iter(kb.facts.values())).statement.source_id
    assert numbers(text) - (seed_numbers(source_id) or set()) == {"987654"}


def test_docs_facts_md_is_up_to_date(kb):
    from knowledge.__main__ import facts_table

    written = (DATA_DIR.parent.parent / "docs" / "facts.md").read_text(encoding="utf-8")
    assert written == facts_table(kb), "lancez « python -m knowledge facts-table docs/facts.md »"
