"""A Bot API server on loopback: enough of Telegram for `citizen-bot run` to talk to."""

from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from bot.offline import FakeTelegram, Sent


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Form fields of a multipart upload; a file field becomes its file name."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            filename = part.get_filename()
            fields[str(name)] = filename or part.get_content()
    return fields


class FakeBotApi:
    """Serves /bot<token>/<method>; getUpdates hands out updates queued with `push`."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.send_delay = 0.0
        self.telegram = FakeTelegram()
        self._updates: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/bot"

    def start(self) -> FakeBotApi:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def push(self, update: dict[str, Any]) -> None:
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                pending = [u for u in self._updates if u["update_id"] >= offset]
                # Telegram forgets updates once a later offset confirms them.
                self._updates = pending
                remaining = deadline - time.monotonic()
                if pending or remaining <= 0:
                    return pending
                self._cond.wait(remaining)

    def wait_for(self, predicate: Any, timeout: float = 20.0) -> Sent:
        """The first sent message matching predicate, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for sent in list(self.telegram.log):
                if predicate(sent):
                    return sent
            time.sleep(0.02)
        raise AssertionError(
            "the bot did not send the expected message; it sent: "
            + repr([s.text for s in self.telegram.log][-5:])
        )

    def wait_for_call(self, method: str, count: int = 1, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for name, _ in list(self.telegram.calls) if name == method) >= count:
                return
            time.sleep(0.02)
        raise AssertionError(f"no {count}x {method} within {timeout}s")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def _params(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                ctype = self.headers.get("Content-Type", "")
                query = {k: v[-1] for k, v in parse_qs(urlparse(self.path).query).items()}
                if ctype.startswith("application/json") and body:
                    return {**query, **json.loads(body)}
                if ctype.startswith("multipart/form-data"):
                    return {**query, **_multipart(ctype, body)}
                return {**query, **{k: v[-1] for k, v in parse_qs(body.decode()).items()}}

            def _answer(self) -> None:
                path = urlparse(self.path).path
                prefix = f"/bot{api.token}/"
                if not path.startswith(prefix):
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                method = path[len(prefix) :]
                params = self._params()
                if method == "getUpdates":
                    result: Any = api._get_updates(params)
                else:
                    if api.send_delay and method.startswith("send"):
                        time.sleep(api.send_delay)  # a slow Telegram widens the window for faults
                    result = api.telegram.answer(method, params)
                self._reply(200, {"ok": True, "result": result})

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _answer
            do_POST = _answer

        return Handler
