"""Changes staff make to the facts, made safely: shown as a diff first, validated with the
whole data set, written in place (comments and order kept, ruamel.yaml round trip), then the
database rebuilt. Nothing is written when a value is wrong.

    python -m knowledge centre-status ID STATUS --since AAAA-MM-JJ --says "…" --source ID --as-of AAAA-MM-JJ [--write]
    python -m knowledge centre-add ID --name … --commune … --department … STATUS … [--write]
    python -m knowledge source-add ID --cite-as … --title … --publisher … --as-of AAAA-MM-JJ [--url …] [--write]
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from knowledge.loader import CENTRE_STATUSES, DataValidationError, load_data


class UpdateError(Exception):
    """A change that cannot be made; the message says why, in French."""


@dataclass(frozen=True)
class CentreStatusChange:
    centre_id: str
    status: str
    since: dt.date | None
    says: str | None  # what the source says, as the end of "Le centre …" ("a fermé en mars 2026")
    source: str
    as_of: dt.date
    drop_facts: bool = False  # the centre's facts come from its old source: remove them


@dataclass(frozen=True)
class Proposal:
    path: Path
    before: str
    after: str

    @property
    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{self.path.name} (avant)",
                tofile=f"{self.path.name} (après)",
            )
        )


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quotes stay as they are
    yaml.preserve_quotes = True  # type: ignore[assignment]  # (ruamel's attribute is declared None)
    yaml.width = 4096  # type: ignore[assignment]  # never re-wrap the lines staff wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def propose_centre_status(data_dir: Path, change: CentreStatusChange) -> Proposal:
    """The new text of centres.yml with one centre's status changed, validated with all the data."""
    if change.status not in CENTRE_STATUSES:
        raise UpdateError(f"statut « {change.status} » inconnu : {', '.join(CENTRE_STATUSES)}")
    if change.status in ("open", "announced", "closed") and (change.since is None or not change.says):
        raise UpdateError("pour ce statut, --since (la date) et --says (ce que dit la source) sont obligatoires")

    def edit(document: Any) -> None:
        records = [r for r in document["centres"] if r.get("id") == change.centre_id]
        if not records:
            known = ", ".join(str(r.get("id")) for r in document["centres"])
            raise UpdateError(f"aucun centre « {change.centre_id} » dans centres.yml (centres : {known})")
        record = records[0]
        facts = list(record.get("facts") or [])
        if facts and change.source != record.get("source"):
            # Facts are cited with the centre's source: under a new one they would be misattributed.
            if not change.drop_facts:
                raise UpdateError(
                    f"ce centre a {len(facts)} fait(s) tiré(s) de la source « {record.get('source')} » ;"
                    f" avec la source « {change.source} », ils lui seraient attribués."
                    " Ajoutez --drop-facts pour les retirer, ou gardez la même source."
                )
            record["facts"] = []
        record["status"] = change.status
        _set_or_drop(record, "since", change.since.isoformat() if change.since else None, after="status")
        _set_or_drop(record, "since_text", change.says, after="since")
        record["source"] = change.source
        record["as_of"] = change.as_of.isoformat()

    return _propose(data_dir, "centres.yml", edit)


def propose_centre_contact(data_dir: Path, centre_id: str, contact: dict[str, str | None]) -> Proposal:
    """centres.yml with a centre's `contact:` (phone, address, hours, source, as_of) set."""

    def edit(document: Any) -> None:
        records = [r for r in document["centres"] if r.get("id") == centre_id]
        if not records:
            raise UpdateError(f"aucun centre « {centre_id} » dans centres.yml")
        # Merged into what is recorded: "--hours" alone keeps the phone recorded earlier.
        merged = {**dict(records[0].get("contact") or {}), **{k: v for k, v in contact.items() if v}}
        records[0]["contact"] = CommentedMap((k, DoubleQuotedScalarString(str(v))) for k, v in merged.items())

    return _propose(data_dir, "centres.yml", edit)


def _propose(data_dir: Path, name: str, edit: Callable[[Any], None]) -> Proposal:
    """One data file read, changed in memory (round trip), dumped and validated with all the data."""
    path = data_dir / name
    before = path.read_text(encoding="utf-8")
    yaml = _yaml()
    document = yaml.load(before)
    edit(document)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    after = buffer.getvalue()
    _validate(data_dir, name, after)
    return Proposal(path, before, after)


def _set_or_drop(record: Any, key: str, value: str | None, after: str) -> None:
    if value is None:
        record.pop(key, None)
    elif key in record:
        record[key] = value
    else:
        anchor = after if after in record else "status"  # "since" may just have been dropped
        record.insert(list(record).index(anchor) + 1, key, value)


def _validate(data_dir: Path, name: str, text: str) -> None:
    """The whole data set, with the new file, must load: else nothing is written."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy)
        (copy / name).write_text(text, encoding="utf-8")
        try:
            load_data(copy)
        except DataValidationError as error:
            raise UpdateError(str(error)) from None


def apply(proposal: Proposal) -> None:
    """Writes the file (whole, through a temporary file: never half-written)."""
    temporary = proposal.path.with_suffix(".yml.tmp")
    temporary.write_text(proposal.after, encoding="utf-8")
    temporary.replace(proposal.path)


def propose_new_record(data_dir: Path, file_name: str, list_key: str, record: dict[str, Any]) -> Proposal:
    """The file with one record appended to its list (a new centre, a new source), validated."""

    def edit(document: Any) -> None:
        if any(r.get("id") == record["id"] for r in document[list_key]):
            raise UpdateError(f"l'identifiant « {record['id']} » existe déjà dans {file_name}")
        records = document[list_key]
        new = CommentedMap(
            (k, DoubleQuotedScalarString(v) if isinstance(v, str) else v)
            for k, v in record.items()
            if v not in (None, "")
        )
        # The blank line and comment after the last record belong to what follows the list
        # ("# Official pages…"): they move down, after the new record.
        last = records[-1] if records else None
        if isinstance(last, CommentedMap) and len(last):
            trailing = last.ca.items.pop(list(last)[-1], None)
            if trailing is not None:
                new.ca.items[list(new)[-1]] = trailing
        records.append(new)

    return _propose(data_dir, file_name, edit)
