"""The staff's scripted-conversation runner: file checks here; runs against the real
assistant in tests/test_rest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from staff.conversations import ScenarioError, folded, load

EXAMPLES = Path(__file__).resolve().parent.parent / "staff" / "exemples"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "conversations.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_file_loads():
    conversations = load(EXAMPLES / "parcours-principaux.yml")
    assert len(conversations) >= 8
    assert any(turn.clicks for c in conversations for turn in c.turns)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("autre: []", "une liste « conversations: » est attendue"),
        ("conversations:\n  - tours: [{dit: salut}]", "conversation 1, champ « nom »"),
        ("conversations:\n  - nom: A\n    tours: []", "conversation 1 (« A »), champ « tours »"),
        ("conversations:\n  - nom: A\n    tours: [{attend: x}]", "tour 1 : il faut « dit » ou « bouton »"),
        ("conversations:\n  - nom: A\n    tours: [{dit: x, bouton: y}]", "un seul des deux"),
        ("conversations:\n  - nom: A\n    tours: [{dit: x, attend: {a: 1}}]", "tour 1, champ « attend »"),
        ("conversations: [", "YAML illisible"),
    ],
)
def test_a_broken_file_is_reported_with_where_and_what(tmp_path, text, message):
    with pytest.raises(ScenarioError) as raised:
        load(write(tmp_path, text))
    assert message in str(raised.value)


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="fichier introuvable"):
        load(tmp_path / "absent.yml")


def test_matching_ignores_case_and_accents():
    assert folded("FÉVRIER 2023") in folded("devait ouvrir en février 2023")
    assert folded("Pyrenees") == folded("Pyrénées")
