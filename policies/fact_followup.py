"""A short follow-up to a question about the sources is read with that question.

« et les départements ? » after « quelles communes sont membres du groupement ? », « ça dure
combien de temps ? » after « c'est quoi le PTMG ? », « et de secrétaires ? » after « combien de
médecins recrutés ? »: alone, the classifier reads them as a search for a centre, a topic or
nothing. The NLU cannot see the conversation, hence this policy: when the previous message asked
about a topic or a fact, and this one is short, elliptic (« et … ? », « ça … ? ») and names no
place, a fact ranked with the previous question's words (knowledge: fact_in_context) is told by
`action_answer_fact_in_context`. Otherwise it abstains. No trained state.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.facts import seeks_care
from knowledge.text import normalize
from nlu_components.fact_question import TOPICS
from nlu_components.knowledge_base import knowledge_base
from policies.next_action import FollowUpPolicy

ANSWER_IN_CONTEXT = "action_answer_fact_in_context"
# Questions about the sources: their answer is a topic or a fact, which the follow-up goes on from.
ABOUT_THE_SOURCES = TOPICS | {"ask_fact", "job_locations"}
# What the classifier makes of a follow-up it cannot place: a topic, a search for a centre without
# a place, or nothing. A patient's intents (practical information, a centre's services) and small
# talk keep their answer, and so do thanks, goodbyes, emergencies, places, « trop loin »…
FOLLOW_UP_READINGS = (ABOUT_THE_SOURCES - {"centre_services", "regular_doctor"}) | {
    "nlu_fallback",
    "find_nearest_centre",
    "inform_place",
    "more_centres",  # « il y a une bourse ? » after the CESP (set n, 2026-12-01), but not below
}
# « il y a … ? » asks for a fact only when it asks for no care: « il y a d'autres centres ? », « ya un
# médecin pas loin ? » stay a search, whatever came before.
_THERE_IS_WORDS = r"il y a|y a t il|ya t il|ya|y a|est ce qu il y a"
_THERE_IS = re.compile(rf"^({_THERE_IS_WORDS})\b")
_CARE_SOUGHT = re.compile(
    r"\b(autres?|encore|suivants?|centres?|medecins?|docteurs?|toubib|generalistes?|plus loin|plus pres|"
    r"plus proches?|pas loin|pres|proche)\b"
)
# Entities that carry their own answer: a place, a benefit (« et le salaire ? »), a scheme.
OWN_ENTITIES = frozenset({"place", "benefit", "scheme", "safety_sign"})
# Elliptic: it begins like a follow-up (« et les départements ? », « ça dure combien de temps ? »,
# « il y a une bourse ? »),
# and is short; not a whole question (« c'est quoi le PTMG ? », « combien de centres ? »).
_ELLIPTIC = re.compile(rf"^(et|ca|cela|ce sont|{_THERE_IS_WORDS})\b")
MAX_WORDS = 6


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FactFollowUpPolicy(FollowUpPolicy):
    ANSWER = ANSWER_IN_CONTEXT

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 6): the rule of the intent read alone must not win. Above
        # the centre follow-up (7), below the crisis follow-up (9).
        return {"priority": 8}

    @staticmethod
    def follows_up(tracker: DialogueStateTracker, previous: UserUttered, current: UserUttered) -> bool:
        return follow_up_fact(current, previous) is not None


def follow_up_fact(current: UserUttered, previous: UserUttered) -> Any:
    """The fact `current` asks for, read with `previous` (a knowledge.FactMatch), or None."""
    text = current.text or ""
    said = normalize(text)
    if (
        text.startswith("/")
        or seeks_care(text)  # « et pour prendre rendez-vous ? »
        or previous.intent_name not in ABOUT_THE_SOURCES
        or current.intent_name not in FOLLOW_UP_READINGS
        or (_THERE_IS.search(said) is not None and _CARE_SOUGHT.search(said) is not None)
        or any(e.get("entity") in OWN_ENTITIES for e in current.entities or [])
        or not _ELLIPTIC.search(said)
        or len(said.split()) > MAX_WORDS
    ):
        return None
    told = [str(e.get("value")) for e in previous.entities or [] if e.get("entity") == "fact"]
    return knowledge_base().fact_in_context(text, previous.text or "", told)
