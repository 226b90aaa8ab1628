"""policies/crisis_followup.py: right after an emergency or suicidal thoughts, the next question
gets the line again, once; closing words, help on its way and new alarms keep their answers."""

from __future__ import annotations

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from policies.crisis_followup import CrisisFollowUpPolicy


def said(text: str, intent: str) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.9})


def after(*events: Event) -> str | None:
    tracker = DialogueStateTracker.from_events("test", [ActionExecuted(ACTION_LISTEN_NAME), *events])
    return CrisisFollowUpPolicy.next_action(tracker)


def crisis(intent: str, answer: str) -> list[Event]:
    return [said("…", intent), ActionExecuted(answer), ActionExecuted(ACTION_LISTEN_NAME)]


@pytest.mark.parametrize(
    ("intent", "answer", "follow_up"),
    [
        ("emergency", "utter_emergency_now", "utter_emergency_followup"),
        ("suicidal_thoughts", "utter_suicide_prevention", "utter_suicide_followup"),
    ],
)
@pytest.mark.parametrize("next_intent", ["practice_benefits", "practical_info", "out_of_scope", "nlu_fallback"])
def test_the_question_after_a_crisis_gets_the_line_again_once(intent, answer, follow_up, next_intent):
    turn = [*crisis(intent, answer), said("c'est par SMS ?", next_intent)]
    assert after(*turn) == follow_up
    assert after(*turn, ActionExecuted(follow_up)) == ACTION_LISTEN_NAME
    # The message after that one is answered as usual.
    later = [*turn, ActionExecuted(follow_up), ActionExecuted(ACTION_LISTEN_NAME), said("et à Foix ?", next_intent)]
    assert after(*later) is None


@pytest.mark.parametrize("next_intent", ["thanks", "goodbye", "acknowledge", "emergency_called", "emergency"])
def test_closing_words_help_on_its_way_and_new_alarms_keep_their_answer(next_intent):
    assert after(*crisis("emergency", "utter_emergency_now"), said("merci", next_intent)) is None


def test_no_crisis_no_follow_up():
    assert (
        after(*crisis("medical_advice", "utter_no_medical_advice"), said("c'est gratuit ?", "practical_info")) is None
    )
    assert after(said("bonjour", "greet")) is None


def test_a_place_after_an_emergency_gets_its_centres_but_after_the_suicide_line_the_line_again():
    place = said("Quillan", "inform_place")
    assert after(*crisis("emergency", "utter_emergency"), place) is None
    assert after(*crisis("suicidal_thoughts", "utter_suicide_prevention"), place) == "utter_suicide_followup"


@pytest.mark.parametrize("text", ["j'ai appelé le 3114", "je sais pas si j'ai la force d'appeler"])
def test_a_call_said_after_the_suicide_line_gets_the_line_again_gently(text):
    turn = [*crisis("suicidal_thoughts", "utter_suicide_prevention"), said(text, "emergency_called")]
    assert after(*turn) == "utter_suicide_line_again"
    assert after(*turn, ActionExecuted("utter_suicide_line_again")) == ACTION_LISTEN_NAME
    # After an emergency, help on its way keeps its own answer.
    assert after(*crisis("emergency", "utter_emergency"), said(text, "emergency_called")) is None


def test_after_the_suicide_line_a_search_for_a_doctor_near_a_place_is_answered():
    suicide = crisis("suicidal_thoughts", "utter_suicide_prevention")
    search = UserUttered(
        "y a un centre vers Mazamet où je peux voir un médecin ?",
        intent={"name": "find_nearest_centre", "confidence": 0.9},
        entities=[{"entity": "place", "value": "Mazamet", "start": 19, "end": 26}],
    )
    assert after(*suicide, search) is None
    # « il est à Limoux, je fais quoi ? » read as a search: the line again.
    limoux = UserUttered(
        "il est à Limoux, je fais quoi ?",
        intent={"name": "find_nearest_centre", "confidence": 0.9},
        entities=[{"entity": "place", "value": "Limoux", "start": 9, "end": 15}],
    )
    assert after(*suicide, limoux) == "utter_suicide_followup"
