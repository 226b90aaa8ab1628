"""Salaried practice, what doctors do, how to apply, the programme, the other schemes."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import bullets, citations
from actions.knowledge_access import knowledge_base
from knowledge.service import Topic

TOPIC_BY_INTENT = {
    "practice_benefits": "practice_benefits",
    "doctor_role": "doctor_role",
    "how_to_apply": "how_to_apply",
    "programme_info": "programme_info",
}
# Canonical values of the `scheme` entity (synonyms in bot/data/nlu/doctors.yml).
TOPIC_BY_SCHEME = {
    "cesp": "scheme_cesp",
    "ptmg": "scheme_ptmg",
    "msp": "scheme_msp",
    "msp_universitaire": "scheme_msp_universitaire",
}
SCHEME_OVERVIEW = ("scheme_cesp", "scheme_ptmg", "scheme_msp", "scheme_msp_universitaire", "scheme_montrejeau")


def tell_topic(dispatcher: CollectingDispatcher, topic: Topic) -> None:
    body = "\n".join([topic.intro, bullets(p.text for p in topic.points)]).strip()
    dispatcher.utter_message(response="utter_topic", title=topic.title, body=body, source=citations(topic.sources))
    if topic.link is not None:
        dispatcher.utter_message(response="utter_topic_link", url=topic.link.url)


class ActionExplainTopic(Action):
    def name(self) -> str:
        return "action_explain_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in TOPIC_BY_INTENT:
            tell_topic(dispatcher, kb.topic(TOPIC_BY_INTENT[intent]))
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


class ActionJobLocations(Action):
    def name(self) -> str:
        return "action_job_locations"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        topic = kb.topic("job_locations")

        def names(*statuses: str) -> str:
            centres = sorted(kb.centres_with_status(*statuses), key=lambda c: (c.commune.department.code, c.commune.name))
            return ", ".join(f"{c.commune.name} ({c.commune.department.code})" for c in centres) or "aucun"

        sources = [topic.source] + [c.source for c in kb.centres]
        dispatcher.utter_message(
            response="utter_job_locations", intro=topic.intro, open=names("open"), announced=names("announced"),
            partner=names("partner"), candidate=names("candidate"), source=citations(sources),
        )
        if topic.link is not None:
            dispatcher.utter_message(response="utter_topic_link", url=topic.link.url)
        return []
