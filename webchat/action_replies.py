"""Rasa checks each reply of the action server against a JSON schema before using it. Rasa 3.6
does it with `jsonschema.validate(reply, schema)`, which first checks the schema itself against
JSON Schema's meta-schema, on every call: two thirds of the check's time, and the largest part of
what a turn with a custom action costs more than one without (docs/benchmarks.md, "Places").
Here the schema is checked once, and each reply against it exactly as before: the same schema,
the same validator class, the same errors with Rasa's hint appended.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction

_RASA_CHECK = RemoteAction._validate_action_result


@cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _validator().validate(result)
    except ValidationError:
        return _RASA_CHECK(self, result)  # raises, with Rasa's own message
    return True


def install() -> None:
    """Once per process, before the first action call (webchat/__init__.py)."""
    RemoteAction._validate_action_result = _validate_action_result
