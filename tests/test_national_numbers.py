"""The national public numbers are the only facts from outside the seeds: each one the assistant
says (in bot/domain.yml, which answers emergencies even without the action server, and in the
knowledge base) must come from an official page recorded in knowledge/data/sources.yml."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

NUMBER = re.compile(r"(?<![\d,.])(\d{3} \d{3}|\d+)(?![\d,])")


def _national_numbers(kb) -> dict[str, set[str]]:
    """Number -> the official pages (URLs) of the topic points that say it."""
    numbers: dict[str, set[str]] = {}
    for topic_id in ("emergency_numbers", "out_of_hours"):
        for point in kb.topic(topic_id).points:
            assert point.source.url.startswith(("https://", "http://")), (topic_id, point.text)
            for number in NUMBER.findall(point.text):
                numbers.setdefault(number, set()).add(point.source.url)
    return numbers


def _domain_responses() -> dict[str, list[dict]]:
    return yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))["responses"]


def test_the_national_numbers_each_have_an_official_page(kb):
    numbers = _national_numbers(kb)
    assert {"15", "112", "114", "3114", "3237", "116 117"} <= set(numbers)


def test_every_number_the_domain_says_or_dials_is_a_sourced_national_number(kb):
    numbers = _national_numbers(kb)
    said = set()
    for name, variants in _domain_responses().items():
        for variant in variants:
            said |= {(name, n) for n in NUMBER.findall(variant.get("text", ""))}
            for call in (variant.get("custom") or {}).get("calls", []):
                assert re.fullmatch(r"(tel|sms):\d+", call["href"]), (name, call)
                said.add((name, call["href"].split(":")[1]))
    assert said, "the domain says no number at all?"
    assert [(name, n) for name, n in sorted(said) if n not in numbers] == []


@pytest.mark.parametrize(
    ("response", "hrefs"),
    [
        ("utter_emergency_now", ["tel:15", "tel:112", "sms:114"]),
        ("utter_emergency", ["tel:15", "tel:112", "sms:114"]),
        ("utter_suicide_prevention", ["tel:3114", "tel:15", "tel:112"]),
        ("utter_emergency_called", ["tel:15"]),
    ],
)
def test_emergency_answers_carry_their_call_actions(response, hrefs):
    (variant,) = _domain_responses()[response]
    assert [call["href"] for call in variant["custom"]["calls"]] == hrefs
    assert all(href.split(":")[1] in variant["text"] for href in hrefs)
