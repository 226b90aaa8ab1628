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
        (
            "conversations:\n  - nom: A\n    tours: [{dit: x, attends: y}]",
            "champ inconnu « attends » (vouliez-vous dire « attend » ?)",
        ),
        ("conversations:\n  - nom: A\n    tour: [{dit: x}]", "champ inconnu « tour »"),
        ("conversations:\n  - nom: A\n    tours: [{dit: x}]", "aucune vérification"),
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


def test_every_problem_of_a_file_is_listed_not_only_the_first(tmp_path):
    text = """conversations:
  - nom: A
    tours:
      - dit: bonjour
        attends: Ma santé
  - nom: B
    tours:
      - bouton: 3
  - tours: []
"""
    with pytest.raises(ScenarioError) as raised:
        load(write(tmp_path, text))
    problems = str(raised.value).splitlines()
    assert len(problems) == 3
    assert "conversation 1 (« A »), tour 1 : champ inconnu « attends »" in problems[0]
    assert "conversation 2 (« B »), tour 1, champ « bouton » : un texte est attendu" in problems[1]
    assert "conversation 3, champ « nom »" in problems[2]


def test_a_yaml_syntax_error_gives_its_line_in_french(tmp_path):
    text = "conversations:\n  - nom: A\n    tours:\n      - dit: « x »\n\t attend: y\n"
    with pytest.raises(ScenarioError) as raised:
        load(write(tmp_path, text))
    assert "ligne 5 : YAML illisible" in str(raised.value) and "indentation" in str(raised.value)


# ---- the staff terminal (staff/shell.py) ----------------------------------------------------------


def test_the_terminal_shows_buttons_by_title_and_calls_by_label_never_payloads():
    from staff.shell import render

    lines, buttons = render(
        [
            {
                "text": "Plusieurs communes s'appellent « Prades ». Laquelle ?",
                "buttons": [
                    {"title": "Prades (Ariège)", "payload": '/inform_place{"place":"Prades (09)"}'},
                    {"title": "Prades (Tarn)", "payload": '/inform_place{"place":"Prades (81)"}'},
                ],
            },
            {"custom": {"calls": [{"label": "Appeler le 15", "href": "tel:15"}]}},
        ]
    )
    assert lines == [
        "Plusieurs communes s'appellent « Prades ». Laquelle ?",
        "  ☎ Appeler le 15",
        "  1. Prades (Ariège)",
        "  2. Prades (Tarn)",
    ]
    assert not any("/inform_place" in line or "tel:" in line for line in lines)
    assert [b["title"] for b in buttons] == ["Prades (Ariège)", "Prades (Tarn)"]


def test_the_terminal_sends_a_buttons_payload_for_its_number():
    from staff.shell import message_for

    buttons = [{"title": "Prades (Tarn)", "payload": '/inform_place{"place":"Prades (81)"}'}]
    assert message_for("1", buttons) == ('/inform_place{"place":"Prades (81)"}', "Prades (Tarn)")
    assert message_for("2", buttons) == ("2", "2")  # no such button: sent as typed
    assert message_for("31000", buttons) == ("31000", "31000")
