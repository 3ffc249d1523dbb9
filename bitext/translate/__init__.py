"""Translation engines chosen by name, with model packages, a cache and a runner.

``get_engine("auto")`` picks the Argos engine when a fr→en package is installed and
Apertium otherwise. The engines load their heavy libraries (CTranslate2, SentencePiece,
argostranslate) only when they first translate, so importing this package costs little.
"""

from __future__ import annotations

from typing import Any, get_args

from bitext.defaults import DEFAULT_ENGINE
from bitext.errors import ModelError, UsageError
from bitext.models import EngineName, EngineOptions
from bitext.translate import apertium, packages
from bitext.translate.apertium import ApertiumEngine
from bitext.translate.argos import ArgosEngine
from bitext.translate.base import AlignedOutput, AligningEngine, Engine, PlaceholderSafeEngine

ENGINE_NAMES: tuple[EngineName, ...] = get_args(EngineName)

__all__ = [
    "ENGINE_NAMES",
    "AlignedOutput",
    "AligningEngine",
    "Engine",
    "EngineOptions",
    "PlaceholderSafeEngine",
    "get_engine",
]


def get_engine(name: str = DEFAULT_ENGINE, options: EngineOptions | None = None) -> Engine:
    """Build the engine called ``name``.

    Args:
        name: ``auto``, ``argos`` or ``apertium``.
        options: How to build it (Argos: ``models_dir``, ``package_path``,
            ``beam_size``, ``compute_type``, ``device``, threads and length limits, see
            :class:`~bitext.translate.argos.ArgosEngine`); Apertium ignores them. A
            setting left ``None`` keeps the engine's default.

    Raises:
        UsageError: Unknown engine name (the message lists the engines).
        ModelError: The engine cannot run here; the message says how to install it.
    """
    if name not in ENGINE_NAMES:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
    options = options or EngineOptions()
    if name == "argos":
        return _argos(options)
    if name == "apertium":
        return _apertium()
    return _auto(options)


def _argos(options: EngineOptions) -> Engine:
    given: dict[str, Any] = options.model_dump(exclude_none=True)
    return ArgosEngine(**given)


def _apertium() -> Engine:
    return ApertiumEngine()


def _auto(options: EngineOptions) -> Engine:
    if options.package_path or packages.find_package("fr", "en", options.models_dir) is not None:
        return _argos(options)
    if apertium.is_available():
        return _apertium()
    raise ModelError(
        "no translation engine available: no fr→en Argos package is installed in "
        f"{packages.models_dir(options.models_dir)} and Apertium is missing "
        f"({', '.join(apertium.missing_parts())}). "
        "Either install an Argos package: `bitext models install fr en` (needs internet) or "
        "`bitext models install --file translate-fr_en.argosmodel`; or install Apertium: "
        f"`{apertium.INSTALL_HINT}`"
    )
