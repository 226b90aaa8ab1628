"""nlu_components/place_answer.py: a place and nothing more is an answer about a place."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.place_answer import PlaceAlone


def parsed(text: str, intent: str, place: str | None) -> Message:
    entities: list[dict[str, Any]] = []
    if place is not None:
        start = text.index(place)
        entities.append({"entity": "place", "value": place, "start": start, "end": start + len(place)})
    return Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6}, "entities": entities})


def intent_after(message: Message) -> str:
    PlaceAlone().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("Les Matelles", "suicidal_thoughts", "Les Matelles"),
        ("jsuis a villelongue de la salanque", "nlu_fallback", "villelongue de la salanque"),
        ("non plutôt Foix, merci", "thanks", "Foix"),
        ("moi c'est 31230", "chitchat", "31230"),
        ("Je vous remercie. Et à Cazals ?", "thanks", "Cazals"),  # set n (2026-12-01)
        ("Bonjour, Saint-Girons", "greet", "Saint-Girons"),
    ],
)
def test_a_place_alone_is_an_answer_about_a_place(text, intent, place):
    assert intent_after(parsed(text, intent, place)) == "inform_place"


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("le centre de Millas est ouvert ?", "centre_status", "Millas"),  # a question that needs the place
        ("dans le 65 vous avez quoi ?", "out_of_hours_care", "65"),  # more than a place: the classifier's
        ("pharmacie de garde à Foix", "out_of_hours_care", "Foix"),
        ("bonjour", "greet", None),
        ("merci pour Cazals, au revoir", "goodbye", "Cazals"),
        ("Merci Monsieur Roux", "thanks", "Roux"),  # a surname (review, 2026-12-01)
        ("merci et salut de Millau !", "goodbye", "Millau"),
    ],
)
def test_anything_more_than_a_place_keeps_its_intent(text, intent, place):
    assert intent_after(parsed(text, intent, place)) == intent


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("Luz-Saint-Sauveur centre", "nlu_fallback", "Luz-Saint-Sauveur"),
        ("Chadenet medecin", "centre_services", "Chadenet"),
        ("Pechbonnieu centre de santé region ?", "centre_status", "Pechbonnieu"),
        ("j'habite Pied-de-Borne, il y a quelque chose ?", "nlu_fallback", "Pied-de-Borne"),
        ("Fiac centre", "inform_place", "Fiac"),
    ],
)
def test_a_place_with_the_words_of_a_search_asks_for_its_nearest_centres(text, intent, place):
    assert intent_after(parsed(text, intent, place)) == "find_nearest_centre"


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("Mazamet centre ouvert depuis quand ?", "centre_status", "Mazamet"),  # a status word
        ("Lodève médecin de garde", "out_of_hours_care", "Lodève"),
        ("des postes de médecin à Foix ?", "job_locations", "Foix"),
        ("médecin traitant à Foix ?", "regular_doctor", "Foix"),
    ],
)
def test_a_search_with_more_words_keeps_its_intent(text, intent, place):
    assert intent_after(parsed(text, intent, place)) == intent


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("le centre Ma santé Ma Région le plus proche de Salviac", "Salviac"),
        ("Ma santé Ma Région, il y a un centre près de Gabian ?", "Gabian"),
    ],
)
def test_the_programme_named_with_a_place_and_a_search_asks_for_its_nearest_centres(text, place):
    assert intent_after(parsed(text, "programme_info", place)) == "find_nearest_centre"


def test_a_mayor_asking_how_a_commune_gets_a_centre_keeps_the_programme():
    text = "Je suis maire de Gabian, comment ma commune peut-elle avoir un centre de santé de la Région ?"
    assert intent_after(parsed(text, "programme_info", "Gabian")) == "programme_info"
