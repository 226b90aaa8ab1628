"""When the NLU hesitates between two questions, ask which one (buttons) instead of guessing."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.centres import ActionCentreStatus, ActionNearestCentres
from actions.topics import ActionJobLocations

# The questions worth offering as a choice, in the user's words. Intents missing here
# (greetings, small talk, emergencies…) are never offered.
CHOICES = {
    "find_nearest_centre": "Trouver le centre le plus proche",
    "centre_status": "Savoir si un centre est ouvert",
    "centre_services": "Ce que propose un centre",
    "practical_info": "Horaires, téléphone, rendez-vous",
    "regular_doctor": "Avoir un médecin traitant",
    "more_centres": "Voir d'autres centres",
    "medical_advice": "Une question sur un symptôme ou un médicament",
    "practice_benefits": "Ce que propose le salariat",
    "doctor_role": "Le travail des médecins",
    "job_locations": "Où la Région recrute",
    "how_to_apply": "Postuler",
    "internships": "Les stages et les internes",
    "other_schemes": "CESP, PTMG, maisons de santé",
    "programme_info": "C'est quoi « Ma santé, Ma Région » ?",
    "help": "Ce que je sais faire",
}
# A place with one of these among the two best guesses, or with no guess at all, is a question
# about the centres near that place ("jsuis au 09270 ya un centre?", "centres dans le 66").
PLACE_QUESTIONS = {
    "find_nearest_centre",
    "centre_status",
    "inform_place",
    "more_centres",
    "centre_services",
    "regular_doctor",
    "practical_info",
    "programme_info",
    "share_position",
}
MIN_CONFIDENCE = 0.15
SAFETY_ANSWERS = {
    "suicidal_thoughts": "utter_suicide_prevention",
    "emergency": "utter_emergency",
}  # below this, a choice is noise rather than a real hesitation
KEPT_ENTITIES = ("place", "scheme", "benefit")


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        # An alarm among the guesses, even unsure: its numbers, before anything else.
        guessed = {
            r.get("name") for r in message.get("intent_ranking") or [] if (r.get("confidence") or 0) >= MIN_CONFIDENCE
        }
        for intent, response in SAFETY_ANSWERS.items():
            if intent in guessed:
                dispatcher.utter_message(response=response)
                return []
        answered = _place_question(dispatcher, tracker, domain)
        if answered is not None:
            return answered
        ranking = [
            r
            for r in message.get("intent_ranking") or []
            if r.get("name") in CHOICES and (r.get("confidence") or 0) >= MIN_CONFIDENCE
        ]
        if len(ranking) < 2:
            dispatcher.utter_message(response="utter_default")
            return []
        # The entities of the message go with each choice, so "Millas" is not lost.
        entities: dict[str, Any] = {}
        for entity in message.get("entities") or []:
            if entity.get("entity") in KEPT_ENTITIES and entity.get("value") is not None:
                entities.setdefault(entity["entity"], entity["value"])
        suffix = json.dumps(entities, ensure_ascii=False) if entities else ""
        buttons = [{"title": CHOICES[r["name"]], "payload": f"/{r['name']}{suffix}"} for r in ranking[:2]]
        buttons.append({"title": "Autre chose", "payload": "/help"})
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return []


def _place_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """The answer for a place named in a message the NLU was unsure of, or None to ask."""
    message = tracker.latest_message or {}
    if not any(e.get("entity") == "place" and e.get("value") for e in message.get("entities") or []):
        return None
    guesses = [
        r.get("name")
        for r in message.get("intent_ranking") or []
        if r.get("name") != "nlu_fallback" and (r.get("confidence") or 0) >= MIN_CONFIDENCE
    ][:2]
    if guesses and guesses[0] == "job_locations":
        return ActionJobLocations().run(dispatcher, tracker, domain)
    if guesses and guesses[0] == "centre_status":
        return ActionCentreStatus().run(dispatcher, tracker, domain)
    if not guesses or PLACE_QUESTIONS.intersection(guesses):
        return ActionNearestCentres().run(dispatcher, tracker, domain)
    return None
