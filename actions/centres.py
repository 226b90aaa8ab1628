"""Where is the nearest centre, and is this centre open."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import centre_line, centre_status_line, citations, commune_label, department_label, lower_first
from actions.knowledge_access import knowledge_base
from actions.places import changed_slots, understand_place
from knowledge import KnowledgeBase
from knowledge.places import Commune, Department
from knowledge.service import Centre

# When several entries share a commune, the most informative status speaks first.
_STATUS_PRIORITY = {"open": 0, "announced": 1, "candidate": 2, "partner": 3}


def tell_nearest(dispatcher: CollectingDispatcher, kb: KnowledgeBase, commune: Commune) -> None:
    answer = kb.nearest_to_commune(commune)
    shown = [r.centre for r in answer.open_centres + answer.nearer_announced]
    dispatcher.utter_message(
        response="utter_nearest_centres", commune=commune_label(commune),
        centres="\n".join(centre_line(r) for r in answer.open_centres), source=citations(c.source for c in shown),
        url=kb.links["region"].url,
    )
    if answer.nearer_announced:
        dispatcher.utter_message(
            response="utter_nearer_announced", centres="\n".join(centre_line(r) for r in answer.nearer_announced)
        )


def tell_department(dispatcher: CollectingDispatcher, kb: KnowledgeBase, department: Department) -> None:
    centres = sorted(kb.centres_in_department(department), key=lambda c: (c.status != "open", c.commune.name))
    if not centres:
        dispatcher.utter_message(response="utter_no_centre_in_department", department=department_label(department))
        return
    dispatcher.utter_message(
        response="utter_centres_in_department", department=department_label(department),
        centres="\n".join(centre_status_line(c) for c in centres), source=citations(c.source for c in centres),
        url=kb.links["region"].url,
    )


class ActionNearestCentres(Action):
    def name(self) -> str:
        return "action_nearest_centres"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        place = understand_place(dispatcher, tracker, kb)
        if place.commune is not None:
            tell_nearest(dispatcher, kb, place.commune)
        elif place.department is not None:
            tell_department(dispatcher, kb, place.department)
        return changed_slots(tracker, [SlotSet("place_question", "nearest"), *place.events])


class ActionCentreStatus(Action):
    def name(self) -> str:
        return "action_centre_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        place = understand_place(dispatcher, tracker, kb)
        if place.commune is not None:
            centres = sorted(kb.centres_at(place.commune), key=lambda c: _STATUS_PRIORITY[c.status])
            if centres:
                tell_status(dispatcher, kb, centres[0])
            else:
                dispatcher.utter_message(response="utter_no_centre_here", commune=commune_label(place.commune))
                tell_nearest(dispatcher, kb, place.commune)
        elif place.department is not None:
            tell_department(dispatcher, kb, place.department)
        return changed_slots(tracker, [SlotSet("place_question", "status"), *place.events])


def tell_status(dispatcher: CollectingDispatcher, kb: KnowledgeBase, centre: Centre) -> None:
    source = centre.source.citation
    if centre.status == "open":
        facts = "".join(f" {fact}" for fact in centre.facts)
        dispatcher.utter_message(
            response="utter_centre_open", centre=lower_first(centre.name), since=centre.since_text,
            facts=facts, source=source, url=kb.links["region"].url,
        )
    elif centre.status == "announced":
        dispatcher.utter_message(
            response="utter_centre_announced", centre=lower_first(centre.name), since=centre.since_text,
            source=source, url=kb.links["region"].url,
        )
    elif centre.status == "candidate":
        dispatcher.utter_message(response="utter_centre_candidate", commune=centre.commune.name, source=source)
    else:
        dispatcher.utter_message(response="utter_centre_partner", commune=centre.commune.name, source=source)
