"""Base for components that set the intent themselves, after (and over) the classifier."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


class IntentOverride(GraphComponent, IntentClassifier):
    """Subclasses say which intent a text must have (`intent_for`), or None to leave it."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverride:
        return cls()

    def intent_for(self, text: str) -> str | None:
        raise NotImplementedError

    def intent_for_message(self, message: Message) -> str | None:
        """From the text alone by default; a subclass may look at the intent and entities found so far."""
        return self.intent_for(message.get(TEXT) or "")

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = self.intent_for_message(message)
            if intent is None:
                continue
            previous = (message.data.get(INTENT) or {}).get(INTENT_NAME_KEY)
            forced = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [r for r in message.data.get(INTENT_RANKING_KEY, []) if r.get(INTENT_NAME_KEY) != intent]
            message.data[INTENT] = forced
            message.data[INTENT_RANKING_KEY] = [forced, *ranking]
            # What the classifier thought stays visible in the parse data, for the logs.
            message.set(
                "intent_override", {"by": type(self).__name__, "classifier_intent": previous}, add_to_output=True
            )
            self.adjust(message)
        return messages

    def adjust(self, message: Message) -> None:
        """Anything else to change on an overridden message (nothing by default)."""
