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

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

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
    "suicidal_thoughts": OWN_ANSWER,
}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CrisisFollowUpPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 6): a rule for the intent must not win over the crisis.
        return {"priority": 7}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        with self._model_storage.write_to(self._resource):
            pass  # nothing learnt: the resource only has to exist for loading
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self.next_action(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    @staticmethod
    def next_action(tracker: DialogueStateTracker) -> str | None:
        """The follow-up after the latest message, then listening; None when not in a crisis turn."""
        user_messages = [e for e in tracker.events if isinstance(e, UserUttered)]
        if len(user_messages) < 2:
            return None
        current, previous = user_messages[-1], user_messages[-2]
        crisis = previous.intent_name or ""
        follow_up = FOLLOW_UPS.get(crisis)
        if follow_up is None or (current.intent_name or "") in OWN_ANSWER_AFTER[crisis]:
            return None
        # Actions since the current message: none yet → the follow-up; the follow-up done → listen.
        done: list[str] = []
        for event in reversed(tracker.events):
            if event is current:
                break
            if isinstance(event, ActionExecuted) and event.action_name:
                done.insert(0, event.action_name)
        if not done:
            return follow_up
        return ACTION_LISTEN_NAME if done == [follow_up] else None
