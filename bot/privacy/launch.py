"""Start Rasa or the action server with the privacy settings applied in-process.

``bot.serve`` runs ``python -m bot.privacy.launch rasa <rasa run arguments>``
and ``python -m bot.privacy.launch actions <rasa_sdk arguments>``. Before
handing over to Rasa's own entry point this:

- reads ``RASA_API_TOKEN`` from the environment or ``.env`` and turns the HTTP
  API on with it here, so the token never appears on a command line (``ps``);
  the API then takes the token as ``Authorization: Bearer``, a ``token``
  header, or ``?token=``;
- makes the action server check ``ACTION_TOKEN`` when one is set, and Rasa send it;
- keeps message content out of the logs (:func:`install_log_scrubber`);
- creates files owner-only (umask 077) and starts the expiry task (Rasa only).
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any

from bot.privacy.redact import redact

WITHHELD = "(detail withheld: debug messages may quote what was typed)"
TOKEN_IN_TEXT = re.compile(r"(token=|Bearer\s+)[^\s&'\"]+", re.IGNORECASE)
OUR_LOGGERS = ("bot.", "actions.", "actions")


def scrub(text: str) -> str:
    """Remove identifiers and tokens from a log line."""
    return TOKEN_IN_TEXT.sub(r"\1[hidden]", redact(text).text)


def install_log_scrubber() -> None:
    """Make every log record of this process content-free.

    Debug records from Rasa, Sanic and other libraries quote messages, slots and
    trackers: their text is withheld. Every other record has identifiers and
    tokens removed. Our own modules never log message text.
    """
    make_record = logging.getLogRecordFactory()

    def content_free(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            ours = record.name.startswith(OUR_LOGGERS)
            if record.levelno < logging.INFO and not ours:
                record.msg, record.args = f"{record.name}: {WITHHELD}", None
            else:
                record.msg, record.args = scrub(record.getMessage()), None
        except Exception:  # a record that cannot be formatted says nothing
            record.msg, record.args = f"{record.name}: {WITHHELD}", None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = kind_of_failure(record.exc_info)
        return record

    logging.setLogRecordFactory(content_free)


def kind_of_failure(exc_info: Any) -> str:
    """A traceback that names where and what kind of failure, without its message."""
    kind, _, trace = exc_info
    frames = "".join(traceback.format_tb(trace))
    return f"Traceback (most recent call last):\n{frames}{kind.__name__} (message withheld)"


def token_from_request(request: Any) -> str:
    """The token a request carries: bearer header, ``token`` header, or ``?token=``."""
    scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return str(request.headers.get("token") or request.args.get("token") or "")


def _accept_token_headers(token: str) -> None:
    """Let Rasa's HTTP API take its token from a header as well as from ``?token=``."""
    import rasa.server

    original = rasa.server.requires_auth

    def requires_auth(app: Any, auth_token: str | None = None) -> Callable[[Any], Any]:
        def decorator(handler: Any) -> Any:
            checked = original(app, auth_token)(handler)

            @wraps(handler)
            async def decorated(request: Any, *args: Any, **kwargs: Any) -> Any:
                given = token_from_request(request)
                if auth_token and given and hmac.compare_digest(given, auth_token):
                    result = handler(request, *args, **kwargs)
                    return await result if hasattr(result, "__await__") else result
                return await checked(request, *args, **kwargs)

            return decorated

        return decorator

    rasa.server.requires_auth = requires_auth


def _guard_action_server(token: str) -> None:
    """Make the action server check ``ACTION_TOKEN`` (when set; health stays open) and
    answer a failing action with its kind only: rasa_sdk's own handler echoes the
    whole request (the tracker) back to Rasa, which logs it.
    """
    import rasa_sdk.endpoint
    from sanic import response

    from bot.privacy.keys import conversation_key

    original = rasa_sdk.endpoint.create_app
    logger = logging.getLogger("bot.privacy.actions")

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)

        async def check(request: Any) -> Any:
            if not token or request.path == "/health":
                return None
            given = token_from_request(request)
            if not given or not hmac.compare_digest(given, token):
                return response.json({"error": "send the action server's token"}, status=401)
            return None

        async def failed(request: Any, exception: Exception) -> Any:
            try:
                body = request.json or {}
            except Exception:
                body = {}
            key = conversation_key(str(body.get("sender_id", "")))
            action = str(body.get("next_action", "unknown"))
            kind = type(exception).__name__
            logger.error("actions: %s failed for conversation %s (%s)", action, key, kind)
            return response.json({"error": kind, "action_name": action}, status=500)

        app.register_middleware(check, "request")
        app.error_handler.add(Exception, failed)
        return app

    rasa_sdk.endpoint.create_app = create_app


def _send_action_token(token: str) -> None:
    """Make Rasa send ``ACTION_TOKEN`` to the action server (the endpoints file holds no secret)."""
    import rasa.core.utils

    original = rasa.core.utils.read_endpoint_config

    def read_endpoint_config(filename: str, endpoint_type: str) -> Any:
        config = original(filename, endpoint_type)
        if config is not None and endpoint_type == "action_endpoint":
            config.headers = {**(config.headers or {}), "Authorization": f"Bearer {token}"}
        return config

    rasa.core.utils.read_endpoint_config = read_endpoint_config


def run_rasa(arguments: list[str]) -> None:
    """Run ``rasa run`` with the API token from the settings (never from the command line)."""
    from bot.privacy.expiry import start_expiry_task
    from bot.settings import get_settings

    settings = get_settings()
    sys.argv = ["rasa", "run", *arguments]
    if settings.api_token:
        _accept_token_headers(settings.api_token)
        sys.argv += ["--enable-api", "--auth-token", settings.api_token]
    if settings.action_token:
        _send_action_token(settings.action_token)
    start_expiry_task(settings)
    import rasa.__main__

    rasa.__main__.main()


def run_actions(arguments: list[str]) -> None:
    """Run the action server, on loopback unless opened up, with its token when set."""
    from bot.settings import get_settings

    settings = get_settings()
    os.environ["SANIC_HOST"] = settings.action_host
    _guard_action_server(settings.action_token)
    sys.argv = ["rasa_sdk", *arguments]
    import rasa_sdk.__main__

    rasa_sdk.__main__.main()


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.privacy.launch rasa|actions ARGS...``."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in ("rasa", "actions"):
        print("usage: python -m bot.privacy.launch rasa|actions ARGS...", file=sys.stderr)
        raise SystemExit(2)
    os.umask(0o077)
    install_log_scrubber()
    if arguments[0] == "rasa":
        run_rasa(arguments[1:])
    else:
        run_actions(arguments[1:])


if __name__ == "__main__":
    main()
