"""Faults caused for real on an assistant of its own (not the shared `servers`): the action
server is stopped while visitors talk, then started again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from launcher.servers import LaunchError, http_ok, running
from launcher.settings import ROOT, Settings
from webchat import limits

pytestmark = pytest.mark.integration

MODEL = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))


def say(rasa_url: str, sender: str, message: str) -> str:
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        replies: list[dict[str, Any]] = json.load(response)
    return "\n".join(r.get("text", "") for r in replies)


def test_action_server_down_then_back(knowledge_db_url: str, tmp_path: Path):
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `bash scripts/setup.sh`.")
    settings = Settings(
        rasa_port=5405,
        action_port=5455,
        model_path=MODEL,
        tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        log_dir=tmp_path,
    )
    try:
        with running(settings, web=False, extra_env={"KNOWLEDGE_DATABASE_URL": knowledge_db_url}) as assistant:
            url = settings.rasa_url
            assert "Foix (Ariège)" in say(url, "test-before", "centre le plus proche de Foix")

            actions = assistant.processes["actions"]
            os.killpg(actions.pid, signal.SIGKILL)
            actions.wait()
            # A question that needs the action server: an apology that says what to do, not silence.
            assert say(url, "test-before", "et à Pamiers ?") == limits.SERVICE_FAULT
            assert say(url, "test-new", "centre le plus proche de Foix") == limits.SERVICE_FAULT
            # An emergency needs no action: still answered.
            emergency = say(url, "test-new", "mon père ne respire plus")
            assert all(number in emergency for number in ("15", "112", "114"))
            assert "serveur d'actions injoignable" in (tmp_path / "rasa.log").read_text()

            # Back: the same conversations go on.
            with (tmp_path / "actions-again.log").open("wb") as log:
                assistant.processes["actions"] = subprocess.Popen(
                    assistant.commands()["actions"],
                    cwd=ROOT,
                    env=assistant.environment(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + 60
            while not http_ok(f"{settings.action_url}/health") and time.monotonic() < deadline:
                time.sleep(0.5)
            assert "Pamiers (Ariège)" in say(url, "test-before", "et à Pamiers ?")
    except LaunchError as error:
        pytest.fail(str(error))
