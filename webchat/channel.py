"""The assistant's two input channels, Rasa's REST and socket.io channels with the visitor's
input checked before it reaches Rasa (the rules are in webchat/limits.py):

- a message longer than MAX_MESSAGE_CHARS is answered in French, without running the pipeline;
- a typed "/intent{…}" is read as text: only the payloads the assistant offered as buttons in
  this conversation, and the page's position, reach Rasa as payloads, so the NLU and the safety
  net see every message a person wrote;
- oversized metadata is dropped; a failure while answering, or no answer at all (the action
  server down), gets a French apology and an error in the log, which keeps no message text;
- REST: a sender id is required and checked (400 otherwise);
- socket.io: the session id is made and signed by the server, and each socket may only write to
  (and hear) the session it was given.

The socket.io blueprint is written out here rather than patched, because three of its four
handlers change (session_request, user_uttered, disconnect) and its server needs a size limit;
what it reuses from Rasa: SocketBlueprint, SocketIOOutput and the message shapes. It also
awaits `enter_room`, a coroutine since python-socketio 5.10 that Rasa 3.6 does not await (the
page got no answer).
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import BotUttered, SessionStarted
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from webchat import limits

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]
# Rasa's "Je n'ai pas bien compris…" (bot/domain.yml), also what it says when an action failed.
FALLBACK_RESPONSE = "utter_default"

# Bot messages looked at for the buttons a payload may come from: the visitor may click a
# button of an earlier answer.
OFFERED_LOOKBACK = 10
# socket.io: the largest HTTP body or websocket frame (python-engineio's default is 1 MB).
MAX_SOCKETIO_BYTES = 16_000


class Guard:
    """Wraps Rasa's message handler with the checks of webchat/limits.py."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.app: Sanic | None = None  # set when the server starts: the tracker store is the agent's
        self.store_errors = 0  # failures of the tracker store, counted by Rasa's fail-safe store

    @property
    def agent(self) -> Any:
        """Rasa's agent (its tracker store and action endpoint), once the server has started."""
        return getattr(self.app.ctx, "agent", None) if self.app is not None else None

    def watch_tracker_store(self) -> None:
        """Rasa's FailSafeTrackerStore keeps a turn in memory when the database fails, and only
        logs it: count those failures, so that the visitor is told (Rasa #3243)."""
        store = getattr(self.agent, "tracker_store", None)
        if isinstance(store, FailSafeTrackerStore) and store._on_tracker_store_error != self.store_failed:
            store._on_tracker_store_error = self.store_failed

    def store_failed(self, error: Exception) -> None:
        self.store_errors += 1
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        logger.error(f"{self.channel}: base des conversations injoignable, conversation non enregistrée : {reason}")

    def listen(self, blueprint: Blueprint) -> None:
        @blueprint.listener("before_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            self.app = app
            # Sanic reads it for each new connection: a larger body gets 413 before any handler.
            app.config.REQUEST_MAX_SIZE = limits.MAX_REQUEST_BYTES

    def wrap(self, on_new_message: Handler) -> Handler:
        async def guarded(message: UserMessage) -> None:
            text = message.text or ""
            if limits.too_long(text):
                logger.warning(f"{self.channel}: message de {len(text)} caractères refusé (trop long).")
                await message.output_channel.send_text_message(message.sender_id, limits.TOO_LONG)
                return
            self.watch_tracker_store()
            store_errors = self.store_errors
            if text.startswith("/"):
                message.text = limits.admitted_text(text, await self.offered_payloads(message.sender_id))
            message.metadata = limits.bounded_metadata(message.metadata)
            turn = BufferedAnswers(message.output_channel)
            failed = False
            try:
                await on_new_message(message)
            except Exception:
                # Rasa would log the message's text with the error; we log the error alone.
                logger.exception(f"{self.channel}: échec en traitant un message de {message.sender_id}.")
                failed = True
            # Every turn of this assistant says something: silence is a fault, and so is Rasa's
            # "pas compris" when the action server does not answer (Rasa logs it, then falls back).
            if failed or not turn.answers or (turn.fell_back() and not await self.actions_answer()):
                logger.error(
                    f"{self.channel}: pas de vraie réponse : serveur d'actions injoignable ? (journal de Rasa)"
                )
                await message.output_channel.send_text_message(message.sender_id, limits.SERVICE_FAULT)
            else:
                await turn.flush()
            if self.store_errors > store_errors:  # answered, but from and into memory only
                await message.output_channel.send_text_message(message.sender_id, limits.STORE_FAULT)

        return guarded

    async def actions_answer(self) -> bool:
        """Whether the action server answers its health check (2 s at most)."""
        endpoint = getattr(self.agent, "action_endpoint", None)
        if endpoint is None or not endpoint.url:
            return True
        health = endpoint.url.rsplit("/", 1)[0] + "/health"
        try:
            timeout = aiohttp.ClientTimeout(total=2)
            async with aiohttp.ClientSession(timeout=timeout) as session, session.get(health) as response:
                return response.status == 200
        except (aiohttp.ClientError, TimeoutError):
            return False

    async def offered_payloads(self, sender_id: str | None) -> set[str]:
        """The button payloads of the last bot messages of this conversation's current session."""
        agent = self.agent
        if agent is None or agent.tracker_store is None or sender_id is None:
            return set()
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            return set()
        payloads: set[str] = set()
        seen = 0
        for event in reversed(tracker.events):
            if isinstance(event, SessionStarted) or seen >= OFFERED_LOOKBACK:
                break
            if isinstance(event, BotUttered):
                seen += 1
                for button in event.data.get("buttons") or []:
                    if isinstance(button, dict) and isinstance(button.get("payload"), str):
                        payloads.add(button["payload"])
        return payloads


class BufferedAnswers:
    """Holds what Rasa sends on a channel during one turn (every answer goes through
    `send_response`), so that a faulty turn can be replaced by an apology."""

    def __init__(self, channel: OutputChannel) -> None:
        self.send_response = channel.send_response
        self.answers: list[tuple[str, dict[str, Any]]] = []

        async def hold(recipient_id: str, message: dict[str, Any]) -> None:
            self.answers.append((recipient_id, message))

        channel.send_response = hold

    def fell_back(self) -> bool:
        return any(message.get("utter_action") == FALLBACK_RESPONSE for _, message in self.answers)

    async def flush(self) -> None:
        for recipient_id, message in self.answers:
            await self.send_response(recipient_id, message)


def bad_request(error: str) -> HTTPResponse:
    return response.json({"error": error}, status=400)


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        guard = Guard(self.name())
        blueprint = super().blueprint(guard.wrap(on_new_message))
        guard.listen(blueprint)

        @blueprint.middleware("request")
        async def check_body(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            body = request.json
            if not isinstance(body, dict):
                return bad_request("Le corps de la requête doit être un objet JSON.")
            if not limits.valid_sender(body.get("sender")):
                return bad_request(
                    "« sender » est obligatoire : 1 à 64 lettres, chiffres ou « _ . : @ - », "
                    "un identifiant par conversation."
                )
            if not isinstance(body.get("message"), str):
                return bad_request("« message » doit être un texte.")
            return None

        return blueprint


class SocketIOAnswers(SocketIOOutput):
    """Rasa's socket.io output, with a custom payload sent as {"custom": …}, as the REST channel
    does: Rasa's own spreads it into `emit`'s arguments and fails unless it holds `data`."""

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


class SocketIOInput(RasaSocketIOInput):
    """Named in credentials.yml instead of `socketio`; always uses session persistence."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        guard = Guard(self.name())
        handle = guard.wrap(on_new_message)
        key = session_key()
        # CORS is Sanic's (rasa run --cors); an empty list turns off python-engineio's own check.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=MAX_SOCKETIO_BYTES)
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        guard.listen(blueprint)
        self.sio = sio
        namespace = self.namespace
        sessions: dict[str, str] = {}  # socket id -> the session id it was given

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, _environ: dict[str, Any], _auth: Any = None) -> bool:
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: str) -> None:
            sessions.pop(sid, None)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            # The page may resume the conversation it was given (after a reload), no other.
            session_id = limits.new_session_id(key)
            if isinstance(requested, str) and limits.valid_session_id(key, requested):
                session_id = requested
            previous = sessions.get(sid)
            if previous is not None and previous != session_id:
                await sio.leave_room(sid, previous, namespace=namespace)
            sessions[sid] = session_id
            await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def user_message(sid: str, data: Any) -> None:
            session_id = sessions.get(sid)
            if not isinstance(data, dict) or session_id is None or data.get("session_id") != session_id:
                logger.warning(f"socketio: message ignoré, la socket {sid} n'a pas demandé cette session.")
                return
            text = data.get("message")
            if not isinstance(text, str):
                return
            metadata = data.get(self.metadata_key)
            message = UserMessage(
                text,
                SocketIOAnswers(sio, self.bot_message_evt),
                session_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            await handle(message)

        return blueprint


def session_key() -> bytes:
    """The key that signs socket.io session ids: SESSION_SECRET (set by the launcher, the same
    on every server of a cluster), else a new one, and then sessions do not survive a restart."""
    secret = os.environ.get("SESSION_SECRET")
    if not secret:
        logger.warning("SESSION_SECRET n'est pas défini : les sessions socket.io ne survivront pas à un redémarrage.")
        return secrets.token_bytes(32)
    return secret.encode()
