"""A mayor or a community of communes asking how its territory can have a centre: the topic
`communes` (what a member commune does), whatever the intent read in the question."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import commune_label, tell_topic
from knowledge import Commune, KnowledgeBase
from knowledge.text import normalize

# A mayor or a community of communes asking how its territory can have a centre (« je suis maire
# de Gabian, comment ma commune peut-elle avoir un centre ? »): what a member commune does, not
# the nearest centres of the commune named nor the whole programme.
_COMMUNE_ASKER = re.compile(
    r"\b(maire|mairie|elue?s?|conseil(ler|lere)? municipale?|(ma|notre|une|la|leur|les|des|nos) communes?|"
    r"intercommunalites?|communautes? de communes|comcom|com com|epci|collectivites?)\b"
)
_COMMUNE_WANTS = re.compile(
    r"\b(avoir|obtenir|ouvrir|creer|creation|implanter|implantation|accueillir|installer|adherer|adhesion|"
    r"rejoindre|candidat\w*|candidature|postuler|monter|beneficier|engager|participer|faire venir|devenir membre|"
    # what it costs the commune (« et ça coûte quoi à la commune ? »; set j, 2026-11-30)
    r"coute|couter|coutera|cout|couts|payer|paie|financer|contribution|contribuer)\b"
)
# The intents whose answer gives way to the topic `communes` for such a question: the programme
# and applying; a search for the nearest centres or a price read in a mayor's question (« je suis
# maire de Saint-Chels, comment notre commune peut-elle avoir un centre ? »: on the spent sets,
# no patient's line has both an asker and a want).
COMMUNE_QUESTION_INTENTS = {"programme_info", "how_to_apply", "find_nearest_centre", "practical_info"}


# « je suis maire de Gabian », « la commune de Gabian »: the asker's commune (not « un centre comme
# celui de Millas », « une commune près de Figeac »).
_ASKERS_COMMUNE = re.compile(
    r"\b(maire|mairie|commune|conseil municipal|conseiller municipal|conseillere municipale|elue?) (de|d|du)$"
)


def askers_commune(tracker: Tracker, kb: KnowledgeBase) -> Commune | None:
    """The Occitanie commune the asker speaks for, when named that way and without a centre of the
    Region already."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    for entity in message.get("entities") or []:
        if entity.get("entity") != "place" or not _ASKERS_COMMUNE.search(
            normalize(text[: int(entity.get("start", 0))])
        ):
            continue
        resolution = kb.resolve_place(str(entity.get("value", "")))
        commune = resolution.commune
        if commune is not None and commune.department.in_occitanie and not kb.has_region_centre(commune.insee):
            return commune
    return None


def asks_for_a_commune(text: str) -> bool:
    """Whether a message asks how a commune or an intercommunality can have a centre."""
    said = normalize(text)
    return bool(_COMMUNE_ASKER.search(said) and _COMMUNE_WANTS.search(said))


def tell_communes_topic_if_asked(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> bool:
    """The topic `communes` for a commune's question read with one of these intents; whether told."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in COMMUNE_QUESTION_INTENTS and asks_for_a_commune(tracker.latest_message.get("text") or ""):
        commune = askers_commune(tracker, kb)
        if commune is not None:  # the mayor's commune, understood
            dispatcher.utter_message(response="utter_commune_question_for", commune=commune_label(commune))
        tell_topic(dispatcher, kb.topic("communes"))
        return True
    return False
