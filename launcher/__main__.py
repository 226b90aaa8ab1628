"""`python -m launcher`: starts the servers (scripts/run.sh), says where they answer, waits.
`python -m launcher --production`: the production mode instead (scripts/production.sh,
launcher/cluster.py).

Ctrl-C stops them all (exit 130); if one of them stops, the others are stopped too (exit 1), but
in production mode, where it is started again (and everything stops only if it stops again
within a minute).
"""

from __future__ import annotations

import signal
import sys
import time
from typing import NoReturn

from launcher.cluster import Cluster
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


def production_message(cluster: Cluster, seconds: float) -> str:
    s = cluster.settings
    return f"""
L'assistant « Ma santé, Ma Région » est prêt en mode production (démarré en {seconds:.0f} s) :
{s.instances} serveurs Rasa et {s.instances} serveurs d'actions derrière nginx.
  Page web   : {cluster.proxy_url}/
  REST       : POST {cluster.proxy_url}/webhooks/rest/webhook
  socket.io  : {cluster.proxy_url}/socket.io
  Conversations : {s.tracker_store_url.split("@")[-1]}   Verrou : {s.lock_store_url.split("@")[-1]}
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
    production = sys.argv[1:] == ["--production"]
    assistant = Cluster(settings) if production else Assistant(settings)
    try:
        print(f"Démarrage (20 à 40 secondes par serveur Rasa)… journaux : {settings.log_dir}/", flush=True)
        assistant.start()
        ready = max(assistant.wait_until_ready().values())
        message = (
            production_message(assistant, ready) if isinstance(assistant, Cluster) else ready_message(settings, ready)
        )
        print(message, flush=True)
        while True:
            if isinstance(assistant, Cluster):  # production: a server that stops is started again
                for stopped in assistant.restart_stopped():
                    print(f"Serveur arrêté, redémarré : {stopped}", file=sys.stderr, flush=True)
            else:
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
