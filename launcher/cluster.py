"""Production mode (`scripts/production.sh`, docs/deployment.md): N Rasa servers and N action
servers behind nginx, conversations in PostgreSQL, the conversation lock in Redis.

- socket.io (the web page) goes to one Rasa server per page: long-polling is a series of HTTP
  requests that must all reach the server holding the socket. nginx hashes the `route` query
  parameter the widget adds (random, one per page), or the address when there is none;
- REST goes to the least busy Rasa server; two messages of one conversation may then reach two
  servers at once: the atomic Redis lock (webchat/lock_store.py) makes the second wait;
- Rasa reaches the action servers through nginx too (a second port, on loopback only): the least
  busy one, and the other one when one is down;
- nginx also caps the body size and the requests per second of each address, and answers its
  own errors in French.

The first Rasa server starts alone until it has created the tracker store's tables, which two
servers creating them at once on an empty database would fail to do.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from launcher.servers import Assistant, LaunchError

TOO_MANY = "Trop de messages en peu de temps. Attendez quelques secondes. En cas d'urgence, appelez le 15 ou le 112."
TOO_BIG = "Votre message est trop long. En cas d'urgence, appelez le 15 ou le 112."
UNAVAILABLE = (
    "Désolé, le service a un problème en ce moment. Réessayez dans quelques minutes. "
    "En cas d'urgence, appelez le 15 ou le 112 (SMS au 114)."
)
# A server that stops is started again, unless it stopped less than this many seconds after its
# last restart.
RESTART_WINDOW = 60.0
# nginx's own limit on a request body; the Rasa servers refuse more than 64 kB themselves.
MAX_BODY = "64k"


@dataclass
class Cluster(Assistant):
    """`settings.instances` Rasa servers and action servers, nginx in front, and the web page."""

    restarted_at: dict[str, float] = field(default_factory=dict)  # time.monotonic() of each server's last restart

    @property
    def instances(self) -> int:
        return self.settings.instances

    @property
    def run_dir(self) -> Path:
        return self.settings.log_dir / "nginx"

    @property
    def proxy_url(self) -> str:
        host = self.settings.rasa_url.split("//", 1)[1].rsplit(":", 1)[0]
        return f"http://{host}:{self.settings.proxy_port}"

    @property
    def action_proxy_port(self) -> int:
        return self.settings.proxy_port + 1

    def rasa_ports(self) -> list[int]:
        return [self.settings.rasa_port + i for i in range(self.instances)]

    def action_ports(self) -> list[int]:
        return [self.settings.action_port + i for i in range(self.instances)]

    def ports(self) -> dict[str, int]:
        ports = {f"RASA_PORT+{i}": port for i, port in enumerate(self.rasa_ports())}
        ports |= {f"ACTION_PORT+{i}": port for i, port in enumerate(self.action_ports())}
        ports |= {"PROXY_PORT": self.settings.proxy_port, "PROXY_PORT+1": self.action_proxy_port}
        if self.web:
            ports["WEB_PORT"] = self.settings.web_port
        return ports

    def commands(self) -> dict[str, list[str]]:
        commands: dict[str, list[str]] = {}
        for i, port in enumerate(self.action_ports(), 1):
            commands[f"actions-{i}"] = self.actions_command(port)
        for i, port in enumerate(self.rasa_ports(), 1):
            # Rasa listens on loopback only: visitors reach it through nginx.
            command = self.rasa_command(port)
            command[command.index("--interface") + 1] = "127.0.0.1"
            commands[f"rasa-{i}"] = command
        commands["nginx"] = [nginx_binary(), "-p", str(self.run_dir), "-c", str(self.run_dir / "nginx.conf")]
        if self.web:
            commands["web"] = self.web_command(self.proxy_url)
        return commands

    def health_urls(self) -> dict[str, str]:
        urls = {f"actions-{i}": f"http://127.0.0.1:{port}/health" for i, port in enumerate(self.action_ports(), 1)}
        urls |= {f"rasa-{i}": f"http://127.0.0.1:{port}/" for i, port in enumerate(self.rasa_ports(), 1)}
        urls["nginx"] = f"http://127.0.0.1:{self.settings.proxy_port}/health"
        if self.web:
            urls["web"] = f"{self.settings.web_url}/config.js"
        return urls

    def environment(self) -> dict[str, str]:
        return {
            **super().environment(),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_proxy_port}/webhook",
            "LOCK_STORE_URL": self.settings.lock_store_url,
        }

    def check_before_start(self) -> None:
        s = self.settings
        if s.tracker_store_url.startswith("sqlite"):
            raise LaunchError(
                "Le mode production garde les conversations dans PostgreSQL : "
                "TRACKER_STORE_URL=postgresql://utilisateur@hôte:5432/base (docs/deployment.md)."
            )
        if not s.lock_store_url:
            raise LaunchError(
                "Le mode production a besoin du verrou Redis partagé par les serveurs Rasa : "
                "LOCK_STORE_URL=redis://hôte:6379/1 (docs/deployment.md)."
            )
        problem = lock_store_problem(s.lock_store_url)
        if problem is not None:
            raise LaunchError(problem)
        nginx_binary()
        super().check_before_start()

    def start(self) -> None:
        self.check_before_start()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "nginx.conf").write_text(
            nginx_config(
                listen=f"{self.settings.rasa_host}:{self.settings.proxy_port}",
                action_listen=f"127.0.0.1:{self.action_proxy_port}",
                rasa_ports=self.rasa_ports(),
                action_ports=self.action_ports(),
                web_port=self.settings.web_port if self.web else None,
                rate=self.settings.proxy_rate,
                run_dir=self.run_dir,
            )
        )
        commands = self.commands()
        first = {name: command for name, command in commands.items() if not name.startswith("rasa-")}
        first["rasa-1"] = commands["rasa-1"]
        self.started_at = time.monotonic()
        self.launch(first)
        self.wait_for_tracker_tables()
        self.launch({name: command for name, command in commands.items() if name not in first})

    def restart_stopped(self) -> list[str]:
        """Starts again each server that stopped, and says which ones; LaunchError when one
        stops again within a minute (it would only stop again: its log says why)."""
        restarted = []
        for name, process in list(self.processes.items()):
            if process.poll() is None:
                continue
            now = time.monotonic()
            if now - self.restarted_at.get(name, -RESTART_WINDOW) < RESTART_WINDOW:
                self.check_alive()  # raises, with the end of its log
            self.restarted_at[name] = now
            self.launch({name: self.commands()[name]}, append=True)
            restarted.append(f"{name} (code {process.returncode})")
        return restarted

    def wait_for_tracker_tables(self, timeout: float = 240.0) -> None:
        """Until the first Rasa server has created the tracker store's tables (before it loads
        its model), or has started."""
        from sqlalchemy import create_engine, inspect  # the virtual environment's, like Rasa's

        engine = create_engine(self.settings.tracker_store_url)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self.check_alive()
                if inspect(engine).has_table("events"):
                    return
                time.sleep(0.2)
        finally:
            engine.dispose()
        raise LaunchError(f"Les tables des conversations n'ont pas été créées en {timeout:.0f} s.")


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)
    if found is None:
        raise LaunchError("nginx est absent : installez le paquet Debian « nginx » (apt-get install nginx).")
    return found


def lock_store_problem(url: str) -> str | None:
    """Why the Redis lock store cannot be reached, in French, or None."""
    import redis  # Rasa's dependency, in the virtual environment like the launcher

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as error:
        return f"Verrou Redis injoignable ({url.split('@')[-1]}) : {error}. Vérifiez LOCK_STORE_URL."
    return None


def _json_body(text: str) -> str:
    """An nginx `return` argument: JSON, in single quotes."""
    return json.dumps({"error": text}, ensure_ascii=False).replace("'", "\\'")


def nginx_config(
    *,
    listen: str,
    action_listen: str,
    rasa_ports: list[int],
    action_ports: list[int],
    web_port: int | None,
    rate: int,
    run_dir: Path,
) -> str:
    rasa_servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in rasa_ports)
    action_servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in action_ports)
    web = (
        f"""
    location / {{
      proxy_pass http://127.0.0.1:{web_port};
    }}"""
        if web_port is not None
        else ""
    )
    temp = "\n".join(
        f"  {kind}_temp_path {run_dir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Written by launcher/cluster.py at each start: edit that file, not this one.
daemon off;
worker_processes 1;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "error.log"} warn;

events {{
  worker_connections 4096;
}}

http {{
  # No access log: addresses and socket.io session ids are personal data (docs/deployment.md).
  access_log off;
  server_tokens off;
{temp}

  # Never a temporary file (nginx's workers may not write in the run folder): request bodies
  # are small or streamed, answers are passed on as they come once the buffers are full.
  proxy_max_temp_file_size 0;
  proxy_buffers 16 16k;

  limit_req_zone $binary_remote_addr zone=per_address:10m rate={rate}r/s;
  limit_req_status 429;

  map $arg_route $socket_route {{
    "" $remote_addr;
    default $arg_route;
  }}
  map $http_upgrade $connection_upgrade {{
    default upgrade;
    "" "";
  }}

  upstream rasa_sockets {{
    hash $socket_route consistent;
{rasa_servers}
  }}
  upstream rasa_rest {{
    least_conn;
{rasa_servers}
    keepalive 32;
  }}
  upstream actions {{
    least_conn;
{action_servers}
    keepalive 32;
  }}

  server {{
    listen {listen};
    client_max_body_size {MAX_BODY};
    client_body_buffer_size {MAX_BODY};
    limit_req zone=per_address burst={rate * 5} nodelay;
    proxy_http_version 1.1;
    proxy_read_timeout 60s;
    default_type application/json;
    error_page 429 @too_many;
    error_page 413 @too_big;
    error_page 502 503 504 @unavailable;

    location /socket.io/ {{
      proxy_pass http://rasa_sockets;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_buffering off;
    }}
    location = /webhooks/rest/webhook {{
      proxy_pass http://rasa_rest;
      proxy_set_header Connection "";
    }}
    location = /health {{
      proxy_pass http://rasa_rest/;
      proxy_set_header Connection "";
    }}{web}
    location @too_many {{
      return 429 '{_json_body(TOO_MANY)}';
    }}
    location @too_big {{
      return 413 '{_json_body(TOO_BIG)}';
    }}
    location @unavailable {{
      return 503 '{_json_body(UNAVAILABLE)}';
    }}
  }}

  # Rasa's way to the action servers: loopback only, no rate limit.
  server {{
    listen {action_listen};
    # Rasa sends the conversation's events with each call: no small limit, streamed.
    client_max_body_size 20m;
    proxy_request_buffering off;
    location / {{
      proxy_pass http://actions;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 http_503;
    }}
  }}
}}
"""
