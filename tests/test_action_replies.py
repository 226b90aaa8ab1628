"""webchat/action_replies.py: the action server's replies are checked as Rasa checks them, the
schema once rather than on every call."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import webchat  # noqa: F401  (installs the check, as in the Rasa server)
from webchat import action_replies

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "commune", "value": "09261", "timestamp": None}],
        "responses": [{"response": "utter_nearest_centres", "commune": "Saint-Girons", "buttons": []}],
    },
]
BAD = [
    {"events": [{"name": "commune", "value": "09261"}], "responses": []},  # an event without its type
    {"events": "slot", "responses": []},
]


def test_the_check_in_use_is_the_cached_one():
    assert RemoteAction._validate_action_result is action_replies._validate_action_result


@pytest.mark.parametrize("reply", GOOD)
def test_a_good_reply_passes_both_checks(reply):
    action = RemoteAction("action_nearest_centres", None)
    assert action._validate_action_result(reply) is True
    assert action_replies._RASA_CHECK(action, reply) is True


@pytest.mark.parametrize("reply", BAD)
def test_a_bad_reply_is_refused_with_rasas_message(reply):
    action = RemoteAction("action_nearest_centres", None)
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(reply)
    with pytest.raises(ValidationError):
        action_replies._RASA_CHECK(action, reply)
