"""Translation engines chosen by name, with model packages, a cache and a runner.

``get_engine("auto")`` picks the Argos engine when a fr→en package is installed and
Apertium otherwise. Engine modules are imported only when chosen, so importing this
package costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bitext.errors import ModelError, UsageError
from bitext.translate.base import AlignedOutput, AligningEngine, Engine, PlaceholderSafeEngine

ENGINE_NAMES = ("auto", "argos", "apertium")

__all__ = [
    "ENGINE_NAMES",
    "AlignedOutput",
    "AligningEngine",
    "Engine",
    "PlaceholderSafeEngine",
    "get_engine",
]


def get_engine(name: str = "auto", **options: Any) -> Engine:
    """Build the engine called ``name``; ``options`` go to the Argos engine.

    Args:
        name: ``auto``, ``argos`` or ``apertium``.
        **options: Argos options (``beam_size``, ``models_dir``, ``package_path``,
            ``compute_type``, ...); ``beam_size`` and ``models_dir`` are ignored by
            Apertium.

    Raises:
        UsageError: Unknown engine name (the message lists the engines).
        ModelError: The engine cannot run here; the message says how to install it.
    """
    if name not in ENGINE_NAMES:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
    if name == "argos":
        from bitext.translate.argos import ArgosEngine

        return ArgosEngine(**options)
    if name == "apertium":
        return _apertium()
    return _auto(options)


def _apertium() -> Engine:
    from bitext.translate.apertium import ApertiumEngine

    return ApertiumEngine()


def _auto(options: dict[str, Any]) -> Engine:
    from bitext.translate import apertium, packages
    from bitext.translate.argos import ArgosEngine

    models_dir: str | Path | None = options.get("models_dir")
    if options.get("package_path") or packages.find_package("fr", "en", models_dir) is not None:
        return ArgosEngine(**options)
    if apertium.is_available():
        return _apertium()
    raise ModelError(
        "no translation engine available: no fr→en Argos package is installed in "
        f"{packages.models_dir(models_dir)} and Apertium is missing ({', '.join(apertium.missing_parts())}). "
        "Either install an Argos package: `bitext models install fr en` (needs internet) or "
        "`bitext models install --file translate-fr_en.argosmodel`; or install Apertium: "
        f"`{apertium.INSTALL_HINT}`"
    )
