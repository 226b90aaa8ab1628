"""policies/centre_followup.py and ActionCentreDepartment: « c'est dans quel département ? » after
centres were shown is about the centre meant; anything else keeps its answer."""

from __future__ import annotations

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.slots import ListSlot
from rasa.shared.core.trackers import DialogueStateTracker
from test_actions import run, tracker
from test_fact_followup import said

from actions.centres import ActionCentreDepartment, ActionCentreStatus
from policies.centre_followup import TELL_DEPARTMENT, CentreDepartmentPolicy, CentreSinceWhenPolicy

SEARCH = [
    said("centre le plus proche de Seix", "find_nearest_centre"),
    ActionExecuted("action_nearest_centres"),
    SlotSet("centres_listed", ["sainte-croix-volvestre", "aspet"]),
    ActionExecuted(ACTION_LISTEN_NAME),
]


def after(*events: Event, policy: type = CentreDepartmentPolicy) -> str | None:
    state = DialogueStateTracker.from_events(
        "test", [ActionExecuted(ACTION_LISTEN_NAME), *events], slots=[ListSlot("centres_listed", mappings=[])]
    )
    return policy.next_action(state)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("c'est dans quel département ?", "find_nearest_centre"),
        ("il est dans quel departement le premier ?", "ask_fact"),
        ("et le deuxième, quel coin ?", "nlu_fallback"),
    ],
)
def test_which_department_after_centres_were_shown_is_told_once(text, intent):
    question = said(text, intent)
    assert after(*SEARCH, question) == TELL_DEPARTMENT
    assert after(*SEARCH, question, ActionExecuted(TELL_DEPARTMENT)) == ACTION_LISTEN_NAME


@pytest.mark.parametrize(
    ("text", "intent", "entities"),
    [
        ("et dans quel département est Foix ?", "inform_place", [{"entity": "place", "value": "Foix"}]),
        ("quels départements sont membres du groupement ?", "ask_fact", []),
        ("merci", "thanks", []),
        # never over a crisis or another question (review of 2026-11-30)
        ("je veux mourir, c'est dans quel coin", "suicidal_thoughts", []),
        ("c'est dans quel département ?", "emergency", []),
        ("dans quel département y a-t-il des postes ?", "job_locations", []),
        ("quel département a le plus de centres ?", "ask_fact", []),
        ("et ça marche dans quel département le 116 117 ?", "find_nearest_centre", []),
    ],
)
def test_other_messages_keep_their_answer(text, intent, entities):
    assert after(*SEARCH, said(text, intent, entities)) is None


def test_not_without_centres_shown_just_before_nor_across_a_session():
    question = said("c'est dans quel département ?", "find_nearest_centre")
    topic = [
        said("c'est quoi le PTMG ?", "other_schemes"),
        ActionExecuted("action_topic"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    assert after(*SEARCH, *topic, question) is None
    assert after(*SEARCH, SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME), question) is None


def test_not_when_the_last_answer_showed_no_centre():
    """« et à Prades ? » got the buttons to choose a Prades: the list before is not the one meant."""
    buttons = [
        said("et à Prades ?", "inform_place", [{"entity": "place", "value": "Prades"}]),
        ActionExecuted("action_nearest_centres"),
        SlotSet("place_candidates", ["09235", "66149"]),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    assert after(*SEARCH, *buttons, said("c'est dans quel département ?", "find_nearest_centre")) is None


def test_without_a_centre_said_every_centre_of_the_list_gets_its_department():
    state = tracker(
        "c'est dans quel département ?", "find_nearest_centre", centres_listed=["sainte-croix-volvestre", "aspet"]
    )
    texts, messages, _ = run(ActionCentreDepartment(), state)
    assert [m["response"] for m in messages] == ["utter_centres_departments"]
    assert "• Sainte-Croix-Volvestre : Ariège (09)" in texts[0] and "• Aspet : Haute-Garonne (31)" in texts[0]
    state = tracker("et le cinquième ?", "find_nearest_centre", centres_listed=["sainte-croix-volvestre", "aspet"])
    assert [m["response"] for m in run(ActionCentreDepartment(), state)[1]] == ["utter_centres_departments"]
    # after one centre's status, that centre
    state = tracker("c'est dans quel département ?", "find_nearest_centre", centres_listed=["mazamet"])
    assert run(ActionCentreDepartment(), state)[0] == ["Mazamet est dans le département Tarn (81)."]


def test_the_action_tells_the_department_of_the_centre_meant():
    state = tracker(
        "il est dans quel département le deuxième ?",
        "find_nearest_centre",
        centres_listed=["sainte-croix-volvestre", "aspet"],
    )
    texts, messages, _ = run(ActionCentreDepartment(), state)
    assert [m["response"] for m in messages] == ["utter_centre_department"]
    assert texts == ["Aspet est dans le département Haute-Garonne (31)."]


STATUS = "action_centre_status"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("depuis quand ?", "programme_info"),
        ("et il a ouvert quand ?", "nlu_fallback"),
        ("c'est ouvert depuis quand ?", "find_nearest_centre"),
        ("la date d'ouverture ?", "ask_fact"),
        ("quand a-t-il ouvert ?", "programme_info"),
        ("depuis quand il est ouvert, le premier ?", "programme_info"),
        # review (2026-12-01)
        ("ok merci, et celui-ci depuis quand ?", "programme_info"),
        ("la date d'ouverture du premier ?", "ask_fact"),
        ("ils ont ouvert quand ?", "nlu_fallback"),
    ],
)
def test_since_when_after_centres_were_shown_gets_that_centres_status_once(text, intent):
    question = said(text, intent)
    assert after(*SEARCH, question, policy=CentreSinceWhenPolicy) == STATUS
    assert after(*SEARCH, question, ActionExecuted(STATUS), policy=CentreSinceWhenPolicy) == ACTION_LISTEN_NAME


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("c'est ouvert quand ?", "practical_info"),  # the hours
        ("il ouvre quand le samedi ?", "programme_info"),
        ("depuis quand la Région recrute des médecins ?", "programme_info"),
        ("depuis quand ?", "suicidal_thoughts"),
        ("depuis quand le programme existe ?", "programme_info"),
        ("depuis quand vous faites ça ?", "programme_info"),
    ],
)
def test_since_when_not_for_the_hours_another_question_or_a_crisis(text, intent):
    assert after(*SEARCH, said(text, intent), policy=CentreSinceWhenPolicy) is None


def test_since_when_not_without_centres_shown_just_before():
    topic = [
        said("c'est quoi le PTMG ?", "other_schemes"),
        ActionExecuted("action_topic"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    assert after(*SEARCH, *topic, said("depuis quand ?", "programme_info"), policy=CentreSinceWhenPolicy) is None


def test_since_when_the_status_says_when_the_centre_meant_opened():
    state = tracker("depuis quand ?", "programme_info", centres_listed=["mazamet"])
    texts, _, _ = run(ActionCentreStatus(), state)
    assert "Mazamet" in texts[0] and "2022" in texts[0]
