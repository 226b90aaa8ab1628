"""A mayor or a community of communes asking how its territory can have a centre: the topic
`communes` (what a member commune does), whatever the intent read in the question."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import commune_label, tell_topic
from knowledge import KnowledgeBase
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
# What the commune itself must do (« quelles sont les obligations pour la commune ? »; set n,
# 2026-12-01): not the doctor's (« les obligations du médecin envers la commune »).
_COMMUNE_DUTIES = re.compile(
    r"\b(obligations?|engagements?|contreparties|role|doit faire|doivent faire|doit fournir) "
    r"(de|d|du|des|pour) (la |une |les |l |notre |ma |nos )?"
    r"(communes?|mairies?|maire|collectivites?|intercommunalites?|comcom)\b"
)
# The intents whose answer gives way to the topic `communes` for such a question: the programme
# and applying; a search for the nearest centres or a price read in a mayor's question (« je suis
# maire de Saint-Chels, comment notre commune peut-elle avoir un centre ? »: on the spent sets,
# no patient's line has both an asker and a want).
COMMUNE_QUESTION_INTENTS = {"programme_info", "how_to_apply", "find_nearest_centre", "practical_info"}


# « je suis maire de Gabian », « la commune de Gabian », « adjointe à la santé à Gignac »: the
# asker's commune (not « un centre comme celui de Millas », « une commune près de Figeac »).
_ASKERS_COMMUNE = re.compile(
    r"\b((maire|mairie|commune|conseil municipal|conseiller municipal|conseillere municipale|elue?) (de|d|du)"
    r"|(?<!directeur )(?<!medecin )adjointe?( au maire)?( (a|de) la sante| chargee? de la sante)? (a|de|d|du))$"
)


def askers_commune(tracker: Tracker, kb: KnowledgeBase) -> str | None:
    """The Occitanie commune the asker speaks for, when named that way and without a centre of the
    Region already: its name and department, or its name alone when several communes of Occitanie
    bear it (« Gignac »), none with a centre."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    for entity in message.get("entities") or []:
        if entity.get("entity") != "place" or not _ASKERS_COMMUNE.search(
            normalize(text[: int(entity.get("start", 0))])
        ):
            continue
        resolution = kb.resolve_place(str(entity.get("value", "")))
        communes = [resolution.commune] if resolution.commune is not None else []
        if resolution.kind == "ambiguous" and len({c.name for c in resolution.candidates}) == 1:
            communes = list(resolution.candidates)
        if communes and all(c.department.in_occitanie and not kb.has_region_centre(c.insee) for c in communes):
            return commune_label(communes[0]) if len(communes) == 1 else communes[0].name
    return None


def asks_for_a_commune(text: str) -> bool:
    """Whether a message asks how a commune or an intercommunality can have a centre."""
    said = normalize(text)
    wants = _COMMUNE_WANTS.search(said) or _COMMUNE_DUTIES.search(said)
    return bool(_COMMUNE_ASKER.search(said) and wants)


def tell_communes_topic_if_asked(dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase) -> bool:
    """The topic `communes` for a commune's question read with one of these intents; whether told."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in COMMUNE_QUESTION_INTENTS and asks_for_a_commune(tracker.latest_message.get("text") or ""):
        commune = askers_commune(tracker, kb)
        if commune is not None:  # the mayor's commune, understood
            dispatcher.utter_message(response="utter_commune_question_for", commune=commune)
        tell_topic(dispatcher, kb.topic("communes"))
        return True
    return False
