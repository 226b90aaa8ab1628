"""A terminal conversation with the running assistant, in French, for staff.

    bash scripts/shell.sh [--id CONVERSATION]

It talks to the REST channel of the running server (same model, action server and tracker store
as the web page). Buttons are shown by their titles, numbered: typing the number clicks the button
(its payload is sent, never shown). Call links of an emergency answer are shown as numbers to dial.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import urllib.error
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from staff.conversations import Assistant

QUIT = {"/stop", "/quitter"}
WIDTH = 100


def render(replies: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, str]]]:
    """The lines to print for the assistant's answers, and the buttons they offer (in order)."""
    lines: list[str] = []
    buttons: list[dict[str, str]] = []
    for reply in replies:
        for paragraph in str(reply.get("text") or "").splitlines():
            lines += textwrap.wrap(paragraph, WIDTH) or [""]
        for call in (reply.get("custom") or {}).get("calls", []):
            if isinstance(call, dict) and isinstance(call.get("label"), str):
                lines.append(f"  ☎ {call['label']}")
        for button in reply.get("buttons") or []:
            if isinstance(button, dict) and isinstance(button.get("title"), str):
                buttons.append({"title": button["title"], "payload": str(button.get("payload") or "")})
    lines += [f"  {number}. {button['title']}" for number, button in enumerate(buttons, start=1)]
    return lines, buttons


def message_for(typed: str, buttons: list[dict[str, str]]) -> tuple[str, str]:
    """(what to send, what the person chose): a button's number sends its payload."""
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        button = buttons[int(typed) - 1]
        return button["payload"], button["title"]
    return typed, typed


def converse(
    say: Callable[[str], list[dict[str, Any]]], read: Callable[[str], str], out: TextIO, greet: bool = True
) -> None:
    buttons: list[dict[str, str]] = []
    pending = ["/greet"] if greet else []
    while True:
        if pending:
            message = pending.pop()
        else:
            try:
                typed = read("Vous : ").strip()
            except EOFError:
                break
            if not typed:
                continue
            if typed.lower() in QUIT:
                break
            message, chosen = message_for(typed, buttons)
            if chosen != typed:
                print(f"Vous (bouton) : {chosen}", file=out)
        lines, buttons = render(say(message))
        for number, line in enumerate(lines):
            print(f"{'Assistant : ' if number == 0 else ' ' * 12}{line}", file=out)
    print("Fin de la conversation.", file=out)


def main(argv: list[str] | None = None) -> int:
    default_url = f"http://{os.environ.get('RASA_HOST', '127.0.0.1')}:{os.environ.get('RASA_PORT', '5005')}"
    parser = argparse.ArgumentParser(prog="scripts/shell.sh", description="Conversation avec l'assistant.")
    parser.add_argument("--id", help="identifiant de la conversation à reprendre")
    parser.add_argument("--url", default=default_url, help=f"adresse de l'assistant (défaut : {default_url})")
    args = parser.parse_args(argv)
    sender = args.id or f"equipe-{datetime.now():%Y%m%d-%H%M%S}"
    assistant = Assistant(args.url)
    print(f"Conversation « {sender} » avec {args.url}.")
    print("Tapez votre message, ou le numéro d'un bouton ; /stop pour quitter.")
    try:
        converse(lambda message: assistant.say(sender, message), input, sys.stdout, greet=args.id is None)
    except (urllib.error.URLError, OSError) as error:
        print(f"\nL'assistant ne répond pas à {args.url} ({error}) : lancez « bash scripts/run.sh ».", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
