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
from collections.abc import Callable
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


class _CentresShownFollowUp(FollowUpPolicy):
    """A short question about the centres just shown: `ANSWER` when the classifier read it as one
    of `READINGS`, it names no place and `asks` what the answer tells."""

    READINGS: frozenset[str] = frozenset()

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 6): the rule of the intent read alone must not win. Below
        # the fact follow-up (8) and the crisis follow-up (9). The two below never ask the same thing.
        return {"priority": 7}

    @staticmethod
    def asks(said: str) -> bool:
        raise NotImplementedError

    @classmethod
    def follows_up(cls, tracker: DialogueStateTracker, previous: UserUttered, current: UserUttered) -> bool:
        return _asks_about_the_centres_shown(tracker, current, cls.READINGS, cls.asks)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CentreDepartmentPolicy(_CentresShownFollowUp):
    ANSWER = TELL_DEPARTMENT
    READINGS = FOLLOW_UP_READINGS

    @staticmethod
    def asks(said: str) -> bool:
        return ASKS_DEPARTMENT.search(said) is not None


def _asks_about_the_centres_shown(
    tracker: DialogueStateTracker, current: UserUttered, readings: frozenset[str], asks: Callable[[str], bool]
) -> bool:
    """A short message read as one of `readings`, naming no place, that `asks` what the follow-up
    tells, right after centres were shown, and no other question."""
    text = current.text or ""
    said = normalize(text)
    return (
        not text.startswith("/")
        and current.intent_name in readings
        and not any(e.get("entity") in ("place", "safety_sign") for e in current.entities or [])
        and asks(said)
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


OPENING_READINGS = FOLLOW_UP_READINGS | {"programme_info"}
# « depuis quand ? », « il a ouvert quand ? », « c'est ouvert depuis quand ? », « la date d'ouverture ? »;
# not « c'est ouvert quand ? », « il ouvre quand ? » (the hours).
ASKS_SINCE_WHEN = re.compile(
    r"^(ok |merci |et |alors )*(celui ci |celui la |le premier |le deuxieme )?"
    r"(depuis (quand|qd)|(il |elle |ca |le centre |celui ci |ils )?(a|ont) ouvert (quand|qd)"
    r"|(c est |il est |elle est )?ouvert depuis (quand|qd)"
    r"|(quand|qd) (a t il|a t elle|est ce qu il a|il a|ca a|l a) ouvert"
    r"|(sa |la )?date d ouverture|(il|ca) date de quand)\b"
)
# What may follow it: the centre meant (« depuis quand il est ouvert, le premier ? »), nothing else
# (« depuis quand le programme existe ? » is another question).
_SINCE_WHEN_REST = frozenset(
    {
        "il",
        "elle",
        "est",
        "ouvert",
        "ouverte",
        "le",
        "la",
        "l",
        "ce",
        "celui",
        "celle",
        "ci",
        "centre",
        "cabinet",
        "premier",
        "deuxieme",
        "second",
        "troisieme",
        "dernier",
        "1er",
        "2e",
        "3e",
        "donc",
        "alors",
        "svp",
        "du",
        "de",
        "d",
        "stp",
    }
)
_HOURS = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|week ?end|matin|soir|heures?|horaires?)\b")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CentreSinceWhenPolicy(_CentresShownFollowUp):
    """« depuis quand ? » after a centre or a list of centres: that centre's status and opening
    date (`action_centre_status` reads the centre meant from the slot). Alone, the classifier
    reads it as a question about the programme."""

    ANSWER = "action_centre_status"
    READINGS = OPENING_READINGS

    @staticmethod
    def asks(said: str) -> bool:
        return _asks_since_when(said) and _HOURS.search(said) is None


def _asks_since_when(said: str) -> bool:
    match = ASKS_SINCE_WHEN.search(said)
    return match is not None and set(said[match.end() :].split()) <= _SINCE_WHEN_REST
