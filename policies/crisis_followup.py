"""Right after the emergency numbers or the suicide line, the next message is read in that light.

« c'est par SMS ? », « c'est gratuit ? », « il est à Limoux, je suis à Toulouse, je fais quoi ? »
follow a crisis answer: whatever the classifier made of them (a topic, practical information, a
place), the person needs the line again, said plainly, not the salaried doctors' contract. Rules
cannot say "any intent but these", hence this policy: when the previous message was an
emergency or suicidal thoughts and this one is not a closing word, help on its way or a new
alarm, it predicts the follow-up once; then the conversation goes on as usual. It holds no
trained state: editing it needs no new model.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.text import normalize
from policies.next_action import NextActionPolicy, last_turn

# The crisis intent of the previous message → the follow-up said for the next one.
FOLLOW_UPS = {"emergency": "utter_emergency_followup", "suicidal_thoughts": "utter_suicide_followup"}
# Messages that keep their own answer: they close, acknowledge, say help is coming, or raise a new alarm.
OWN_ANSWER = frozenset(
    {"greet", "goodbye", "thanks", "acknowledge", "emergency", "emergency_called", "suicidal_thoughts", "insult"}
)
# After an emergency, a place given (« Quillan ») asks where the nearest centres are: answered.
# After the suicide line, « il est à Limoux, je fais quoi ? » is not a search for a centre.
OWN_ANSWER_AFTER = {
    "emergency": OWN_ANSWER | {"inform_place", "find_nearest_centre"},
    "suicidal_thoughts": OWN_ANSWER - {"emergency_called"},
}
# After the suicide line, a search for a centre or a doctor near a place (« y a un centre vers
# Mazamet où je peux voir un médecin ? ») is answered: seeing a doctor is what the line advises too.
_SEEKS_A_DOCTOR = re.compile(r"\b(centres?|medecins?|docteurs?|generalistes?|consulter)\b")
# Replies that fit one message after one crisis better than the follow-up: after the suicide
# line, « j'ai appelé » or « je sais pas si j'ai la force d'appeler » gets the line again, gently,
# not « les secours sont prévenus ».
REPLY_AFTER = {("suicidal_thoughts", "emergency_called"): "utter_suicide_line_again"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CrisisFollowUpPolicy(NextActionPolicy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 6) and the two follow-ups (centre_followup 7, fact_followup
        # 8): a rule for the intent must not win over the crisis.
        return {"priority": 9}

    @staticmethod
    def next_action(tracker: DialogueStateTracker) -> str | None:
        """The follow-up after the latest message, then listening; None when not in a crisis turn."""
        previous, current, done = last_turn(tracker)
        if previous is None or current is None:
            return None
        if previous.intent_name == "suicidal_thoughts" and _searches_a_doctor(current):
            return None
        return _follow_up(previous.intent_name or "", current.intent_name or "", done)


def _searches_a_doctor(message: UserUttered) -> bool:
    """A nearest-centre question naming a place and a centre or a doctor."""
    places = [e for e in message.entities or [] if e.get("entity") == "place"]
    return (
        message.intent_name == "find_nearest_centre"
        and bool(places)
        and _SEEKS_A_DOCTOR.search(normalize(message.text or "")) is not None
    )


def _follow_up(crisis: str, intent: str, done: list[str]) -> str | None:
    """None yet done → the follow-up; the follow-up done → listen; otherwise nothing to say."""
    follow_up = FOLLOW_UPS.get(crisis)
    if follow_up is None or intent in OWN_ANSWER_AFTER[crisis]:
        return None
    follow_up = REPLY_AFTER.get((crisis, intent), follow_up)
    if not done:
        return follow_up
    return ACTION_LISTEN_NAME if done == [follow_up] else None
