"""gunicorn's gthread worker, with each request read whole before a thread takes it.

gthread hands a new connection to a thread at once; the thread waits up to 5 s for the first
byte and then blocks until the request head (and the body, when the app reads it) has arrived.
16 idle or half-sent connections (slowloris) therefore held all 2 x 8 threads, and /healthz and
events waited 8 s. Here the worker's event loop reads every request without blocking, on the
same poller gunicorn uses for kept-alive connections, and submits it to the thread pool only
when it is complete:

- the head (up to `HEAD_LIMIT` bytes; a longer one goes on, for gunicorn's parser to refuse),
- and a body of declared length up to `BODY_LIMIT` (a larger one is refused by the app with 413
  before a byte of it is read, and the connection is then closed, not drained; a chunked body or
  `Expect: 100-continue` goes to the thread after the head, as in gthread).

A request that has not arrived whole within `READ_TIMEOUT` seconds is dropped. Idle and slow
connections cost a poller slot (gunicorn's `worker_connections`), never a thread. TLS sockets
(gunicorn's certfile/keyfile) keep gthread's behaviour: terminate TLS in a proxy in front.
"""

from __future__ import annotations

import contextlib
import errno
import selectors
import time
from collections import deque
from functools import partial
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

from bot.slack.gate import MAX_BODY

HEAD_LIMIT = 64 * 1024
BODY_LIMIT = MAX_BODY
READ_TIMEOUT = 10.0  # seconds for a whole request to arrive (Slack sends at once)
_RECV = 256 * 1024


def _declared_length(head: bytes) -> int | None:
    """Content-Length from a lower-cased request head; None when absent or unreadable."""
    start = head.find(b"\r\ncontent-length:")
    if start < 0:
        return None
    stop = head.find(b"\r\n", start + 2)  # the head ends with \r\n (see request_complete)
    value = head[start + 17 : stop].strip()
    return int(value) if value.isdigit() else None


def request_complete(buffer: bytes | bytearray) -> bool:
    """Whether `buffer` holds what a thread needs to serve the request without waiting."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return len(buffer) > HEAD_LIMIT
    head = bytes(buffer[:end]).lower() + b"\r\n"
    if b"\r\ntransfer-encoding:" in head or b"\r\nexpect:" in head:
        return True
    length = _declared_length(head)
    if length is None or length > BODY_LIMIT:
        return True
    return len(buffer) - (end + 4) >= length


class BufferingThreadWorker(ThreadWorker):
    """gthread, reading each request in the event loop first (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reading: deque[TConn] = deque()  # oldest first: deadlines only grow

    # -- connections the event loop is reading ------------------------------------------------

    def accept(self, listener: Any) -> None:
        if self.cfg.is_ssl:
            super().accept(listener)
            return
        try:
            sock, client = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._read_request(TConn(self.cfg, sock, client, listener.getsockname()))

    def on_client_socket_readable(self, conn: TConn, client: Any) -> None:
        """A kept-alive connection's next request: read it here too."""
        if self.cfg.is_ssl:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_request(conn)

    def _read_request(self, conn: TConn) -> None:
        conn.sock.setblocking(False)
        conn.buffered = bytearray()
        conn.read_deadline = time.monotonic() + READ_TIMEOUT
        self._reading.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn: TConn, _sock: Any) -> None:
        try:
            data = conn.sock.recv(_RECV)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before sending a whole request
            self._stop_reading(conn)
            self.nr_conns -= 1
            conn.close()
            return
        conn.buffered += data
        if request_complete(conn.buffered):
            self._stop_reading(conn)
            conn.data_ready = True
            self.enqueue_req(conn)

    def _stop_reading(self, conn: TConn) -> None:
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        with contextlib.suppress(ValueError):
            self._reading.remove(conn)

    def murder_pending(self) -> None:
        """gthread's expiry of deferred connections, and of requests too slow to arrive (all
        of them once the worker is stopping: nothing was acknowledged on them)."""
        super().murder_pending()
        now = time.monotonic()
        while self._reading and (not self.alive or self._reading[0].read_deadline <= now):
            conn = self._reading.popleft()
            with contextlib.suppress(KeyError, ValueError, OSError):
                self.poller.unregister(conn.sock)
            self.nr_conns -= 1
            conn.close()

    # -- the thread's side --------------------------------------------------------------------

    def handle(self, conn: TConn) -> Any:
        """gthread's handler, reading first what the event loop already received."""
        buffered = getattr(conn, "buffered", None)
        if buffered:
            conn.buffered = None
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(bytes(buffered))
        return super().handle(conn)

    def handle_request(self, req: Any, conn: TConn) -> bool:
        """Close, rather than drain, a connection whose declared body was refused unread."""
        keepalive = super().handle_request(req, conn)
        for name, value in req.headers:
            if name == "CONTENT-LENGTH" and value.isdigit() and int(value) > BODY_LIMIT:
                return False
        return keepalive
