"""Rasa's socket.io input channel with one fix, named in credentials.yml instead of `socketio`.

Rasa 3.6's channel calls `sio.enter_room(...)` without `await`; since python-socketio 5.10 that
method is a coroutine on AsyncServer, so with `session_persistence: true` the visitor's socket never
joins its session's room and every answer (sent to that room) is lost: the page would get no reply.
This class replaces only the `session_request` handler: it awaits `enter_room`, and it accepts a
session id from the page only if it looks like one the server gave (random hex), so a page cannot
choose an arbitrary name such as another channel's sender id.
Everything else (events, message shapes, metadata) is Rasa's own code.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"[0-9a-f]{32}")


class SocketIOInput(RasaSocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)  # replaces Rasa's handler for this event
        async def session_request(sid: str, data: dict | None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            if isinstance(requested, str) and SESSION_ID.fullmatch(requested):
                session_id = requested
            else:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug(f"Socket {sid} joined session {session_id}.")

        return blueprint
