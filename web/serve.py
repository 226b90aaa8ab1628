"""Serves the demo page and its chat widget (web/) on 127.0.0.1, with the standard library only.

    python web/serve.py [--port 8080] [--rasa-url http://127.0.0.1:5005]

Besides the static files it answers /config.js, which tells the widget where Rasa's socket.io
channel is (from RASA_HOST/RASA_PORT, or RASA_SOCKET_URL when the page is reached through a
proxy). Every answer carries a Content-Security-Policy that lets the page load only its own files
and connect only to itself and to the Rasa server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

WEB_DIR = Path(__file__).resolve().parent
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
SOCKET_PATH = "/socket.io"
# HTTP long-polling, not WebSocket: Rasa 3.6's Sanic 21.12 cannot receive on a WebSocket under
# Python 3.11 (its recv() passes a coroutine to asyncio.wait, which 3.11 refuses), so the server
# closes every WebSocket at once. Polling goes to another origin, hence Rasa's `--cors`
# (scripts/run.sh). Both stay allowed in the CSP, so switching back is this one line.
TRANSPORTS = ["polling"]


def default_rasa_url() -> str:
    if os.environ.get("RASA_SOCKET_URL"):
        return os.environ["RASA_SOCKET_URL"]
    host = os.environ.get("RASA_HOST", "127.0.0.1")
    if host in ("", "0.0.0.0", "::"):  # listening everywhere: the browser on this machine uses loopback
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{os.environ.get('RASA_PORT', '5005')}"


def rasa_origins(rasa_url: str) -> list[str]:
    """The Rasa server's origin for HTTP and for WebSocket, as the CSP's connect-src needs both."""
    parts = urlsplit(rasa_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"adresse de Rasa invalide : {rasa_url!r} (attendu : http://hôte:port)")
    ws = "wss" if parts.scheme == "https" else "ws"
    return [f"{parts.scheme}://{parts.netloc}", f"{ws}://{parts.netloc}"]


def security_headers(rasa_url: str) -> dict[str, str]:
    connect = " ".join(["'self'", *rasa_origins(rasa_url)])
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src {connect}; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def config_js(rasa_url: str, retention_days: int) -> bytes:
    config = {
        "socketUrl": rasa_url.rstrip("/"),
        "socketPath": SOCKET_PATH,
        "transports": TRANSPORTS,
        "retentionDays": retention_days,  # said in the widget's privacy notice
    }
    return f"window.MA_SANTE_CHAT = {json.dumps(config)};\n".encode()


def static_file(url_path: str) -> Path | None:
    """The file under web/ for a URL path, or None: only page files, nothing hidden, no node_modules."""
    relative = unquote(url_path).lstrip("/") or "index.html"
    parts = relative.split("/")
    if any(not part or part.startswith(".") or part == "node_modules" for part in parts):
        return None
    path = (WEB_DIR / relative).resolve()
    if not path.is_relative_to(WEB_DIR) or path.suffix not in CONTENT_TYPES or not path.is_file():
        return None
    return path


class Handler(BaseHTTPRequestHandler):
    server_version = "MaSanteWeb"
    headers_to_add: dict[str, str] = {}
    config_body = b""

    def version_string(self) -> str:
        return self.server_version

    def end_headers(self) -> None:
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        url_path = urlsplit(self.path).path
        if url_path == "/config.js":
            body, content_type = self.config_body, CONTENT_TYPES[".js"]
        else:
            path = static_file(url_path)
            if path is None:
                self.send_error(HTTPStatus.NOT_FOUND, "Page introuvable")
                return
            body, content_type = path.read_bytes(), CONTENT_TYPES[path.suffix]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the standard library's name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(port: int, rasa_url: str, retention_days: int = 30) -> ThreadingHTTPServer:
    handler = type(
        "ConfiguredHandler",
        (Handler,),
        {
            "headers_to_add": security_headers(rasa_url),
            "config_body": config_js(rasa_url, retention_days),
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sert la page de démonstration et le widget de discussion.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument(
        "--rasa-url",
        default=default_rasa_url(),
        help="adresse du serveur Rasa vue du navigateur (défaut : http://RASA_HOST:RASA_PORT)",
    )
    parser.add_argument(
        "--retention-days",
        type=int,
        default=int(os.environ.get("CONVERSATION_RETENTION_DAYS", "30")),
        help="durée de conservation des conversations, dite dans le widget (défaut : CONVERSATION_RETENTION_DAYS)",
    )
    args = parser.parse_args(argv)
    try:
        server = make_server(args.port, args.rasa_url, args.retention_days)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"Impossible d'écouter sur 127.0.0.1:{args.port} ({error.strerror}). Choisissez un autre port : WEB_PORT=…",
            file=sys.stderr,
        )
        return 1
    print(f"Page web : http://127.0.0.1:{args.port}/ (assistant : {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
