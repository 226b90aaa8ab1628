"""Reviewed French signs of an emergency, of suicidal thoughts or of a request for medical
advice (a drug, a dose), and a typo-tolerant matcher.

Each sign is a sequence of word groups that must appear in this order, each within
`MAX_GAP` words of the previous one ("douleur … poitrine"). A word group lists accepted
words, written without accents; a trailing "*" accepts any ending ("respir*": respire,
respirer, respiration). Words of 5 letters or more also match with one letter wrong, so
"poitrne" or "respirre" are still caught — except words marked "!", whose one-letter
neighbours are ordinary words ("pendre!": rendre, prendre; "mutile!": utile). Nothing here depends on Rasa: it is plain Python,
tested on its own (tests/test_safety_net.py).

Keep the lists short and certain: a false alarm costs a "call 15" message, a miss costs more.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

MAX_GAP = 4  # words allowed between two groups of a sign

# kind -> list of signs; a sign is a tuple of word groups (alternatives separated by "|").
SIGNS: dict[str, list[tuple[str, ...]]] = {
    "emergency": [
        # chest pain
        ("douleur*|mal|serre|oppression|ecrase|brule", "poitrine|thorax|thoracique|sternum"),
        ("crise|arret", "cardiaque"),
        ("mal|douleur*", "bras gauche|machoire"),
        ("infarctus|infarct",),
        # breathing
        ("respir*", "plus|pas|mal|difficilement"),
        ("etouffe*!|suffoque*|asphyxie",),
        ("arrive|peut", "plus|pas", "respir*"),
        # consciousness
        ("inconscient*|evanoui*!|comateux|coma",),
        ("perdu|perte|perd", "connaissance"),
        ("reagit|reveille", "plus|pas"),
        ("bouge", "plus"),
        # a person who stops answering; not "le centre ne répond pas"
        ("il|elle|mari!|femme!|pere|mere|fils|fille!|bebe|enfant!|papa|maman!", "repond plus|reagit plus"),
        ("effondre*|effondrer",),
        ("par terre", "plus|pas"),
        ("malaise!|malaize",),
        # stroke
        ("avc|attaque cerebrale",),
        ("bouche|visage|levre", "travers|paralyse*|tombe|deforme*"),
        ("bras|jambe|cote|visage", "paralyse*|inerte|engourdi|mou|molle"),
        ("peut|arrive", "plus|pas", "lever|bouger", "bras|jambe"),
        ("parole|parle", "bizarre*|pateuse|incomprehensible|brouillee"),
        ("peut|arrive", "plus|pas", "parler|articuler"),
        # bleeding
        ("saigne*|sang", "beaucoup|abondamment|arrete pas|enormement|partout"),
        ("saigne*", "tete"),
        ("hemorragie",),
        # poisoning, overdose
        # not "pris des médicaments": people take their medicine every day
        ("avale|ingere", "medicament*|comprimes|cachets|pilules|boite|plaquette"),
        ("avale|ingere|bu", "javel|produit|poison|champignon*|detergent"),
        ("pris|avale|ingere|bu", "trop", "medicament*|comprimes|cachets|pilules|alcool"),
        ("reaction allergique|choc anaphylactique|oedeme",),
        ("gonfle*", "gorge|visage|langue|levres"),
        ("gorge|visage|langue|levres", "gonfle*"),
        ("intoxication|intoxique*|empoisonne*!|overdose!|surdose!",),
        # other acute signs
        ("convulsion*|convulse",),
        ("crise", "epilepsie|convulsions"),
        ("brule*", "grave*!|gravement!"),
        ("accident", "grave|voiture|route"),
        ("tombe*|chute", "toit|echelle|hauteur|balcon|fenetre"),
        ("sent plus", "jambes|bras|corps"),
        ("au secours",),
        ("aide*", "vite"),
        ("vite", "medecin|ambulance|secours"),
        ("c est", "grave!|graves!"),
        ("samu|pompiers!",),
    ],
    "suicidal_thoughts": [
        ("suicide*|suicider|suicidaire*",),
        ("me|se|te", "tuer|pendre!|foutre en l air"),
        # not "en finir" alone: "pour en finir avec les déserts médicaux"
        ("veux|vais|veut|envie|voudrais|besoin", "en finir"),
        ("mettre|mis", "fin", "jours!|vie"),
        ("envie|veux|veut|voudrais", "mourir!|mourrir|disparaitre|plus vivre!"),
        ("plus", "envie", "vivre!"),
        ("raison!|raisons!", "vivre!"),
        ("a quoi bon", "vivre!|continuer"),
        ("en peux plus", "vie|vivre!"),
        ("pense*!", "disparaitre|mourir!|mourrir|suicide*"),
        ("ne pas me reveiller|ne plus me reveiller|plus jamais me reveiller",),
        # self-harm
        ("scarifie*|scarification*|automutil*|mutile!",),
        ("me fais du mal|me faire du mal",),
        ("tous|toute|toutes", "cachets|comprimes|medicaments|pilules|boite", "avaler"),
    ],
    # Not an alarm: a request for a drug or a dose gets "no medical advice, see a doctor"
    # whatever the classifier thought. Diagnoses are left to the classifier ("diagnostic"
    # has other meanings for doctors).
    "medical_advice": [
        ("posologie|dosage",),
        ("quelle|combien|quel", "dose|doses|mg|milligrammes|comprimes|cachets|gelules|gouttes"),
        ("quel|quels|quelle|quelles", "medicament*|antibiotique*|sirop|pommade|antidouleur*"),
        # "que prendre pour la toux" — not "afin que je puisse prendre rendez-vous pour…"
        ("que prendre|quoi prendre|que donner|quoi donner|que je peux prendre|que je peux donner|que je dois prendre"
         "|qu on peut donner|qu on peut prendre", "pour|contre!"),
        ("peux|puis|peut|dois|doit|faut", "prendre|donner", "doliprane|paracetamol|ibuprofene|advil|aspirine|antibiotique*|medicament*|dafalgan|efferalgan|spasfon|smecta"),
    ],
}

# Words that are an alarm only when they make (almost) the whole message: "urgence !!!",
# "c urgent svp" — but not "c'est urgent pour un renouvellement d'ordonnance".
SHORT_MESSAGE_WORDS = {"urgence", "urgent", "urgente", "urgences", "secours", "help", "sos"}
SHORT_MESSAGE_LENGTH = 3

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).split()


@dataclass(frozen=True)
class _Alternative:
    words: tuple[str, ...]  # one or more words in a row ("arrete pas")
    prefix: bool  # "respir*"
    exact: bool = False  # "pendre!": no typo tolerance (it would also match "rendre")

    def length_at(self, tokens: list[str], start: int) -> int:
        """How many tokens this alternative covers at `start` (0: no match)."""
        if start + len(self.words) > len(tokens):
            return 0
        for offset, word in enumerate(self.words):
            token = tokens[start + offset]
            last = offset == len(self.words) - 1
            if not _same_word(token, word, self.prefix and last, self.exact):
                return 0
        return len(self.words)


def _same_word(token: str, word: str, prefix: bool, exact: bool = False) -> bool:
    if token == word or (prefix and token.startswith(word)):
        return True
    if len(word) >= 5 and not exact:
        if prefix:  # one letter off in the stem, whatever the ending: "inconsiente"
            return any(Levenshtein.distance(token[:n], word) <= 1 for n in (len(word) - 1, len(word), len(word) + 1))
        return Levenshtein.distance(token, word) <= 1
    return False


def _compile(group: str) -> tuple[_Alternative, ...]:
    alternatives = []
    for option in group.split("|"):
        exact = option.endswith("!")
        option = option.rstrip("!")
        prefix = option.endswith("*")
        alternatives.append(_Alternative(tuple(option.rstrip("*").split()), prefix, exact))
    return tuple(alternatives)


_COMPILED = {kind: [tuple(_compile(g) for g in sign) for sign in signs] for kind, signs in SIGNS.items()}


def _matches(sign: tuple[tuple[_Alternative, ...], ...], tokens: list[str]) -> bool:
    def match_from(group_index: int, start: int, first: bool) -> bool:
        if group_index == len(sign):
            return True
        last_start = len(tokens) - 1 if first else min(len(tokens) - 1, start + MAX_GAP)
        for position in range(start, last_start + 1):
            for alternative in sign[group_index]:
                covered = alternative.length_at(tokens, position)
                if covered and match_from(group_index + 1, position + covered, False):
                    return True
        return False

    return match_from(0, 0, True)


ALARMS = ("suicidal_thoughts", "emergency")


def detect(text: str) -> str | None:
    """'suicidal_thoughts', 'emergency', 'medical_advice' or None, in that order of priority."""
    tokens = normalize_words(text)[:2000]  # a 5,000-character message stays fast
    for kind in ALARMS:
        if any(_matches(sign, tokens) for sign in _COMPILED[kind]):
            return kind
    if 0 < len(tokens) <= SHORT_MESSAGE_LENGTH and SHORT_MESSAGE_WORDS & set(tokens):
        return "emergency"
    if any(_matches(sign, tokens) for sign in _COMPILED["medical_advice"]):
        return "medical_advice"
    return None
