"""The conversation lock shared by several Rasa servers: Rasa's ticket lock, kept in Redis with
every change made by one Lua script, so that it is atomic.

Rasa 3.6's RedisLockStore reads the whole lock, changes it in Python and writes it back: two
servers taking a ticket at the same moment both read the same lock and one ticket is lost, so
both handle the conversation at once and events are lost (measured: 149 of 160 messages kept,
docs/deployment.md). Here a ticket is INCR on a counter and an entry in a sorted set (score: the
ticket number; member: "number:expiry in ms"); a ticket is served when no live ticket comes
before it. Expired tickets (a server that died holding one) are dropped after the lock's lifetime.

endpoints.yml names this class for every server: without a URL (LOCK_STORE_URL empty, one Rasa
server, the default) it is Rasa's in-memory lock store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEY_PREFIX = "ma-sante:lock:"
# How long a waiting message sleeps between two looks at the queue: short, because the message
# before it usually takes tens of milliseconds (Rasa's own store waits a whole second).
POLL_SECONDS = 0.02
# Redis must answer within this: otherwise the message gets the service's apology (never handled
# without the lock, which would lose events). Generous: the Rasa server's event loop is blocked
# while it parses other messages (seconds under load), and a connection made meanwhile must not
# time out for that (a CI run saw it at 2 s). Redis down is refused at once, whatever this is.
SOCKET_TIMEOUT_SECONDS = 10.0

# KEYS: counter, queue. ARGV: lifetime (ms). Returns the new ticket's number.
ISSUE = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ticket = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], ticket, ticket .. ':' .. (now_ms + tonumber(ARGV[1])))
redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[1]))
redis.call('PEXPIRE', KEYS[2], 2 * tonumber(ARGV[1]))
return ticket
"""

# KEYS: queue. ARGV: ticket. Drops expired tickets; returns 1 when the ticket is served (no live
# ticket before it), 0 when it must wait, -1 when it has itself expired.
TURN = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ticket = tonumber(ARGV[1])
local mine = false
local waiting = false
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ticket)) do
  local number, expiry = string.match(member, '^(%d+):(%d+)$')
  if tonumber(expiry) < now_ms then
    redis.call('ZREM', KEYS[1], member)
  elseif tonumber(number) == ticket then
    mine = true
  else
    waiting = true
  end
end
if not mine then return -1 end
if waiting then return 0 end
return 1
"""

# KEYS: counter, queue. ARGV: ticket. Removes the ticket, and the lock when nobody waits.
RELEASE = """
redis.call('ZREMRANGEBYSCORE', KEYS[2], ARGV[1], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 1
"""


class AtomicRedisLockStore(InMemoryLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None) -> None:
        super().__init__()
        url = (endpoint_config.url if endpoint_config is not None else None) or ""
        self.redis: Any = None
        if url:
            import redis.asyncio  # Rasa's dependency; only a cluster needs it
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff

            self.redis = redis.asyncio.Redis.from_url(
                url,
                socket_timeout=SOCKET_TIMEOUT_SECONDS,
                socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
                # A connection of the pool closed by a Redis restart fails on first use: once
                # more on a new one. Not after a timeout: the script may have run.
                retry=Retry(NoBackoff(), 1),
                retry_on_error=[redis.ConnectionError],
            )
            self.issue = self.redis.register_script(ISSUE)
            self.turn = self.redis.register_script(TURN)
            self.release = self.redis.register_script(RELEASE)
            logger.info(f"Verrou des conversations : Redis ({url.split('@')[-1]}).")

    @staticmethod
    def keys(conversation_id: str) -> list[str]:
        return [f"{KEY_PREFIX}{conversation_id}:counter", f"{KEY_PREFIX}{conversation_id}:queue"]

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        if self.redis is None:
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lock:
                yield lock
            return
        counter, queue = self.keys(conversation_id)
        try:
            ticket = int(await self.issue(keys=[counter, queue], args=[int(lock_lifetime * 1000)]))
        except Exception as error:  # redis.ConnectionError, TimeoutError…: no lock, no handling
            raise LockError(f"Verrou Redis injoignable : {error}") from error
        try:
            while True:
                state = int(await self.turn(keys=[queue], args=[ticket]))
                if state == 1:
                    break
                if state == -1:
                    raise LockError(f"Ticket {ticket} expiré avant son tour (conversation {conversation_id}).")
                await asyncio.sleep(POLL_SECONDS)
            yield TicketLock(conversation_id)
        except LockError:
            raise
        except Exception as error:
            if "redis" not in type(error).__module__:
                raise
            raise LockError(f"Verrou Redis injoignable : {error}") from error
        finally:
            try:
                await self.release(keys=[counter, queue], args=[ticket])
            except Exception as error:  # the ticket then expires after lock_lifetime
                logger.error(f"Verrou Redis : ticket {ticket} non rendu ({error}).")
