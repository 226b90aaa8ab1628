"""A message without a single letter or digit ("🙂🙂🙂", "???", "") cannot be understood.

DIET still gives such a message some intent, sometimes with high confidence (emojis were
read as "goodbye"). This component, placed after the FallbackClassifier, sets the
`nlu_fallback` intent for them so that the assistant says it did not understand.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from nlu_components.intent_override import IntentOverride


def has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class WordlessMessageFallback(IntentOverride):
    def intent_for(self, text: str) -> str | None:
        return None if has_words(text) else DEFAULT_NLU_FALLBACK_INTENT_NAME

    def adjust(self, message: Message) -> None:
        message.data[ENTITIES] = []
