"""Understanding the place in the latest message, and asking when it is missing or unclear."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import commune_label
from knowledge import Commune, Department, KnowledgeBase, PlaceResolution
from knowledge.place_mentions import LANDMARK_WORDS
from knowledge.text import echoable, normalize

MAX_BUTTONS = 6
_PREFERENCE = {"commune": 0, "department": 1, "ambiguous": 2, "outside": 3, "unknown": 4}
SHORT_ANSWER_WORDS = 4
# Words just before the place the visitor is at, as opposed to a place they mention.
_OWN_PLACE = re.compile(
    r"\b(je suis|jsuis|chui|j habite|je vis|je reside|moi|nous sommes|nous habitons|on est|on habite|plutot)"
    r"( a| au| en| sur| dans| dans le| dans la| pres de| vers| du cote de)?$"
)
# Words just before a place named as a landmark (« Vivès près de Céret »): the visitor's place is the other one.
_LANDMARK = re.compile(rf"\b({'|'.join(' '.join(words) for words in LANDMARK_WORDS)})( de| d| du| des)?$")
POSTAL_CODE = re.compile(r"\d{5}")
# Words just before a place the visitor takes back: "il habite à Bertholène et pas à Bessuéjouls",
# "non pas Prades dans les Pyrénées-Orientales, Prades dans le Tarn".
_DENIED_PLACE = re.compile(
    r"\b(pas|non|plutot que|au lieu de|et non)"
    r"( a| au| aux| en| dans| dans le| dans la| dans les| de| du| le| la| les| l)?$"
)
# Between a place and the department that says which one it is: "Prades dans les", "Prades (".
_QUALIFIER = re.compile(r"^ *(dans|en|du|de)?( le| la| les| l)? *$")
_CLAUSE_END = re.compile(r"[,;.!?]")


@dataclass
class PlaceOutcome:
    """A commune or a department the user meant, or nothing (the user has been asked)."""

    commune: Commune | None = None
    department: Department | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


SUICIDE_LINES = frozenset({"utter_suicide_prevention", "utter_suicide_followup"})


def previous_action(tracker: Tracker) -> str | None:
    """The assistant's last action before the visitor's latest message (action_listen aside)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return str(event.get("name"))
    return None


def place_texts(tracker: Tracker, kb: KnowledgeBase) -> list[str]:
    return message_place_texts(tracker.latest_message or {}, kb)


# Said in a chat, not in the dictionary: « bon ben tant pis », « ah mince ».
_INTERJECTIONS = frozenset(
    ["ah", "bah", "ben", "bof", "euh", "hein", "mince", "oups", "ouais", "pff", "zut", "ok", "okay"]
)


def message_place_texts(message: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    """What may name the place in the latest message, best guess first.

    The NLU's place entities (the gazetteer's matches, nlu_components/place_extractor.py, and
    DIET's): all of them together ("Prades" + "Ariège" is one commune), then each alone (a word
    wrongly tagged beside the real name); else, for a short answer to "Dans quelle commune ?",
    the answer itself.
    """
    entities = [e for e in message.get("entities", []) if e.get("entity") == "place" and e.get("value")]
    if entities:
        entities.sort(key=lambda e: e.get("start", 0))
        text = message.get("text") or ""
        entities = without_denied(entities, text)
        values = [str(e["value"]) for e in entities]
        together = " ".join(values)
        # "mes parents sont à Alan, moi je suis à Eoux": the visitor's own place first.
        before = {str(e["value"]): normalize(text[: int(e.get("start", 0))]) for e in entities}
        own = {value for value, words in before.items() if _OWN_PLACE.search(words)}
        landmarks = {value for value, words in before.items() if _LANDMARK.search(words)}
        # « Pardailhan vers Saint-Chinian »: « vers » right after a place that opens the message is a
        # landmark too (not « je déménage de Cahors vers Montauban », « trajet Tarbes vers Lourdes »).
        first, second = (entities + [{}, {}])[:2]
        if (
            second
            and not text[: int(first.get("start", 0))].strip()
            and text[int(first.get("end", 0)) : int(second.get("start", 0))].strip().lower() == "vers"
        ):
            landmarks.add(str(second["value"]))
        landmarks -= own
        alone = sorted(values, key=lambda value: (value not in own, value in landmarks, -len(value)))
        return list(dict.fromkeys([together, *alone]))
    intent = (message.get("intent") or {}).get("name")
    text = message.get("text") or ""
    # Better "je ne trouve pas « … »" than asking the same question again; but words of the language
    # with no place in them (« dommage », « bon ben tant pis ») name no commune, misspelt or not.
    if (
        intent == "inform_place"
        and 0 < len(text.split()) <= SHORT_ANSWER_WORDS
        and not text.startswith("/")
        and not kb.place_finder.is_french(text, also=_INTERJECTIONS)
    ):
        return [text]
    return []


def named_commune(tracker: Tracker, kb: KnowledgeBase) -> Commune | None:
    """The first commune the latest message names, resolved without asking anything."""
    for text in place_texts(tracker, kb):
        resolution = kb.resolve_place(text)
        if resolution.kind == "commune":
            return resolution.commune
    return None


def without_denied(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The places of a correction without those taken back ("… et pas à Bessuéjouls"), with the
    department that qualifies a place taken back; all of them when every one is taken back."""
    kept: list[dict[str, Any]] = []
    denied_end = None
    for entity in entities:
        start, end = int(entity.get("start", 0)), int(entity.get("end", 0))
        before = normalize(text[:start])
        between = text[denied_end:start] if denied_end is not None else ","
        qualifies_denied = not _CLAUSE_END.search(between) and _QUALIFIER.match(normalize(between))
        if _DENIED_PLACE.search(before) or qualifies_denied:
            denied_end = end
            continue
        denied_end = None
        kept.append(entity)
    return kept or entities


def understand_place(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> PlaceOutcome:
    texts = place_texts(tracker, kb)
    message_text = (tracker.latest_message or {}).get("text") or ""
    pending = tracker.get_slot("place_candidates") or []
    if pending:
        for answer in [*texts, message_text]:
            chosen = kb.choose_candidate(answer, pending)
            if chosen is not None:
                return _found(chosen)
    if not texts:
        if previous_action(tracker) in SUICIDE_LINES:
            # "il a dit qu'il allait le faire ce soir", read as a question about centres: not
            # "Dans quelle commune ?" to someone who was just given the suicide line.
            dispatcher.utter_message(response="utter_suicide_followup")
        else:
            dispatcher.utter_message(response="utter_ask_place")
        return PlaceOutcome(events=[SlotSet("place_candidates", None)])

    resolutions = [kb.resolve_place(text) for text in texts]
    resolution = _preferred(resolutions)
    shown = echoable(resolution.query)
    commune = resolution.commune  # set when kind is "commune"
    if commune is not None:
        if resolution.former_name:
            dispatcher.utter_message(
                response="utter_former_commune", former=resolution.former_name, commune=commune.name
            )
        elif resolution.matched_by in ("typo", "prefix"):
            # Not a silent guess: the user sees which commune the answer is for.
            dispatcher.utter_message(response="utter_place_understood_as", commune=commune_label(commune))
        if resolution.elsewhere:
            # "Brion": a visitor from the Indre learns the answer is not for their Brion.
            name = resolution.former_name or commune.name  # "Roumégoux" (now Terre-de-Bancalié), also in the Cantal
            homonyms = (
                f"D'autres communes s'appellent {name}"
                if len(resolution.elsewhere) > 1
                else f"Une autre commune s'appelle {name}"
            )
            dispatcher.utter_message(
                response="utter_place_also_elsewhere",
                commune=commune_label(commune),
                others=homonyms,
                departments=departments_of(resolution.elsewhere),
            )
        return _found(commune)
    if resolution.kind == "department":
        # « je vis à Bourg-Saint-Andéol, c'est pas loin du Gard »: the visitor's own place, outside
        # Occitanie, is said too, before the department's centres.
        outside = next((other for other in resolutions if other.kind == "outside"), None)
        if outside is not None:
            _tell_outside(dispatcher, outside, echoable(outside.query))
        return PlaceOutcome(department=resolution.department, events=[SlotSet("place_candidates", None)])
    if resolution.kind == "ambiguous" and resolution.matched_by == "postal_code":
        shared = same_nearest_centre(resolution.candidates, kb)
        if shared is not None:
            code = resolution.query.strip()
            others = len(resolution.candidates) - 1
            communes = f"{shared.name} et {others} autre{'s' if others > 1 else ''} commune{'s' if others > 1 else ''}"
            dispatcher.utter_message(
                response="utter_postal_code_same_centre", place=code, communes=communes, commune=shared.name
            )
            return _found(shared)
    if resolution.kind == "ambiguous":
        candidates = resolution.candidates
        buttons = place_buttons(candidates)
        more = "" if len(candidates) <= MAX_BUTTONS else " Si la vôtre n'est pas dans la liste, écrivez son nom."
        if resolution.matched_by == "postal_code":
            code = resolution.query.strip()  # five digits: checked by the resolver
            dispatcher.utter_message(response="utter_postal_code_ambiguous", buttons=buttons, place=code, more=more)
        elif resolution.matched_by == "prefix" and shown:
            if resolution.elsewhere:  # "Bordères" alone is in the Pyrénées-Atlantiques: said, not answered
                more = f" « {shown} » tout court est hors d'Occitanie ({departments_of(resolution.elsewhere)}).{more}"
            dispatcher.utter_message(response="utter_place_starts_with", buttons=buttons, place=shown, more=more)
        elif resolution.matched_by == "typo" and shown:
            dispatcher.utter_message(response="utter_place_did_you_mean", buttons=buttons, place=shown)
        else:
            if (
                resolution.elsewhere
            ):  # "Prades" is also in the Ardèche and the Haute-Loire: said, so that their people know
                more = f" Il y en a aussi hors d'Occitanie ({departments_of(resolution.elsewhere)}).{more}"
            dispatcher.utter_message(
                response="utter_place_ambiguous", buttons=buttons, place=candidates[0].name, more=more
            )
        return PlaceOutcome(events=[SlotSet("place_candidates", [c.insee for c in candidates])])
    if resolution.kind == "outside":
        _tell_outside(dispatcher, resolution, shown)
        return PlaceOutcome(events=[SlotSet("place_candidates", None)])
    code = resolution.query.strip()
    if POSTAL_CODE.fullmatch(code):
        dispatcher.utter_message(response="utter_postal_code_unknown", place=code)
    elif shown:
        dispatcher.utter_message(response="utter_place_unknown", place=shown)
    else:
        dispatcher.utter_message(response="utter_place_not_understood")
    return PlaceOutcome(events=[SlotSet("place_candidates", None)])


def _tell_outside(dispatcher: CollectingDispatcher, resolution: PlaceResolution, shown: str | None) -> None:
    department = resolution.department or resolution.candidates[0].department
    official_name = resolution.candidates[0].name if resolution.candidates else department.name
    # One commune by its own name (« st remy de provence » → Saint-Rémy-de-Provence, « 13130 » →
    # its commune too); a name or a postal code of several (« Lyon », « 01100 ») as written.
    code = resolution.query.strip()
    if resolution.matched_by == "postal_code" and POSTAL_CODE.fullmatch(code):
        place = f"Le code postal {code}"
        if len(resolution.candidates) == 1:
            place += f", celui de {official_name},"
    elif len(resolution.candidates) == 1:
        place = official_name
    else:
        place = shown or official_name
    # A department itself: « Landes n'est pas en Occitanie (département 40) », not « (Landes) ».
    where = department.name if resolution.candidates else f"département {department.code}"
    dispatcher.utter_message(response="utter_place_outside", place=place, department=where)


def departments_of(communes: tuple[Commune, ...]) -> str:
    """« Ain, Indre, Isère… »: the departments of communes elsewhere, the first three."""
    names = list(dict.fromkeys(c.department.name for c in communes))
    return ", ".join(names[:3]) + ("…" if len(names) > 3 else "")


def place_buttons(communes: tuple[Commune, ...]) -> list[dict[str, str]]:
    return [
        {"title": commune_label(c), "payload": f'/inform_place{{"place":"{c.label}"}}'} for c in communes[:MAX_BUTTONS]
    ]


def best_resolution(texts: list[str], kb: KnowledgeBase) -> PlaceResolution:
    """An Occitanie commune or department beats a place elsewhere, which beats nothing."""
    return _preferred([kb.resolve_place(text) for text in texts])


def _preferred(resolutions: list[PlaceResolution]) -> PlaceResolution:
    return min(resolutions, key=lambda r: _PREFERENCE.get(r.kind, len(_PREFERENCE)))


def message_place(message: dict[str, Any], kb: KnowledgeBase) -> PlaceResolution | None:
    """What the assistant understands as the place of one parsed message (Rasa's parse data:
    text, intent, entities), before any conversation context; None when it names none."""
    texts = message_place_texts(message, kb)
    return best_resolution(texts, kb) if texts else None


def same_nearest_centre(communes: tuple[Commune, ...], kb: KnowledgeBase) -> Commune | None:
    """The most populous of `communes` if they all have the same nearest open centre, else None:
    then a postal code needs no question ("31230": 28 communes, one nearest centre)."""
    nearest = set()
    for commune in communes:
        answer = kb.nearest_to_commune(commune, limit=1)
        nearest.add(answer.open_centres[0].centre.id if answer.open_centres else None)
    if len(nearest) != 1 or None in nearest:
        return None
    return max(communes, key=lambda c: c.population)


def _found(commune: Commune) -> PlaceOutcome:
    return PlaceOutcome(commune=commune, events=[SlotSet("place_candidates", None), SlotSet("commune", commune.insee)])


# Set each time centres are shown, even to the same list: « centres were just shown » is read from
# it (policies/centre_followup.py).
ALWAYS_SET = frozenset({"centres_listed"})


def changed_slots(tracker: Tracker, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the slot events that change something: each event costs the server a little."""
    return [
        e
        for e in events
        if e.get("event") != "slot" or e["name"] in ALWAYS_SET or tracker.get_slot(e["name"]) != e["value"]
    ]
