"""Base of the policies that hold no trained state and say, from the conversation alone, which
action comes next (or abstain)."""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


class NextActionPolicy(Policy):
    """Subclasses say the next action (`next_action`), or None to abstain."""

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
        raise NotImplementedError


class FollowUpPolicy(NextActionPolicy):
    """A follow-up read with the message before it: `ANSWER` once, then listening."""

    ANSWER = ""

    @classmethod
    def next_action(cls, tracker: DialogueStateTracker) -> str | None:
        previous, current, done = last_turn(tracker)
        if previous is None or current is None:
            return None
        if done:
            return ACTION_LISTEN_NAME if done == [cls.ANSWER] else None
        return cls.ANSWER if cls.follows_up(tracker, previous, current) else None

    @staticmethod
    def follows_up(tracker: DialogueStateTracker, previous: UserUttered, current: UserUttered) -> bool:
        raise NotImplementedError


def last_turn(tracker: DialogueStateTracker) -> tuple[UserUttered | None, UserUttered | None, list[str]]:
    """The message before the latest (None across a new session), the latest, and the actions done
    since the latest. One walk back from the end, not the whole conversation on every prediction."""
    done: list[str] = []
    current: UserUttered | None = None
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):  # a new session: nothing before it is the context
            return None, current, done
        if isinstance(event, UserUttered):
            if current is not None:
                return event, current, done
            current = event
        elif current is None and isinstance(event, ActionExecuted) and event.action_name:
            done.insert(0, event.action_name)
    return None, current, done
