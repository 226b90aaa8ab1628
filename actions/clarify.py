"""When the NLU hesitates between two questions, ask which one (buttons) instead of guessing."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

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
MIN_CONFIDENCE = 0.15  # below this, a choice is noise rather than a real hesitation
KEPT_ENTITIES = ("place", "scheme", "benefit")


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
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
