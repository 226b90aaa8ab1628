"""What a visitor may send (webchat/limits.py), without servers; test_rest.py and
test_socketio.py check the same rules through the running channels."""

from __future__ import annotations

import pytest

from webchat import limits

KEY = b"k" * 32


@pytest.mark.parametrize(
    "sender", ["a", "test-1f2e", "0b7c4f2a9e8d4c1b", "user@example.org", "x" * 64, "tel:33612345678"]
)
def test_valid_senders(sender):
    assert limits.valid_sender(sender)


@pytest.mark.parametrize("sender", [None, "", "x" * 65, "../../x", "a b", "-x", 12, "é", "default\n"])
def test_invalid_senders(sender):
    assert not limits.valid_sender(sender)


def test_message_length_limit():
    assert not limits.too_long("x" * limits.MAX_MESSAGE_CHARS)
    assert limits.too_long("x" * (limits.MAX_MESSAGE_CHARS + 1))
    assert not limits.too_long(None)


def test_metadata_is_kept_only_when_small_and_an_object():
    assert limits.bounded_metadata({"page": "accueil"}) == {"page": "accueil"}
    assert limits.bounded_metadata({"x": "y" * limits.MAX_METADATA_BYTES}) is None
    assert limits.bounded_metadata("texte") is None
    assert limits.bounded_metadata(None) is None
    assert limits.bounded_metadata({"x": {1, 2}}) is None  # not JSON


OFFERED = {'/inform_place{"place": "Prades", "commune_code": "09233"}', "/find_nearest_centre"}


@pytest.mark.parametrize(
    "typed, read",
    [
        ("Bonjour", "Bonjour"),
        ("/find_nearest_centre", "/find_nearest_centre"),  # a button of the conversation
        (
            '/inform_place{"place": "Prades", "commune_code": "09233"}',
            '/inform_place{"place": "Prades", "commune_code": "09233"}',
        ),
        ("/greet", "/greet"),  # sent by the page when the chat opens
        ("/share_position", "/share_position"),  # the page had no position
        # Typed, not offered: read as text, so the NLU and the safety net see it.
        ('/greet{"place":"x"} mon père ne respire plus', 'greet{"place":"x"} mon père ne respire plus'),
        ("/restart", "restart"),
        ('/inform_place{"place": "Foix"}', 'inform_place{"place": "Foix"}'),
        ("//find_nearest_centre", "find_nearest_centre"),
        ("/", ""),
        (
            '/share_position{"latitude": 43.4928, "longitude": 2.3734} aidez moi',
            'share_position{"latitude": 43.4928, "longitude": 2.3734} aidez moi',
        ),
    ],
)
def test_only_offered_payloads_stay_payloads(typed, read):
    assert limits.admitted_text(typed, OFFERED) == read


def test_position_is_rounded_to_about_one_kilometre():
    assert limits.admitted_text('/share_position{"latitude": 43.49281, "longitude": 2.37349}', set()) == (
        '/share_position{"latitude": 43.49, "longitude": 2.37}'
    )
    assert limits.position_payload('/share_position{"latitude": -0.005, "longitude":1}') is not None
    assert limits.position_payload('/share_position{"latitude": 1.2.3, "longitude": 1}') is None
    assert limits.position_payload('/share_position{"latitude": 43, "longitude": 2, "place": "x"}') is None


def test_session_ids_are_made_and_signed_by_the_server():
    session_id = limits.new_session_id(KEY)
    assert limits.valid_session_id(KEY, session_id)
    assert not limits.valid_session_id(b"another key", session_id)
    assert limits.new_session_id(KEY) != session_id
    token = session_id.split(".")[0]
    for forged in (token, f"{token}.{'0' * 32}", "../../x", "default", None, session_id + "0"):
        assert not limits.valid_session_id(KEY, forged)
