"""The one launcher (launcher/): its settings, and how it refuses to start or reports a failure."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from launcher.servers import Assistant, LaunchError, running, spare_port
from launcher.settings import ROOT, Settings


def test_defaults_and_environment():
    assert Settings.from_environment({}) == Settings()
    settings = Settings.from_environment(
        {"RASA_PORT": "6000", "TRACKER_STORE_URL": "postgresql://x/rasa", "WEB_PORT": ""}
    )
    assert (settings.rasa_port, settings.tracker_store_url, settings.web_port) == (6000, "postgresql://x/rasa", 8080)
    assert settings.action_endpoint_url == "http://127.0.0.1:5055/webhook"
    assert Settings(rasa_host="0.0.0.0").rasa_url == "http://127.0.0.1:5005"


def test_production_settings_and_the_debug_switch():
    settings = Settings.from_environment({"INSTANCES": "3", "LOCK_STORE_URL": "redis://r:6379/1", "DEBUG_LOGS": "1"})
    assert (settings.instances, settings.lock_store_url, settings.debug_logs) == (3, "redis://r:6379/1", True)
    assert "--debug" in Assistant(settings).rasa_command(5005)
    assert "--debug" not in Assistant(Settings()).rasa_command(5005)  # by default, no message text in the logs
    with pytest.raises(ValueError, match="INSTANCES doit être un nombre entier de 1 à 16"):
        Settings.from_environment({"INSTANCES": "0"})


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1"])
def test_a_bad_port_is_refused_in_french(port: str):
    with pytest.raises(ValueError, match="RASA_PORT doit être un numéro de port"):
        Settings.from_environment({"RASA_PORT": port})


def test_the_shell_gets_the_same_settings():
    """scripts/env.sh evaluates `python3 -m launcher.settings` before anything is installed."""
    env = {"PATH": os.environ["PATH"], "ACTION_PORT": "5999", "PYTHONPATH": str(ROOT)}
    script = 'eval "$(python3 -m launcher.settings)" && echo "$ACTION_ENDPOINT_URL $RASA_PORT $TF_CPP_MIN_LOG_LEVEL"'
    out = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["http://127.0.0.1:5999/webhook", "5005", "2"]
    bad = subprocess.run(
        ["bash", "-c", 'eval "$(python3 -m launcher.settings)"; echo reached'],
        cwd=ROOT,
        env={**env, "RASA_PORT": "x"},
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "reached" not in bad.stdout and "numéro de port" in bad.stderr


def test_no_model_no_start(tmp_path: Path):
    with pytest.raises(LaunchError, match="Aucun modèle entraîné"):
        Assistant(Settings(model_path=tmp_path / "absent.tar.gz", log_dir=tmp_path)).start()


def test_a_port_in_use_is_named(tmp_path: Path):
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assistant = Assistant(Settings(action_port=port, model_path=model, log_dir=tmp_path), web=False)
        with pytest.raises(LaunchError, match=f"ACTION_PORT={port}"):
            assistant.start()
    assert assistant.processes == {}


def test_an_unreachable_tracker_store_stops_the_start(tmp_path: Path):
    """Rasa would start anyway and keep conversations in memory only; the launcher refuses."""
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    unreachable = "postgresql://nobody@127.0.0.1:9/rasa"  # nothing listens on port 9
    assistant = Assistant(Settings(model_path=model, log_dir=tmp_path, tracker_store_url=unreachable), web=False)
    with pytest.raises(LaunchError, match=r"Base des conversations injoignable \(127.0.0.1:9/rasa\)"):
        assistant.start()
    assert assistant.processes == {}


@pytest.mark.integration
def test_a_model_that_does_not_load_is_a_launch_error(tmp_path: Path):
    """Rasa keeps answering HTTP when its model is unusable; the launcher reads its log and says so."""
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not a model")
    settings = Settings(
        rasa_port=spare_port(),
        action_port=spare_port(),
        model_path=broken,
        log_dir=tmp_path,
        tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}",
    )
    with pytest.raises(LaunchError, match="n'a pas pu charger le modèle"), running(settings, web=False, timeout=180):
        pass
    # running() stopped the servers: nothing listens any more.
    assert not _listening(settings.rasa_port) and not _listening(settings.action_port)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.integration
def test_run_command_serves_then_stops_everything_on_ctrl_c(tmp_path: Path, knowledge_db_url: str):
    """`python -m launcher` (scripts/run.sh): ready message, an answer, then Ctrl-C stops every server,
    even when started from a script in the background (where the shell ignores SIGINT)."""
    model = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))
    if not model.is_file():
        pytest.skip(f"no trained model at {model}")
    ports = {"RASA_PORT": spare_port(), "ACTION_PORT": spare_port(), "WEB_PORT": spare_port()}
    env = {
        **os.environ,
        **{k: str(v) for k, v in ports.items()},
        "MODEL_PATH": str(model),
        "LOG_DIR": str(tmp_path),
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "KNOWLEDGE_DATABASE_URL": knowledge_db_url,
    }
    launcher = subprocess.Popen(
        ["bash", "-c", f"trap '' INT; exec {sys.executable} -m launcher"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = ""
        for line in launcher.stdout:  # type: ignore[union-attr]
            output += line
            if "Ctrl-C pour arrêter." in line:
                break
        assert "est prêt" in output, output
        request = urllib.request.Request(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            data=json.dumps({"sender": "t", "message": "Bonjour"}).encode(),
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert "Ma santé, Ma Région" in json.loads(response.read())[0]["text"]
        launcher.send_signal(signal.SIGINT)
        assert launcher.wait(timeout=60) == 130
        assert "Assistant arrêté." in launcher.stdout.read()  # type: ignore[union-attr]
        assert not any(_listening(port) for port in ports.values())
    finally:
        if launcher.poll() is None:  # a failed assertion: let the launcher stop its servers first
            launcher.terminate()
            try:
                launcher.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)


@pytest.mark.parametrize("state", ["absente", "illisible"])
def test_the_action_server_refuses_to_start_without_its_knowledge_base(tmp_path: Path, state: str):
    model = ROOT / "models" / "assistant.tar.gz"
    if not model.exists():
        pytest.skip("no trained model")
    settings = Settings(rasa_port=5505, action_port=5555, model_path=model, log_dir=tmp_path)
    database = tmp_path / "data" / "knowledge.db"
    if state == "illisible":
        database.parent.mkdir()
        database.write_bytes(b"not a database" * 100)
    url = f"sqlite:///{database}"
    expected = f"Base de connaissances {state}"
    with (
        pytest.raises(LaunchError, match=expected),
        running(settings, web=False, extra_env={"KNOWLEDGE_DATABASE_URL": url}),
    ):
        pass
    assert database.exists() is (state == "illisible")  # nothing made on the way
