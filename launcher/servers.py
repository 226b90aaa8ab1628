"""The one way to start the assistant's servers: the action server, the Rasa server (REST and
socket.io) and, when asked, the demo web page (web/serve.py).

`scripts/run.sh` (through `python -m launcher`), the tests (tests/conftest.py) and the benchmarks
(benchmarks/bench.py) all start them here, so the tests exercise the servers users get.
Standard library only, but for the tracker store check, which uses the virtual environment's
SQLAlchemy (the launcher always runs there).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from launcher.settings import QUIET, ROOT, Settings

__all__ = ["Assistant", "LaunchError", "rasa_environment", "running", "spare_port"]


# What Rasa 3.6 logs when the model does not load (rasa/core/agent.py: load_agent).
MODEL_NOT_LOADED = ("Could not load model due to", "No valid model found at")


class LaunchError(Exception):
    """The servers could not be started; the message is in French, for the person who launched them."""


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def spare_port(count: int = 1) -> int:
    """A port (and the `count` - 1 after it) nothing listens on, below Linux's range of
    ephemeral ports (32768-60999): a port the system hands out for binding may be taken
    meanwhile by an outgoing connection, which a load test makes by the thousand."""
    for _ in range(200):
        candidate = random.randint(20000, 32000 - count)
        if all(_bindable(port) for port in range(candidate, candidate + count)):
            return candidate
    raise LaunchError("Aucun port libre entre 20000 et 32000.")


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def http_ok(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (OSError, http.client.HTTPException, ValueError):  # URLError is an OSError
        return False


def rasa_environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment for a Rasa command: quiet, the virtual environment's bin/ first,
    the project on PYTHONPATH (custom components and actions), then `overrides`."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {
        **os.environ,
        **QUIET,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)),
        **(overrides or {}),
    }


@dataclass
class Assistant:
    """The servers of one assistant, started as child process groups and stopped together."""

    settings: Settings
    web: bool = True
    extra_env: Mapping[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ready_after: dict[str, float] = field(default_factory=dict)  # seconds from start until each answered
    started_at: float = 0.0  # time.monotonic() when start() launched the servers

    @property
    def bin_dir(self) -> Path:
        return Path(sys.executable).parent  # the virtual environment's bin/, where `rasa` is

    def rasa_command(self, port: int) -> list[str]:
        s = self.settings
        return [
            str(self.bin_dir / "rasa"),
            "run",
            "--model",
            str(s.model_path),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--interface",
            s.rasa_host,
            "--port",
            str(port),
            *(["--debug"] if s.debug_logs else []),
            "--cors",
            *s.allowed_origins,
        ]

    def actions_command(self, port: int) -> list[str]:
        return [str(self.bin_dir / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)]

    def web_command(self, rasa_url: str) -> list[str]:
        return [sys.executable, "web/serve.py", "--port", str(self.settings.web_port), "--rasa-url", rasa_url]

    def commands(self) -> dict[str, list[str]]:
        s = self.settings
        commands = {"actions": self.actions_command(s.action_port), "rasa": self.rasa_command(s.rasa_port)}
        if self.web:
            commands["web"] = self.web_command(s.rasa_url)
        return commands

    def health_urls(self) -> dict[str, str]:
        urls = {"actions": f"{self.settings.action_url}/health", "rasa": f"{self.settings.rasa_url}/"}
        if self.web:
            urls["web"] = f"{self.settings.web_url}/config.js"
        return urls

    def environment(self) -> dict[str, str]:
        secret = {
            "SESSION_SECRET": os.environ.get("SESSION_SECRET") or session_secret(self.settings.session_secret_file),
            # rasa_sdk's action server listens there (its default is every interface): Rasa only calls it.
            "SANIC_HOST": "127.0.0.1",
        }
        return rasa_environment({**self.settings.environment(), **secret, **self.extra_env})

    def log_path(self, name: str) -> Path:
        return self.settings.log_dir / f"{name}.log"

    def ports(self) -> dict[str, int]:
        s = self.settings
        ports = {"RASA_PORT": s.rasa_port, "ACTION_PORT": s.action_port}
        if self.web:
            ports["WEB_PORT"] = s.web_port
        return ports

    def check_before_start(self) -> None:
        """LaunchError, in French, for what would stop the servers from working."""
        s = self.settings
        if not s.model_path.is_file():
            raise LaunchError(f"Aucun modèle entraîné dans {s.model_path} : lancez « bash scripts/setup.sh ».")
        problem = tracker_store_problem(s.tracker_store_url)
        if problem is not None:
            raise LaunchError(problem)
        taken = [f"{name}={port}" for name, port in self.ports().items() if port_in_use(port)]
        if taken:
            raise LaunchError(
                f"Port déjà utilisé ({', '.join(taken)}) : une autre instance ? "
                "Choisissez d'autres ports : " + " ".join(f"{name}=…" for name in self.ports())
            )

    def start(self) -> None:
        self.check_before_start()
        self.settings.log_dir.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        self.launch(self.commands())

    def launch(self, commands: Mapping[str, list[str]], append: bool = False) -> None:
        environment = self.environment()
        for name, command in commands.items():
            with self.log_path(name).open("ab" if append else "wb") as log:
                self.processes[name] = subprocess.Popen(
                    command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )

    def wait_until_ready(self, timeout: float = 240.0, only: Iterable[str] | None = None) -> dict[str, float]:
        """Seconds until each server (or those named in `only`) answered; LaunchError if one stops
        or the time runs out."""
        health = {name: url for name, url in self.health_urls().items() if only is None or name in only}
        deadline = self.started_at + timeout
        while not set(health) <= set(self.ready_after):
            for name, url in health.items():
                if name not in self.ready_after and http_ok(url):
                    self.ready_after[name] = time.monotonic() - self.started_at
            self.check_alive()
            if time.monotonic() > deadline:
                late = ", ".join(sorted(set(health) - set(self.ready_after)))
                raise LaunchError(
                    f"Pas de réponse après {timeout:.0f} s : {late} (journaux : {self.settings.log_dir})."
                )
            time.sleep(0.2)
        self.check_model_loaded(name for name in health if name.startswith("rasa"))
        return dict(self.ready_after)

    def check_model_loaded(self, names: Iterable[str]) -> None:
        """Rasa answers even when its model failed to load (it then ignores every message): its log tells."""
        for name in names:
            log = self.log_path(name).read_text(errors="replace")
            if any(sign in log for sign in MODEL_NOT_LOADED):
                raise LaunchError(f"Rasa n'a pas pu charger le modèle {self.settings.model_path} :\n{log[-3000:]}")

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                tail = self.log_path(name).read_text(errors="replace")[-3000:]
                raise LaunchError(f"Le serveur « {name} » s'est arrêté (code {process.returncode}) :\n{tail}")

    def stop(self, grace: float = 20.0) -> None:
        stop_process_groups(list(self.processes.values()), grace)


def tracker_store_problem(url: str) -> str | None:
    """Why the tracker store cannot be reached, in French, or None. Rasa itself would start
    anyway, keep every conversation in memory and never create its tables (Rasa #3243)."""
    from sqlalchemy import create_engine, text  # the virtual environment's, like Rasa's
    from sqlalchemy.exc import SQLAlchemyError

    where = url.split("@")[-1]
    try:
        arguments = {"connect_timeout": 5} if url.startswith("postgresql") else {}
        engine = create_engine(url, connect_args=arguments)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except (SQLAlchemyError, ImportError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return f"Base des conversations injoignable ({where}) : {reason}. Vérifiez TRACKER_STORE_URL."
    return None


def session_secret(path: Path) -> str:
    """The secret kept in `path`, made there (owner-only) the first time."""
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


def stop_process_groups(processes: list[subprocess.Popen[bytes]], grace: float = 20.0) -> None:
    """SIGTERM to each process group, then SIGKILL after `grace` seconds. Ctrl-C cannot interrupt it."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def running(
    settings: Settings, *, web: bool = True, timeout: float = 240.0, extra_env: Mapping[str, str] | None = None
) -> Iterator[Assistant]:
    """The servers started and answering for the duration of the block; always stopped after it."""
    assistant = Assistant(settings, web=web, extra_env=dict(extra_env or {}))
    try:
        assistant.start()
        assistant.wait_until_ready(timeout)
        yield assistant
    finally:
        assistant.stop()
