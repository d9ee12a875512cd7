"""A stand-in Rasa REST channel for replay tests that need no real servers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeRasa:
    """Answers every message with an echo and two buttons (HTML-looking, to test escaping) and
    a decision.

    Attributes:
        url: the base URL it listens on.
        decision: the ``assessment`` sent in the custom payload of every answer.
        received: the ``(sender, message)`` pairs posted, in order.
    """

    url: str = ""
    decision: dict[str, Any] = field(default_factory=dict)
    received: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def fake_rasa(decision: dict[str, Any]) -> Iterator[FakeRasa]:
    """Run a FakeRasa on a free port for the duration of the block."""
    fake = FakeRasa(decision=decision)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self._send(b"Hello from Rasa: 3.6.21", "text/plain")

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.received.append((body["sender"], body["message"]))
            answer = [
                {
                    "recipient_id": body["sender"],
                    "text": f"You said <i>{body['message']}</i> & so",
                    "buttons": [
                        {"title": "Yes", "payload": "yes"},
                        {"title": "Not <b>sure</b>", "payload": "not sure"},
                    ],
                },
                {"recipient_id": body["sender"], "custom": {"assessment": fake.decision}},
            ]
            self._send(json.dumps(answer).encode(), "application/json")

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
