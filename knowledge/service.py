"""The questions the assistant asks of the knowledge base, answered from the database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from knowledge import models
from knowledge.database import make_engine
from knowledge.facts import (
    CENTRE_WORD,
    FACT_MIN_SCORE,
    Fact,
    FactIndex,
    FactMatch,
    Statement,
    asked_kinds,
    is_precise_question,
    refers_to_context,
    seeks_care,
)
from knowledge.geo import great_circle_km
from knowledge.place_mentions import PlaceFinder, PlaceMention
from knowledge.places import Commune, Department, PlaceIndex, PlaceResolution
from knowledge.settings import database_url
from knowledge.text import normalize

# A fact is told instead of its topic when its score (mean cosine similarity, plus a place bonus)
# reaches FACT_MIN_SCORE (knowledge/facts.py) and leads the next one by FACT_MIN_MARGIN; the next
# one is told too when it is within FACT_CLOSE. Chosen on the facts' own `asks`, each left out in
# turn (python -m benchmarks.facts --dev), never on the test set.
FACT_MIN_MARGIN = 0.0
FACT_CLOSE = 0.10
# Over a patient's intent (a centre, a place), a fact needs more: this score, the place named
# (if any) among its places, and no sign that the person looks for care (a price or a day
# included). 0.40 until the fifth session; 0.30 then, chosen on the spent question sets a–d and
# the patients' messages without a place of the held-out sets up to e: at 0.30, 3 of 238 such
# messages get a fact (0 at 0.40) and 984 of 1,249 fact questions get the right one (831 at 0.40)
# when the classifier reads them as a patient's question; the alternative there is only « Dans
# quelle commune ? ».
FACT_STRICT_MIN_SCORE = 0.30
# Without a word of a precise question ("combien", "quand"…), a fact is told over a topic only
# when it is this close and this far ahead: "étudiants médecine stage chez un généraliste" is
# one fact; "les avantages du salariat" (0.47) stays the topic. Chosen on the set 2026-11-29b.
FACT_CLEAR_SCORE = 0.55
# A follow-up's fact is among the facts its own words rank this high, with at least this score
# (knowledge.fact_in_context).
FOLLOW_UP_OWN_RANK = 5
FOLLOW_UP_OWN_SCORE = 0.15
FACT_CLEAR_MARGIN = 0.15

# A national number, or what one is for: the words that make its fact the answer.
_NAMES_A_NATIONAL_NUMBER = re.compile(
    r"\b(15|112|114|3114|116 ?117|3237|samu|europ\w*|sms|textos?|sourds?|malentendants?|suicides?|suicidaires?)\b"
)
_DISTRICT_SUFFIX = re.compile(r"\s+\d+(er|e)\s+Arrondissement$")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    citation: str  # how the assistant names it: "dossier de presse de la Région Occitanie, début 2023"
    as_of: dt.date
    url: str = ""  # an official page (national numbers); empty for the seeds


@dataclass(frozen=True)
class Link:
    id: str
    url: str
    label: str


@dataclass(frozen=True)
class Centre:
    id: str
    name: str
    commune: Commune
    status: str
    since: dt.date | None
    since_text: str | None
    facts: tuple[str, ...]
    source: Source
    as_of: dt.date
    contact: CentreContact | None = None


@dataclass(frozen=True)
class CentreContact:
    phone: str | None
    address: str | None
    hours: str | None
    source: Source
    as_of: dt.date


@dataclass(frozen=True)
class RankedCentre:
    centre: Centre
    distance_km: float


@dataclass(frozen=True)
class NearestAnswer:
    open_centres: tuple[RankedCentre, ...]
    nearer_announced: tuple[RankedCentre, ...]  # announced centres nearer than the nearest open one


@dataclass(frozen=True)
class TopicPoint:
    text: str
    source: Source
    key: str | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    intro: str
    points: tuple[TopicPoint, ...]
    link: Link | None
    source: Source
    as_of: dt.date

    @property
    def sources(self) -> tuple[Source, ...]:
        seen = {self.source.id: self.source}
        for point in self.points:
            seen.setdefault(point.source.id, point.source)
        return tuple(seen.values())

    def points_about(self, key: str) -> tuple[TopicPoint, ...]:
        return tuple(p for p in self.points if p.key == key)


class KnowledgeBase:
    """Read-only view of the knowledge database, held in memory (a few MB)."""

    def __init__(self, engine: Engine):
        with Session(engine) as session:
            self.sources = {
                s.id: Source(s.id, s.title, s.publisher, s.cite_as, s.as_of, s.url)
                for s in session.scalars(select(models.SourceRow))
            }
            self.links = {
                link.id: Link(link.id, link.url, link.label) for link in session.scalars(select(models.LinkRow))
            }
            departments = {
                d.code: Department(d.code, d.name, d.name_with_article, d.region_code)
                for d in session.scalars(select(models.DepartmentRow))
            }
            communes, former_names, district_aliases = self._communes(session, departments)
            centre_rows = session.scalars(
                select(models.CentreRow).options(
                    selectinload(models.CentreRow.facts), selectinload(models.CentreRow.aliases)
                )
            ).all()
            by_insee = {c.insee: c for c in communes}
            centre_aliases = [(by_insee[c.commune_insee], a.alias) for c in centre_rows for a in c.aliases]
            self.places = PlaceIndex.build(
                departments.values(), communes, former_names, district_aliases + centre_aliases, _stop_words()
            )
            self.centres = tuple(
                Centre(
                    c.id,
                    c.name,
                    self.places.communes[c.commune_insee],
                    c.status,
                    c.since,
                    c.since_text,
                    tuple(f.text for f in c.facts),
                    self.sources[c.source_id],
                    c.as_of,
                    CentreContact(c.phone, c.address, c.hours, self.sources[c.contact_source_id], c.contact_as_of)
                    if c.contact_source_id
                    else None,
                )
                for c in centre_rows
            )
            self.topics = {
                t.id: Topic(
                    t.id,
                    t.title,
                    t.intro,
                    tuple(TopicPoint(p.text, self.sources[p.source_id], p.key) for p in t.points),
                    self.links.get(t.link_id),
                    self.sources[t.source_id],
                    t.as_of,
                )
                for t in session.scalars(select(models.TopicRow).options(selectinload(models.TopicRow.points)))
            }
            fact_rows = session.scalars(
                select(models.FactRow).options(selectinload(models.FactRow.asks), selectinload(models.FactRow.places))
            ).all()
            self.facts = {
                f.id: Fact(
                    f.id,
                    Statement(f.text, f.source_id, f.as_of),
                    f.topic_id,
                    tuple(p.commune_insee for p in f.places if p.commune_insee),
                    tuple(p.department_code for p in f.places if p.department_code),
                    tuple(a.text for a in f.asks),
                    Statement(f.older_text, f.older_source_id, f.older_as_of) if f.older_text else None,
                    f.by_department,
                )
                for f in fact_rows
            }

    @classmethod
    def from_url(cls, url: str | None = None) -> KnowledgeBase:
        return cls(make_engine(url or database_url()))

    @staticmethod
    def _communes(session: Session, departments: dict[str, Department]):
        """Current communes (with coordinates), former names, and city names of districts."""
        rows = session.execute(select(models.CommuneRow)).scalars().all()
        codes: dict[int, list[str]] = {}
        for code, commune_id in session.execute(select(models.PostalCodeRow.code, models.PostalCodeRow.commune_id)):
            codes.setdefault(commune_id, []).append(code)
        # Paris, Lyon and Marseille appear only as their districts (ARM): each is a place.
        current = {r.insee: r for r in rows if r.kind in ("COM", "ARM")}
        # A delegated commune's postal codes also designate the commune it now belongs to.
        extra_codes: dict[str, set[str]] = {}
        for row in rows:
            if row.kind == "COMD" and row.parent_insee in current:
                extra_codes.setdefault(row.parent_insee, set()).update(codes.get(row.id, []))
        built: dict[str, Commune] = {}
        for row in current.values():
            if row.lat is None:
                continue
            postal = tuple(sorted(set(codes.get(row.id, [])) | extra_codes.get(row.insee, set())))
            built[row.insee] = Commune(
                row.insee, row.name, departments[row.department_code], row.lat, row.lon, row.population or 0, postal
            )
        former_names = [(built[r.parent_insee], r.name) for r in rows if r.kind == "COMD" and r.parent_insee in built]
        # "Lyon" names the city of "Lyon 1er Arrondissement": an alias of each district.
        districts = [
            (built[r.insee], _DISTRICT_SUFFIX.sub("", r.name)) for r in rows if r.kind == "ARM" and r.insee in built
        ]
        return list(built.values()), former_names, districts

    # -- places ---------------------------------------------------------------------------

    def resolve_place(self, text: str) -> PlaceResolution:
        return self.places.resolve(text)

    def choose_candidate(self, answer: str, candidate_insees: Sequence[str]) -> Commune | None:
        candidates = [self.places.communes[i] for i in candidate_insees if i in self.places.communes]
        return self.places.choose(answer, candidates)

    @cached_property
    def place_finder(self) -> PlaceFinder:
        return PlaceFinder.build(self.places)

    def find_places_in_text(self, text: str) -> list[PlaceMention]:
        return self.place_finder.find(text)

    # -- centres --------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float, limit: int = 3, skip: int = 0) -> NearestAnswer:
        """Open centres by great-circle distance, and announced ones if nearer than the first.

        `skip` leaves out the first open centres (already shown): "et un autre ?".
        """
        ranked = sorted(
            (RankedCentre(c, great_circle_km(lat, lon, c.commune.lat, c.commune.lon)) for c in self.centres),
            key=lambda r: (r.distance_km, r.centre.id),
        )
        open_ranked = tuple(r for r in ranked if r.centre.status == "open")
        open_centres = open_ranked[skip : skip + limit]
        if skip:
            return NearestAnswer(open_centres, ())
        first_open = open_centres[0].distance_km if open_centres else float("inf")
        announced = tuple(r for r in ranked if r.centre.status == "announced" and r.distance_km < first_open)
        return NearestAnswer(open_centres, announced)

    def commune_at(self, lat: float, lon: float, max_km: float = 10.0) -> Commune | None:
        """The commune whose centre is nearest to a position, if one is within `max_km`."""
        best, best_km = None, max_km
        for commune in self.places.communes.values():
            if abs(commune.lat - lat) > 0.2 or abs(commune.lon - lon) > 0.3:
                continue  # cheap box first: 35,000 communes
            km = great_circle_km(lat, lon, commune.lat, commune.lon)
            if km <= best_km:
                best, best_km = commune, km
        return best

    def nearest_to_commune(self, commune: Commune, limit: int = 3) -> NearestAnswer:
        return self.nearest(commune.lat, commune.lon, limit)

    def centres_at(self, commune: Commune) -> tuple[Centre, ...]:
        return tuple(c for c in self.centres if c.commune.insee == commune.insee)

    def centres_in_department(self, department: Department, statuses: Sequence[str] = ("open", "announced")):
        return tuple(c for c in self.centres if c.commune.department == department and c.status in statuses)

    def centres_with_status(self, *statuses: str) -> tuple[Centre, ...]:
        return tuple(c for c in self.centres if c.status in statuses)

    # -- topics ---------------------------------------------------------------------------

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    # -- facts ----------------------------------------------------------------------------

    @cached_property
    def fact_index(self) -> FactIndex:
        return FactIndex(list(self.facts.values()))

    def fact_asked(
        self,
        text: str,
        communes: Sequence[str] = (),
        strict: bool = False,
        clear: bool = False,
        departments: Sequence[str] = (),
        topical: bool = False,
    ) -> FactMatch | None:
        """The fact a message asks for, when it is a precise question and one fact stands out;
        `strict` for a message the classifier read as a patient's question about centres; `clear`
        when the fact must also be well ahead of the next one. `departments`: those named;
        `topical` when the classifier read a question about a topic."""
        if refers_to_context(text) and not (communes or departments):
            return None  # « là-bas » with no place of its own: the place just told
        precise = is_precise_question(text, topical)
        # Over a patient's intent, a message without a precise word needs a fact well ahead (below),
        # and no place: with neither, the patient's answer would only ask « Dans quelle commune ? ».
        # What a national number is for may be asked with words of care (« numéro d'urgence
        # européen, c'est quoi ? »): then only such a number may be told (not for « le centre a un
        # numéro pour les SMS ? »).
        said = normalize(text)
        only_national = (
            strict
            and seeks_care(text)
            and _NAMES_A_NATIONAL_NUMBER.search(said) is not None
            and not CENTRE_WORD.search(said)
        )
        if strict and ((seeks_care(text) and not only_national) or (not precise and (communes or departments))):
            return None
        match = self.fact_index.best(text, communes, close=FACT_CLOSE, departments=departments)
        if match is None or match.score < FACT_MIN_SCORE or match.margin < FACT_MIN_MARGIN:
            return None
        if only_national and not match.fact.statement.source_id.startswith("national_"):
            return None
        if not precise and (match.score < FACT_CLEAR_SCORE or match.margin < FACT_CLEAR_MARGIN):
            return None
        # "il y a un centre à Réalmont ?" asks for a centre, not for the maison de santé project there
        # (but "combien de secrétaires embauchées dans les centres ?" may get the 13 secretaries).
        # (nor "le 65 il y en a combien des centres ?" the count of all the centres).
        # A person asked for is no centre (« qui est le maire de Mazamet, la ville qui a un centre ? »).
        if (
            (communes or departments)
            and CENTRE_WORD.search(normalize(text))
            and "person" not in asked_kinds(text)
            and (
                not CENTRE_WORD.search(normalize(match.fact.statement.text))
                or not (match.fact.communes or match.fact.departments)
            )
        ):
            return None
        if strict and (
            match.score < FACT_STRICT_MIN_SCORE
            or (communes and not set(communes) & set(match.fact.communes))
            or (departments and not set(departments) & set(match.fact.departments))
        ):
            return None
        if clear and match.margin < FACT_CLEAR_MARGIN:
            return None
        return match if _may_be_told(match, text) else None

    def fact_in_context(self, text: str, previous: str, told: Sequence[str] = ()) -> FactMatch | None:
        """The fact a short follow-up asks for after a question about the sources (« et les
        départements ? » after « quelles communes sont membres ? », « ça dure combien de temps ? »
        after « c'est quoi le PTMG ? »): ranked with the previous question's words, without the
        facts just told (`told`), and among the facts closest to the follow-up's own words."""
        if not text.strip() or refers_to_context(text):
            return None
        own = {
            fact.id for fact, score in self.fact_index.rank(text)[:FOLLOW_UP_OWN_RANK] if score >= FOLLOW_UP_OWN_SCORE
        }
        ranked = [
            (fact, score)
            for fact, score in self.fact_index.rank(f"{previous} {text}")
            if fact.id not in told and fact.id in own
        ]
        match = self.fact_index.match_of(ranked, FACT_CLOSE)
        if match is None or match.score < FACT_MIN_SCORE:
            return None
        return match if _may_be_told(match, text) else None

    def has_region_centre(self, insee: str) -> bool:
        """Whether a Ma Région centre is open or announced in this commune."""
        return any(c.commune.insee == insee for c in self.centres_with_status("open", "announced"))


def _may_be_told(match: FactMatch, text: str) -> bool:
    """A national number is told when the message names it or what it is for (« le 112 c'est
    quoi ? », « numéro d'urgence par sms ? »); not for « c'est quoi son numéro ? » after a centre,
    nor « un numéro pour un médecin la nuit » (the out-of-hours answer says more)."""
    national = match.fact.statement.source_id.startswith("national_")
    return not national or _NAMES_A_NATIONAL_NUMBER.search(normalize(text)) is not None


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """French function words: never read as commune names in free text ('aucun', 'plus'…)."""
    try:
        from spacy.lang.fr.stop_words import STOP_WORDS
    except ImportError:  # spaCy is part of the environment; keep the domain usable without it
        return frozenset()
    return frozenset(STOP_WORDS)
