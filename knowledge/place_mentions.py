"""Where a message names a place: every French commune name, former commune, department and
postal code of the gazetteer, found in free text with character offsets.

One Aho-Corasick automaton (pyahocorasick) holds every normalised name of the PlaceIndex; the
message is normalised word by word (knowledge/text.py) so that "ST GIRONS", "saint-girons" and
"St Girons" are the same words, and a match must start and end on word boundaries.

- The longest match wins ("Cazaux-Debat" over "Cazaux", "Villeneuve-sur-Lot" over "Villeneuve").
- A name that is also an ordinary French word (data/place_words.yml, with the reason for each),
  a French function word, or a name of one or two letters counts only in a place position:
  after "à", "vers", "près de", "j'habite"…, as the whole message, or at its start before
  "centre" or a comma; or written with a capital inside a sentence.
- A department right after a commune stays with it ("Prades (Ariège)", "Mirepoix Gers").
- Typos only in a place position, and only where no name matched exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import ahocorasick
import yaml

from knowledge.places import PlaceIndex
from knowledge.settings import DATA_DIR, FRENCH_WORDS_FILE
from knowledge.text import normalize, without_article

PLACE_WORDS_FILE = DATA_DIR / "place_words.yml"

_WORD = re.compile(r"[^\W_]+")
_POSTAL_CODE = re.compile(r"\d{5}")
_DEPARTMENT_CODE = re.compile(r"\d{2}|2[ab]")
_DE = {"de", "du", "d", "des"}
# Weak names (ordinary words) need a clearer sign: « sur place », « en ligne », « dans le bras »
# are not places.
_BEFORE_WEAK_NAME = {"vers", "habite", "habitons", "habitez", "habitent"}
# Weak names that make a phrase with « à » rather than a place: « à titre individuel ».
_LOCUTIONS_AFTER_A = {"titre"}  # Titre, Somme
_BEFORE_DE_WEAK_NAME = {
    "pres",
    "proche",
    "proches",
    "loin",
    "commune",
    "ville",
    "village",
    "autour",
    "environs",
    "alentours",
}
# Typos are looked for after fewer words: "centre de santé" must not become a commune.
_BEFORE_DE_FOR_TYPOS = {"pres", "proche", "proches", "loin", "cote", "autour", "environs", "alentours", "originaire"}
# Words of our visitors' questions: never a place, nor a typo of one ("centres" is Centrès).
_NEVER_TYPOS = {
    "sante",
    "garde",
    "medecin",
    "medecins",
    "pharmacie",
    "hopital",
    "urgence",
    "urgences",
    "centre",
    "centres",
    "maison",
    "maisons",
    "stage",
    "stages",
    "poste",
    "postes",
}
# Words that may follow a place at the start of a message: "Minerve centre de santé", "Foix ?".
_AFTER_LEADING_PLACE = {"centre", "centres", "cs", "msp", "maison"}
_ARTICLES = {"le", "la", "les", "l"}
# What a message looks for when a place opens it, set apart by a comma (« Mimizan, vous avez des centres ? »).
_SEARCHED = {"centre", "centres", "medecin", "medecins", "docteur", "docteurs", "generaliste", "generalistes"}
# What comes between a place and a landmark (« Vivès près de Céret », « Mauguio à côté de Montpellier »).
LANDMARK_WORDS = (("pres",), ("proche",), ("a", "cote"), ("pas", "loin"), ("non", "loin"))
_JOINS = {"-", "'", "’"}
_ELISIONS = {"d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu"}
# Function words that are part of names ("Saint-Jean-de-Verges", "Ferrals-les-Corbières").
_NAME_GLUE = {"de", "du", "des", "d", "la", "le", "les", "l", "sur", "sous", "en", "et", "aux", "lez", "au", "y"}
# Names made only of these never count alone ("Le Saint", Morbihan, is not "St" of "St Girons").
_NOT_ALONE = {"saint", "sainte", "saints", "saintes"}
_QUALIFIER_GLUE = {"dans", "en", "l", "le", "la", "les", "departement"}
MAX_TYPO_WORDS = 4
MIN_TYPO_LENGTH = 4


@dataclass(frozen=True)
class PlaceMention:
    """A span of the message that names a place."""

    start: int  # character offsets in the original text
    end: int
    text: str  # the span as written
    matched_by: str  # name, department, postal_code, typo, compound


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    raw: str
    norm: str  # normalised; may hold two words ("œ" → "oe" stays one; "st" → "saint")
    joined: bool = False  # tied to the word before by a hyphen or an apostrophe ("Saint-Jean")
    spaced: bool = False  # separated from the word before by spaces only


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for match in _WORD.finditer(text):
        norm = normalize(match.group())
        if not norm:
            continue
        between = text[words[-1].end : match.start()] if words else None
        joined = between is not None and between.strip() in _JOINS and len(between.strip()) == len(between)
        spaced = between is not None and between != "" and between.isspace()
        words.append(_Word(match.start(), match.end(), match.group(), norm, joined, spaced))
    return words


class PlaceFinder:
    def __init__(
        self, index: PlaceIndex, ordinary_words: frozenset[str], french_words: frozenset[str] = frozenset()
    ) -> None:
        self.index = index
        self.ordinary_words = ordinary_words  # commune names that are ordinary words
        self.french_words = french_words  # never read as a typo of a name ("à domicile")

    @classmethod
    def build(
        cls, index: PlaceIndex, words_file: Path = PLACE_WORDS_FILE, french_file: Path = FRENCH_WORDS_FILE
    ) -> PlaceFinder:
        french = frozenset(french_file.read_text(encoding="utf-8").split()) if french_file.is_file() else frozenset()
        return cls(index, read_place_words(words_file), french)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for key in self.index.by_key:
            automaton.add_word(key, (key, "name"))
        for key in self.index.departments_by_key:
            if key not in self.index.by_key:
                automaton.add_word(key, (key, "department"))
        automaton.make_automaton()
        return automaton

    # -- public -------------------------------------------------------------------------

    def find(self, text: str) -> list[PlaceMention]:
        words = _words(text)
        if not words:
            return []
        spans = self._exact_spans(words)
        spans += self._compounds(words, spans)
        chosen: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        # Longest first (in words, then in letters), then leftmost.
        for first, last, kind in sorted(spans, key=lambda s: (-(s[1] - s[0]), -self._letters(words, s), s[0])):
            if taken.isdisjoint(range(first, last + 1)) and self._counts(words, first, last, kind):
                chosen.append((first, last, kind))
                taken.update(range(first, last + 1))
        longer = {self._longer_by_typo(words, span, taken, chosen) for span in chosen}
        # A name taken in by a longer one ("Goulet" in "Mont Loère et Goulet") is not a mention.
        chosen = sorted(s for s in longer if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in longer))
        spans = self._with_qualifiers(words, chosen) + self._typos(words, taken)
        return [
            PlaceMention(
                words[first].start,
                words[last].end,
                text[words[first].start : words[last].end],
                kind,
            )
            for first, last, kind in sorted(spans)
        ]

    def weak_name_counts(self, text: str, start: int, end: int) -> bool:
        """Whether the span of `text` from `start` to `end`, a weak name (below), is where a place
        is expected; used for DIET's spans."""
        words = _words(text)
        inside = [position for position, word in enumerate(words) if word.end > start and word.start < end]
        return bool(inside) and self._weak_counts(words, inside[0], inside[-1], "name")

    def is_weak_name(self, name: str, kind: str = "name") -> bool:
        """A one-word name that counts only where a place is expected: an ordinary word of
        Occitanie (data/place_words.yml), a function word, one or two letters, and any name found
        only outside Occitanie ("sens" is Sens, Yonne; "bras" is Bras, Var): a person seldom names
        a place elsewhere without « à » or « près de »."""
        key = normalize(name)
        core = without_article(key)
        if " " in core:
            return False
        if self._ordinary(core):
            return True
        if kind == "department":
            department = self.index.departments_by_key.get(key) or self.index.departments_by_key.get(core)
            return department is None or not department.in_occitanie or core in self.french_words
        entries = self.index.by_key.get(key) or self.index.by_key.get(core) or []
        return not any(entry.commune.in_occitanie for entry in entries)

    def is_french(self, text: str, also: frozenset[str] = frozenset()) -> bool:
        """Every word of `text` is a French word ("grand-mère", "côté"), or one of `also`: not a
        place name."""
        return all(word in self.french_words or word in also for word in normalize(text).split())

    def _ordinary(self, core: str) -> bool:
        return core in self.ordinary_words or core in self.index.stop_words or len(core) <= 2 or core.isdigit()

    # -- steps --------------------------------------------------------------------------

    def _exact_spans(self, words: list[_Word]) -> list[tuple[int, int, str]]:
        haystack = ""
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        for position, word in enumerate(words):
            if haystack:
                haystack += " "
            starts[len(haystack)] = position
            haystack += word.norm
            ends[len(haystack)] = position
        spans = [
            (starts[end + 1 - len(key)], ends[end + 1], kind)
            for end, (key, kind) in self.automaton.iter(haystack)
            if end + 1 - len(key) in starts and end + 1 in ends
        ]
        spans += [(p, p, "postal_code") for p, w in enumerate(words) if _POSTAL_CODE.fullmatch(w.norm)]
        # "dans le 82": a department code, counted only after « dans (le) » or « en » (below).
        spans += [(p, p, "department") for p, w in enumerate(words) if _DEPARTMENT_CODE.fullmatch(w.norm)]
        return spans

    def _compounds(self, words: list[_Word], exact: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Hyphenated words that are no name as a whole: a typo of a longer name
        ("Aigueq-Vives", "Mauvezin-de-Saonte-Croix"), else, if a name is inside, the whole of it,
        so that the assistant never answers for the part ("Carla-fe-Roquefort" is not Roquefort)."""
        spans: list[tuple[int, int, str]] = []
        group_start = 0
        for position in range(1, len(words) + 1):
            if position < len(words) and words[position].joined:
                continue
            first, last = group_start, position - 1
            group_start = position
            while first < last and words[first].norm in _ELISIONS:
                first += 1  # "d'Aspet", "qu'Aspet": the elided word is not part of the name
            if last == first or (first, last, "name") in exact:
                continue
            group = words[first : last + 1]
            unknown = [w for w in group if len(w.norm) >= 2 and w.norm not in self.french_words]
            unknown = [w for w in unknown if w.norm not in self.index.stop_words]
            name_inside = any(
                first <= a and b <= last and not self.is_weak_name(" ".join(w.norm for w in words[a : b + 1]))
                for a, b, kind in exact
                if kind == "name"
            )  # "Carla-fe-Roquefort"; not "grand-mère" (Méré, Yvelines, is only a name elsewhere)
            any_name_inside = any(
                first <= a and b <= last and len(" ".join(w.norm for w in words[a : b + 1])) >= 3
                for a, b, kind in exact
                if kind == "name"
            )
            if not (unknown or any_name_inside) or any(w.norm in _NEVER_TYPOS for w in group):
                continue  # "peut-être", "a-t-il"
            key = " ".join(w.norm for w in group)
            if self.index.typo_matches(key):
                spans.append((first, last, "typo"))
            elif name_inside:
                spans.append((first, last, "compound"))
        return spans

    def _counts(self, words: list[_Word], first: int, last: int, kind: str) -> bool:
        if kind in ("postal_code", "typo", "compound"):
            return True
        name = " ".join(w.norm for w in words[first : last + 1])
        core = without_article(name)
        if set(core.split()) <= _NOT_ALONE or core in _NEVER_TYPOS:
            return False
        if not self.is_weak_name(name, kind):
            return True
        if core in self.index.stop_words or (kind == "department" and core.isdigit()):
            # "Aucun" (Hautes-Pyrénées) alone, "près de Celles"; "dans le 82", not "à 45 minutes".
            alone = first == 0 and last == len(words) - 1
            before = [w.norm for w in words[max(0, first - 2) : first]]
            if kind != "name":
                return bool({"dans", "en"} & set(before))
            return alone or (self._capitalised_inside(words, first) and self._weak_counts(words, first, last, kind))
        return self._weak_counts(words, first, last, kind)

    def _weak_counts(self, words: list[_Word], first: int, last: int, kind: str) -> bool:
        """A weak name counts after « à », « vers », « j'habite », « près de »…, alone, at the start
        before « centre », or written with a capital inside a sentence; never before « de »
        (« à côté de », « sur place de »)."""
        rest = words[last + 1 :]
        if rest and rest[0].norm in _DE and kind == "name" and first == last:
            return False  # « à côté de »; but « La Bastide de… » may be a longer name (a typo)
        if self._capitalised_inside(words, first):
            return True
        start = first
        while start > 0 and words[start - 1].norm in _ARTICLES:
            start -= 1
        if start == 0:
            core = without_article(" ".join(w.norm for w in words[first : last + 1]))
            return not rest or (
                len(core) > 2
                and (
                    len(words) <= 3
                    or rest[0].norm in _AFTER_LEADING_PLACE | _QUALIFIER_GLUE
                    or self._before_a_landmark(core, words[first : last + 1], rest)
                    or self._set_apart_before_a_search(core, words[first : last + 1], rest)
                )
            )
        before = words[start - 1]
        if before.norm in ("a", "au") and first == last and words[first].norm in _LOCUTIONS_AFTER_A:
            return False
        if before.raw.lower() == "à" or before.norm in _BEFORE_WEAK_NAME:
            return True
        if before.norm == "a":  # "a" for "à", if the name has its capital ("a Minerve", not "a bu")
            return words[first].raw[:1].isupper()
        if kind == "department" and before.norm in ("dans", "en"):
            return True
        return before.norm in _DE and start > 1 and words[start - 2].norm in _BEFORE_DE_WEAK_NAME

    def _before_a_landmark(self, core: str, name: list[_Word], rest: list[_Word]) -> bool:
        """« Vivès près de Céret »: a leading name of an Occitanie commune, then « près de », « à côté
        de »… and a name with its capital. Not a function word (« Aucun près de chez moi »), nor a
        word of the language typed as such (« Ville proche de Toulouse ? », « Place près de… »):
        only a name typed with an accent the word has not, or no word of the language."""
        entries = self.index.by_key.get(core) or []
        if self._a_word_as_such(core, name) or not any(entry.commune.in_occitanie for entry in entries):
            return False
        said = [w.norm for w in rest[:4]]
        for landmark in LANDMARK_WORDS:
            n = len(landmark)
            if said[:n] == list(landmark) and len(rest) > n + 1 and rest[n].norm in _DE:
                return rest[n + 1].raw[:1].isupper()
        return False

    def _set_apart_before_a_search(self, core: str, name: list[_Word], rest: list[_Word]) -> bool:
        """« Mimizan, vous avez des centres dans les Landes ? »: a leading name with its capital, set
        apart by a comma, in a message that looks for a centre or a doctor. Not a function word nor
        a word of the language typed as such (« Place, vous avez un centre ? »)."""
        if self._a_word_as_such(core, name) or not name[0].raw[:1].isupper() or not rest or rest[0].spaced:
            return False
        return any(w.norm in _SEARCHED for w in rest)

    def _a_word_as_such(self, core: str, name: list[_Word]) -> bool:
        """A function word (« Aucun »), or a word of the language typed without an accent its
        commune's name has not (« Ville », « Place »; not « Vivès »)."""
        typed = " ".join(w.raw for w in name)
        return core in self.index.stop_words or (core in self.french_words and typed.isascii())

    def _typo_position(self, words: list[_Word], first: int) -> bool:
        """After « à », « vers », « j'habite », « près de »…, or a short message: not after « dans
        le », « en », « sur » (« dans le bras », « en salariat »)."""
        before = words[first - 1].norm if first > 0 else None
        if before is None:
            return len(words) <= MAX_TYPO_WORDS
        if before in _DE:
            return first > 1 and words[first - 2].norm in _BEFORE_DE_FOR_TYPOS
        return before in {"a", *_BEFORE_WEAK_NAME}

    @staticmethod
    def _capitalised_inside(words: list[_Word], first: int) -> bool:
        raw = words[first].raw
        return first > 0 and raw[:1].isupper() and not raw.isupper()

    @staticmethod
    def _letters(words: list[_Word], span: tuple[int, int, str]) -> int:
        return sum(len(w.norm) for w in words[span[0] : span[1] + 1])

    def _with_qualifiers(self, words: list[_Word], chosen: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """ "Prades 09": a department code right after a name stays with it (a department named
        after it, "Prades dans l'Ariège", is a mention of its own, as people annotate it)."""
        mentions: list[tuple[int, int, str]] = []
        taken = {position for first, last, _ in chosen for position in range(first, last + 1)}
        for first, last, kind in chosen:
            following = words[last + 1] if last + 1 < len(words) else None
            if (
                kind == "name"
                and following is not None
                and last + 1 not in taken
                and following.norm.upper() in self.index.departments
            ):
                last += 1
            mentions.append((first, last, kind))
        return mentions

    def _longer_by_typo(
        self, words: list[_Word], span: tuple[int, int, str], taken: set[int], chosen: list[tuple[int, int, str]]
    ) -> tuple[int, int, str]:
        """ "Saint-Jean-de-Vergse" is a typo of Saint-Jean-de-Verges, not Saint-Jean: a name
        followed by words that make, together, a longer name one or two letters off. The words
        taken in may hold another whole name ("Mont Loère et Goulet" is not Mont, nor Goulet)."""
        first, last, kind = span
        if kind != "name":
            return span
        if first > 0 and words[first - 1].norm in _ARTICLES and first - 1 not in taken and words[first].spaced:
            # "Les Torreilles" is a typo of Les Tourreilles, not Torreilles (66) with an article.
            key = " ".join(w.norm for w in words[first - 1 : last + 1])
            if key not in self.index.by_key and self.index.typo_matches(key):
                taken.add(first - 1)
                return (first - 1, last, "typo")
        for end in range(min(len(words), last + 1 + MAX_TYPO_WORDS) - 1, last, -1):
            added = range(last + 1, end + 1)
            if not _free_or_whole_names(added, taken, chosen) or any(words[p].norm in _NEVER_TYPOS for p in added):
                continue
            if not all(words[p].joined or words[p].spaced for p in added):
                continue  # never across a comma: "Lagarde, je" is not Lagardère
            if any(words[p].norm in self.index.stop_words and words[p].norm not in _NAME_GLUE for p in added):
                continue
            if words[end].norm in self.index.stop_words:
                continue  # a name does not end with « et », « de »: "Albi et" is not Albias
            if all(words[p].norm in self.french_words for p in added) and len(added) > 1:
                continue  # "Foix de la vallée": words, not a longer name
            key = " ".join(w.norm for w in words[first : end + 1])
            if self.index.typo_matches(key):
                taken.update(added)
                return (first, end, "typo")
        # "Florac rTois Rivières", "Mont Loère et Goulet": words before the name, with a typo
        # among them, that make with it a longer name (Florac Trois Rivières, not Rivières).
        for start in range(max(0, first - MAX_TYPO_WORDS), first):
            added = range(start, first)
            before = words[start:first]
            if not _free_or_whole_names(added, taken, chosen) or any(w.norm in _NEVER_TYPOS for w in before):
                continue
            if not all(words[p].joined or words[p].spaced for p in range(start + 1, first + 1)):
                continue
            if any(w.norm in self.index.stop_words and w.norm not in _NAME_GLUE for w in before):
                continue
            if words[start].norm in self.index.stop_words and words[start].norm not in _ARTICLES:
                continue
            if not any(len(w.norm) >= 3 and w.norm not in self.french_words for w in before):
                continue  # no sign of a typo: "centre de Rivières" stays Rivières
            key = " ".join(w.norm for w in words[start : last + 1])
            if key not in self.index.by_key and self.index.typo_matches(key):
                taken.update(added)
                return (start, last, "typo")
        return span

    def _typos(self, words: list[_Word], taken: set[int]) -> list[tuple[int, int, str]]:
        """A name one or two letters off, right after a place word, where nothing matched exactly."""
        mentions: list[tuple[int, int, str]] = []
        for first in range(len(words)):
            if first in taken or not self._typo_position(words, first):
                continue
            article = words[first].norm in _ARTICLES  # "Le Bsc", "La Pame": the article starts the name
            if (words[first].norm in self.index.stop_words and not article) or words[first].norm in _NEVER_TYPOS:
                continue
            for last in range(min(len(words), first + MAX_TYPO_WORDS) - 1, first + article - 1, -1):
                if not taken.isdisjoint(range(first, last + 1)):
                    continue
                key = " ".join(w.norm for w in words[first : last + 1])
                if len(key) < MIN_TYPO_LENGTH or self._ordinary(without_article(key)):
                    continue
                span = words[first : last + 1]
                if any(w.norm in _NEVER_TYPOS for w in span):
                    continue
                if not all(w.joined or w.spaced for w in span[1:]):
                    continue
                if any(w.norm in self.index.stop_words and w.norm not in _NAME_GLUE for w in span[1:]):
                    continue
                if all(w.norm in self.french_words for w in span) and span[0].norm not in _NOT_ALONE:
                    continue  # "à domicile", "à la retraite"; but "vers st giron" is looked for
                if self.index.typo_matches(key):
                    mentions.append((first, last, "typo"))
                    taken.update(range(first, last + 1))
                    break
        return mentions


def _free_or_whole_names(added: range, taken: set[int], chosen: list[tuple[int, int, str]]) -> bool:
    """Whether the words of `added` are free, or whole names found on their own (not part of a
    name that reaches outside `added`, nor of a longer name already read)."""
    covered: set[int] = set()
    for first, last, kind in chosen:
        inside = set(range(first, last + 1))
        if inside.isdisjoint(added):
            continue
        if kind != "name" or not inside <= set(added):
            return False
        covered |= inside
    return taken.intersection(added) <= covered


def read_place_words(path: Path = PLACE_WORDS_FILE) -> frozenset[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    words = (data or {}).get("words") or {}
    return frozenset(normalize(word) for word in words)
