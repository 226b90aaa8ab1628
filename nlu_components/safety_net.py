"""Safety first, whatever the classifier thinks: a deterministic check on every message.

Placed last in the NLU pipeline. When a message shows a sign of an emergency or of suicidal
thoughts (nlu_components/safety_patterns.py), its intent becomes `emergency` or
`suicidal_thoughts` with full confidence, even inside another question ("où est le centre le
plus proche ? mon père ne respire plus") or with typos. The rules then answer 15 / 112
(114 by SMS), or 3114.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.safety_patterns import detect


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            kind = detect(message.get(TEXT) or "")
            if kind is None:
                continue
            # The classifier's own reading stays in the ranking and in metadata, for the logs.
            previous = message.data.get(INTENT) or {}
            flagged = {INTENT_NAME_KEY: kind, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [r for r in message.data.get(INTENT_RANKING_KEY, []) if r.get(INTENT_NAME_KEY) != kind]
            message.data[INTENT] = flagged
            message.data[INTENT_RANKING_KEY] = [flagged, *ranking]
            message.data["safety_net"] = {"flagged": kind, "classifier_intent": previous.get(INTENT_NAME_KEY)}
        return messages
