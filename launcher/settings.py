"""The servers' settings, each read from the environment with its default in this one place.

Standard library only: `scripts/env.sh` runs `python3 -m launcher.settings` before anything is
installed, to export the same values to the shell scripts and to Rasa (endpoints.yml reads
ACTION_ENDPOINT_URL and TRACKER_STORE_URL from the environment).
The knowledge database's URL is the knowledge package's own setting (knowledge/settings.py).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# For every Rasa command: quiet TensorFlow and the SQLAlchemy 2.0 notices Rasa 3.6 triggers; no telemetry.
QUIET = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "RASA_TELEMETRY_ENABLED": "false",
    "PYTHONWARNINGS": "ignore",
}


@dataclass(frozen=True)
class Settings:
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int = 8080  # the demo page with the chat widget (web/), always on 127.0.0.1
    model_path: Path = ROOT / "models" / "assistant.tar.gz"
    tracker_store_url: str = f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
    log_dir: Path = ROOT / "var" / "logs"
    # Conversations (which may hold health information) are deleted this many days after their
    # last message by `bash scripts/privacy.sh purge` (docs/deployment.md, "Privacy").
    retention_days: int = 30
    # Signs the socket.io session ids (webchat/limits.py); SESSION_SECRET, when set, wins (a
    # cluster's servers must share it). Made on first start, readable by its owner only.
    session_secret_file: Path = ROOT / "var" / "session.key"
    # Origins allowed to call Rasa from a browser, separated by spaces: by default only the demo
    # page (it polls socket.io from its own port); the Region's site in production.
    cors_origins: str = ""
    # Production mode only (scripts/production.sh, docs/deployment.md): how many Rasa servers and
    # action servers (ports rasa_port + i and action_port + i), behind nginx on proxy_port (and
    # proxy_port + 1 for the action servers, seen by Rasa only); the Redis lock store they share.
    instances: int = 2
    proxy_port: int = 8000
    lock_store_url: str = ""
    # Requests per second and per address that nginx lets through (a burst of 5 seconds' worth
    # first); more get 429 in French. A visitor's turn is 3 to 5 socket.io requests.
    proxy_rate: int = 10
    # Rasa's debug log (DEBUG_LOGS=1), which holds what visitors wrote: for a developer's own
    # machine, never in production. Off, the logs keep no message text.
    debug_logs: bool = False

    @property
    def allowed_origins(self) -> list[str]:
        if self.cors_origins.strip():
            return self.cors_origins.split()
        return [f"http://127.0.0.1:{self.web_port}", f"http://localhost:{self.web_port}"]

    @property
    def action_endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def rasa_url(self) -> str:
        host = "127.0.0.1" if self.rasa_host in ("", "0.0.0.0", "::") else self.rasa_host
        return f"http://{host}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The environment's values where set and not empty, the defaults above otherwise."""
        defaults = cls()

        def read(name: str, default: object) -> str:
            return environ.get(name) or str(default)

        def port(name: str, default: int) -> int:
            value = read(name, default)
            if not value.isdigit() or not 0 < int(value) < 65536:
                raise ValueError(f"{name} doit être un numéro de port (1 à 65535), pas {value!r}.")
            return int(value)

        def days(name: str, default: int) -> int:
            value = read(name, default)
            if not value.isdigit() or int(value) < 1:
                raise ValueError(f"{name} doit être un nombre de jours (1 ou plus), pas {value!r}.")
            return int(value)

        def count(name: str, default: int, at_most: int) -> int:
            value = read(name, default)
            if not value.isdigit() or not 1 <= int(value) <= at_most:
                raise ValueError(f"{name} doit être un nombre entier de 1 à {at_most}, pas {value!r}.")
            return int(value)

        return cls(
            rasa_host=read("RASA_HOST", defaults.rasa_host),
            rasa_port=port("RASA_PORT", defaults.rasa_port),
            action_port=port("ACTION_PORT", defaults.action_port),
            web_port=port("WEB_PORT", defaults.web_port),
            model_path=Path(read("MODEL_PATH", defaults.model_path)),
            tracker_store_url=read("TRACKER_STORE_URL", defaults.tracker_store_url),
            log_dir=Path(read("LOG_DIR", defaults.log_dir)),
            cors_origins=read("RASA_CORS_ORIGINS", defaults.cors_origins),
            session_secret_file=Path(read("SESSION_SECRET_FILE", defaults.session_secret_file)),
            retention_days=days("CONVERSATION_RETENTION_DAYS", defaults.retention_days),
            instances=count("INSTANCES", defaults.instances, 16),
            proxy_port=port("PROXY_PORT", defaults.proxy_port),
            lock_store_url=read("LOCK_STORE_URL", defaults.lock_store_url),
            proxy_rate=count("PROXY_RATE_PER_SECOND", defaults.proxy_rate, 100_000),
            debug_logs=read("DEBUG_LOGS", "0") not in ("0", "false", "non"),
        )

    def environment(self) -> dict[str, str]:
        """The variables the servers and the scripts read."""
        return {
            "RASA_HOST": self.rasa_host,
            "RASA_PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "WEB_PORT": str(self.web_port),
            "MODEL_PATH": str(self.model_path),
            "TRACKER_STORE_URL": self.tracker_store_url,
            "LOG_DIR": str(self.log_dir),
            "RASA_CORS_ORIGINS": " ".join(self.allowed_origins),
            "SESSION_SECRET_FILE": str(self.session_secret_file),
            "CONVERSATION_RETENTION_DAYS": str(self.retention_days),
            "ACTION_ENDPOINT_URL": self.action_endpoint_url,
            "INSTANCES": str(self.instances),
            "PROXY_PORT": str(self.proxy_port),
            "LOCK_STORE_URL": self.lock_store_url,
            "PROXY_RATE_PER_SECOND": str(self.proxy_rate),
            "DEBUG_LOGS": "1" if self.debug_logs else "0",
        }


def main() -> int:
    try:
        settings = Settings.from_environment()
    except ValueError as error:
        print(f"echo {shlex.quote(str(error))} >&2; return 1 2>/dev/null || exit 1")
        return 1
    for name, value in {**QUIET, **settings.environment()}.items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
