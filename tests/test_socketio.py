"""The socket.io channel the web page uses (webchat/channel.py), with real socket.io clients
(python-socketio, long-polling like the page) against the running assistant (`servers` fixture).

Two visitors at once: neither can write into, nor hear, the other's conversation.
"""

from __future__ import annotations

import queue
import urllib.request
from typing import Any

import pytest
import socketio

from webchat import limits

pytestmark = pytest.mark.integration

QUIET = 3  # seconds to wait for an answer that must not come


class Visitor:
    """A socket.io client like the web page, with its session confirmed."""

    def __init__(self, rasa_url: str, session_id: Any = None) -> None:
        self.client = socketio.Client(reconnection=False)
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.client.on("session_confirm", lambda sid: self.events.put(("session", sid)))
        self.client.on("bot_uttered", lambda data: self.events.put(("bot", data)))
        self.client.connect(rasa_url, transports=["polling"], wait_timeout=10)
        self.client.emit("session_request", {"session_id": session_id})
        kind, self.session = self.events.get(timeout=10)
        assert kind == "session"

    def send(self, message: str, session_id: str | None = None) -> None:
        self.client.emit("user_uttered", {"message": message, "session_id": session_id or self.session})

    def answer(self, timeout: float = 30) -> dict[str, Any]:
        kind, data = self.events.get(timeout=timeout)
        assert kind == "bot"
        return data

    def hears_nothing(self) -> bool:
        try:
            self.events.get(timeout=QUIET)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        # Engine.IO's close packet, without waiting up to 25 s for the pending long-poll to end.
        self.client.eio.disconnect(abort=True)


@pytest.fixture
def visitors(servers):
    made: list[Visitor] = []

    def visitor(session_id: Any = None) -> Visitor:
        made.append(Visitor(servers["rasa_url"], session_id))
        return made[-1]

    yield visitor
    for v in made:
        v.close()


def user_texts(events: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [data["text"] for kind, data in events if kind == "user"]


def test_engine_io_handshake_answers(servers):
    # Engine.IO handshake (polling transport), as the socket.io client does first.
    with urllib.request.urlopen(f"{servers['rasa_url']}/socket.io/?EIO=4&transport=polling", timeout=10) as response:
        body = response.read().decode()
    assert body.startswith("0{") and '"sid"' in body


def test_answers_reach_the_session_and_survive_a_reconnection(visitors):
    page = visitors()
    page.send("/greet")
    answer = page.answer()
    assert "Ma santé, Ma Région" in answer["text"]
    assert [b["title"] for b in answer["quick_replies"]][0] == "Trouver un centre de santé"
    page.send("un centre près de Prades")
    assert "Prades (Tarn)" in [b["title"] for b in page.answer()["quick_replies"]]
    page.close()
    # A reload: new connection, same session id, same conversation (the question about Prades).
    reloaded = visitors(page.session)
    assert reloaded.session == page.session
    reloaded.send("Tarn")
    assert "Prades (Tarn)" in reloaded.answer()["text"]


@pytest.mark.parametrize("forged", ["test-someone-else", "../../etc", "a" * 32, "a" * 32 + "." + "0" * 32, 42])
def test_session_ids_are_made_by_the_server(visitors, forged):
    assert limits.SESSION_ID.fullmatch(visitors(forged).session)
    assert visitors(forged).session != forged


def test_a_visitor_cannot_write_into_another_conversation(stored_events, visitors):
    alice, mallory = visitors(), visitors()
    alice.send("un centre près de Prades")
    alice.answer()
    mallory.send("Tarn", session_id=alice.session)  # not the session this socket was given
    assert mallory.hears_nothing() and alice.hears_nothing()
    assert user_texts(stored_events(alice.session)) == ["un centre près de Prades"]
    # Nor into a REST conversation, whose sender id it might know.
    mallory.send("Bonjour", session_id="test-rest-sender")
    assert mallory.hears_nothing()
    assert user_texts(stored_events("test-rest-sender")) == []


def test_a_visitor_does_not_hear_another_conversation(visitors):
    alice, bob = visitors(), visitors()
    alice.send("centre le plus proche de Foix")
    bob.send("Bonjour")
    assert "Foix" in alice.answer()["text"]
    assert "Ma santé, Ma Région" in bob.answer()["text"]
    assert alice.hears_nothing() and bob.hears_nothing()


def test_typed_payloads_are_read_as_text(stored_events, visitors):
    page = visitors()
    page.send('/greet{"place":"x"} mon père ne respire plus')
    text = page.answer()["text"]
    assert all(number in text for number in ("15", "112", "114")), text
    assert user_texts(stored_events(page.session)) == ['greet{"place":"x"} mon père ne respire plus']


def test_a_long_message_is_answered_without_the_pipeline(stored_events, visitors):
    page = visitors()
    page.send("Je cherche un médecin " * 100)  # 2,200 characters
    assert page.answer()["text"] == limits.TOO_LONG
    assert user_texts(stored_events(page.session)) == []
    page.send("Bonjour")
    assert "Ma santé, Ma Région" in page.answer()["text"]


def test_an_oversized_socketio_packet_is_refused(stored_events, visitors):
    page = visitors()
    page.send("x" * 20_000)  # more than the server's packet limit: the connection is dropped
    assert page.hears_nothing()
    assert user_texts(stored_events(page.session)) == []
    # The server goes on serving others.
    other = visitors()
    other.send("Bonjour")
    assert "Ma santé, Ma Région" in other.answer()["text"]
