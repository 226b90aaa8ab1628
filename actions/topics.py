"""Salaried practice, what doctors do, how to apply, the programme, the other schemes."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.centres import (
    CLOSED_HOURS_NEED,
    ActionNearestCentres,
    asks_for_the_list_of_centres,
    centre_from_last_list,
    centre_with_department,
    main_centre,
    tell_all_centres,
    tell_department,
    tell_nearest_to_commune,
    tell_status,
)
from actions.commune_questions import tell_communes_topic_if_asked
from actions.formatting import bullets, citations, department_label, lower_first, tell_topic
from actions.knowledge_access import knowledge_base
from actions.places import changed_slots, named_commune, place_texts, understand_place
from knowledge import Centre, Department, KnowledgeBase, Topic
from knowledge.text import normalize
from nlu_components.professions import JOB_INTENTS, OTHER_PROFESSIONS, profession_named

TOPIC_BY_INTENT = {
    "practice_benefits": "practice_benefits",
    "doctor_role": "doctor_role",
    "how_to_apply": "how_to_apply",
    "programme_info": "programme_info",
    "centre_services": "centre_services",
    "regular_doctor": "regular_doctor",
    "internships": "internships",
}
# Canonical values of the `scheme` entity (synonyms in bot/data/nlu/doctors.yml).
TOPIC_BY_SCHEME = {
    "cesp": "scheme_cesp",
    "ptmg": "scheme_ptmg",
    "msp": "scheme_msp",
    "msp_universitaire": "scheme_msp_universitaire",
}


def tell_other_profession(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """« je suis sage-femme, vous recrutez ? »: what the sources say of that profession, not the
    doctors' answer; False when the message names no other profession."""
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") not in JOB_INTENTS:
        return False
    key = profession_named(message.get("text") or "")
    if key is None:
        return False
    kb = knowledge_base()
    label, _, fact_ids = OTHER_PROFESSIONS[key]
    facts = [kb.facts[i] for i in fact_ids if i in kb.facts]
    if facts:
        dispatcher.utter_message(
            response="utter_other_profession_named",
            facts=" ".join(f.statement.text for f in facts),
            source=citations(kb.sources[f.statement.source_id] for f in facts),
            url=kb.links["recruitment"].url,
        )
    else:
        dispatcher.utter_message(
            response="utter_other_profession_unknown", profession=label, url=kb.links["recruitment"].url
        )
    return True


# Patients' questions: with a commune named, its nearest centres are what the person needs.
PATIENT_TOPICS = {"centre_services", "regular_doctor"}
SCHEME_OVERVIEW = ("scheme_cesp", "scheme_ptmg", "scheme_msp", "scheme_msp_universitaire", "scheme_montrejeau")


def tell_points(dispatcher: CollectingDispatcher, topic: Topic, keys: list[str]) -> bool:
    """Only the points asked about ("et le salaire ?"); False when none of them exists."""
    points = [p for key in dict.fromkeys(keys) for p in topic.points_about(key)]
    if not points:
        return False
    body = "\n".join([topic.intro, bullets(p.text for p in points)])
    dispatcher.utter_message(
        response="utter_topic",
        title=topic.title,
        body=body,
        source=citations(p.source for p in points),
    )
    if topic.link is not None:
        dispatcher.utter_message(response="utter_topic_link", url=topic.link.url)
    return True


def nearest_if_no_centre_there(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """A patient's question naming a place without a centre of its own ("j'habite à Mirepoix,
    est-ce que je peux avoir un médecin traitant ?", "barjac, y a quoi comme centre ?"): the
    nearest centres follow the answer, after asking which commune when the name is shared."""
    kb = knowledge_base()
    if not place_texts(tracker, kb):
        return []
    commune = named_commune(tracker, kb)
    if commune is not None and any(c.status in ("open", "announced") for c in kb.centres_at(commune)):
        return []  # its own centre: the facts of that centre were told (centre_services)
    events, _ = tell_nearest_to_place(dispatcher, tracker, kb)
    return changed_slots(tracker, events)


def tell_nearest_to_place(
    dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase
) -> tuple[list[dict[str, Any]], bool]:
    """The nearest centres of the place named, or a department's centres; and whether a list was
    shown (not when the place needed a question: which one?)."""
    place = understand_place(dispatcher, tracker, kb)
    events = [SlotSet("place_question", "nearest"), *place.events]
    if place.commune is not None:
        events += tell_nearest_to_commune(dispatcher, kb, place.commune)
    elif place.department is not None:
        events += tell_department(dispatcher, kb, place.department)
    return events, place.commune is not None or place.department is not None


def centre_in_question(tracker: Tracker) -> Centre | None:
    """The open or announced centre of the commune named, or else the centre the last answer was
    about (« là-bas »); None when neither."""
    kb = knowledge_base()
    if place_texts(tracker, kb):
        commune = named_commune(tracker, kb)
        centre = main_centre(kb, commune) if commune is not None else None
    else:
        centre = centre_from_last_list(tracker, kb)
    return centre if centre is not None and centre.status in ("open", "announced") else None


def tell_centre_facts(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What the sources say about the centre of a commune named in the message, if any."""
    kb = knowledge_base()
    commune = named_commune(tracker, kb)
    if commune is None:
        return
    for centre in kb.centres_at(commune):
        if centre.status == "closed":
            tell_status(dispatcher, kb, centre)  # never described as if it still worked
        elif centre.facts:
            dispatcher.utter_message(
                response="utter_centre_facts",
                centre=lower_first(centre.name),
                facts=" ".join(centre.facts),
                source=centre.source.citation,
            )


class ActionExplainTopic(Action):
    def name(self) -> str:
        return "action_explain_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if tell_other_profession(dispatcher, tracker):
            return []
        if intent == "practice_benefits":
            benefits = list(tracker.get_latest_entity_values("benefit"))
            if benefits and tell_points(dispatcher, kb.topic("practice_benefits"), benefits):
                return []
        if tell_communes_topic_if_asked(dispatcher, tracker, kb):
            return []
        if intent == "programme_info" and asks_for_the_list_of_centres(tracker, kb):  # « liste des centres »
            return changed_slots(tracker, tell_all_centres(dispatcher, kb))
        if intent in TOPIC_BY_INTENT:
            tell_topic(dispatcher, kb.topic(TOPIC_BY_INTENT[intent]))
            if intent == "centre_services":
                tell_centre_facts(dispatcher, tracker)
            if intent == "regular_doctor" and (centre := centre_in_question(tracker)) is not None:
                # « un médecin traitant au centre de Salviac ? », « … possible là-bas ? »: that centre.
                dispatcher.utter_message(
                    response="utter_ask_the_centre", centre=centre_with_department(centre), url=kb.links["region"].url
                )
                return changed_slots(tracker, [SlotSet("centres_listed", [centre.id])])
            if intent in PATIENT_TOPICS:
                return nearest_if_no_centre_there(dispatcher, tracker)
            return []
        schemes = [TOPIC_BY_SCHEME[v] for v in tracker.get_latest_entity_values("scheme") if v in TOPIC_BY_SCHEME]
        if schemes:
            for topic_id in dict.fromkeys(schemes):
                tell_topic(dispatcher, kb.topic(topic_id))
            return []
        overview = [kb.topic(t) for t in SCHEME_OVERVIEW]
        dispatcher.utter_message(
            response="utter_schemes_overview",
            body=bullets(f"{t.title} : {t.intro}" for t in overview),
            source=citations(s for t in overview for s in t.sources),
        )
        return []


class ActionOutOfHours(Action):
    """The doctor and the pharmacy on duty at night or at the weekend: the national numbers; a
    place given with them or next ("Condom") gets them again (the sources do not say who is on
    duty where), then the nearest centres of that place, for when they are open."""

    def name(self) -> str:
        return "action_out_of_hours"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        text = normalize((tracker.latest_message or {}).get("text") or "")
        asked_now = (tracker.latest_message.get("intent") or {}).get("name") == "out_of_hours_care"
        if asked_now and place_texts(tracker, kb) and not CLOSED_HOURS_NEED.search(text):
            # « 09300 médecin »: a place and a patient's question, nothing about the night or the
            # weekend: a question about the nearest centre.
            return ActionNearestCentres().run(dispatcher, tracker, domain)
        tell_topic(dispatcher, kb.topic("out_of_hours"))
        events: list[dict[str, Any]] = [SlotSet("place_question", "out_of_hours")]
        commune = named_commune(tracker, kb)
        if commune is not None:
            dispatcher.utter_message(response="utter_centres_when_open")
            events += tell_nearest_to_commune(dispatcher, kb, commune)
        return changed_slots(tracker, events)


class ActionTooFar(Action):
    """ "C'est trop loin pour moi": no nearer centre, but home visits and the out-of-hours line."""

    def name(self) -> str:
        return "action_too_far"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        events: list[dict[str, Any]] = []
        listed = False
        if place_texts(tracker, kb):
            # « un médecin pas trop loin de Montet-et-Bouxal, je ne conduis plus » : that place's
            # nearest centres first.
            events, listed = tell_nearest_to_place(dispatcher, tracker, kb)
            if any(e.get("name") == "place_candidates" and e.get("value") for e in events):
                return changed_slots(tracker, events)  # « which one? » asked: the answer comes next
        visits = kb.topic("centre_services").points_about("home_visits")
        out_of_hours = kb.topic("out_of_hours").points_about("doctor")
        # Only after a list: without one, nothing says there is no nearer centre.
        nearest = (
            " Je ne connais pas de centre de Ma Région plus près de chez vous."
            if tracker.get_slot("search_origin") or listed
            else " Dites-moi votre commune : je vous donne les centres les plus proches."
        )
        dispatcher.utter_message(
            response="utter_too_far",
            nearest=nearest,
            home_visits=" ".join(p.text for p in visits),
            out_of_hours=" ".join(p.text for p in out_of_hours),
            source=citations(p.source for p in [*visits, *out_of_hours]),
        )
        return changed_slots(tracker, events)


class ActionJobLocations(Action):
    def name(self) -> str:
        return "action_job_locations"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        if tell_other_profession(dispatcher, tracker):
            return []
        kb = knowledge_base()
        topic = kb.topic("job_locations")
        department = _department_named(tracker)
        centres = kb.centres
        where = "Dans toute l'Occitanie"
        if department is not None:
            centres = tuple(c for c in centres if c.commune.department == department)
            where = f"Dans le département {department_label(department)}"
            if not centres:
                dispatcher.utter_message(response="utter_no_job_in_department", department=department_label(department))
                centres = kb.centres
                where = "Dans toute l'Occitanie"

        def names(*statuses: str) -> str:
            chosen = sorted(
                (c for c in centres if c.status in statuses), key=lambda c: (c.commune.department.code, c.commune.name)
            )
            return ", ".join(f"{c.commune.name} ({c.commune.department.code})" for c in chosen) or "aucun"

        sources = [topic.source] + [c.source for c in centres]
        dispatcher.utter_message(
            response="utter_job_locations",
            intro=topic.intro,
            where=where,
            open=names("open"),
            announced=names("announced"),
            partner=names("partner"),
            candidate=names("candidate"),
            source=citations(sources),
        )
        if topic.link is not None:
            dispatcher.utter_message(response="utter_topic_link", url=topic.link.url)
        return []


def _department_named(tracker: Tracker) -> Department | None:
    """The department of a place named in the message ("dans le Gers", "vers Albi"), if any."""
    kb = knowledge_base()
    for text in place_texts(tracker, kb):
        resolution = kb.resolve_place(text)
        department = resolution.department
        if resolution.kind == "department" and department is not None and department.in_occitanie:
            return department
        if resolution.commune is not None:  # kind "commune"
            return resolution.commune.department
    return None
