"""The loader: validation names file, record and field; a failed build changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from knowledge import models
from knowledge.__main__ import main as knowledge_cli
from knowledge.database import make_engine
from knowledge.loader import DataValidationError, build_database, load_data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as raised:
        load_data(data_dir)
    return [str(p) for p in raised.value.problems]


def test_the_shipped_data_is_valid_and_sourced():
    data = load_data()
    centres = {c["id"]: c for c in data.rows["centres"]}
    assert centres["millas"]["status"] == "open"
    assert centres["millas"]["commune_insee"] == "66108"
    assert centres["saint-martory"]["status"] == "announced"
    occitanie = [c for c in data.rows["communes"] if c["region_code"] == "76" and c["kind"] == "COM"]
    assert 4400 < len(occitanie) < 4500


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "centres.yml",
            'status: open\n    since: "2022-09-15"',
            'status: ouvert\n    since: "2022-09-15"',
            "centres.yml, enregistrement 3 (id « millas »), champ « status »",
        ),
        ("centres.yml", 'commune: "Millas"', 'commune: "Millaz"', "champ « commune »"),
        ("centres.yml", 'since: "2022-09-15"', 'since: "15/09/2022"', "champ « since » : date invalide"),
        ("centres.yml", 'source: "002_a4a95ba4bedb938a"', 'source: "inconnu"', "champ « source » : source inconnue"),
        ("topics.yml", "  - id: doctor_role", "  - id: practice_benefits", "champ « id » : identifiant en double"),
        ("sources.yml", 'url: "https://www.laregion.fr"\n', 'url: "http://www.laregion.fr"\n', "champ « url »"),
        ("centres.yml", "centres:", "centre:", "centres.yml, fichier, champ « centres »"),
        ("topics.yml", "topics:\n", "topics: [\n", "topics.yml, fichier, champ « topics » : YAML illisible"),
        (
            "gazetteer/communes_france_2024.csv",
            "09122,09,76,Foix,09000",
            "09122,09,76,Foix,9000X",
            "communes_france_2024.csv, ligne",
        ),
        (
            "sources.yml",
            '  - id: "001_da6ceee72b35366c"',
            '  - id: "000_a56879e6394777d3"',
            "champ « id » : identifiant en double",
        ),
        (
            "sources.yml",
            "links:\n  - id: recruitment",
            "links:\n  - just a string\n  - id: recruitment",
            "lien 1, champ « - »",
        ),
        ("centres.yml", 'since: "2022-09-15"', 'since: "2024-09-15"', "ne peut pas ouvrir après"),
        ("centres.yml", 'aliases: ["Lacaune-Viane"]', 'aliases: "Lacaune-Viane"', "champ « aliases »"),
    ],
)
def test_broken_files_are_reported_by_file_record_and_field(data_copy, file, old, new, expected):
    _edit(data_copy / file, old, new)
    problems = _problems(data_copy)
    assert any(expected in p for p in problems), problems


def test_all_problems_are_listed_at_once(data_copy):
    _edit(data_copy / "centres.yml", 'commune: "Millas"', 'commune: "Millaz"')
    _edit(data_copy / "topics.yml", 'as_of: "2014-01-20"', 'as_of: "hier"')
    assert len(_problems(data_copy)) >= 2


def test_missing_file_is_reported(data_copy):
    (data_copy / "topics.yml").unlink()
    assert any("topics.yml" in p and "fichier introuvable" in p for p in _problems(data_copy))


def test_a_failed_build_leaves_the_database_as_it_was(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    good = load_data()
    build_database(engine, good)
    with engine.connect() as connection:
        before = connection.execute(select(func.count()).select_from(models.CommuneRow)).scalar_one()

    # Two centres with the same id get past nothing but the database's primary key:
    # the insert fails halfway through the transaction.
    broken = load_data()
    broken.rows["centres"].append(dict(broken.rows["centres"][0]))
    with pytest.raises(IntegrityError):
        build_database(engine, broken)

    with engine.connect() as connection:
        after = connection.execute(select(func.count()).select_from(models.CommuneRow)).scalar_one()
        centres = connection.execute(select(func.count()).select_from(models.CentreRow)).scalar_one()
    assert after == before
    assert centres == len(good.rows["centres"])


def test_cli_refuses_broken_data_and_keeps_the_database(tmp_path, data_copy, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    assert knowledge_cli(["--database-url", url, "build"]) == 0
    _edit(data_copy / "centres.yml", 'commune: "Millas"', 'commune: "Millaz"')
    monkeypatch.setattr("knowledge.__main__.DATA_DIR", data_copy)
    assert knowledge_cli(["--database-url", url, "build"]) == 1
    assert "Millaz" in capsys.readouterr().err
    from knowledge import KnowledgeBase

    assert any(c.id == "millas" for c in KnowledgeBase.from_url(url).centres)


def test_build_if_changed_skips_an_up_to_date_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    assert knowledge_cli(["--database-url", url, "build", "--if-changed"]) == 0
    assert "construite" in capsys.readouterr().out
    assert knowledge_cli(["--database-url", url, "build", "--if-changed"]) == 0
    assert "à jour" in capsys.readouterr().out
