"""`python -m launcher`: starts the servers (scripts/run.sh), says where they answer, waits.

Ctrl-C stops them all (exit 130); if one of them stops, the others are stopped too (exit 1).
"""

from __future__ import annotations

import signal
import sys
import time
from typing import NoReturn

from launcher.servers import Assistant, LaunchError
from launcher.settings import Settings


def ready_message(settings: Settings, seconds: float) -> str:
    return f"""
L'assistant « Ma santé, Ma Région » est prêt (démarré en {seconds:.0f} s).
  Page web   : {settings.web_url}/  (page de démonstration avec le widget de discussion)
  REST       : POST {settings.rasa_url}/webhooks/rest/webhook  {{"sender": "moi", "message": "Bonjour"}}
  socket.io  : {settings.rasa_url}/socket.io  (pour la page web)
  Terminal   : bash scripts/shell.sh  (dans un autre terminal)
Ctrl-C pour arrêter."""


def _interrupted(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


def main() -> int:
    # Explicitly: a shell starting us in the background may have left SIGINT ignored.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupted)
    try:
        settings = Settings.from_environment()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    assistant = Assistant(settings)
    try:
        assistant.start()
        print(f"Démarrage (20 à 40 secondes)… journaux : {settings.log_dir}/")
        ready = assistant.wait_until_ready()
        print(ready_message(settings, max(ready.values())), flush=True)
        while True:
            assistant.check_alive()
            time.sleep(1)
    except LaunchError as error:
        print(f"Échec : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        assistant.stop()
        print("Assistant arrêté.")


if __name__ == "__main__":
    sys.exit(main())
