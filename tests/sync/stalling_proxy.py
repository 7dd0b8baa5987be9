"""A TCP proxy in front of the real server that can withhold answers: the server does the work, the laptop never
hears back, as on a network that drops mid-answer. For testing that a stopped round ends at once and that a cut
request is safely repeated."""

from __future__ import annotations

import contextlib
import socket
import threading
import urllib.parse


class StallingProxy:
    def __init__(self, upstream_url: str) -> None:
        parts = urllib.parse.urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.stall_prefix: bytes | None = None  # requests starting with these bytes are forwarded but never answered
        self.withheld = threading.Event()  # set once the server answered a stalled request (its work is done)
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        for held in self._sockets:
            with contextlib.suppress(OSError):
                held.close()

    def _accept(self) -> None:
        while True:
            try:
                laptop, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(laptop,), daemon=True).start()

    def _serve(self, laptop: socket.socket) -> None:
        server = socket.create_connection(self._upstream)
        self._sockets += [laptop, server]
        try:
            first = laptop.recv(65536)
        except OSError:
            return
        stalled = self.stall_prefix is not None and first.startswith(self.stall_prefix)
        server.sendall(first)
        threading.Thread(target=_pump, args=(laptop, server, None), daemon=True).start()
        _pump(server, None if stalled else laptop, self.withheld if stalled else None)


def _pump(source: socket.socket, sink: socket.socket | None, answered: threading.Event | None) -> None:
    """Copy `source` to `sink` until either closes; with no sink, read and drop (and say when something came)."""
    while True:
        try:
            chunk = source.recv(65536)
        except OSError:
            return
        if not chunk:
            if sink is not None:
                with contextlib.suppress(OSError):
                    sink.shutdown(socket.SHUT_WR)
            return
        if answered is not None:
            answered.set()
        if sink is not None:
            try:
                sink.sendall(chunk)
            except OSError:
                return
