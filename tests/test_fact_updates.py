"""Staff change a centre's status (`python -m knowledge centre-status`): a diff first, validated
with all the data, written reviewably, the database rebuilt, and the running action code uses
the new facts without a restart. On a copy of knowledge/data and a database of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actions import knowledge_access
from knowledge import KnowledgeBase
from knowledge.__main__ import main
from knowledge.database import make_engine
from knowledge.loader import build_database, load_data
from knowledge.settings import DATA_DIR

OPENED = [
    "saint-martory",
    "open",
    "--since",
    "2023-03-06",
    "--says",
    "a ouvert le 6 mars 2023",
    "--source",
    "002_a4a95ba4bedb938a",
    "--as-of",
    "2023-03-10",
]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A copy of the data and a database built from it, which the action code reads."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    build_database(make_engine(url), load_data(copy))
    monkeypatch.setenv("KNOWLEDGE_DATABASE_URL", url)
    knowledge_access.forget()
    yield copy, url
    knowledge_access.forget()


def run(data: tuple[Path, str], *args: str) -> int:
    copy, url = data
    return main(["--database-url", url, "centre-status", *args, "--data-dir", str(copy)])


def test_without_write_only_the_diff_is_shown(data, capsys):
    before = (data[0] / "centres.yml").read_text(encoding="utf-8")
    assert run(data, *OPENED) == 0
    shown = capsys.readouterr().out
    assert "-    status: announced\n" in shown and "+    status: open\n" in shown
    assert '+    since_text: "a ouvert le 6 mars 2023"' in shown
    assert "Aperçu seulement" in shown
    assert (data[0] / "centres.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({0: "saint-zorglub"}, "aucun centre « saint-zorglub »"),
        ({1: "ouvert"}, "statut « ouvert » inconnu"),
        ({3: "6 mars 2023"}, "--since : « 6 mars 2023 » n'est pas une date AAAA-MM-JJ"),
        ({7: "dossier-inconnu"}, "source inconnue « dossier-inconnu »"),
        ({9: "2023-01-15"}, "un centre ouvert ne peut pas ouvrir après la date de sa source"),
    ],
)
def test_a_bad_value_is_refused_in_french_and_nothing_is_written(data, capsys, change, message):
    args = [change.get(n, value) for n, value in enumerate(OPENED)]
    before = {p.name: p.read_bytes() for p in data[0].glob("*.yml")}
    assert run(data, *args, "--write") == 2
    error = capsys.readouterr().err
    assert "Changement refusé, rien n'est écrit" in error and message in error
    assert {p.name: p.read_bytes() for p in data[0].glob("*.yml")} == before


def test_write_changes_one_record_rebuilds_and_the_running_actions_see_it(data, monkeypatch, capsys):
    copy, url = data
    before = knowledge_access.knowledge_base()
    assert next(c for c in before.centres if c.id == "saint-martory").status == "announced"
    lines_before = (copy / "centres.yml").read_text(encoding="utf-8").splitlines()

    assert run(data, *OPENED, "--write") == 0
    assert "base reconstruite" in capsys.readouterr().out
    lines_after = (copy / "centres.yml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(lines_before, lines_after, strict=True) if a != b]
    assert len(changed) == 4  # status, since, since_text, as_of: the rest of the file as it was
    rebuilt = KnowledgeBase.from_url(url)  # the database is rebuilt
    assert next(c for c in rebuilt.centres if c.id == "saint-martory").status == "open"

    monkeypatch.setattr(knowledge_access, "RECHECK_SECONDS", 0.0)
    after = knowledge_access.knowledge_base()  # no restart: the next action call reloads
    centre = next(c for c in after.centres if c.id == "saint-martory")
    assert (centre.status, centre.since_text) == ("open", "a ouvert le 6 mars 2023")


def test_a_closed_centre_is_said_closed_and_the_open_ones_follow(data, monkeypatch):
    from test_actions import place, tracker
    from test_actions import run as run_action

    from actions.centres import ActionCentreStatus

    closed = ["millas", "closed", "--since", "2026-03-01", "--says", "a fermé en mars 2026"]
    source = ["--source", "002_a4a95ba4bedb938a", "--as-of", "2026-03-01", "--write"]
    other = ["--source", "national_emergency_numbers", "--as-of", "2026-03-01", "--write"]
    assert run(data, *closed, *other) == 2  # its facts would be credited to another source
    assert run(data, *closed, *other[:-1], "--drop-facts") == 0  # a dry run that would remove them
    assert run(data, *closed, *source) == 0
    monkeypatch.setattr(knowledge_access, "RECHECK_SECONDS", 0.0)
    texts, messages, _ = run_action(
        ActionCentreStatus(), tracker("le centre de Millas est ouvert ?", "centre_status", [place("Millas", 13)])
    )
    assert [m["response"] for m in messages] == ["utter_centre_closed", "utter_nearest_centres"]
    assert "a fermé en mars 2026" in texts[0]
    assert "• Millas" not in texts[1]  # a closed centre is never offered


def test_a_new_source_then_a_new_centre_reach_the_running_actions(data, monkeypatch, capsys):
    copy, url = data
    main_args = ["--database-url", url]
    source = [
        "source-add", "dp-2026-03", "--cite-as", "dossier de presse de la Région Occitanie, mars 2026",
        "--title", "Ma santé, Ma Région : de nouveaux centres", "--publisher", "Région Occitanie",
        "--as-of", "2026-03-10", "--data-dir", str(copy),
    ]  # fmt: skip
    centre = [
        "centre-add", "saint-girons", "--name", "Centre de santé de Ma Région de Saint-Girons",
        "--commune", "Saint-Girons", "--department", "09", "--status", "announced", "--since", "2026-06-01",
        "--says", "doit ouvrir en juin 2026", "--source", "dp-2026-03", "--as-of", "2026-03-10",
        "--data-dir", str(copy),
    ]  # fmt: skip
    assert main(main_args + centre) == 2  # its source is not there yet: refused, nothing written
    assert "source inconnue « dp-2026-03 »" in capsys.readouterr().err
    assert main(main_args + source + ["--write"]) == 0
    assert main(main_args + centre + ["--write"]) == 0
    assert main(main_args + centre + ["--write"]) == 2  # the same id twice
    assert "existe déjà" in capsys.readouterr().err
    sources = (copy / "sources.yml").read_text(encoding="utf-8")
    assert sources.index('id: "dp-2026-03"') < sources.index("# Official pages")  # the comment stays with `links:`

    from test_actions import place, tracker
    from test_actions import run as run_action

    from actions.centres import ActionNearestCentres

    monkeypatch.setattr(knowledge_access, "RECHECK_SECONDS", 0.0)
    texts, messages, _ = run_action(
        ActionNearestCentres(),
        tracker("un centre près de Saint-Girons", "find_nearest_centre", [place("Saint-Girons", 18)]),
    )
    assert messages[-1]["response"] == "utter_nearer_announced"
    assert "Saint-Girons (Ariège), dans votre commune : doit ouvrir en juin 2026" in texts[-1]


CONTACT = ["centre-contact", "millas", "--phone", "04 68 00 00 00", "--hours", "du lundi au vendredi, de 8 h 30 à 19 h"]
CONTACT_SOURCE = ["--source", "national_emergency_numbers", "--as-of", "2026-11-29"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--phone", "0468000000"], "dix chiffres par deux"),
        (["--phone", "04 68 00 00 00", "--source", "inconnue"], "source inconnue « inconnue »"),
        (["--hours", "x" * 201], "200 caractères au plus"),
        ([], "au moins un de phone, address, hours"),
    ],
)
def test_a_bad_contact_is_refused_and_nothing_is_written(data, capsys, args, message):
    source = ["--source", "national_emergency_numbers"] if "--source" not in args else []
    before = (data[0] / "centres.yml").read_bytes()
    assert run_contact(data, "centre-contact", "millas", *args, *source, "--as-of", "2026-11-29", "--write") == 2
    assert message in capsys.readouterr().err
    assert (data[0] / "centres.yml").read_bytes() == before


def run_contact(data, *args: str) -> int:
    copy, url = data
    return main(["--database-url", url, *args, "--data-dir", str(copy)])


def test_a_recorded_contact_is_said_with_its_source_and_date_and_what_is_missing(data, monkeypatch):
    from test_actions import place, tracker
    from test_actions import run as run_action

    from actions.centres import ActionPracticalInfo

    ask = tracker("le téléphone du centre de Millas ?", "practical_info", [place("Millas", 22)])
    texts, messages, _ = run_action(ActionPracticalInfo(), ask)
    assert messages[0]["response"] == "utter_practical_info"  # nothing recorded: said so

    assert run_contact(data, *CONTACT, *CONTACT_SOURCE, "--write") == 0
    monkeypatch.setattr(knowledge_access, "RECHECK_SECONDS", 0.0)
    texts, messages, _ = run_action(ActionPracticalInfo(), ask)
    assert messages[0]["response"] == "utter_centre_contact"
    assert "• téléphone : 04 68 00 00 00" in texts[0]
    assert "• horaires : du lundi au vendredi, de 8 h 30 à 19 h" in texts[0]
    assert "le 29/11/2026" in texts[0] and "service-public.fr" in texts[0]
    assert "Je n'ai pas l'adresse" in texts[0]  # the field not recorded is still said missing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "mars 2026"], "--as-of : « mars 2026 » n'est pas une date AAAA-MM-JJ"),
        (["--as-of", "2026-03-10", "--url", "ftp://exemple.fr/dossier.pdf"], "une adresse http(s):// est attendue"),
    ],
)
def test_a_bad_source_is_refused_and_nothing_is_written(data, capsys, args, message):
    before = (data[0] / "sources.yml").read_bytes()
    source = ["source-add", "dp-2026-03", "--cite-as", "dossier, mars 2026", "--title", "T", "--publisher", "Région"]
    assert run_contact(data, *source, *args, "--write") == 2
    assert message in capsys.readouterr().err
    assert (data[0] / "sources.yml").read_bytes() == before


def test_says_without_since_and_contact_fields_added_one_at_a_time(data, capsys):
    partner = ["saint-gaudens", "partner", "--says", "est un territoire du groupement"]
    assert run(data, *partner, "--source", "002_a4a95ba4bedb938a", "--as-of", "2023-01-15") == 0  # no crash
    assert run_contact(data, "centre-contact", "millas", "--phone", "04 68 00 00 00", *CONTACT_SOURCE, "--write") == 0
    assert run_contact(data, "centre-contact", "millas", "--hours", "le matin", *CONTACT_SOURCE, "--write") == 0
    centres = (data[0] / "centres.yml").read_text(encoding="utf-8")
    assert 'phone: "04 68 00 00 00"' in centres and 'hours: "le matin"' in centres  # merged, not replaced
