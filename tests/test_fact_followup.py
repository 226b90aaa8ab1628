"""policies/fact_followup.py and actions/facts.py: a short follow-up to a question about the
sources (« et les départements ? ») is read with that question; anything else keeps its answer."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from test_actions import run

from actions.facts import ActionAnswerFactInContext
from policies.fact_followup import ANSWER_IN_CONTEXT, FactFollowUpPolicy


@pytest.fixture(autouse=True)
def _component_knowledge_base(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()


def said(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.9}, entities=entities or [])


MEMBERS = [
    said(
        "Quelles communes sont membres du groupement ?",
        "ask_fact",
        [{"entity": "fact", "value": "gip_college3_communes", "start": 0, "end": 5}],
    ),
    ActionExecuted("action_answer_fact"),
    ActionExecuted(ACTION_LISTEN_NAME),
]


def after(*events: Event) -> str | None:
    tracker = DialogueStateTracker.from_events("test", [ActionExecuted(ACTION_LISTEN_NAME), *events])
    return FactFollowUpPolicy.next_action(tracker)


@pytest.mark.parametrize("intent", ["find_nearest_centre", "programme_info", "nlu_fallback"])
def test_a_short_follow_up_after_a_fact_is_answered_in_context_once(intent):
    follow_up = said("et les départements ?", intent)
    assert after(*MEMBERS, follow_up) == ANSWER_IN_CONTEXT
    assert after(*MEMBERS, follow_up, ActionExecuted(ANSWER_IN_CONTEXT)) == ACTION_LISTEN_NAME


def test_a_short_question_after_a_topic_is_read_with_it():
    """« il y a une bourse ? » after the CESP, read as a search for more centres (set n, 2026-12-01);
    « il y a d'autres centres ? » stays a search for more centres."""
    cesp = [
        said("je suis en 2e année de médecine, c'est quoi le CESP exactement ?", "other_schemes"),
        ActionExecuted("action_topic"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    assert after(*cesp, said("il y a une bourse ?", "more_centres")) == ANSWER_IN_CONTEXT
    assert after(*cesp, said("il y a d'autres centres ?", "more_centres")) is None


@pytest.mark.parametrize(
    ("text", "intent", "entities"),
    [
        ("merci", "thanks", []),
        ("il y a un centre plus près ?", "more_centres", []),
        ("ya un médecin pas loin ?", "find_nearest_centre", []),
        ("et à Foix ?", "inform_place", [{"entity": "place", "value": "Foix", "start": 5, "end": 9}]),
        ("et le salaire ?", "practice_benefits", [{"entity": "benefit", "value": "salary", "start": 6, "end": 13}]),
        ("Quelles sont les conditions pour devenir médecin salarié de la Région ?", "practice_benefits", []),
        # whole questions, a patient's questions, small talk, a complaint (review of 2026-11-30)
        ("c'est quoi le PTMG ?", "other_schemes", []),
        ("c'est ouvert le samedi ?", "practical_info", []),
        ("et ça coûte combien une consultation ?", "practical_info", []),
        ("et pour prendre rendez-vous ?", "nlu_fallback", []),
        ("il fait beau aujourd'hui", "chitchat", []),
        ("elle a des contractions", "nlu_fallback", []),
    ],
)
def test_closing_words_places_and_whole_questions_keep_their_answer(text, intent, entities):
    assert after(*MEMBERS, said(text, intent, entities)) is None


def test_no_follow_up_after_a_search_for_a_centre():
    before = [said("centre près de Foix", "find_nearest_centre"), ActionExecuted("action_nearest_centres")]
    assert after(*before, ActionExecuted(ACTION_LISTEN_NAME), said("et les départements ?", "nlu_fallback")) is None


def test_the_action_tells_the_fact_in_context_with_its_source():
    events = [
        {"event": "user", "text": e.text, "parse_data": {"intent": e.intent, "entities": e.entities}}
        for e in (MEMBERS[0], said("et les départements ?", "find_nearest_centre"))
    ]
    tracker = Tracker(
        sender_id="test",
        slots={},
        latest_message={"text": "et les départements ?", "intent": {"name": "find_nearest_centre"}, "entities": []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    texts, messages, _ = run(ActionAnswerFactInContext(), tracker)
    assert messages[0]["response"] == "utter_fact"
    assert "Tarn-et-Garonne" in texts[0] and "Pyrénées-Orientales" in texts[0] and "Source" in texts[0]


def test_no_follow_up_across_a_new_session():
    assert (
        after(
            *MEMBERS,
            SessionStarted(),
            ActionExecuted(ACTION_LISTEN_NAME),
            said("et les départements ?", "nlu_fallback"),
        )
        is None
    )
