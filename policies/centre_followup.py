"""« c'est dans quel département ? » after a centre or a list of centres: that centre's department.

Alone, the message names no place, so the classifier reads it as a search without a place (« Dans
quelle commune êtes-vous ? ») or a question about the departments of the groupement. The NLU
cannot see the conversation, hence this policy: when the last answer showed centres and the
message asks which department or which part of the region, names no place and nothing else,
`action_centre_department` tells the department of the centre meant (« le premier », « celui de
Bordères », else the nearest of the list). Otherwise it abstains. No trained state.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.text import normalize
from policies.next_action import FollowUpPolicy

TELL_DEPARTMENT = "action_centre_department"
# What the classifier makes of such a question: a search without a place, a place, nothing, a fact
# or a centre's status. Never an emergency, suicidal thoughts, a job question…: they keep theirs.
FOLLOW_UP_READINGS = frozenset({"find_nearest_centre", "inform_place", "nlu_fallback", "ask_fact", "centre_status"})
ASKS_DEPARTMENT = re.compile(r"\b(quel|quelle|kel|kelle) (departement|dpt|dept|coin|secteur)\b")
# A question of its own: the posts, the most or fewest centres, figures, members, the numbers.
_NEW_QUESTION = re.compile(
    r"\b(postes?|recrut\w*|le plus|le moins|le mieux|combien|cb|membres?|groupement|116 ?117|3237)\b"
)
MAX_WORDS = 10


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CentreDepartmentPolicy(FollowUpPolicy):
    ANSWER = TELL_DEPARTMENT

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 6): the rule of the intent read alone must not win. Below
        # the fact follow-up (8) and the crisis follow-up (9).
        return {"priority": 7}

    @staticmethod
    def follows_up(tracker: DialogueStateTracker, previous: UserUttered, current: UserUttered) -> bool:
        text = current.text or ""
        said = normalize(text)
        return (
            not text.startswith("/")
            and current.intent_name in FOLLOW_UP_READINGS
            and not any(e.get("entity") in ("place", "safety_sign") for e in current.entities or [])
            and ASKS_DEPARTMENT.search(said) is not None
            and _NEW_QUESTION.search(said) is None
            and len(said.split()) <= MAX_WORDS
            and _centres_just_shown(tracker)
        )


def _centres_just_shown(tracker: DialogueStateTracker) -> bool:
    """Whether the answer to the message before the latest showed centres: it set the slot
    centres_listed to them (actions/places.py sets it each time, even to the same list), and did
    not take the list back (« un autre » with none left)."""
    seen_latest = False
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, UserUttered):
            if seen_latest:
                return False
            seen_latest = True
        elif seen_latest and isinstance(event, SlotSet) and event.key == "centres_listed":
            return bool(event.value)  # the last value that answer set
    return False
