"""Health professions other than doctors, as people type them (« je suis sage-femme », « vous
recrutez des kinés ? »), and what the sources say of each. Plain Python: the NLU
(nlu_components/job_words.py) and the actions (actions/topics.py) both read it."""

from __future__ import annotations

import re

from knowledge.text import normalize

# Doctors' questions that a person of another profession may ask for themselves: the actions
# answer that profession there (actions/topics.py).
JOB_INTENTS = frozenset({"how_to_apply", "practice_benefits", "job_locations", "doctor_role"})

# key: (label said to the user, forms as typed and normalised, fact ids of knowledge/data/facts.yml
# that speak of that profession; none: the sources say nothing of it).
OTHER_PROFESSIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "midwife": (
        "sages-femmes",
        ("sage femme", "sages femmes", "maieuticien", "maieuticienne"),
        ("programme_mission_centres", "objective_recruit_200"),
    ),
    "nurse": (
        "infirmiers",
        ("infirmier", "infirmiere", "ipa", "infirmiere en pratique avancee", "infirmier en pratique avancee"),
        ("programme_mission_centres", "objective_recruit_200"),
    ),
    "secretary": (
        "secrétaires médicaux",
        ("secretaire medicale", "secretaire medical", "secretaire"),
        ("secretaries_recruited",),
    ),
    "physiotherapist": ("kinésithérapeutes", ("kine", "kinesitherapeute", "kinesie", "physiotherapeute"), ()),
    "dentist": ("dentistes", ("dentiste", "chirurgien dentiste"), ()),
    "pharmacist": ("pharmaciens", ("pharmacien", "pharmacienne"), ()),
    "psychologist": ("psychologues", ("psychologue", "psy"), ()),
    "care_assistant": ("aides-soignants", ("aide soignant", "aide soignante"), ()),
    "speech_therapist": ("orthophonistes", ("orthophoniste",), ()),
    "occupational_therapist": ("ergothérapeutes", ("ergotherapeute", "ergo"), ()),
    "podiatrist": ("podologues", ("podologue", "pedicure podologue"), ()),
    "dietitian": ("diététiciens", ("dieteticien", "dieteticienne"), ()),
    "osteopath": ("ostéopathes", ("osteopathe", "osteo"), ()),
}

# The asker's own profession (« je suis sage-femme »), or the one a post is asked for (« vous
# recrutez des infirmières ? », « vous prenez des kinés ? »); not « je travaillerai avec une
# infirmière ? ».
_ONESELF = r"\b(je suis|jsuis|chui|suis|en tant que|je travaille comme|je bosse comme|moi)( une?| la| le)? "
# Or the profession first, with a word of a post (« podologue, vous recrutez ? », « les
# pharmaciens peuvent-ils travailler chez vous ? »; not « l'infirmière, elle travaille le samedi ? »).
_FIRST = r"^((bonjour|bjr|slt|salut) )?(est ce que )?((les|des|une?) )?"
_POST_WORDS = re.compile(r"\b(recrut\w*|embauch\w*|employ\w*|postes?|emplois?|travailler|postuler|candidat\w*)\b")


def asks_for_a_post(said: str) -> bool:
    """A word of a post in normalised text (not « je travaille à Foix »)."""
    return _POST_WORDS.search(said) is not None


_POSTS_FOR = r"\b(recrut\w*|embauch\w*|employ\w*|postes?|emplois?|cherchez)\b( \w+){0,4} |\bprene?z (des|les) "
# In a doctor's question only (actions/topics.py): « vous avez besoin d'infirmières ? ». From a
# patient, « j'ai besoin d'un psy » is a need for care.
_NEEDED_FOR = r"\b(besoin)\b( \w+){0,4} "


def profession_named(text: str, for_a_post: bool = False) -> str | None:
    """The health profession other than doctor that a message asks about for itself (`for_a_post`:
    only when a post is asked for it, « vous recrutez des kinés ? »)."""
    said = normalize(text)
    if "secretaire de mairie" in said:
        return None
    asker = _POSTS_FOR if for_a_post else f"{_ONESELF}|{_POSTS_FOR}|{_NEEDED_FOR}"
    if not for_a_post and asks_for_a_post(said):
        asker = f"{asker}|{_FIRST}"
    for key, (_, forms, _) in OTHER_PROFESSIONS.items():
        for form in forms:
            if re.search(f"({asker}){form}s?\\b", said):
                return key
    return None
