"""Validate knowledge/data/ and load it into the database, all or nothing.

Every file is read and checked before the database is touched; the rows are then replaced
in one transaction, so a broken data file leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert
from sqlalchemy.engine import Engine

from knowledge import models
from knowledge.settings import DATA_DIR, OCCITANIE_REGION_CODE
from knowledge.text import normalize

CENTRE_STATUSES = ("open", "announced", "partner", "candidate", "closed")
COMMUNE_KINDS = ("COM", "COMD", "ARM")
GAZETTEER_COLUMNS = (
    "insee",
    "departement",
    "region",
    "nom",
    "code_postal",
    "type",
    "insee_parente",
    "lat",
    "lon",
    "population",
)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_POINT_KEY = re.compile(r"^[a-z_]{1,32}$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")

Row = dict[str, Any]
# Checks a record's `source` against sources.yml: (value, file, record label) -> source id or None.
SourceCheck = Callable[[Any, str, str], "str | None"]


@dataclass(frozen=True)
class DataProblem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, {self.record}, champ « {self.field} » : {self.message}"


class DataValidationError(Exception):
    """The data files are not loadable; nothing was written."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … et {len(problems) - 50} autres" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problème(s) dans les données, base inchangée :\n{shown}{more}")


@dataclass
class LoadedData:
    """Rows ready for insertion, per table."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    data_hash: str = ""


class _Checker:
    """Collects problems instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[DataProblem] = []

    def add(self, file: str, record: str, field_name: str, message: str) -> None:
        self.problems.append(DataProblem(file, record, field_name, message))

    def text(self, value: Any, file: str, record: str, field_name: str, required: bool = True) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(file, record, field_name, "valeur manquante")
            return None
        if not isinstance(value, str):
            self.add(file, record, field_name, f"texte attendu, trouvé {type(value).__name__}")
            return None
        return value.strip()

    def identifier(
        self,
        value: Any,
        file: str,
        record: str,
        seen: set[str | None],
        shape: tuple[re.Pattern[str], str] | None = None,
    ) -> str | None:
        """A record's `id`: present, of the `shape` given (pattern, what it allows), not seen before in its file."""
        ident = self.text(value, file, record, "id")
        if ident and shape is not None and not shape[0].match(ident):
            self.add(file, record, "id", shape[1])
        if ident in seen:
            self.add(file, record, "id", "identifiant en double")
        seen.add(ident)
        return ident

    def date(self, value: Any, file: str, record: str, field_name: str, required: bool = True) -> dt.date | None:
        if value is None:
            if required:
                self.add(file, record, field_name, "date manquante")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(file, record, field_name, f"date invalide « {value} » (format AAAA-MM-JJ)")
            return None


def data_hash(data_dir: Path = DATA_DIR) -> str:
    """Hash of every data file and of the schema, to know whether the database is up to date."""
    digest = hashlib.sha256()
    for table in models.Base.metadata.sorted_tables:
        digest.update(repr([(table.name, c.name, str(c.type)) for c in table.columns]).encode())
    for module in (__file__, Path(__file__).with_name("text.py")):  # the code that shapes the rows
        digest.update(Path(module).read_bytes())
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_yaml(path: Path, checker: _Checker, top_key: str) -> list[Any]:
    name = path.name
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        checker.add(name, "fichier", top_key, "fichier introuvable")
        return []
    except yaml.YAMLError as error:
        checker.add(name, "fichier", top_key, f"YAML illisible ({error})".replace("\n", " "))
        return []
    if not isinstance(document, dict) or not isinstance(document.get(top_key), list):
        checker.add(name, "fichier", top_key, f"une liste « {top_key}: » est attendue")
        return []
    return document[top_key]


def _record_label(index: int, record: Any) -> str:
    ident = record.get("id") if isinstance(record, dict) else None
    return f"enregistrement {index + 1}" + (f" (id « {ident} »)" if ident else "")


def _records(
    items: Iterable[Any], file: str, checker: _Checker, label_of: Callable[[int, Any], str] = _record_label
) -> Iterator[tuple[str, Row]]:
    """Each record of a YAML list with its label; a record that is not a dictionary is reported and skipped."""
    for index, record in enumerate(items):
        label = label_of(index, record)
        if not isinstance(record, dict):
            checker.add(file, label, "-", "un dictionnaire est attendu")
            continue
        yield label, record


def load_data(data_dir: Path = DATA_DIR) -> LoadedData:
    """Read and validate every data file; raise DataValidationError listing all problems."""
    checker = _Checker()
    gazetteer_dir = data_dir / "gazetteer"
    departments = _load_departments(gazetteer_dir / "departements_2024.csv", checker)
    communes, postal_codes = _load_gazetteer(
        gazetteer_dir / "communes_france_2024.csv", {d["code"] for d in departments}, checker
    )
    sources_file = data_dir / "sources.yml"
    sources = _load_sources(sources_file, checker)
    check_source = _source_check(checker, {s["id"] for s in sources})
    links = _load_links(sources_file, checker, check_source)
    centres, centre_facts, centre_aliases = _load_centres(
        data_dir / "centres.yml", checker, _communes_by_name(communes), check_source
    )
    topics, points = _load_topics(data_dir / "topics.yml", checker, {link["id"] for link in links}, check_source)
    facts, fact_asks, fact_places = _load_facts(
        data_dir / "facts.yml",
        checker,
        {t["id"] for t in topics},
        _communes_by_name(communes),
        {d["code"] for d in departments},
        check_source,
    )

    if checker.problems:
        raise DataValidationError(checker.problems)
    return LoadedData(
        rows={
            "sources": sources,
            "links": links,
            "departments": departments,
            "communes": communes,
            "postal_codes": postal_codes,
            "centres": centres,
            "centre_facts": centre_facts,
            "centre_aliases": centre_aliases,
            "topics": topics,
            "topic_points": points,
            "facts": facts,
            "fact_asks": fact_asks,
            "fact_places": fact_places,
        },
        data_hash=data_hash(data_dir),
    )


# -- gazetteer/ ---------------------------------------------------------------------------


def _load_departments(path: Path, checker: _Checker) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            record = f"ligne {line_no}"
            code = checker.text(row.get("insee_dep"), path.name, record, "insee_dep")
            region = checker.text(row.get("insee_reg"), path.name, record, "insee_reg")
            name = checker.text(row.get("departement"), path.name, record, "departement")
            if code and region and name:
                rows.append(
                    {
                        "code": code,
                        "region_code": region,
                        "name": name,
                        "name_with_article": (row.get("departement_article") or name).strip(),
                    }
                )
    return rows


def _load_gazetteer(path: Path, department_codes: set[str], checker: _Checker) -> tuple[list[Row], list[Row]]:
    """Rows of the communes and of their postal codes, numbered."""
    communes: dict[tuple[str, str], Row] = {}
    postal: set[tuple[str, tuple[str, str]]] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in GAZETTEER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            checker.add(path.name, "en-tête", ", ".join(missing), "colonnes manquantes")
            return [], []
        for line_no, row in enumerate(reader, start=2):
            record = f"ligne {line_no}"
            postal_code = row["code_postal"].strip()
            commune = _gazetteer_commune(row, path.name, record, department_codes, checker)
            if commune is None:
                continue
            key = (commune["insee"], commune["kind"])
            previous = communes.setdefault(key, commune)
            if previous["name"] != commune["name"]:
                checker.add(
                    path.name,
                    record,
                    "nom",
                    f"« {commune['name']} » contredit « {previous['name']} » pour {commune['insee']}",
                )
            if postal_code:
                if not _POSTAL_CODE.match(postal_code):
                    checker.add(path.name, record, "code_postal", f"code postal invalide « {postal_code} »")
                else:
                    postal.add((postal_code, key))
    _attach_delegated_communes(communes, path.name, checker)
    commune_rows = []
    ids: dict[tuple[str, str], int] = {}
    for number, (key, commune) in enumerate(sorted(communes.items()), start=1):
        ids[key] = number
        commune_rows.append({"id": number, **commune})
    postal_rows = [
        {"id": n, "code": code, "commune_id": ids[key]}
        for n, (code, key) in enumerate(sorted(p for p in postal if p[1] in ids), start=1)
    ]
    return commune_rows, postal_rows


def _gazetteer_commune(
    row: dict[str, str], file: str, record: str, department_codes: set[str], checker: _Checker
) -> Row | None:
    """One line of the gazetteer as a commune row (without its id), or None when it is invalid."""
    insee, kind = row["insee"].strip(), row["type"].strip()
    department = row["departement"].strip()
    if not _INSEE.match(insee):
        checker.add(file, record, "insee", f"code INSEE invalide « {insee} »")
        return None
    if kind not in COMMUNE_KINDS:
        checker.add(file, record, "type", f"type inconnu « {kind} »")
        return None
    # Delegated communes carry no department of their own: they take their parent's.
    if department not in department_codes and not (kind == "COMD" and not department):
        checker.add(file, record, "departement", f"département inconnu « {department} »")
        return None
    if not row["nom"].strip():
        checker.add(file, record, "nom", "valeur manquante")
        return None
    try:
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
    except ValueError:
        checker.add(file, record, "lat/lon", "coordonnées non numériques")
        return None
    if lat is not None:
        if lon is None:
            checker.add(file, record, "lat/lon", "longitude manquante")
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            checker.add(file, record, "lat/lon", "coordonnées hors limites")
            return None
    return {
        "insee": insee,
        "kind": kind,
        "name": row["nom"].strip(),
        "department_code": department,
        "region_code": row["region"].strip(),
        "parent_insee": row["insee_parente"].strip() or None,
        "lat": lat,
        "lon": lon,
        "population": int(row["population"]) if row["population"].strip().isdigit() else None,
    }


def _attach_delegated_communes(communes: dict[tuple[str, str], Row], file: str, checker: _Checker) -> None:
    """A delegated commune takes its parent's department and region; without a parent it is dropped."""
    current = {c["insee"]: c for c in communes.values() if c["kind"] == "COM"}
    for (insee, kind), commune in list(communes.items()):
        if kind != "COMD":
            continue
        parent = current.get(commune["parent_insee"] or "")
        if parent is None:
            checker.add(
                file,
                f"commune {insee} ({commune['name']})",
                "insee_parente",
                f"commune parente inconnue « {commune['parent_insee']} »",
            )
            del communes[(insee, kind)]
            continue
        commune["department_code"] = commune["department_code"] or parent["department_code"]
        commune["region_code"] = commune["region_code"] or parent["region_code"]


# -- sources.yml ----------------------------------------------------------------------------


def _load_sources(path: Path, checker: _Checker) -> list[Row]:
    file = path.name
    sources: list[Row] = []
    for label, record in _records(_read_yaml(path, checker, "sources"), file, checker):
        row: Row = {
            "id": checker.text(record.get("id"), file, label, "id"),
            "title": checker.text(record.get("title"), file, label, "title"),
            "publisher": checker.text(record.get("publisher"), file, label, "publisher"),
            "cite_as": checker.text(record.get("cite_as"), file, label, "cite_as"),
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
            "as_of_note": checker.text(record.get("as_of_note"), file, label, "as_of_note", required=False) or "",
            "url": checker.text(record.get("url"), file, label, "url", required=False) or "",
        }
        if row["url"] and not row["url"].startswith(("https://", "http://")):
            checker.add(file, label, "url", "une adresse http(s):// est attendue")
        if row["id"] in {s["id"] for s in sources}:
            checker.add(file, label, "id", "identifiant en double")
        elif all(row[k] for k in ("id", "title", "publisher", "cite_as", "as_of")):
            sources.append(row)
    return sources


def _source_check(checker: _Checker, source_ids: set[str]) -> SourceCheck:
    def check_source(value: Any, file: str, label: str) -> str | None:
        source = checker.text(value, file, label, "source")
        if source and source not in source_ids:
            checker.add(file, label, "source", f"source inconnue « {source} » (voir sources.yml)")
            return None
        return source

    return check_source


def _link_label(index: int, _record: Any) -> str:
    return f"lien {index + 1}"


def _load_links(path: Path, checker: _Checker, check_source: SourceCheck) -> list[Row]:
    """The optional `links:` list of sources.yml."""
    file = path.name
    document = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    records = document.get("links", []) if isinstance(document, dict) else []
    links: list[Row] = []
    for label, record in _records(records, file, checker, label_of=_link_label):
        url = checker.text(record.get("url"), file, label, "url")
        if url and not url.startswith("https://"):
            checker.add(file, label, "url", "une adresse https:// est attendue")
        row: Row = {
            "id": checker.text(record.get("id"), file, label, "id"),
            "url": url,
            "label": checker.text(record.get("label"), file, label, "label"),
            "source_id": check_source(record.get("source"), file, label),
        }
        if row["id"] in {link["id"] for link in links}:
            checker.add(file, label, "id", "identifiant en double")
        elif all(row.values()):
            links.append(row)
    return links


# -- centres.yml ----------------------------------------------------------------------------


def _communes_by_name(communes: list[Row]) -> dict[str, list[Row]]:
    by_name: dict[str, list[Row]] = {}
    for commune in communes:
        if commune["kind"] == "COM":
            by_name.setdefault(normalize(commune["name"]), []).append(commune)
    return by_name


def _load_centres(
    path: Path, checker: _Checker, communes_by_name: dict[str, list[Row]], check_source: SourceCheck
) -> tuple[list[Row], list[Row], list[Row]]:
    """Rows of the centres, of their facts and of their aliases."""
    file = path.name
    centres: list[Row] = []
    centre_facts: list[Row] = []
    centre_aliases: list[Row] = []
    seen: set[str | None] = set()
    for label, record in _records(_read_yaml(path, checker, "centres"), file, checker):
        ident = checker.identifier(
            record.get("id"), file, label, seen, (_SLUG, "minuscules, chiffres et tirets seulement")
        )
        status = checker.text(record.get("status"), file, label, "status")
        if status and status not in CENTRE_STATUSES:
            checker.add(file, label, "status", f"« {status} » n'est pas dans {', '.join(CENTRE_STATUSES)}")
        since = checker.date(
            record.get("since"), file, label, "since", required=status in ("open", "announced", "closed")
        )
        since_text = checker.text(record.get("since_text"), file, label, "since_text", required=since is not None)
        commune = _centre_commune(record, file, label, checker, communes_by_name)
        facts = _text_list(record, "facts", file, label, checker, "une liste de phrases est attendue")
        aliases = _text_list(record, "aliases", file, label, checker, "une liste de noms est attendue")
        row: Row = {
            "id": ident,
            "name": checker.text(record.get("name"), file, label, "name"),
            "commune_insee": commune["insee"] if commune else None,
            "status": status,
            "since": since,
            "since_text": since_text,
            "source_id": check_source(record.get("source"), file, label),
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
        }
        row.update(_centre_contact(record.get("contact"), file, label, checker, check_source))
        if since and row["as_of"] and status == "open" and since > row["as_of"]:
            checker.add(file, label, "since", "un centre ouvert ne peut pas ouvrir après la date de sa source (as_of)")
        if all(row[k] for k in ("id", "name", "commune_insee", "status", "source_id", "as_of")):
            centres.append(row)
            centre_facts += [{"centre_id": ident, "position": n, "text": f.strip()} for n, f in enumerate(facts)]
            centre_aliases += [{"centre_id": ident, "alias": a.strip()} for a in aliases]
    return centres, centre_facts, centre_aliases


def _centre_commune(
    record: Row, file: str, label: str, checker: _Checker, communes_by_name: dict[str, list[Row]]
) -> Row | None:
    """The gazetteer's commune named by `commune` and `department`: unique, in Occitanie, located."""
    commune_name = checker.text(record.get("commune"), file, label, "commune")
    if not commune_name:
        return None
    department = str(record.get("department") or "").strip()
    matches = [c for c in communes_by_name.get(normalize(commune_name), []) if c["department_code"] == department]
    if len(matches) != 1:
        checker.add(
            file,
            label,
            "commune",
            f"« {commune_name} » ({department or '?'}) ne désigne pas une commune unique du répertoire",
        )
        return None
    if matches[0]["region_code"] != OCCITANIE_REGION_CODE:
        checker.add(file, label, "department", f"« {commune_name} » n'est pas en Occitanie")
        return None
    if matches[0]["lat"] is None:
        checker.add(file, label, "commune", f"« {commune_name} » n'a pas de coordonnées dans le répertoire")
        return None
    return matches[0]


# A French phone number as people write it: ten digits, in pairs ("05 61 23 45 67").
_PHONE = re.compile(r"0[1-9]( \d{2}){4}")
CONTACT_TEXT_MAX = 200


def _centre_contact(value: Any, file: str, label: str, checker: _Checker, check_source: SourceCheck) -> Row:
    """`contact:` of a centre: phone, address, hours, each optional; its own source and date."""
    empty: Row = {"phone": None, "address": None, "hours": None, "contact_source_id": None, "contact_as_of": None}
    if value is None:
        return empty
    if not isinstance(value, dict):
        checker.add(file, label, "contact", "phone, address, hours, source et as_of sont attendus")
        return empty
    unknown = set(value) - {"phone", "address", "hours", "source", "as_of"}
    if unknown:
        checker.add(file, label, "contact", f"champ inconnu : {', '.join(sorted(map(str, unknown)))}")
    phone = checker.text(value.get("phone"), file, label, "contact.phone", required=False)
    if phone and not _PHONE.fullmatch(phone):
        checker.add(file, label, "contact.phone", f"« {phone} » : dix chiffres par deux, par exemple 05 61 23 45 67")
    texts = {}
    for key in ("address", "hours"):
        text = checker.text(value.get(key), file, label, f"contact.{key}", required=False)
        if text and len(text) > CONTACT_TEXT_MAX:
            checker.add(file, label, f"contact.{key}", f"{CONTACT_TEXT_MAX} caractères au plus")
        texts[key] = text
    if not (phone or texts["address"] or texts["hours"]):
        checker.add(file, label, "contact", "au moins un de phone, address, hours est attendu")
    return {
        "phone": phone,
        "address": texts["address"],
        "hours": texts["hours"],
        "contact_source_id": check_source(value.get("source"), file, f"{label}, contact"),
        "contact_as_of": checker.date(value.get("as_of"), file, label, "contact.as_of"),
    }


def _text_list(record: Row, key: str, file: str, label: str, checker: _Checker, message: str) -> list[str]:
    """An optional list of non-empty texts (`facts`, `aliases`); anything else is reported and dropped."""
    values = record.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        checker.add(file, label, key, message)
        return []
    return values


# -- topics.yml -----------------------------------------------------------------------------


def _load_topics(
    path: Path, checker: _Checker, link_ids: set[str], check_source: SourceCheck
) -> tuple[list[Row], list[Row]]:
    """Rows of the topics and of their points."""
    file = path.name
    topics: list[Row] = []
    points: list[Row] = []
    seen: set[str | None] = set()
    for label, record in _records(_read_yaml(path, checker, "topics"), file, checker):
        ident = checker.identifier(record.get("id"), file, label, seen)
        link = record.get("link")
        if link is not None and link not in link_ids:
            checker.add(file, label, "link", f"lien inconnu « {link} » (voir sources.yml)")
        source = check_source(record.get("source"), file, label)
        row: Row = {
            "id": ident,
            "title": checker.text(record.get("title"), file, label, "title"),
            "intro": checker.text(record.get("intro"), file, label, "intro"),
            "link_id": link if link in link_ids else None,
            "source_id": source,
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
        }
        points += _topic_points(record, ident, file, label, checker, check_source)
        if all(row[k] for k in ("id", "title", "intro", "source_id", "as_of")):
            topics.append(row)
    return topics, points


def _topic_points(
    record: Row, topic_id: str | None, file: str, label: str, checker: _Checker, check_source: SourceCheck
) -> list[Row]:
    """A topic's points, each with its own source or the topic's, and an optional key unique in the topic."""
    topic_points = record.get("points") or []
    if not isinstance(topic_points, list):
        checker.add(file, label, "points", "une liste est attendue")
        return []
    rows: list[Row] = []
    point_keys: set[str] = set()
    for position, point in enumerate(topic_points):
        point_label = f"{label}, point {position + 1}"
        if not isinstance(point, dict):
            checker.add(file, point_label, "points", "« text: » attendu")
            continue
        text = checker.text(point.get("text"), file, point_label, "text")
        point_source = check_source(point.get("source", record.get("source")), file, point_label)
        key = point.get("key")
        if key is not None and (not isinstance(key, str) or not _POINT_KEY.fullmatch(key)):
            checker.add(file, point_label, "key", "un nom court en minuscules est attendu (lettres et _)")
            key = None
        elif key is not None:
            if key in point_keys:
                checker.add(file, point_label, "key", f"« {key} » est déjà utilisé dans ce sujet")
            point_keys.add(key)
        if text and point_source:
            rows.append(
                {
                    "topic_id": topic_id,
                    "position": position,
                    "key": key,
                    "text": text,
                    "source_id": point_source,
                }
            )
    return rows


# -- facts.yml ------------------------------------------------------------------------------

_FACT_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
_FACT_FIELDS = {"id", "text", "source", "as_of", "topic", "places", "departments", "asks", "older", "by_department"}
_PLACE_WITH_DEPARTMENT = re.compile(r"^(?P<name>.+?) \((?P<department>\d[0-9AB]|\d{3})\)$")


def _load_facts(
    path: Path,
    checker: _Checker,
    topic_ids: set[str],
    communes_by_name: dict[str, list[Row]],
    department_codes: set[str],
    check_source: SourceCheck,
) -> tuple[list[Row], list[Row], list[Row]]:
    """Rows of the facts, of the ways they are asked and of the places they are about."""
    file = path.name
    facts: list[Row] = []
    asks: list[Row] = []
    places: list[Row] = []
    seen: set[str | None] = set()
    for label, record in _records(_read_yaml(path, checker, "facts"), file, checker):
        ident = checker.identifier(
            record.get("id"), file, label, seen, (_FACT_ID, "minuscules, chiffres et _ seulement")
        )
        unknown = set(record) - _FACT_FIELDS
        if unknown:
            checker.add(file, label, "-", f"champ inconnu : {', '.join(sorted(map(str, unknown)))}")
        topic = record.get("topic")
        if topic is not None and topic not in topic_ids:
            checker.add(file, label, "topic", f"sujet inconnu « {topic} » (voir topics.yml)")
        row: Row = {
            "id": ident,
            "text": checker.text(record.get("text"), file, label, "text"),
            "source_id": check_source(record.get("source"), file, label),
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
            "topic_id": topic if topic in topic_ids else None,
            "older_text": None,
            "older_source_id": None,
            "older_as_of": None,
            "by_department": record.get("by_department", False) is True,
        }
        if record.get("by_department", False) not in (True, False):
            checker.add(file, label, "by_department", "true ou false est attendu")
        elif row["by_department"] and not record.get("departments"):
            checker.add(file, label, "by_department", "le département est attendu (departments)")
        older = record.get("older")
        if older is not None:
            if not isinstance(older, dict):
                checker.add(file, label, "older", "text, source et as_of sont attendus")
            else:
                row["older_text"] = checker.text(older.get("text"), file, label, "older.text")
                row["older_source_id"] = check_source(older.get("source"), file, f"{label}, older")
                row["older_as_of"] = checker.date(older.get("as_of"), file, label, "older.as_of")
                if row["older_as_of"] and row["as_of"] and row["older_as_of"] > row["as_of"]:
                    checker.add(file, label, "older", "la valeur la plus récente va dans text, l'ancienne dans older")
        fact_asks = _text_list(record, "asks", file, label, checker, "une liste de questions est attendue")
        names = _text_list(record, "places", file, label, checker, "une liste de communes est attendue")
        codes = [str(code) for code in record.get("departments") or []]
        for code in codes:
            if code not in department_codes:
                checker.add(file, label, "departments", f"département inconnu « {code} »")
        fact_places = [{"fact_id": ident, "commune_insee": None, "department_code": c} for c in codes]
        for name in names:
            commune = _fact_commune(name, file, label, checker, communes_by_name)
            if commune is not None:
                fact_places.append({"fact_id": ident, "commune_insee": commune["insee"], "department_code": None})
        if all(row[k] for k in ("id", "text", "source_id", "as_of")):
            facts.append(row)
            asks += [{"fact_id": ident, "position": n, "text": a.strip()} for n, a in enumerate(fact_asks)]
            places += fact_places
    return facts, asks, places


def _fact_commune(
    name: str, file: str, label: str, checker: _Checker, communes_by_name: dict[str, list[Row]]
) -> Row | None:
    """The Occitanie commune named "Réalmont", or "Prades (09)" where the name is shared."""
    written = _PLACE_WITH_DEPARTMENT.match(name)
    commune_name, department = (written["name"], written["department"]) if written else (name, None)
    matches = [
        c
        for c in communes_by_name.get(normalize(commune_name), [])
        if c["region_code"] == OCCITANIE_REGION_CODE and department in (None, c["department_code"])
    ]
    if len(matches) != 1:
        checker.add(
            file, label, "places", f"« {name} » ne désigne pas une commune unique d'Occitanie (écrire « Nom (09) »)"
        )
        return None
    return matches[0]


# Insertion order respects foreign keys; deletion goes the other way.
_TABLE_ORDER: list[type[Any]] = [
    models.SourceRow,
    models.LinkRow,
    models.DepartmentRow,
    models.CommuneRow,
    models.PostalCodeRow,
    models.CentreRow,
    models.CentreFactRow,
    models.CentreAliasRow,
    models.TopicRow,
    models.TopicPointRow,
    models.FactRow,
    models.FactAskRow,
    models.FactPlaceRow,
]


def build_database(engine: Engine, data: LoadedData) -> None:
    """Recreate the tables and rows in one transaction: on any error nothing changes."""
    with engine.begin() as connection:
        models.Base.metadata.drop_all(connection)
        models.Base.metadata.create_all(connection)
        for model in _TABLE_ORDER:
            rows = data.rows[model.__tablename__]
            if rows:
                connection.execute(insert(model), rows)
        connection.execute(
            insert(models.BuildInfoRow),
            [
                {"key": "data_hash", "value": data.data_hash},
                {"key": "built_at", "value": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
            ],
        )


def stored_data_hash(engine: Engine) -> str | None:
    from sqlalchemy import inspect, select

    if not inspect(engine).has_table(models.BuildInfoRow.__tablename__):
        return None
    with engine.connect() as connection:
        return connection.execute(
            select(models.BuildInfoRow.value).where(models.BuildInfoRow.key == "data_hash")
        ).scalar_one_or_none()
