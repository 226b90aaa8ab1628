"""Run scripted conversations against the running assistant and say what passed.

    bash scripts/converse.sh staff/exemples/parcours-principaux.yml

A YAML file lists conversations in the staff's own words: what the person says (`dit`), or
which button they click (`bouton`), and what the answer must contain (`attend`) or must not
contain (`n_attend_pas`). Matching ignores case and accents. The transcript shows ✓ or ✗ for
each expectation. Exit code: 0 all passed, 1 an expectation failed, 2 the file or the server
is not usable.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from knowledge.text import strip_accents


class ScenarioError(Exception):
    """The conversations file cannot be used: the message names file, conversation, turn, field."""


@dataclass
class Turn:
    says: str | None  # text typed
    clicks: str | None  # title of a button of the previous answer
    expects: list[str] = field(default_factory=list)
    rejects: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    name: str
    turns: list[Turn]


TOP_KEYS = ("conversations",)
CONVERSATION_KEYS = ("nom", "tours")
TURN_KEYS = ("dit", "bouton", "attend", "n_attend_pas")


def _texts(value: Any, where: str, key: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return value
    problems.append(f"{where}, champ « {key} » : un texte ou une liste de textes est attendu")
    return []


def _unknown_keys(raw: dict[str, Any], known: tuple[str, ...], where: str, problems: list[str]) -> None:
    """A misspelt key ("attends") is an error, not an expectation silently skipped."""
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
            problems.append(f"{where} : champ inconnu « {key} »{hint} ; champs possibles : {', '.join(known)}")


def load(path: Path) -> list[Conversation]:
    """The conversations of a staff file; every problem of the file is listed in one ScenarioError."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"{path} : fichier introuvable") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", ligne {mark.line + 1}" if mark is not None else ""
        what = getattr(error, "problem", None) or "syntaxe incorrecte"
        raise ScenarioError(
            f"{path}{line} : YAML illisible ({what}). Vérifiez l'indentation (des espaces, pas de tabulation),"
            " les deux-points et les guillemets."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("conversations"), list):
        raise ScenarioError(f"{path} : une liste « conversations: » est attendue")
    problems: list[str] = []
    _unknown_keys(document, TOP_KEYS, str(path), problems)
    conversations = []
    for number, raw in enumerate(document["conversations"], start=1):
        where = f"{path}, conversation {number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("nom"), str) or not raw["nom"].strip():
            problems.append(f"{where}, champ « nom » : un nom est attendu")
            continue
        where = f"{path}, conversation {number} (« {raw['nom']} »)"
        _unknown_keys(raw, CONVERSATION_KEYS, where, problems)
        if not isinstance(raw.get("tours"), list) or not raw["tours"]:
            problems.append(f"{where}, champ « tours » : une liste de tours est attendue")
            continue
        turns = []
        for turn_number, step in enumerate(raw["tours"], start=1):
            turn_where = f"{where}, tour {turn_number}"
            if not isinstance(step, dict) or (("dit" in step) == ("bouton" in step)):
                problems.append(f"{turn_where} : il faut « dit » ou « bouton » (un seul des deux)")
                if isinstance(step, dict):
                    _unknown_keys(step, TURN_KEYS, turn_where, problems)
                continue
            _unknown_keys(step, TURN_KEYS, turn_where, problems)
            says, clicks = step.get("dit"), step.get("bouton")
            if not isinstance(says if says is not None else clicks, str):
                problems.append(
                    f"{turn_where}, champ « {'dit' if says is not None else 'bouton'} » : un texte est attendu"
                )
                continue
            expects = _texts(step.get("attend"), turn_where, "attend", problems)
            rejects = _texts(step.get("n_attend_pas"), turn_where, "n_attend_pas", problems)
            turns.append(Turn(says, clicks, expects, rejects))
        conversations.append(Conversation(raw["nom"].strip(), turns))
    if not problems and not any(t.expects or t.rejects for c in conversations for t in c.turns):
        problems.append(f"{path} : aucune vérification (« attend » ou « n_attend_pas ») : ce fichier ne teste rien")
    if problems:
        raise ScenarioError("\n".join(problems))
    return conversations


def folded(text: str) -> str:
    """Case and accents do not matter when checking an answer."""
    return " ".join(strip_accents(text.casefold()).split())


class Assistant:
    """The running assistant's REST channel."""

    def __init__(self, url: str, timeout: float = 60):
        self.webhook = url.rstrip("/") + "/webhooks/rest/webhook"
        self.timeout = timeout

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        request = urllib.request.Request(
            self.webhook,
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.load(response)


@dataclass
class Outcome:
    passed: int = 0  # expectations met
    failed: int = 0
    conversations_right: int = 0  # conversations whose every expectation was met
    failed_names: list[str] = field(default_factory=list)


def run(conversations: list[Conversation], assistant: Assistant, out: TextIO | None = None) -> Outcome:
    """Play every conversation; count the expectations met and the conversations fully right."""
    out = out or sys.stdout  # looked up now, not at import: the caller may have redirected it
    outcome = Outcome()
    for conversation in conversations:
        failed_before = outcome.failed
        _play(conversation, assistant, outcome, out)
        if outcome.failed == failed_before:
            outcome.conversations_right += 1
        else:
            outcome.failed_names.append(conversation.name)
    return outcome


def _play(conversation: Conversation, assistant: Assistant, outcome: Outcome, out: TextIO) -> None:
    passed = failed = 0
    print(f"\n▶ {conversation.name}", file=out)
    sender = f"equipe-{uuid.uuid4().hex[:10]}"
    buttons: dict[str, str] = {}
    for turn in conversation.turns:
        if turn.clicks is not None:
            if turn.clicks not in buttons:
                print(f"  ✗ pas de bouton « {turn.clicks} » (boutons : {' | '.join(buttons) or 'aucun'})", file=out)
                failed += 1
                break
            print(f"  Vous (bouton) : {turn.clicks}", file=out)
            replies = assistant.say(sender, buttons[turn.clicks])
        else:
            typed = turn.says or ""  # a turn has either a click or a text (checked on loading)
            print(f"  Vous      : {typed}", file=out)
            replies = assistant.say(sender, typed)
        buttons = {b["title"]: b["payload"] for r in replies for b in r.get("buttons", [])}
        answer = "\n".join(r.get("text", "") for r in replies)
        for number, line in enumerate(answer.splitlines() or [""]):
            print(f"  {'Assistant :' if number == 0 else ' ' * 11} {line}", file=out)
        if buttons:
            print(f"  [boutons : {' | '.join(buttons)}]", file=out)
        searchable = folded(answer + " " + " ".join(buttons))
        for expected in turn.expects:
            ok = folded(expected) in searchable
            passed, failed = passed + ok, failed + (not ok)
            print(f"    {'✓' if ok else '✗'} contient « {expected} »", file=out)
        for rejected in turn.rejects:
            ok = folded(rejected) not in searchable
            passed, failed = passed + ok, failed + (not ok)
            print(f"    {'✓' if ok else '✗'} ne contient pas « {rejected} »", file=out)
    outcome.passed += passed
    outcome.failed += failed


def main(argv: list[str] | None = None) -> int:
    default_url = f"http://{os.environ.get('RASA_HOST', '127.0.0.1')}:{os.environ.get('RASA_PORT', '5005')}"
    parser = argparse.ArgumentParser(
        prog="scripts/converse.sh", description="Conversations scriptées avec l'assistant."
    )
    parser.add_argument("files", nargs="+", type=Path, help="fichiers YAML de conversations")
    parser.add_argument("--url", default=default_url, help=f"adresse de l'assistant (défaut : {default_url})")
    args = parser.parse_args(argv)
    try:
        conversations = [c for path in args.files for c in load(path)]
    except ScenarioError as error:
        print("Fichier inutilisable :", file=sys.stderr)
        for problem in str(error).splitlines():
            print(f"  - {problem}", file=sys.stderr)
        return 2
    try:
        outcome = run(conversations, Assistant(args.url))
    except (urllib.error.URLError, OSError) as error:
        print(f"\nL'assistant ne répond pas à {args.url} ({error}) : lancez « bash scripts/run.sh ».", file=sys.stderr)
        return 2
    print(
        f"\n{len(conversations)} conversations, {outcome.passed + outcome.failed} vérifications :"
        f" {outcome.passed} réussies, {outcome.failed} échouées."
        f"\nConversations entièrement justes : {outcome.conversations_right} sur {len(conversations)}."
    )
    for name in outcome.failed_names:
        print(f"  ✗ {name}")
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())
