"""Cluster addresses are checked before Ray is asked to join them."""

from __future__ import annotations

import pytest

from bitext.errors import ModelError, UsageError
from bitext.executors.address import AUTH_HINT, auth_hint, check_reachable


def test_a_join_refused_for_its_token_gets_the_hint() -> None:
    try:
        try:
            raise RuntimeError("RPC error: InvalidAuthToken: Authentication token is missing")
        except RuntimeError as inner:
            raise ConnectionError("Failed to connect to Ray cluster at 10.0.0.1:6379") from inner
    except ConnectionError as outer:
        assert auth_hint(outer) == AUTH_HINT
    assert auth_hint(ConnectionError("Failed to connect to Ray cluster")) == ""


def test_auto_is_left_to_ray_and_a_port_must_be_a_number() -> None:
    check_reachable("auto", 1)
    with pytest.raises(UsageError):
        check_reachable("ray://head:port", 1)


def test_a_name_that_does_not_resolve_is_a_model_error() -> None:
    with pytest.raises(
        ModelError, match=r"cannot reach the Ray cluster at ray://no-such-host\.invalid:10001"
    ):
        check_reachable("ray://no-such-host.invalid:10001", 2)
