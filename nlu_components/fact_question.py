"""A precise question about one fact of the sources ("combien de médecins recrutés ?", "quand
a ouvert le centre de Millas ?") becomes the `ask_fact` intent, with the fact's id as the
`fact` entity, so that the assistant tells that fact rather than a whole topic.

Over the intents that would otherwise give a topic, or nothing: the topics, other schemes, out
of scope and not understood. Over a patient's question about centres or a place, only strictly:
a fact about the place named, clearly asked ("combien de consultations par semaine à Millas ?"),
never when the person looks for care ("le plus proche", "rendez-vous"). An emergency keeps its
intent (the safety net comes after this component). The ranking and its thresholds
are the knowledge base's (knowledge/facts.py); the facts are read from the knowledge database
when the model is loaded to answer, so a new fact needs no retraining.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge import KnowledgeBase
from knowledge.facts import CENTRE_WORD, asks_how_many_or_when, seeks_care
from knowledge.places import PlaceResolution
from knowledge.service import FACT_CLEAR_SCORE
from knowledge.text import normalize
from nlu_components.intent_override import IntentOverride
from nlu_components.knowledge_base import knowledge_base

ASK_FACT = "ask_fact"
FACT = "fact"
# Intents whose answer is a topic, or no answer: a precise question there is better answered
# by its fact.
OVERRIDABLE = frozenset(
    {
        "programme_info",
        "practice_benefits",
        "doctor_role",
        "how_to_apply",
        "internships",
        "other_schemes",
        "centre_services",
        "regular_doctor",
        "out_of_scope",
        "chitchat",
        DEFAULT_NLU_FALLBACK_INTENT_NAME,
    }
)
# Not a topic: a « quel … ? » there is small talk or off topic (« quelle galère », « quel temps
# fait-il ? »), not a precise question.
SMALL_TALK = frozenset({"out_of_scope", "chitchat", DEFAULT_NLU_FALLBACK_INTENT_NAME})
# The topics' questions: « quel institut ? » there is a precise question.
TOPICS = OVERRIDABLE - SMALL_TALK
# A patient's intents: overridden only by a fact about the place named, clearly asked, from
# someone who does not look for care (the knowledge base's strict test).
OVERRIDABLE_STRICTLY = frozenset(
    {"find_nearest_centre", "inform_place", "practical_info", "job_locations", "help", "out_of_hours_care"}
)
OUT_OF_HOURS_CARE = "out_of_hours_care"
# The refusal of medical advice: overridden only strictly, by a fact close and well ahead (not
# « une toux depuis 3 semaines, c'est grave ? », a figure that resembles a consultation count).
MEDICAL_ADVICE = "medical_advice"
# A centre's status keeps its answer for a commune with a centre of the Region (« le centre de
# Millas a ouvert quand ? »: the status says more than one fact). Otherwise it would only ask
# « Dans quelle commune ? » or list the nearest centres: a fact well ahead of the others is
# better (« quand a eu lieu la première assemblée générale ? », « quel montant pour le centre
# de Saint-Clar ? »). « il est ouvert ce centre ? » after a list stays a status (0.43, 0.05 ahead).
CENTRE_STATUS = "centre_status"
# Which centres opened first or last, in what order: a question about the calendar, not about one
# centre's status (« où ont ouvert les deux premiers centres ? »).
_ORDER_OF_OPENINGS = re.compile(r"\b(premiers?|premieres?|derniers?|dernieres?|ordre|chronologie|calendrier)\b")
# A centre asked for, unless a figure or a date is (« molieres centre de sante la region a mis cb ? »).
_FIGURE_ASKED = re.compile(r"\b(combien|cb|montant|euros?|millions?|quand|qd|date|annee|chiffres?)\b")
# Who presides a body, who is the mayor, the groupement and the bodies of the sources: asked by
# no patient looking for care.
_ASKED_BY_NO_PATIENT = re.compile(
    r"\b(president|presidente|preside|maire|directeur|directrice|"
    # the groupement and its members, the bodies of the sources: no patient looking for care
    # names them (« ds l'ariege c quelles comcom ds le gip ? »)
    r"gip|groupement|colleges?|comcoms?|com com|communautes? de communes|intercommunalites?|fecop|france assos|"
    r"ordre des|pacte territoire|mutualite)\b"
)

# « vous recrutez des jeunes médecins ? »: a doctor asking to be hired, whose answer is how to apply
# or where the posts are, not a fact that shares its words (the interns' union, the doctors
# recruited), unless a figure or a date is asked or a place named (« vous recrutez à Cazals ? »)
# (2026-12-01, from the error analysis of the set m, spent since).
JOB_INTENTS = frozenset({"how_to_apply", "job_locations"})
_ASKS_TO_BE_HIRED = re.compile(
    r"\b(vous recrutez|recrutez vous|vous embauchez|embauchez vous|vous cherchez des (medecins|generalistes))\b"
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FactQuestion(IntentOverride):
    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FactQuestion:
        """For answering: the index is built now rather than during the first visitor's turn."""
        knowledge_base().fact_index  # noqa: B018
        return cls()

    @property
    def kb(self) -> KnowledgeBase:
        return knowledge_base()

    def intent_for_message(self, message: Message) -> str | None:
        text = message.get(TEXT) or ""
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if (
            not text
            or text.startswith("/")
            or intent not in OVERRIDABLE | OVERRIDABLE_STRICTLY | {CENTRE_STATUS, MEDICAL_ADVICE}
        ):
            return None
        # « et l'adresse ? », « les horaires ? » not understood: a patient's follow-up, not the
        # address of a body of the sources.
        if intent in SMALL_TALK and seeks_care(text):
            return None
        # Who presides a body, who is the mayor: no patient looking for care asks that, whatever
        # the classifier read (« la présidente du département des Pyrénées-Orientales c ki ? »).
        said = normalize(text)
        asked_by_no_patient = _ASKED_BY_NO_PATIENT.search(said) is not None
        strict = intent in OVERRIDABLE_STRICTLY | {CENTRE_STATUS, MEDICAL_ADVICE} and not asked_by_no_patient
        # Over a patient's question, a name shared by several communes is settled only by a fact
        # about that commune itself (« msp cazilhac cb d habitants » is the Cazilhac of the 2018
        # project), never for a centre without a figure asked (« Cazals il y a un centre ? » asks
        # which Cazals), and not by a list (« les cabannes c ouvert ? » is not the groupement's map).
        settle = (
            "any" if not strict else "none" if CENTRE_WORD.search(said) and not _FIGURE_ASKED.search(said) else "own"
        )
        hiring = _ASKS_TO_BE_HIRED.search(said) if intent in JOB_INTENTS else None
        if hiring is not None and not asks_how_many_or_when(text):
            # a place after the question is where the posts are asked for (« vous recrutez à Cazals ? »),
            # not one before it (« interne à Montpellier, vous recrutez ? »)
            after = said[hiring.end() :]
            places = [
                normalize(str(e.get("value", ""))) for e in message.get(ENTITIES) or [] if e.get("entity") == "place"
            ]
            if not any(place and place in after for place in places):
                return None
        resolutions = self.places(message, settle)
        communes = [r.commune.insee for r in resolutions if r.commune is not None]
        departments = [r.department.code for r in resolutions if r.kind == "department" and r.department]
        if intent == CENTRE_STATUS and any(self.kb.has_region_centre(insee) for insee in communes):
            return None
        # A place outside Occitanie (« combien de centres dans le Cantal ? ») is answered as such;
        # over a patient's question, so is a name to ask about; a name that is no place (« Jennifer
        # Collard ») is left aside. A department counts only for a fact about it, clearly asked
        # (« dans l'Aude, quels projets validés en 2018 ? »; not « celui des Pyrénées-Orientales »
        # after « which Saint-Hippolyte? »).
        if any(r.kind == "outside" and not self.kb.fact_index.names(r.query) for r in resolutions):
            return None
        resolutions = [r for r in resolutions if r.kind != "outside"]
        if strict and any(r.kind == "ambiguous" for r in resolutions):
            return None
        match = self.kb.fact_asked(
            _without_department_codes(text, message),
            communes,
            strict=strict,
            # A department over a patient's question: only a fact well ahead (« il y a un centre
            # dans le Tarn ? » gets the Tarn's centres, not the opening of Mazamet).
            # Not for a question no patient asks (« qui est le maire de Villesèque-des-Corbières ? »).
            clear=(intent == CENTRE_STATUS and not _ORDER_OF_OPENINGS.search(said) and not asked_by_no_patient)
            or intent == MEDICAL_ADVICE
            or (strict and intent in OVERRIDABLE_STRICTLY and bool(departments) and not communes),
            departments=departments,
            topical=intent in TOPICS,
        )
        # A refusal of medical advice only for the subject of a fact named outright (« quelles
        # régions relèvent de l'Ordre des sages-femmes présidé par … ? »): a fact close and well ahead.
        if match is None or (intent == MEDICAL_ADVICE and match.score < FACT_CLEAR_SCORE):
            return None
        # The out-of-hours answer gives every national number for care tonight (« le 116 117 ça
        # marche chez nous ? »): one of them alone would say less.
        if intent == OUT_OF_HOURS_CARE and match.fact.statement.source_id.startswith("national_"):
            return None
        facts = [match.fact.id] + ([match.runner_up.id] if match.runner_up else [])
        message.data["fact_match"] = {"facts": facts, "score": round(match.score, 3)}
        return ASK_FACT

    def places(self, message: Message, settle: str = "any") -> list[PlaceResolution]:
        """What each place the message names designates (the place entities found so far). A name
        shared by several communes is the one in the department named too (« cazilhac (aude) »),
        or else (`settle`: "any", "own" or "none") the only one a fact is about (« la maison de
        santé de Cazilhac »; "own": not as one name of a list)."""
        resolutions = [
            self.kb.resolve_place(str(entity.get("value", "")))
            for entity in message.get(ENTITIES) or []
            if entity.get("entity") == "place"
        ]
        named_departments = {r.department.code for r in resolutions if r.kind == "department" and r.department}
        index = self.kb.fact_index
        about = {"any": index.communes, "own": index.communes_of_their_own}.get(settle, frozenset())
        settled = []
        for resolution in resolutions:
            if resolution.kind == "ambiguous":
                fits = [c for c in resolution.candidates if c.department.code in named_departments] or [
                    c for c in resolution.candidates if c.insee in about
                ]
                if len(fits) == 1:
                    resolution = replace(resolution, kind="commune", candidates=(fits[0],))
            settled.append(resolution)
        return settled

    def adjust(self, message: Message) -> None:
        """One `fact` entity per fact to tell: the best, and the next one when nearly as close."""
        text = message.get(TEXT) or ""
        facts = message.data.pop("fact_match", {}).get("facts", [])
        found: list[dict[str, Any]] = [
            {"entity": FACT, "start": 0, "end": len(text), "value": fact_id, "extractor": type(self).__name__}
            for fact_id in facts
        ]
        message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)


def _without_department_codes(text: str, message: Message) -> str:
    """The text without the department codes it names: « centres dans le 66 » asks for no figure."""
    for entity in sorted(message.get(ENTITIES) or [], key=lambda e: -int(e.get("start", 0))):
        if (
            entity.get("entity") == "place"
            and str(entity.get("value", "")).isdigit()
            and len(str(entity["value"])) <= 3
        ):
            text = text[: int(entity["start"])] + text[int(entity["end"]) :]
    return text
