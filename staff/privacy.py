"""Privacy of the conversations kept in the tracker store (RGPD): purge after the retention
period, and forget one person's conversation on request.

    bash scripts/privacy.sh purge [--days N] [--dry-run]
    bash scripts/privacy.sh forget SESSION_ID [--dry-run]

Conversations may hold health information. A conversation is deleted whole (every event of its
sender id) once its last message is older than the retention period (CONVERSATION_RETENTION_DAYS,
30 days by default: docs/deployment.md says why); schedule `purge` once a day (cron or a systemd
timer). Works on the tracker store of TRACKER_STORE_URL (SQLite or PostgreSQL): Rasa's `events`
table, in one transaction.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import create_engine, delete, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.sql.schema import Column, MetaData, Table

from launcher.settings import Settings

DAY = 86_400


@dataclass(frozen=True)
class Deletion:
    conversations: int
    events: int


def events_table(engine: Engine) -> Table:
    """Rasa's SQL tracker store table (rasa/core/tracker_store.py: SQLTrackerStore), as it is."""
    return Table("events", MetaData(), autoload_with=engine)


def purge(engine: Engine, retention_days: int, now: float | None = None, dry_run: bool = False) -> Deletion:
    """Deletes every conversation whose last event is older than `retention_days`."""
    cutoff = (now if now is not None else time.time()) - retention_days * DAY
    events = events_table(engine)
    sender: Column = events.c.sender_id
    last_events = select(sender).group_by(sender).having(func.max(events.c.timestamp) < cutoff)
    with engine.begin() as connection:
        senders = list(connection.scalars(last_events))
        return _delete(connection, events, senders, dry_run)


def forget(engine: Engine, sender_id: str, dry_run: bool = False) -> Deletion:
    """Deletes one conversation, whatever its age."""
    events = events_table(engine)
    with engine.begin() as connection:
        return _delete(connection, events, [sender_id], dry_run)


def _delete(connection, events: Table, senders: Sequence[str], dry_run: bool) -> Deletion:
    if not senders:
        return Deletion(0, 0)
    chosen = events.c.sender_id.in_(senders)
    count = connection.scalar(select(func.count()).select_from(events).where(chosen)) or 0
    found = connection.scalar(select(func.count(func.distinct(events.c.sender_id))).where(chosen)) or 0
    if not dry_run:
        connection.execute(delete(events).where(chosen))
    return Deletion(found, count)


def main(argv: Sequence[str] | None = None) -> int:
    settings = Settings.from_environment()
    parser = argparse.ArgumentParser(prog="scripts/privacy.sh", description="Conversations gardées (RGPD).")
    commands = parser.add_subparsers(dest="command", required=True)
    purge_command = commands.add_parser("purge", help="effacer les conversations plus anciennes que la durée gardée")
    purge_command.add_argument("--days", type=int, default=settings.retention_days, help="durée gardée, en jours")
    forget_command = commands.add_parser("forget", help="effacer la conversation d'une personne (sur demande)")
    forget_command.add_argument("session_id", help="l'identifiant de la conversation (sender id)")
    for command in (purge_command, forget_command):
        command.add_argument("--dry-run", action="store_true", help="compter sans rien effacer")
        command.add_argument("--url", default=settings.tracker_store_url, help="TRACKER_STORE_URL")
    args = parser.parse_args(argv)
    if args.command == "purge" and args.days < 1:
        print("--days doit être d'au moins 1 jour.", file=sys.stderr)
        return 2
    engine = create_engine(args.url)
    try:
        if args.command == "purge":
            done = purge(engine, args.days, dry_run=args.dry_run)
            what = f"conversations sans message depuis plus de {args.days} jours"
        else:
            done = forget(engine, args.session_id, dry_run=args.dry_run)
            what = f"conversation « {args.session_id} »"
    except sa_exc.NoSuchTableError:
        print("Aucune conversation gardée : la base des conversations est vide.")
        return 0
    except sa_exc.OperationalError as error:
        print(f"Base des conversations injoignable ({args.url.split('@')[-1]}) : {error.orig}", file=sys.stderr)
        return 1
    verb = "seraient effacés" if args.dry_run else "effacés"
    print(f"{what} : {done.conversations} conversation(s), {done.events} événement(s) {verb}.")
    if args.command == "forget" and done.conversations == 0:
        print("Aucune conversation avec cet identifiant.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
