"""From what a person types to communes of the gazetteer.

"St Girons", "saint-girons", "Saint Giron", "09200" all resolve to Saint-Girons (09261).
A name shared by several Occitanie communes is returned as several candidates: the caller
asks which one, nothing is guessed. The index lives in memory (built once from the
database) so that a resolution takes well under a millisecond.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.settings import OCCITANIE_REGION_CODE
from knowledge.text import name_keys, normalize, without_article

_POSTAL_CODE = re.compile(r"^\d{5}$")
_DEPARTMENT_CODE = re.compile(r"^(\d{2}|2[ab]|97\d)$")
# "Prades (09)", "Prades 09", "Prades, Ariège", "Prades dans l'Ariège", "Prades en Ariège"
_QUALIFIER_SEPARATORS = (" dans les ", " dans le ", " dans la ", " dans l ", " dans ", " en ", " ")
# How a name was matched when it is the name as written: only then are its homonyms elsewhere said.
_NAMED = frozenset({"name", "article", "former_commune"})
# A commune outside Occitanie smaller than this gives way to the department of that name (« Landes »).
SMALL_TOWN = 10_000
_PLACE_PREPOSITIONS = {"a", "de", "du", "des", "vers", "pres", "sur", "pour", "dans", "en", "cote", "habite", "autour"}
# In free text, a lone word this short (or a French function word) is not read as a commune.
_MAX_IGNORED_WORD_LENGTH = 3


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    name_with_article: str
    region_code: str

    @property
    def in_occitanie(self) -> bool:
        return self.region_code == OCCITANIE_REGION_CODE


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    department: Department
    lat: float
    lon: float
    population: int
    postal_codes: tuple[str, ...]

    @property
    def in_occitanie(self) -> bool:
        return self.department.in_occitanie

    @property
    def label(self) -> str:
        """'Prades (09)': unambiguous, and resolvable again."""
        return f"{self.name} ({self.department.code})"


@dataclass(frozen=True)
class PlaceResolution:
    """What a piece of text designates.

    kind:
      commune     exactly one commune in Occitanie (`commune`)
      ambiguous   several Occitanie communes fit (`candidates`): ask which one
      department  a department name or code (`department`)
      outside     only communes or a department outside Occitanie fit (`candidates` or `department`)
      unknown     nothing fits
    """

    query: str
    kind: str
    candidates: tuple[Commune, ...] = ()
    department: Department | None = None
    matched_by: str = ""  # name, article, former_commune, postal_code, department, prefix, typo
    former_name: str | None = None  # the delegated commune that was named, if any
    # The communes outside Occitanie of exactly that name, said as such: ambiguous by prefix
    # ("Bordères" alone is in the Pyrénées-Atlantiques; Bordères-sur-l'Échez is offered), or a
    # commune named like communes elsewhere ("Brion": Lozère, answered; Indre, Isère… said).
    elsewhere: tuple[Commune, ...] = ()

    @property
    def commune(self) -> Commune | None:
        return self.candidates[0] if self.kind == "commune" else None


@dataclass
class _Entry:
    commune: Commune
    former_name: str | None = None


@dataclass
class PlaceIndex:
    departments: dict[str, Department]
    communes: dict[str, Commune]  # current communes by INSEE code
    by_key: dict[str, list[_Entry]] = field(default_factory=dict)
    by_postal_code: dict[str, list[Commune]] = field(default_factory=dict)
    departments_by_key: dict[str, Department] = field(default_factory=dict)
    # Names by length: a typo of d letters only matches a name whose length differs by <= d.
    occitanie_keys_by_length: dict[int, list[str]] = field(default_factory=dict)
    all_keys_by_length: dict[int, list[str]] = field(default_factory=dict)
    occitanie_keys_sorted: list[str] = field(default_factory=list)  # for prefix search
    stop_words: set[str] = field(default_factory=set)

    @classmethod
    def build(
        cls,
        departments: Iterable[Department],
        communes: Iterable[Commune],
        former_names: Iterable[tuple[Commune, str]] = (),
        aliases: Iterable[tuple[Commune, str]] = (),
        stop_words: Iterable[str] = (),
    ) -> PlaceIndex:
        """`former_names`: delegated communes, each with the commune it now belongs to;
        `aliases`: other names of a commune's place ("Lacaune-Viane", "Lyon" for its districts)."""
        index = cls(departments={d.code: d for d in departments}, communes={})
        for commune in communes:
            index.communes[commune.insee] = commune
            index._add(commune.name, _Entry(commune))
        for commune, former_name in former_names:
            index._add(former_name, _Entry(commune, former_name))
        for commune, alias in aliases:
            index._add(alias, _Entry(commune))
        for commune in index.communes.values():
            for code in commune.postal_codes:
                index.by_postal_code.setdefault(code, []).append(commune)
        for department in index.departments.values():
            for key in name_keys(department.name) | name_keys(department.name_with_article):
                index.departments_by_key[key] = department
        for key, entries in sorted(index.by_key.items()):
            index.all_keys_by_length.setdefault(len(key), []).append(key)
            if any(e.commune.in_occitanie for e in entries):
                index.occitanie_keys_by_length.setdefault(len(key), []).append(key)
                index.occitanie_keys_sorted.append(key)
        index.stop_words = {normalize(w) for w in stop_words}
        return index

    def _add(self, name: str, entry: _Entry) -> None:
        for key in name_keys(name):
            entries = self.by_key.setdefault(key, [])
            if not any(e.commune.insee == entry.commune.insee for e in entries):
                entries.append(entry)

    # -- resolution ---------------------------------------------------------------------

    def resolve(self, query: str) -> PlaceResolution:
        text = (query or "").strip()
        key = normalize(text)
        if not key:
            return PlaceResolution(query, "unknown")
        compact = key.replace(" ", "")
        if _POSTAL_CODE.match(compact):
            return self._by_postal_code(query, compact)
        if _DEPARTMENT_CODE.match(compact) and compact.upper() in self.departments:
            return self._department(query, self.departments[compact.upper()])
        direct = self._by_name(query, key)
        if direct.matched_by == "article":
            # "Les Torreilles": a typo of Les Tourreilles rather than Torreilles with an article.
            # Both are offered: the person chooses.
            near = self._by_typo(query, key, everywhere=False)
            if any(normalize(c.name).startswith(key.split()[0] + " ") for c in near.candidates):
                both = tuple({c.insee: c for c in [*near.candidates, *direct.candidates]}.values())
                return PlaceResolution(query, "ambiguous", both, matched_by="typo")
        if direct.kind == "commune" or (direct.kind == "ambiguous" and not self._qualifier_split(key)):
            return direct
        # "Prades (09)", "Mirepoix Gers": a name followed by its department.
        qualified = self._qualified(query, key)
        if qualified is not None:
            return qualified
        department = self.departments_by_key.get(key) or self.departments_by_key.get(without_article(key))
        # « les Landes », « Landes »: the department, not the small commune of that name elsewhere
        # (Charente-Maritime); but « Vienne » alone is the town of the Isère.
        if department is not None and (
            direct.kind == "unknown"
            or (
                direct.kind == "outside"
                and (
                    key != without_article(key)
                    or max((c.population for c in direct.candidates), default=0) < SMALL_TOWN
                )
            )
        ):
            return self._department(query, department)
        # "Castelnau", "Bordères": the start of Occitanie names wins over a homonym elsewhere,
        # but is never answered alone: the person is asked, with the names one letter off too
        # ("Monlaur" may be Monlaur-Bernet or Montlaur), and told of the homonym elsewhere.
        if direct.kind in ("unknown", "outside"):
            prefixed = self._by_prefix(query, key)
            if prefixed.kind != "unknown":
                if prefixed.kind == "ambiguous":
                    return replace(prefixed, elsewhere=direct.candidates)
                near = self._by_typo(query, key, everywhere=False) if direct.kind == "unknown" else direct
                close = [c for c in near.candidates if c.in_occitanie] if near.kind != "outside" else []
                candidates = tuple({c.insee: c for c in [*close, *prefixed.candidates]}.values())
                return PlaceResolution(
                    query,
                    "ambiguous",
                    candidates,
                    matched_by="typo" if close else "prefix",
                    elsewhere=direct.candidates,
                )
        if direct.kind != "unknown":
            return direct
        return self._by_typo(query, key)

    def choose(self, answer: str, candidates: Sequence[Commune]) -> Commune | None:
        """Which of `candidates` an answer such as 'Ariège', '09', 'Prades (09)' points to."""
        key = normalize(answer)
        if not key:
            return None
        compact = key.replace(" ", "").upper()
        by_code = [c for c in candidates if c.department.code == compact or compact in c.postal_codes]
        if len(by_code) == 1:
            return by_code[0]
        resolution = self.resolve(answer)
        if resolution.kind == "commune" and resolution.commune in candidates:
            return resolution.commune
        if resolution.kind == "ambiguous":  # "Bélesta" among the communes of 09300: the one of them
            picked = [c for c in resolution.candidates if c in candidates]
            if len(picked) == 1:
                return picked[0]
        if resolution.kind == "department":
            picked = [c for c in candidates if c.department == resolution.department]
            return picked[0] if len(picked) == 1 else None
        for department_key, department in self.departments_by_key.items():
            if re.search(rf"\b{re.escape(department_key)}\b", key):
                picked = [c for c in candidates if c.department == department]
                if len(picked) == 1:
                    return picked[0]
        return None

    def typo_matches(self, key: str) -> bool:
        """Whether a normalised name is one or two letters off an Occitanie name."""
        return self._by_typo(key, key, everywhere=False).kind != "unknown"

    # -- strategies ---------------------------------------------------------------------

    def _by_postal_code(self, query: str, code: str) -> PlaceResolution:
        communes = self.by_postal_code.get(code, [])
        return self._outcome(query, communes, "postal_code")

    def _by_name(self, query: str, key: str) -> PlaceResolution:
        entries = self.by_key.get(key, [])
        matched_by = "name"
        if not entries and without_article(key) != key:
            entries, matched_by = self.by_key.get(without_article(key), []), "article"
        if not entries:
            return PlaceResolution(query, "unknown")
        former = {e.former_name for e in entries if e.former_name}
        if len(entries) == 1 and entries[0].former_name:
            matched_by = "former_commune"
        resolution = self._outcome(query, [e.commune for e in entries], matched_by)
        if resolution.kind == "commune" and former and resolution.commune:
            chosen = next(e for e in entries if e.commune.insee == resolution.commune.insee)
            if chosen.former_name and normalize(chosen.former_name) != normalize(chosen.commune.name):
                return replace(resolution, matched_by="former_commune", former_name=chosen.former_name)
        return resolution

    def _qualifier_split(self, key: str) -> tuple[str, list[str]] | None:
        """Split 'prades ariege' into ('prades', ['09']) when the tail names a department."""
        for separator in _QUALIFIER_SEPARATORS:
            # Every split point, last first: "prades pyrenees orientales" → "prades" + "pyrenees orientales".
            parts = key.split(separator)
            for cut in range(len(parts) - 1, 0, -1):
                head, tail = separator.join(parts[:cut]), separator.join(parts[cut:])
                if not head:
                    continue
                tail_compact = tail.replace(" ", "").upper()
                if tail_compact in self.departments:
                    return head, [tail_compact]
                department = self.departments_by_key.get(tail) or self.departments_by_key.get(without_article(tail))
                if department is not None:
                    return head, [department.code]
        return None

    def _qualified(self, query: str, key: str) -> PlaceResolution | None:
        split = self._qualifier_split(key)
        if split is None:
            return None
        head, codes = split
        base = self._by_name(query, head)
        if base.kind == "unknown":
            base = self._by_typo(query, head)
        if base.kind not in ("commune", "ambiguous", "outside"):
            return None
        kept = [c for c in base.candidates if c.department.code in codes]
        if not kept:
            return None
        return self._outcome(query, kept, base.matched_by, base.former_name)

    def _by_prefix(self, query: str, key: str, limit: int = 20) -> PlaceResolution:
        """Occitanie communes whose name starts with the words typed ("Castelnau" -> Castelnau-*)."""
        if len(key) < 4:
            return PlaceResolution(query, "unknown")
        start = key + " "
        first = bisect_left(self.occitanie_keys_sorted, start)
        communes: dict[str, Commune] = {}
        for found in self.occitanie_keys_sorted[first:]:
            if not found.startswith(start):
                break
            communes.update({e.commune.insee: e.commune for e in self.by_key[found] if e.commune.in_occitanie})
        biggest = sorted(communes.values(), key=lambda c: -c.population)[:limit]
        return self._outcome(query, biggest, "prefix", order_by_population=True)

    def _by_typo(self, query: str, key: str, everywhere: bool = True) -> PlaceResolution:
        """One or two letters off (two swapped letters count as one). Occitanie's names first:
        this is an Occitanie service, and "Monpelier" must be Montpellier, not Montélier (Drôme),
        one letter closer."""
        if len(key) < 4:
            return PlaceResolution(query, "unknown")
        max_distance = 1 if len(key) <= 6 else 2
        tables = (
            (self.occitanie_keys_by_length, self.all_keys_by_length) if everywhere else (self.occitanie_keys_by_length,)
        )
        for keys_by_length in tables:
            keys = [
                k
                for n in range(len(key) - max_distance, len(key) + max_distance + 1)
                for k in keys_by_length.get(n, ())
            ]
            matches = process.extract(key, keys, scorer=OSA.distance, score_cutoff=max_distance, limit=20)
            if matches:
                closest = min(distance for _, distance, _ in matches)
                communes = [
                    e.commune for name, distance, _ in matches if distance == closest for e in self.by_key[name]
                ]
                resolution = self._outcome(query, communes, "typo")
                # A near miss outside Occitanie says nothing reliable ("Corse" is not "Corsept").
                return resolution if resolution.kind != "outside" else PlaceResolution(query, "unknown")
        return PlaceResolution(query, "unknown")

    def _department(self, query: str, department: Department) -> PlaceResolution:
        kind = "department" if department.in_occitanie else "outside"
        return PlaceResolution(query, kind, department=department, matched_by="department")

    def _outcome(
        self,
        query: str,
        communes: Sequence[Commune],
        matched_by: str,
        former_name: str | None = None,
        order_by_population: bool = False,
    ) -> PlaceResolution:
        unique = list({c.insee: c for c in communes}.values())
        # Homonyms read best by department; the communes of one postal code, biggest first.
        by_population = order_by_population or matched_by == "postal_code"
        order = (lambda c: -c.population) if by_population else (lambda c: (c.department.code, c.name))
        inside = sorted((c for c in unique if c.in_occitanie), key=order)
        # "Brion": the Lozère one is answered (this is the Region's service), and the visitor is
        # told of the communes of that name outside Occitanie (Indre, Isère…); "Prades": asked
        # between the three of Occitanie, and told of those of the Ardèche and the Haute-Loire.
        elsewhere = tuple(c for c in unique if not c.in_occitanie) if matched_by in _NAMED else ()
        if len(inside) == 1:
            return PlaceResolution(
                query, "commune", tuple(inside), matched_by=matched_by, former_name=former_name, elsewhere=elsewhere
            )
        if len(inside) > 1:
            return PlaceResolution(query, "ambiguous", tuple(inside), matched_by=matched_by, elsewhere=elsewhere)
        if unique:
            return PlaceResolution(query, "outside", tuple(unique), matched_by=matched_by)
        return PlaceResolution(query, "unknown")
