"""A precise question gets its fact (nlu_components/fact_question.py found it): the fact, its
source and date, the older value another source gave if any, and a button to the whole topic."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.centres import asks_for_the_list_of_centres, tell_all_centres
from actions.knowledge_access import knowledge_base
from actions.places import changed_slots
from actions.topics import TOPIC_BY_INTENT, TOPIC_BY_SCHEME
from knowledge import Fact, KnowledgeBase, Statement

# The button that leads from a fact to its whole topic: the payload of the topic's own question.
TOPIC_PAYLOADS = {topic: f"/{intent}" for intent, topic in TOPIC_BY_INTENT.items()} | {
    topic: f'/other_schemes{{"scheme":"{scheme}"}}' for scheme, topic in TOPIC_BY_SCHEME.items()
}


def citation(kb: KnowledgeBase, statement: Statement) -> str:
    return kb.sources[statement.source_id].citation


class ActionAnswerFact(Action):
    def name(self) -> str:
        return "action_answer_fact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        if asks_for_the_list_of_centres(tracker, kb):  # « liste des centres ouverts », not their count
            return changed_slots(tracker, tell_all_centres(dispatcher, kb))
        facts = [kb.facts[i] for i in dict.fromkeys(tracker.get_latest_entity_values("fact")) if i in kb.facts]
        return tell_facts(dispatcher, tracker, kb, facts)


class ActionAnswerFactInContext(Action):
    """A short follow-up (« et les départements ? ») read with the question before it: the policy
    policies/fact_followup.py chose this action when such a fact stands out."""

    def name(self) -> str:
        return "action_answer_fact_in_context"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        kb = knowledge_base()
        said = [e for e in tracker.events if e.get("event") == "user"]
        if len(said) < 2:
            dispatcher.utter_message(response="utter_default")
            return []
        previous = said[-2]
        told = [
            str(e.get("value"))
            for e in (previous.get("parse_data") or {}).get("entities") or []
            if e.get("entity") == "fact"
        ]
        match = kb.fact_in_context(said[-1].get("text") or "", previous.get("text") or "", told)
        facts = [] if match is None else [match.fact, *([match.runner_up] if match.runner_up else [])]
        return tell_facts(dispatcher, tracker, kb, facts)


def tell_facts(
    dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase, facts: list[Fact]
) -> list[dict[str, Any]]:
    """Each fact with its source and its older value, then a way to the whole topic."""
    if not facts:  # the facts changed since the NLU or the policy chose them
        dispatcher.utter_message(response="utter_default")
        return []
    for fact in facts:
        dispatcher.utter_message(response="utter_fact", fact=fact.statement.text, source=citation(kb, fact.statement))
        if fact.older is not None:
            dispatcher.utter_message(
                response="utter_fact_older", older=fact.older.text, source=citation(kb, fact.older)
            )
    # The centres of the communes the facts are about: « c'était quand ? » next refers to them.
    communes = {insee for f in facts for insee in f.communes}
    centres = [c.id for c in kb.centres_with_status("open", "announced") if c.commune.insee in communes]
    events = changed_slots(tracker, [SlotSet("centres_listed", centres)]) if centres else []
    topics = [f.topic_id for f in facts if f.topic_id is not None and f.topic_id in kb.topics]
    buttons = [
        {"title": f"En savoir plus : {kb.topic(t).title}", "payload": TOPIC_PAYLOADS[t]}
        for t in dict.fromkeys(topics)
        if t in TOPIC_PAYLOADS
    ]
    if buttons:
        dispatcher.utter_message(response="utter_fact_more", buttons=buttons)
    else:
        links = [link for link in (kb.topic(t).link for t in topics) if link is not None]
        if links:
            dispatcher.utter_message(response="utter_topic_link", url=links[0].url)
    return events
