"""What a visitor may send, checked before anything reaches the NLU: pure functions, no Rasa.

The channels (webchat/channel.py) apply them to every message of both channels (REST and
socket.io). Figures and their measures: docs/benchmarks.md, "Input limits".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
from collections.abc import Iterable
from typing import Any

# Longer messages are answered with TOO_LONG without running the pipeline. The widget stops at
# the same length; the cost of a message grows with its length (DIET's attention), see the
# benchmark. 1,000 characters is a long letter: no real question was longer in our test sets.
MAX_MESSAGE_CHARS = 1000
# Metadata is stored with every message in the tracker: more than this (as JSON) is dropped.
MAX_METADATA_BYTES = 2000
# The largest HTTP request body (Sanic's default is 100 MB): a message and its metadata, with room.
MAX_REQUEST_BYTES = 64_000
# A REST sender id: a length the PostgreSQL tracker store's column holds, no path or space.
SENDER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}")

TOO_LONG = (
    f"Votre message est trop long : {MAX_MESSAGE_CHARS} caractères au plus. "
    "Écrivez votre question en quelques phrases. En cas d'urgence, appelez le 15 ou le 112."
)
STORE_FAULT = (
    "Attention : je ne peux pas garder le fil de notre conversation en ce moment, je risque d'oublier "
    "ce que vous m'avez dit. Réessayez dans quelques minutes. En cas d'urgence, appelez le 15 ou le 112."
)
SERVICE_FAULT = (
    "Désolé, le service a un problème en ce moment. Réessayez dans quelques minutes. "
    "En cas d'urgence, appelez le 15 ou le 112 (SMS au 114)."
)

# The payloads the page sends itself: the greeting when the chat opens, and "Utiliser ma
# position" without a position (refused or unavailable) or with one (POSITION).
PAGE_PAYLOADS = frozenset({"/greet", "/share_position"})
POSITION = re.compile(r'/share_position\{"latitude": ?(-?[0-9.]+), ?"longitude": ?(-?[0-9.]+)\}')
# Two decimals: about 1 km. The position is stored in the conversation, and 1 km is enough to
# rank centres tens of kilometres apart.
POSITION_DECIMALS = 2


def valid_sender(sender: object) -> bool:
    return isinstance(sender, str) and SENDER_ID.fullmatch(sender) is not None


def too_long(text: str | None) -> bool:
    return text is not None and len(text) > MAX_MESSAGE_CHARS


def bounded_metadata(metadata: object) -> dict[str, Any] | None:
    """The metadata if it is a small JSON object, None otherwise (it is then not stored)."""
    if not isinstance(metadata, dict):
        return None
    try:
        size = len(json.dumps(metadata, ensure_ascii=False).encode())
    except (TypeError, ValueError):
        return None
    return metadata if size <= MAX_METADATA_BYTES else None


def position_payload(text: str) -> str | None:
    """The page's position payload, rounded to about 1 km, or None if `text` is not exactly one."""
    match = POSITION.fullmatch(text)
    if match is None:
        return None
    try:
        latitude, longitude = (float(value) for value in match.groups())
    except ValueError:
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    rounded = json.dumps(
        {"latitude": round(latitude, POSITION_DECIMALS), "longitude": round(longitude, POSITION_DECIMALS)}
    )
    return f"/share_position{rounded}"


def admitted_text(text: str, offered_payloads: Iterable[str]) -> str:
    """What the assistant reads of a visitor's message.

    A message starting with "/" is a payload for Rasa (intent and entities forced, no NLU, no
    safety net). Only the payloads the assistant offered as buttons, and the page's position,
    stay payloads; anything else typed with a "/" is read as the text it is, without the slashes.
    """
    if not text.startswith("/"):
        return text
    if text in PAGE_PAYLOADS or text in set(offered_payloads):
        return text
    position = position_payload(text)
    if position is not None:
        return position
    return text.lstrip("/").strip()


# socket.io session ids: made by the server and signed, so that a page can resume its own
# conversation after a reload, but can neither choose an id nor enter a REST conversation.
SESSION_ID = re.compile(r"([0-9a-f]{32})\.([0-9a-f]{32})")


def new_session_id(key: bytes) -> str:
    token = secrets.token_hex(16)
    return f"{token}.{_signature(key, token)}"


def valid_session_id(key: bytes, session_id: object) -> bool:
    if not isinstance(session_id, str):
        return False
    match = SESSION_ID.fullmatch(session_id)
    return match is not None and hmac.compare_digest(match.group(2), _signature(key, match.group(1)))


def _signature(key: bytes, token: str) -> str:
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()[:32]
