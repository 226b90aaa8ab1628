"""The running assistant through Rasa's REST channel: real model, real action server, real tracker store.

The servers are started once for the whole test session by the `servers` fixture (conftest.py),
on spare ports (about 40 s), so the tests can run beside `scripts/run.sh`.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5305"))  # the `servers` fixture (conftest.py) starts Rasa there

pytestmark = pytest.mark.integration


class Conversation:
    def __init__(self) -> None:
        self.sender = f"test-{uuid.uuid4().hex[:12]}"

    def say(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return json.load(response)

    def text(self, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(message))


@pytest.fixture
def chat(servers) -> Conversation:
    return Conversation()


def test_greeting_offers_the_main_topics(chat):
    replies = chat.say("Bonjour")
    assert "Ma santé, Ma Région" in replies[0]["text"]
    assert "15" in replies[0]["text"] and "112" in replies[0]["text"]
    assert len(replies[0]["buttons"]) == 3


def test_place_asked_then_given_then_follow_up(chat):
    assert "Dans quelle commune" in chat.text("Où est le centre de santé le plus proche ?")
    answer = chat.text("St Girons")
    assert "Saint-Girons (Ariège)" in answer
    assert answer.index("Sainte-Croix-Volvestre") < answer.index("Aspet")
    assert "Foix (Ariège)" in chat.text("et à Foix ?")


def test_homonym_then_department_button(chat):
    replies = chat.say("quel est le centre le plus proche de Prades ?")
    buttons = {b["title"]: b["payload"] for b in replies[0]["buttons"]}
    assert set(buttons) == {"Prades (Ariège)", "Prades (Pyrénées-Orientales)", "Prades (Tarn)"}
    answer = chat.text(buttons["Prades (Pyrénées-Orientales)"])
    assert "Prades (Pyrénées-Orientales)" in answer
    assert answer.splitlines()[1].startswith("• Millas (Pyrénées-Orientales), à ")


def test_homonym_then_department_typed(chat):
    chat.say("un centre près de Mirepoix")
    assert "Mirepoix (Ariège)" in chat.text("Ariège")


def test_status_then_another_place(chat):
    answer = chat.text("Le centre de Millas est-il ouvert ?")
    assert "15 septembre 2022" in answer
    answer = chat.text("et Saint-Martory ?")
    assert "devait ouvrir en février 2023" in answer and "Je ne sais pas" in answer


def test_salaried_practice(chat):
    answer = chat.text("Quels sont les avantages d'être médecin salarié chez vous ?")
    assert "35 heures" in answer and "secrétariat" in answer
    assert "https://www.laregion.fr/Recrutement-medecins" in answer


def test_outside_occitanie(chat):
    assert "pas en Occitanie" in chat.text("je cherche un centre de santé à Bordeaux")


@pytest.mark.parametrize(
    "message",
    [
        "",
        "🙂🙂🙂",
        "🤒😷💊",
        "a" * 5000,
        "Je cherche un médecin " * 230,  # about 5,000 characters of real words
        "<script>alert('x')</script>",
        "centre le plus proche de <script>alert(1)</script>",
        "je cherche un centre à '; DROP TABLE communes; --",
        "Robert'); DROP TABLE events;--",
        "{{7*7}} ${jndi:ldap://x}",
    ],
)
def test_bad_input_gets_a_sensible_french_answer(chat, message):
    replies = chat.say(message)
    assert replies, "no answer"
    text = "\n".join(r.get("text", "") for r in replies)
    assert text.strip()
    for leak in ("Traceback", "Exception", "Error", "<script", "DROP TABLE", "jndi"):
        assert leak not in text
    # Still a working conversation afterwards.
    assert "Ma santé, Ma Région" in chat.text("Bonjour")


@pytest.mark.parametrize(
    "message",
    [
        "mon père ne respire plus",
        "j'ai très mal à la poitrine",
        "où est le centre le plus proche de Foix ? mon mari a perdu connaissance",  # inside another question
        "ma mere est inconsiente",  # typo: caught by the safety net whatever DIET thinks
    ],
)
def test_emergency_gets_15_112_and_114(chat, message):
    text = chat.text(message)
    for number in ("15", "112", "114"):
        assert number in text


def test_suicidal_thoughts_get_3114(chat):
    text = chat.text("je veux en finir, je pense au suicide")
    assert "3114" in text and "15" in text and "112" in text


def test_wordless_messages_are_not_understood(chat):
    assert "Je n'ai pas bien compris" in chat.text("🙂🙂🙂")


def test_conversations_are_kept_in_the_sql_tracker_store(servers, chat):
    chat.say("Bonjour")
    chat.say("centre le plus proche de Foix")
    connection = sqlite3.connect(servers["tracker_db"])
    try:
        rows = connection.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (chat.sender,)
        ).fetchall()
    finally:
        connection.close()
    assert [kind for kind, _ in rows].count("user") == 2
    assert "action_nearest_centres" in [json.loads(data)["name"] for kind, data in rows if kind == "action"]


def test_socketio_channel_is_open_for_the_web_page(servers):
    # Engine.IO handshake (polling transport), as the socket.io client does first.
    url = f"http://127.0.0.1:{RASA_PORT}/socket.io/?EIO=4&transport=polling"
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode()
    assert body.startswith("0{") and '"sid"' in body


def _socketio_client(session_id):
    """A socket.io client like the web page (long-polling), with its session confirmed."""
    import socketio

    client, events = socketio.Client(), queue.Queue()
    client.on("session_confirm", lambda sid: events.put(("session", sid)))
    client.on("bot_uttered", lambda data: events.put(("bot", data)))
    client.connect(f"http://127.0.0.1:{RASA_PORT}", transports=["polling"], wait_timeout=10)
    client.emit("session_request", {"session_id": session_id})
    kind, confirmed = events.get(timeout=10)
    assert kind == "session"
    return client, events, confirmed


def test_socketio_answers_reach_the_session_and_survive_a_reconnection(servers):
    # webchat/channel.py: the page's socket joins its session's room, where Rasa sends the answers.
    client, events, session = _socketio_client(None)
    try:
        client.emit("user_uttered", {"message": "/greet", "session_id": session})
        kind, answer = events.get(timeout=30)
        assert kind == "bot" and "Ma santé, Ma Région" in answer["text"]
        assert [b["title"] for b in answer["quick_replies"]][0] == "Trouver un centre de santé"
        client.emit("user_uttered", {"message": "un centre près de Prades", "session_id": session})
        assert "Prades (Tarn)" in [b["title"] for b in events.get(timeout=30)[1]["quick_replies"]]
    finally:
        client.disconnect()
    # A reload: new connection, same session id, same conversation (the question about Prades).
    client, events, again = _socketio_client(session)
    try:
        assert again == session
        client.emit("user_uttered", {"message": "Tarn", "session_id": session})
        assert "Prades (Tarn)" in events.get(timeout=30)[1]["text"]
    finally:
        client.disconnect()


@pytest.mark.parametrize("forged", ["test-someone-else", "../../etc", "A" * 32, 42])
def test_socketio_session_ids_are_the_servers_own(servers, forged):
    client, _, session = _socketio_client(forged)
    client.disconnect()
    assert session != forged and len(session) == 32


def test_staff_example_conversations_pass(servers, capsys):
    from staff.conversations import main

    exit_code = main(
        [str(ROOT / "staff" / "exemples" / "parcours-principaux.yml"), "--url", f"http://127.0.0.1:{RASA_PORT}"]
    )
    out = capsys.readouterr().out
    assert exit_code == 0, out
    assert "✗" not in out and "✓" in out and "0 échouées" in out


def test_staff_runner_reports_a_failed_expectation(servers, tmp_path, capsys):
    from staff.conversations import main

    path = tmp_path / "faux.yml"
    path.write_text(
        'conversations:\n  - nom: Faux\n    tours:\n      - dit: "Bonjour"\n        attend: "Zanzibar"\n'
        '      - bouton: "Bouton absent"\n',
        encoding="utf-8",
    )
    exit_code = main([str(path), "--url", f"http://127.0.0.1:{RASA_PORT}"])
    out = capsys.readouterr().out
    assert exit_code == 1
    assert "✗ contient « Zanzibar »" in out and "✗ pas de bouton « Bouton absent »" in out


def test_staff_runner_says_when_the_assistant_is_not_running(tmp_path, capsys):
    from staff.conversations import main

    exit_code = main([str(ROOT / "staff" / "exemples" / "parcours-principaux.yml"), "--url", "http://127.0.0.1:9"])
    assert exit_code == 2
    assert "ne répond pas" in capsys.readouterr().err
