"""Where is the nearest centre, and is this centre open."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.commune_questions import tell_communes_topic_if_asked
from actions.formatting import (
    centre_line,
    centre_status_line,
    citations,
    commune_label,
    department_label,
    lower_first,
    of,
    tell_topic,
)
from actions.knowledge_access import knowledge_base
from actions.places import SUICIDE_LINES, changed_slots, named_commune, place_texts, previous_action, understand_place
from knowledge import Centre, Commune, Department, KnowledgeBase
from knowledge.facts import asks_how_many_or_when
from knowledge.geo import great_circle_km
from knowledge.text import normalize

# When several entries share a commune, the most informative status speaks first.
_STATUS_PRIORITY = {"open": 0, "announced": 1, "candidate": 2, "partner": 3, "closed": 4}


def tell_nearest(
    dispatcher: CollectingDispatcher,
    kb: KnowledgeBase,
    lat: float,
    lon: float,
    origin: str,
) -> list[dict[str, Any]]:
    """The nearest open centres from a point; returns the slots that let "et un autre ?" go on."""
    answer = kb.nearest(lat, lon)
    shown = [r.centre for r in answer.open_centres + answer.nearer_announced]
    dispatcher.utter_message(
        response="utter_nearest_centres",
        commune=origin,
        centres="\n".join(centre_line(r) for r in answer.open_centres),
        source=citations(c.source for c in shown),
        url=kb.links["region"].url,
    )
    if answer.nearer_announced:
        dispatcher.utter_message(
            response="utter_nearer_announced", centres="\n".join(centre_line(r) for r in answer.nearer_announced)
        )
    return [
        SlotSet("search_origin", f"{lat:.5f},{lon:.5f}|{origin}"),
        SlotSet("centres_shown", float(len(answer.open_centres))),
        SlotSet("centres_listed", [c.id for c in shown]),
    ]


def tell_nearest_to_commune(
    dispatcher: CollectingDispatcher, kb: KnowledgeBase, commune: Commune
) -> list[dict[str, Any]]:
    return tell_nearest(dispatcher, kb, commune.lat, commune.lon, commune_label(commune))


def tell_department(
    dispatcher: CollectingDispatcher, kb: KnowledgeBase, department: Department
) -> list[dict[str, Any]]:
    """The centres of a department; returns the slot that lets "celui de Sainte-Croix" follow."""
    centres = sorted(kb.centres_in_department(department), key=lambda c: (c.status != "open", c.commune.name))
    if not centres:
        dispatcher.utter_message(response="utter_no_centre_in_department", department=department_label(department))
        return [SlotSet("centres_listed", None)]
    dispatcher.utter_message(
        response="utter_centres_in_department",
        department=department_label(department),
        centres="\n".join(centre_status_line(c) for c in centres),
        source=citations(c.source for c in centres),
        url=kb.links["region"].url,
    )
    return [SlotSet("centres_listed", [c.id for c in centres])]


def main_centre(kb: KnowledgeBase, commune: Commune) -> Centre | None:
    """The entry that speaks for a commune: the most informative status first."""
    return min(kb.centres_at(commune), key=lambda c: _STATUS_PRIORITY[c.status], default=None)


# « liste des centres », « où sont vos centres ? », « tous les centres ouverts »: no place to
# measure from, the whole list.
ALL_CENTRES_WORDS = re.compile(
    r"\b(liste|lister|tous les centres|toutes les implantations|ou sont (vos|les) centres|"
    r"quels sont (vos|les) centres|vos centres sont ou|les centres ouverts)\b"
)


def asks_for_all_centres(tracker: Tracker, kb: KnowledgeBase) -> bool:
    text = normalize((tracker.latest_message or {}).get("text") or "")
    return not place_texts(tracker, kb) and ALL_CENTRES_WORDS.search(text) is not None


def asks_for_the_list_of_centres(tracker: Tracker, kb: KnowledgeBase) -> bool:
    """« liste des centres ouverts » read as a question about the programme or one of its facts (the
    count of centres opened): the list still, but only when centres are named and no count or date
    is asked (« combien de centres ouverts ? » is the count)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return (
        asks_for_all_centres(tracker, kb)
        and re.search(r"\bcentres\b", normalize(text)) is not None
        and not asks_how_many_or_when(text)
    )


def tell_all_centres(dispatcher: CollectingDispatcher, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every centre open or announced, the open ones first."""
    centres = sorted(kb.centres_with_status("open", "announced"), key=lambda c: (c.status != "open", c.commune.name))
    dispatcher.utter_message(
        response="utter_all_centres",
        centres="\n".join(centre_status_line(c) for c in centres),
        source=citations(c.source for c in centres),
        url=kb.links["region"].url,
    )
    return [SlotSet("centres_listed", [c.id for c in centres]), SlotSet("search_origin", None)]


class ActionNearestCentres(Action):
    def name(self) -> str:
        return "action_nearest_centres"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        if tell_communes_topic_if_asked(dispatcher, tracker, kb):  # a mayor's question
            return []
        if asks_for_all_centres(tracker, kb):
            return changed_slots(tracker, tell_all_centres(dispatcher, kb))
        if tell_out_of_hours_if_no_place(dispatcher, tracker, kb):  # « un médecin ouvert dimanche ? »
            return changed_slots(tracker, [SlotSet("place_question", "nearest")])
        place = understand_place(dispatcher, tracker, kb)
        events = [SlotSet("place_question", "nearest"), *place.events]
        if place.commune is not None:
            events += tell_nearest_to_commune(dispatcher, kb, place.commune)
            tell_home_visits_if_asked(dispatcher, tracker, kb)
        elif place.department is not None:
            events += tell_department(dispatcher, kb, place.department)
        if place.commune is not None or place.department is not None:
            tell_out_of_hours_if_said(dispatcher, tracker, kb)
        return changed_slots(tracker, events)


HOME_VISIT_WORDS = re.compile(r"\b(domicile|se deplacent|se deplace|viennent a la maison|visites?)\b")


def tell_home_visits_if_asked(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> None:
    """A second question in the same message ("… et est-ce que les médecins se déplacent à
    domicile ?"): the home-visit fact after the centres."""
    text = normalize((tracker.latest_message or {}).get("text") or "")
    if not HOME_VISIT_WORDS.search(text):
        return
    for point in kb.topic("centre_services").points_about("home_visits"):
        dispatcher.utter_message(response="utter_home_visits", visits=point.text, source=point.source.citation)


# The practices are closed then: "ma fille a 39 de fièvre, c'est dimanche, un médecin vers
# Grisolles ?" needs the out-of-hours numbers as well as the centres.
OUT_OF_HOURS_WORDS = re.compile(
    r"\b(ce soir|cette nuit|la nuit|de nuit|dimanche|week end|weekend|we|ferie|minuit|"
    r"du matin|(a|vers) (2[0-3]|[0-5]) ?h|de garde|"
    # The out-of-hours numbers named (« le 116 117 ça marche dans le 81 ? »).
    r"116 ?117|3237|"
    # A pharmacy asked for (« une pharmacie ouverte près de … ? »), not a pharmacist's job; English
    # visitors (« It is Sunday, pharmacy open near Vias? »).
    r"(une|des|la|les|quelle|ya|y a) pharmacies?( ouvertes?| de garde)?|pharmacies? ouvertes?|pharmacy|sunday|"
    r"tonight|at night)\b"
)


# What makes a need one for the hours when the practices are closed, beyond the times above.
CLOSED_HOURS_NEED = re.compile(
    OUT_OF_HOURS_WORDS.pattern + r"|\b(garde|gardes|nuit|soir|samedi|ferme|fermes|fermee|fermees|pharmacie|urgences?)\b"
)


def tell_out_of_hours_if_said(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> None:
    text = normalize((tracker.latest_message or {}).get("text") or "")
    if OUT_OF_HOURS_WORDS.search(text):
        tell_topic(dispatcher, kb.topic("out_of_hours"))


# The practices closed now (narrower than OUT_OF_HOURS_WORDS, which only adds a note after centres:
# not « à 1h de route », « we », « je travaille la nuit »).
CLOSED_NOW = re.compile(
    r"\b(ce soir|cette nuit|dimanche|ce week end|ce weekend|jour ferie|minuit|de garde|tonight|sunday|at night)\b"
)


def tell_out_of_hours_if_no_place(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> bool:
    """A search at night or on a Sunday with no place ("It's Sunday, who do we call?"): the
    out-of-hours numbers rather than « dans quelle commune ? », since the practices are closed."""
    message = tracker.latest_message or {}
    if any(e.get("entity") == "place" for e in message.get("entities") or []) or tracker.get_slot("place_candidates"):
        return False
    if previous_action(tracker) in SUICIDE_LINES:  # « … ce soir » after the suicide line: that line again
        return False
    if not CLOSED_NOW.search(normalize(message.get("text") or "")):
        return False
    tell_topic(dispatcher, kb.topic("out_of_hours"))
    return True


class ActionCentreStatus(Action):
    def name(self) -> str:
        return "action_centre_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        if asks_for_all_centres(tracker, kb):  # « liste des centres ouverts »
            return changed_slots(tracker, tell_all_centres(dispatcher, kb))
        referred = centre_from_last_list(tracker, kb)
        if referred is not None:  # "le premier il est ouvert ?", "celui de Bordères ?", "il a ouvert quand ?"
            tell_status(dispatcher, kb, referred)
            if referred.status in ("open", "announced") and asks_practical(tracker):
                tell_practical(dispatcher, kb, referred)
            return changed_slots(tracker, [SlotSet("place_question", "status"), SlotSet("place_candidates", None)])
        place = understand_place(dispatcher, tracker, kb)
        events = [SlotSet("place_question", "status"), *place.events]
        if place.commune is not None:
            centre = main_centre(kb, place.commune)
            if centre is not None:
                tell_status(dispatcher, kb, centre)
                if centre.status in ("open", "announced") and asks_practical(tracker):
                    tell_practical(dispatcher, kb, centre)
                events.append(SlotSet("centres_listed", [centre.id]))  # "et il a ouvert quand ?" is about it
                if centre.status == "closed":  # and where to go instead
                    events += tell_nearest_to_commune(dispatcher, kb, place.commune)
            else:
                dispatcher.utter_message(response="utter_no_centre_here", commune=commune_label(place.commune))
                events += tell_nearest_to_commune(dispatcher, kb, place.commune)
        elif place.department is not None:
            events += tell_department(dispatcher, kb, place.department)
        return changed_slots(tracker, events)


class ActionCentreDepartment(Action):
    """« c'est dans quel département ? » after centres were shown (policies/centre_followup.py)."""

    def name(self) -> str:
        return "action_centre_department"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        listed = listed_centres(tracker, kb)
        centre = centre_from_last_list(tracker, kb, guess=False) or (listed[0] if len(listed) == 1 else None)
        if centre is not None:
            dispatcher.utter_message(
                response="utter_centre_department", commune=centre.commune.name, department=_department(centre)
            )
        elif listed:  # no centre said (or « le cinquième » of three): each one with its department
            lines = "\n".join(f"• {c.commune.name} : {_department(c)}" for c in listed)
            dispatcher.utter_message(response="utter_centres_departments", centres=lines)
        return []


def _department(centre: Centre) -> str:
    return f"{centre.commune.department.name} ({centre.commune.department.code})"


_ORDINALS = {
    "premier": 0,
    "premiere": 0,
    "1er": 0,
    "1ere": 0,
    "deuxieme": 1,
    "second": 1,
    "seconde": 1,
    "2e": 1,
    "2eme": 1,
    "troisieme": 2,
    "3e": 2,
    "3eme": 2,
    "quatrieme": 3,
    "4e": 3,
    "4eme": 3,
    "cinquieme": 4,
    "5e": 4,
    "5eme": 4,
    "dernier": -1,
    "derniere": -1,
}


def listed_centres(tracker: Tracker, kb: KnowledgeBase) -> list[Centre]:
    """The centres of the last list shown, in its order."""
    by_id = {c.id: c for c in kb.centres}
    return [by_id[i] for i in tracker.get_slot("centres_listed") or [] if i in by_id]


def centre_from_last_list(tracker: Tracker, kb: KnowledgeBase, guess: bool = True) -> Centre | None:
    """A centre of the last list shown, referred to by its rank ("le premier") or by the start of
    its commune's name ("celui de Bordères" for Bordères-sur-l'Échez); with neither and `guess`,
    the one the visitor most likely means ("il est ouvert ce centre ?", "il a ouvert quand ?"): the
    nearest of the list, or the only centre of the last answer. None when no centre was shown."""
    listed = listed_centres(tracker, kb)
    if not listed:
        return None
    texts = place_texts(tracker, kb)
    for text in texts:
        key = normalize(text)
        named = [c for c in listed if normalize(c.commune.name) == key]
        named = named or [c for c in listed if normalize(c.commune.name).startswith(key + " ")]
        if len(named) == 1:
            return named[0]
    if texts:
        return None  # a place of its own: answered as such
    words = normalize((tracker.latest_message or {}).get("text") or "").split()
    ranks = [_ORDINALS[w] for w in words if w in _ORDINALS]
    if len(ranks) == 1 and ranks[0] < len(listed):
        return listed[ranks[0]]
    if ranks or not guess:
        return None
    return nearest_listed(tracker, listed)


def nearest_listed(tracker: Tracker, listed: list[Centre]) -> Centre:
    """The centre of the list nearest to where it was measured from (an opening announced in the
    visitor's own commune comes after the open centres in the list, but is the one they mean)."""
    origin = _parse_origin(tracker.get_slot("search_origin"))
    if origin is None:
        return listed[0]
    lat, lon, _ = origin
    return min(listed, key=lambda c: great_circle_km(lat, lon, c.commune.lat, c.commune.lon))


def centre_with_department(centre: Centre) -> str:
    """« centre de santé de Ma Région de Salviac (Lot) »: the next question is often « c'est où ? »."""
    return f"{lower_first(centre.name)} ({centre.commune.department.name})"


def tell_status(dispatcher: CollectingDispatcher, kb: KnowledgeBase, centre: Centre) -> None:
    source = centre.source.citation
    if centre.status == "open":
        facts = "".join(f" {fact}" for fact in centre.facts)
        dispatcher.utter_message(
            response="utter_centre_open",
            centre=centre_with_department(centre),
            since=centre.since_text,
            facts=facts,
            source=source,
            url=kb.links["region"].url,
        )
    elif centre.status == "announced":
        dispatcher.utter_message(
            response="utter_centre_announced",
            centre=centre_with_department(centre),
            since=centre.since_text,
            source=source,
            url=kb.links["region"].url,
        )
    elif centre.status == "candidate":
        dispatcher.utter_message(response="utter_centre_candidate", commune=centre.commune.name, source=source)
    elif centre.status == "closed":
        dispatcher.utter_message(
            response="utter_centre_closed",
            centre=centre_with_department(centre),
            since=centre.since_text,
            source=source,
        )
    else:
        dispatcher.utter_message(response="utter_centre_partner", commune=centre.commune.name, source=source)


class ActionMoreCentres(Action):
    """ "Et un autre ?": the next open centres from where the last list was measured."""

    def name(self) -> str:
        return "action_more_centres"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        origin = _parse_origin(tracker.get_slot("search_origin"))
        if origin is None:
            dispatcher.utter_message(response="utter_more_centres_needs_place")
            return changed_slots(tracker, [SlotSet("place_question", "nearest")])
        lat, lon, label = origin
        shown = int(tracker.get_slot("centres_shown") or 0)
        answer = kb.nearest(lat, lon, skip=shown)
        if not answer.open_centres:
            dispatcher.utter_message(response="utter_no_more_centres", url=kb.links["region"].url)
            return [SlotSet("centres_listed", None)]
        dispatcher.utter_message(
            response="utter_more_centres",
            origin=label,
            centres="\n".join(centre_line(r) for r in answer.open_centres),
            source=citations(r.centre.source for r in answer.open_centres),
        )
        return [
            SlotSet("centres_shown", float(shown + len(answer.open_centres))),
            SlotSet("centres_listed", [r.centre.id for r in answer.open_centres]),  # "le premier" of this list
        ]


def _parse_origin(value: Any) -> tuple[float, float, str] | None:
    """'43.10000,1.60000|Foix (Ariège)' → (43.1, 1.6, 'Foix (Ariège)'); None when unset or damaged."""
    if not isinstance(value, str) or "|" not in value:
        return None
    point, label = value.split("|", 1)
    try:
        lat_text, lon_text = point.split(",")
        return float(lat_text), float(lon_text), label
    except ValueError:
        return None


class ActionNearestFromPosition(Action):
    """The website's "Utiliser ma position": coordinates in the message → nearest centres."""

    def name(self) -> str:
        return "action_nearest_from_position"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        events: list[dict[str, Any]] = [SlotSet("place_question", "nearest"), SlotSet("place_candidates", None)]
        position = _position(tracker)
        if position is None and tell_out_of_hours_if_no_place(dispatcher, tracker, kb):
            return changed_slots(tracker, events)
        if position is None:
            dispatcher.utter_message(response="utter_position_unavailable")
            return changed_slots(tracker, events)
        lat, lon = position
        commune = kb.commune_at(lat, lon)
        if commune is None:
            dispatcher.utter_message(response="utter_position_not_found")
            return changed_slots(tracker, events)
        if not commune.department.in_occitanie:
            dispatcher.utter_message(response="utter_position_outside", place=commune_label(commune))
            return changed_slots(tracker, events)
        events += tell_nearest(dispatcher, kb, lat, lon, f"votre position, près {of(commune_label(commune))}")
        events.append(SlotSet("commune", commune.insee))
        return changed_slots(tracker, events)


def _position(tracker: Tracker) -> tuple[float, float] | None:
    """Latitude and longitude from the message's entities, if both are there and plausible."""
    values = {}
    for name in ("latitude", "longitude"):
        raw = next(tracker.get_latest_entity_values(name), None)
        if raw is None:
            return None
        try:
            values[name] = float(raw)
        except (TypeError, ValueError):
            return None
    lat, lon = values["latitude"], values["longitude"]
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat or lon != lon:  # range, and not NaN
        return None
    return lat, lon


class ActionPracticalInfo(Action):
    """Hours, phone, address, appointments: not in the sources, so say so and give the official page."""

    def name(self) -> str:
        return "action_practical_info"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        if tell_communes_topic_if_asked(dispatcher, tracker, kb):  # « ça coûte quoi à la commune ? »
            return []
        commune = named_commune(tracker, kb)
        if commune is None and place_texts(tracker, kb):
            # A place that needs a question ("Florac": which one?), or a department: the answer to
            # the question is then a centre's status, which says where the centres are.
            place = understand_place(dispatcher, tracker, kb)
            events = [SlotSet("place_question", "status"), *place.events]
            if place.department is not None:
                events += tell_department(dispatcher, kb, place.department)
            if place.commune is None:
                return changed_slots(tracker, events)
            commune = place.commune
        centre = main_centre(kb, commune) if commune is not None else centre_from_last_list(tracker, kb)
        if commune is not None and centre is None:
            # "je suis à Florac, un centre ?", "l'adresse du centre de Florac": there is none there.
            dispatcher.utter_message(response="utter_no_centre_here", commune=commune_label(commune))
            return changed_slots(tracker, tell_nearest_to_commune(dispatcher, kb, commune))
        if centre is not None and centre.status == "closed":
            tell_status(dispatcher, kb, centre)
            return changed_slots(tracker, tell_nearest_to_commune(dispatcher, kb, centre.commune))
        if centre is not None and centre.status in ("open", "announced"):
            tell_practical(dispatcher, kb, centre)
            # « et l'adresse ? » next refers to this centre.
            return changed_slots(tracker, [SlotSet("centres_listed", [centre.id])])
        dispatcher.utter_message(response="utter_practical_info", of_centre=" des centres", url=kb.links["region"].url)
        return []


def tell_practical(dispatcher: CollectingDispatcher, kb: KnowledgeBase, centre: Centre) -> None:
    """A centre's hours, phone and address when the knowledge base has them; else where to find them."""
    if centre.contact is not None:
        tell_contact(dispatcher, kb, centre)
    else:
        dispatcher.utter_message(
            response="utter_practical_info", of_centre=f" du {lower_first(centre.name)}", url=kb.links["region"].url
        )


# A practical question inside a centre's status (« le centre de Lacaune est ouvert le samedi
# matin ? », « comment contacter le centre de Sainte-Croix-Volvestre ? », « il est dans quelle
# rue ? »): the status, then the practical answer (2026-11-30, from the error analysis of the set
# k, spent since: 9 practical questions about a named centre were read as its status).
_PRACTICAL_ASKED = re.compile(
    r"\b(horaires?|a quelle heure|quelles? heures?|telephone|tel|num|numero|adresse|rue|rendez vous|rdv|"
    r"contacter|joindre|appeler|gps|quels jours|(le|les) (samedis?|dimanches?|soirs?|lundis?|mardis?|"
    r"mercredis?|jeudis?|vendredis?|matins?|apres midi)|apres \d+ ?h|ou se trouve|c est ou|il est ou|elle est ou|"
    r"se situe)\b"
)


def asks_practical(tracker: Tracker) -> bool:
    return _PRACTICAL_ASKED.search(normalize((tracker.latest_message or {}).get("text") or "")) is not None


_CONTACT_FIELDS = (
    ("phone", "téléphone", "le numéro de téléphone"),
    ("address", "adresse", "l'adresse"),
    ("hours", "horaires", "les horaires"),
)


def tell_contact(dispatcher: CollectingDispatcher, kb: KnowledgeBase, centre: Centre) -> None:
    """What staff recorded from an official page, dated; what is not recorded is said missing."""
    contact = centre.contact
    assert contact is not None
    known = [f"• {label} : {getattr(contact, key)}" for key, label, _ in _CONTACT_FIELDS if getattr(contact, key)]
    missing = [what for key, _, what in _CONTACT_FIELDS if not getattr(contact, key)]
    said = f"ni {' ni '.join(missing)}" if len(missing) > 1 else f"pas {missing[0]}" if missing else ""
    missing_text = f"\nJe n'ai {said} : consultez {kb.links['region'].url}" if missing else ""
    dispatcher.utter_message(
        response="utter_centre_contact",
        centre=centre_with_department(centre),
        details="\n".join(known),
        source=contact.source.citation,
        as_of=contact.as_of.strftime("%d/%m/%Y"),
        missing=missing_text,
    )
