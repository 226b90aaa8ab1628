"""Safety first, whatever the classifier thinks: a deterministic check on every message.

Placed last in the NLU pipeline. When a message shows a sign of an emergency or of suicidal
thoughts (nlu_components/safety_patterns.py), its intent becomes `emergency` or
`suicidal_thoughts` with full confidence, even inside another question ("où est le centre le
plus proche ? mon père ne respire plus") or with typos. The rules then answer 15 / 112
(114 by SMS), or 3114.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from nlu_components.intent_override import IntentOverride
from nlu_components.safety_patterns import detect


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(IntentOverride):
    def intent_for(self, text: str) -> str | None:
        return detect(text)
