"""Validate knowledge/data/ and load it into the database, all or nothing.

Every file is read and checked before the database is touched; the rows are then replaced
in one transaction, so a broken data file leaves the database exactly as it was.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import create_engine, event, insert
from sqlalchemy.engine import Engine

from knowledge import models
from knowledge.settings import DATA_DIR, OCCITANIE_REGION_CODE
from knowledge.text import normalize

CENTRE_STATUSES = ("open", "announced", "partner", "candidate")
COMMUNE_KINDS = ("COM", "COMD", "ARM")
GAZETTEER_COLUMNS = (
    "insee", "departement", "region", "nom", "code_postal", "type", "insee_parente", "lat", "lon", "population",
)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_POINT_KEY = re.compile(r"^[a-z_]{1,32}$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


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


def _load_departments(path: Path, checker: _Checker) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            record = f"ligne {line_no}"
            code = checker.text(row.get("insee_dep"), path.name, record, "insee_dep")
            region = checker.text(row.get("insee_reg"), path.name, record, "insee_reg")
            name = checker.text(row.get("departement"), path.name, record, "departement")
            if code and region and name:
                rows.append({
                    "code": code, "region_code": region, "name": name,
                    "name_with_article": (row.get("departement_article") or name).strip(),
                })
    return rows


def _load_gazetteer(path: Path, department_codes: set[str], checker: _Checker):
    communes: dict[tuple[str, str], dict[str, Any]] = {}
    postal: set[tuple[str, tuple[str, str]]] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in GAZETTEER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            checker.add(path.name, "en-tête", ", ".join(missing), "colonnes manquantes")
            return [], []
        for line_no, row in enumerate(reader, start=2):
            record = f"ligne {line_no}"
            insee, kind, postal_code = row["insee"].strip(), row["type"].strip(), row["code_postal"].strip()
            department = row["departement"].strip()
            if not _INSEE.match(insee):
                checker.add(path.name, record, "insee", f"code INSEE invalide « {insee} »")
                continue
            if kind not in COMMUNE_KINDS:
                checker.add(path.name, record, "type", f"type inconnu « {kind} »")
                continue
            # Delegated communes carry no department of their own: they take their parent's.
            if department not in department_codes and not (kind == "COMD" and not department):
                checker.add(path.name, record, "departement", f"département inconnu « {department} »")
                continue
            if not row["nom"].strip():
                checker.add(path.name, record, "nom", "valeur manquante")
                continue
            try:
                lat = float(row["lat"]) if row["lat"] else None
                lon = float(row["lon"]) if row["lon"] else None
            except ValueError:
                checker.add(path.name, record, "lat/lon", "coordonnées non numériques")
                continue
            if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
                checker.add(path.name, record, "lat/lon", "coordonnées hors limites")
                continue
            key = (insee, kind)
            commune = {
                "insee": insee, "kind": kind, "name": row["nom"].strip(), "department_code": department,
                "region_code": row["region"].strip(), "parent_insee": row["insee_parente"].strip() or None,
                "lat": lat, "lon": lon,
                "population": int(row["population"]) if row["population"].strip().isdigit() else None,
            }
            previous = communes.setdefault(key, commune)
            if previous["name"] != commune["name"]:
                checker.add(path.name, record, "nom", f"« {commune['name']} » contredit « {previous['name']} » pour {insee}")
            if postal_code:
                if not _POSTAL_CODE.match(postal_code):
                    checker.add(path.name, record, "code_postal", f"code postal invalide « {postal_code} »")
                else:
                    postal.add((postal_code, key))
    current = {c["insee"]: c for c in communes.values() if c["kind"] == "COM"}
    for (insee, kind), commune in list(communes.items()):
        if kind != "COMD":
            continue
        parent = current.get(commune["parent_insee"] or "")
        if parent is None:
            checker.add(path.name, f"commune {insee} ({commune['name']})", "insee_parente",
                        f"commune parente inconnue « {commune['parent_insee']} »")
            del communes[(insee, kind)]
            continue
        commune["department_code"] = commune["department_code"] or parent["department_code"]
        commune["region_code"] = commune["region_code"] or parent["region_code"]
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


def _find_commune(communes_by_name, name: str, department: str) -> list[dict[str, Any]]:
    return [c for c in communes_by_name.get(normalize(name), []) if c["department_code"] == department]


def load_data(data_dir: Path = DATA_DIR) -> LoadedData:
    """Read and validate every data file; raise DataValidationError listing all problems."""
    checker = _Checker()
    gazetteer_dir = data_dir / "gazetteer"
    departments = _load_departments(gazetteer_dir / "departements_2024.csv", checker)
    communes, postal_codes = _load_gazetteer(
        gazetteer_dir / "communes_france_2024.csv", {d["code"] for d in departments}, checker
    )

    sources_file = data_dir / "sources.yml"
    sources, links = [], []
    for index, record in enumerate(_read_yaml(sources_file, checker, "sources")):
        label = _record_label(index, record)
        if not isinstance(record, dict):
            checker.add(sources_file.name, label, "-", "un dictionnaire est attendu")
            continue
        row = {
            "id": checker.text(record.get("id"), sources_file.name, label, "id"),
            "title": checker.text(record.get("title"), sources_file.name, label, "title"),
            "publisher": checker.text(record.get("publisher"), sources_file.name, label, "publisher"),
            "cite_as": checker.text(record.get("cite_as"), sources_file.name, label, "cite_as"),
            "as_of": checker.date(record.get("as_of"), sources_file.name, label, "as_of"),
            "as_of_note": checker.text(record.get("as_of_note"), sources_file.name, label, "as_of_note", required=False) or "",
        }
        if row["id"] in {s["id"] for s in sources}:
            checker.add(sources_file.name, label, "id", "identifiant en double")
        elif all(row[k] for k in ("id", "title", "publisher", "cite_as", "as_of")):
            sources.append(row)
    source_ids = {s["id"] for s in sources}

    def check_source(value: Any, file: str, label: str) -> str | None:
        source = checker.text(value, file, label, "source")
        if source and source not in source_ids:
            checker.add(file, label, "source", f"source inconnue « {source} » (voir sources.yml)")
            return None
        return source

    document = yaml.safe_load(sources_file.read_text(encoding="utf-8")) if sources_file.exists() else None
    for index, record in enumerate((document or {}).get("links", []) if isinstance(document, dict) else []):
        label = f"lien {index + 1}"
        if not isinstance(record, dict):
            checker.add(sources_file.name, label, "-", "un dictionnaire est attendu")
            continue
        url = checker.text(record.get("url"), sources_file.name, label, "url")
        if url and not url.startswith("https://"):
            checker.add(sources_file.name, label, "url", "une adresse https:// est attendue")
        row = {
            "id": checker.text(record.get("id"), sources_file.name, label, "id"), "url": url,
            "label": checker.text(record.get("label"), sources_file.name, label, "label"),
            "source_id": check_source(record.get("source"), sources_file.name, label),
        }
        if row["id"] in {link["id"] for link in links}:
            checker.add(sources_file.name, label, "id", "identifiant en double")
        elif all(row.values()):
            links.append(row)
    link_ids = {link["id"] for link in links}

    communes_by_name: dict[str, list[dict[str, Any]]] = {}
    for commune in communes:
        if commune["kind"] == "COM":
            communes_by_name.setdefault(normalize(commune["name"]), []).append(commune)

    centres_file = data_dir / "centres.yml"
    centres, centre_facts, centre_aliases, seen = [], [], [], set()
    for index, record in enumerate(_read_yaml(centres_file, checker, "centres")):
        label = _record_label(index, record)
        file = centres_file.name
        if not isinstance(record, dict):
            checker.add(file, label, "-", "un dictionnaire est attendu")
            continue
        ident = checker.text(record.get("id"), file, label, "id")
        if ident and not _SLUG.match(ident):
            checker.add(file, label, "id", "minuscules, chiffres et tirets seulement")
        if ident in seen:
            checker.add(file, label, "id", "identifiant en double")
        seen.add(ident)
        status = checker.text(record.get("status"), file, label, "status")
        if status and status not in CENTRE_STATUSES:
            checker.add(file, label, "status", f"« {status} » n'est pas dans {', '.join(CENTRE_STATUSES)}")
        since = checker.date(record.get("since"), file, label, "since", required=status in ("open", "announced"))
        since_text = checker.text(record.get("since_text"), file, label, "since_text", required=since is not None)
        commune_name = checker.text(record.get("commune"), file, label, "commune")
        department = str(record.get("department") or "").strip()
        commune = None
        if commune_name:
            matches = _find_commune(communes_by_name, commune_name, department)
            if len(matches) != 1:
                checker.add(file, label, "commune", f"« {commune_name} » ({department or '?'}) ne désigne pas une commune unique du répertoire")
            elif matches[0]["region_code"] != OCCITANIE_REGION_CODE:
                checker.add(file, label, "department", f"« {commune_name} » n'est pas en Occitanie")
            elif matches[0]["lat"] is None:
                checker.add(file, label, "commune", f"« {commune_name} » n'a pas de coordonnées dans le répertoire")
            else:
                commune = matches[0]
        facts = record.get("facts") or []
        if not isinstance(facts, list) or not all(isinstance(f, str) and f.strip() for f in facts):
            checker.add(file, label, "facts", "une liste de phrases est attendue")
            facts = []
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            checker.add(file, label, "aliases", "une liste de noms est attendue")
            aliases = []
        row = {
            "id": ident, "name": checker.text(record.get("name"), file, label, "name"),
            "commune_insee": commune["insee"] if commune else None, "status": status,
            "since": since, "since_text": since_text, "source_id": check_source(record.get("source"), file, label),
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
        }
        if since and row["as_of"] and status == "open" and since > row["as_of"]:
            checker.add(file, label, "since", "un centre ouvert ne peut pas ouvrir après la date de sa source (as_of)")
        if all(row[k] for k in ("id", "name", "commune_insee", "status", "source_id", "as_of")):
            centres.append(row)
            centre_facts += [{"centre_id": ident, "position": n, "text": f.strip()} for n, f in enumerate(facts)]
            centre_aliases += [{"centre_id": ident, "alias": a.strip()} for a in aliases]

    topics_file = data_dir / "topics.yml"
    topics, points, seen = [], [], set()
    for index, record in enumerate(_read_yaml(topics_file, checker, "topics")):
        label = _record_label(index, record)
        file = topics_file.name
        if not isinstance(record, dict):
            checker.add(file, label, "-", "un dictionnaire est attendu")
            continue
        ident = checker.text(record.get("id"), file, label, "id")
        if ident in seen:
            checker.add(file, label, "id", "identifiant en double")
        seen.add(ident)
        link = record.get("link")
        if link is not None and link not in link_ids:
            checker.add(file, label, "link", f"lien inconnu « {link} » (voir sources.yml)")
        source = check_source(record.get("source"), file, label)
        row = {
            "id": ident, "title": checker.text(record.get("title"), file, label, "title"),
            "intro": checker.text(record.get("intro"), file, label, "intro"),
            "link_id": link if link in link_ids else None, "source_id": source,
            "as_of": checker.date(record.get("as_of"), file, label, "as_of"),
        }
        topic_points = record.get("points") or []
        if not isinstance(topic_points, list):
            checker.add(file, label, "points", "une liste est attendue")
            topic_points = []
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
                points.append({
                    "topic_id": ident, "position": position, "key": key, "text": text, "source_id": point_source,
                })
        if all(row[k] for k in ("id", "title", "intro", "source_id", "as_of")):
            topics.append(row)

    if checker.problems:
        raise DataValidationError(checker.problems)
    return LoadedData(
        rows={
            "sources": sources, "links": links, "departments": departments, "communes": communes,
            "postal_codes": postal_codes, "centres": centres, "centre_facts": centre_facts,
            "centre_aliases": centre_aliases,
            "topics": topics, "topic_points": points,
        },
        data_hash=data_hash(data_dir),
    )


# Insertion order respects foreign keys; deletion goes the other way.
_TABLE_ORDER = [
    models.Source, models.Link, models.Department, models.Commune, models.PostalCode,
    models.Centre, models.CentreFact, models.CentreAlias, models.Topic, models.TopicPoint,
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
        connection.execute(insert(models.BuildInfo), [
            {"key": "data_hash", "value": data.data_hash},
            {"key": "built_at", "value": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
        ])


def stored_data_hash(engine: Engine) -> str | None:
    from sqlalchemy import inspect, select

    if not inspect(engine).has_table(models.BuildInfo.__tablename__):
        return None
    with engine.connect() as connection:
        return connection.execute(
            select(models.BuildInfo.value).where(models.BuildInfo.key == "data_hash")
        ).scalar_one_or_none()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        if engine.url.database:
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        # pysqlite commits before DDL on its own; let SQLAlchemy open the transaction so that
        # dropping and recreating the tables is atomic (SQLAlchemy's documented recipe).
        @event.listens_for(engine, "connect")
        def _no_implicit_transactions(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(connection):
            connection.exec_driver_sql("BEGIN")
    return engine
