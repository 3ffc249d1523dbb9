"""The run's settings: built once from what the user gave, checked, and recorded.

:class:`~bitext.models.RunOptions` holds every setting with its default and checks
them as validators; :func:`run_options` builds it and turns a failed check into a usage
error (exit 2) that says what to change. :func:`recorded_options` is the part a
manifest keeps.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import UsageError
from bitext.models import RecordedOptions, RunOptions


def run_options(**settings: Any) -> RunOptions:
    """Build the run's options from keyword settings (the fields of ``RunOptions``).

    Raises:
        UsageError: A setting is unknown, of the wrong kind, out of range or
            contradicts another (exit 2); the message names each problem.
    """
    try:
        return RunOptions.model_validate(settings)
    except ValidationError as exc:
        raise UsageError("; ".join(_problem(error) for error in exc.errors())) from exc


def recorded_options(options: RunOptions, engine_name: str) -> RecordedOptions:
    """What the manifest records: what was asked (``engine_name`` as asked, or the name of
    the engine object a caller passed instead)."""
    asked = options.model_dump(include=set(RecordedOptions.model_fields) - {"engine", "match"})
    return RecordedOptions(**asked, engine=engine_name, match=matches_items(options))


def matches_items(options: RunOptions) -> bool:
    """Whether the run matches French with English items: as asked, else on (both executors)."""
    return options.match is not False


def default_markers(options: RunOptions) -> tuple[str, ...]:
    """The default teaser markers, unless the run turned them off (``--no-default-teasers``)."""
    return DEFAULT_TEASER_MARKERS if options.default_teasers else ()


def _problem(error: Any) -> str:
    """One validation error in a user's words: our validators' own message, else the field's."""
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, ValueError):
        return str(cause)
    field = ".".join(str(part) for part in error["loc"]) or "options"
    return f"{field}: {error['msg']}"
