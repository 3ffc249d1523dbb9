"""Cluster addresses: checked without Ray, so a wrong or dead address fails fast.

``ray.init`` can wait a long time on an address where nothing answers; a TCP connect
bounded by a timeout tells first. Kept apart from :mod:`bitext.executors.ray` because it
needs no Ray at all.
"""

from __future__ import annotations

import socket

from bitext.errors import ModelError, UsageError

AUTH_HINT = (
    "; the cluster asks for its token: set RAY_AUTH_MODE=token and RAY_AUTH_TOKEN "
    "(or RAY_AUTH_TOKEN_PATH) as on the cluster"
)


def auth_hint(exc: BaseException) -> str:
    """:data:`AUTH_HINT` when joining failed on Ray's token authentication, else nothing."""
    return AUTH_HINT if "auth" in _causes(exc).lower() else ""


def _causes(exc: BaseException) -> str:
    """The messages of ``exc`` and of the exceptions it was raised from."""
    messages: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(messages) < 10:
        messages.append(f"{type(seen).__name__}: {seen}")
        seen = seen.__cause__
    return " | ".join(messages)


def check_reachable(address: str, timeout_s: float) -> None:
    """Fail fast when a remote cluster address does not answer (``auto`` is Ray's to find).

    Raises:
        UsageError: Not ``auto``, ``HOST:PORT`` or ``ray://HOST:PORT``.
        ModelError: Nothing answers at the address within ``timeout_s``.
    """
    if address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--ray-address {address!r}: expected auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ModelError(
            f"cannot reach the Ray cluster at {address} within {timeout_s:g} s ({reason}); "
            "check the address, or start a cluster there with `ray start --head`"
        ) from exc
