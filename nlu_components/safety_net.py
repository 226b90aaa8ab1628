"""Safety first, whatever the classifier thinks: a deterministic check on every message.

Placed last in the NLU pipeline. When a message shows a sign of an emergency or of suicidal
thoughts (nlu_components/safety_patterns.py), its intent becomes `emergency` or
`suicidal_thoughts` with full confidence, even inside another question ("où est le centre le
plus proche ? mon père ne respire plus") or with typos. The rules then answer 15 / 112
(114 by SMS), or 3114. A message saying that help is called or coming ("j'ai appelé le 15, ils
arrivent") becomes `emergency_called`: acknowledged calmly, not alarmed again.

An emergency found here is certain, unlike the classifier's guess: the message then carries a
`safety_sign` entity, and a rule gives the direct answer ("Appelez le 15 maintenant") instead
of "Si c'est une urgence…".
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.intent_override import IntentOverride
from nlu_components.safety_patterns import detect

SAFETY_SIGN = "safety_sign"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(IntentOverride):
    def intent_for(self, text: str) -> str | None:
        return detect(text)

    def adjust(self, message: Message) -> None:
        intent = (message.data.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if intent != "emergency":
            return
        text = message.get(TEXT) or ""
        sign = {"entity": SAFETY_SIGN, "value": intent, "start": 0, "end": len(text), "extractor": type(self).__name__}
        message.data[ENTITIES] = [*(message.get(ENTITIES) or []), sign]
