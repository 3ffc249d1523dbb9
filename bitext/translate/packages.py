"""Argos model packages: where they live, list, install (file or index), remove.

Packages are read with ``argostranslate.package`` so bitext honours exactly the package
contract argostranslate does. Installing is bitext's own: the zip, its sizes and its
metadata are checked first (:mod:`bitext.translate.package_archive`), the package is
unpacked beside its final place, checked again, and only then renamed into it (the
copy it replaces is renamed aside first and deleted last), so a bad file installs
nothing and never costs the package already there. An installed package whose metadata
is broken is reported (exit 69) with the command that removes it. Only
:func:`install_from_index` touches the network, and only because the user asked for it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import ExportError, InputError, ModelError, UsageError
from bitext.models import ModelPackage
from bitext.translate import package_archive

if TYPE_CHECKING:
    from argostranslate.package import Package

MODELS_DIR_ENV = "BITEXT_MODELS_DIR"
_INDEX_TIMEOUT_S = 15


def models_dir(override: str | Path | None = None) -> Path:
    """The folder packages are installed into and looked up in.

    ``override`` (``--models-dir``) wins, then ``$BITEXT_MODELS_DIR``, then
    argostranslate's own setting (``ARGOS_PACKAGES_DIR``, its settings.json, or
    ``~/.local/share/argos-translate/packages``), so both tools share models.

    Raises:
        UsageError: The path exists and is not a folder.
    """
    if override is not None:
        folder = Path(override).expanduser()
    elif os.environ.get(MODELS_DIR_ENV):
        folder = Path(os.environ[MODELS_DIR_ENV]).expanduser()
    else:
        from argostranslate import settings

        folder = Path(settings.package_data_dir)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"the models folder (--models-dir or ${MODELS_DIR_ENV}) is a file, not a folder", path=folder
        )
    return folder


def list_packages(folder: str | Path | None = None) -> list[ModelPackage]:
    """Installed translation packages in ``models_dir(folder)``, sorted by name."""
    return [describe(package) for package in installed_argos_packages(folder)]


def installed_argos_packages(folder: str | Path | None = None) -> list[Package]:
    """The ``argostranslate.package.Package`` objects of every installed translate package.

    Raises:
        ModelError: An installed package is broken (the message says how to remove it).
    """
    root = models_dir(folder)
    if not root.is_dir():
        return []
    packages = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        package = load_package(path)
        if package.type == "translate":
            packages.append(package)
    return packages


def load_package(path: Path) -> Package:
    """The ``argostranslate.package.Package`` of an installed folder, its metadata checked first.

    Raises:
        ModelError: Its ``metadata.json`` is unreadable or has a field of the wrong type.
    """
    from argostranslate.package import Package

    try:
        package_archive.read_installed_metadata(path)
        return Package(path)
    except (OSError, ValueError, TypeError, AttributeError, KeyError) as exc:
        raise ModelError(
            f"installed package is broken ({exc}); remove it with `bitext models remove {path.name}`",
            path=path,
        ) from exc


def find_package(from_code: str, to_code: str, folder: str | Path | None = None) -> Package | None:
    """The installed package translating ``from_code`` → ``to_code``, highest version first."""
    matches = [
        p for p in installed_argos_packages(folder) if (p.from_code, p.to_code) == (from_code, to_code)
    ]
    matches.sort(key=lambda p: _version_key(p.package_version), reverse=True)
    return matches[0] if matches else None


def describe(package: Package) -> ModelPackage:
    """The bitext view of an argostranslate package."""
    tokenizer = "sentencepiece" if (package.package_path / "sentencepiece.model").is_file() else "bpe"
    return ModelPackage(
        name=package.package_path.name,
        version=package.package_version or "",
        from_code=package.from_code,
        to_code=package.to_code,
        from_name=package.from_name or "",
        to_name=package.to_name or "",
        tokenizer=tokenizer,
        path=str(package.package_path),
    )


def install_from_file(path: str | Path, folder: str | Path | None = None) -> ModelPackage:
    """Validate an ``.argosmodel`` file and install it; replaces an installed copy.

    Raises:
        UsageError: ``path`` does not exist, or the models folder is a file.
        InputError: Not a zip, truncated or corrupt, too large (see the limits in
            :mod:`~bitext.translate.package_archive`), unsafe member names, no single
            top folder, missing or invalid ``metadata.json``, no model or tokenizer.
            Nothing is installed then, and an installed copy stays.
        ExportError: The models folder cannot be written (or has too little space).
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError("no such package file", path=path)
    top = package_archive.check_archive(path)
    root = _writable_root(folder)
    needed, free = package_archive.unpacked_bytes(path), package_archive.free_bytes(root)
    if needed > free:
        raise ExportError(f"the package needs {needed >> 20} MiB, only {free >> 20} MiB free", path=root)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        unpacked = package_archive.extract(path, top, staging)
        package_archive.check_package_folder(unpacked, path)
        try:
            describe(load_package(unpacked))
        except (ModelError, ValueError) as exc:
            raise InputError(f"the package does not load: {exc}", path=path) from exc
        final = _replace(unpacked, root / top)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return describe(load_package(final))


def _writable_root(folder: str | Path | None) -> Path:
    root = models_dir(folder)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the models folder: {exc.strerror}", path=root) from exc
    return root


def _replace(new: Path, final: Path) -> Path:
    """Rename ``new`` to ``final``; an existing ``final`` is moved aside first, deleted last."""
    aside = final.with_name(f".replaced-{final.name}-{uuid.uuid4().hex[:8]}")
    had_old = final.exists()
    try:
        if had_old:
            os.replace(final, aside)
        try:
            os.replace(new, final)
        except OSError:
            if had_old:
                os.replace(aside, final)
            raise
    except OSError as exc:
        raise ExportError(f"cannot install the package: {exc.strerror}", path=final) from exc
    shutil.rmtree(aside, ignore_errors=True)
    return final


def install_from_index(from_code: str, to_code: str, folder: str | Path | None = None) -> ModelPackage:
    """Download the ``from_code`` → ``to_code`` package from the Argos index and install it.

    This is the only network access in bitext; it runs only on the user's request.

    Raises:
        ModelError: The index cannot be reached (offline) or has no such package.
    """
    # The only network access in bitext, and only on an explicit `models install fr en`.
    import urllib.error
    import urllib.request

    from argostranslate import settings

    offline_hint = (
        "download the .argosmodel file on a connected machine "
        "(see https://www.argosopentech.com/argospm/index/) "
        "and run: bitext models install --file PATH.argosmodel"
    )
    try:
        with urllib.request.urlopen(settings.remote_package_index, timeout=_INDEX_TIMEOUT_S) as response:
            index = json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ModelError(f"cannot reach the Argos package index ({exc}); {offline_hint}") from exc
    entries = [e for e in index if e.get("from_code") == from_code and e.get("to_code") == to_code]
    if not entries or not entries[0].get("links"):
        raise ModelError(f"the Argos package index has no {from_code}→{to_code} package")
    with tempfile.TemporaryDirectory(prefix="bitext-download-") as tmp:
        target = Path(tmp) / f"translate-{from_code}_{to_code}.argosmodel"
        try:
            with urllib.request.urlopen(entries[0]["links"][0], timeout=_INDEX_TIMEOUT_S) as response:
                target.write_bytes(response.read())
        except (urllib.error.URLError, OSError) as exc:
            raise ModelError(f"download failed ({exc}); {offline_hint}") from exc
        return install_from_file(target, folder)


def remove_package(selector: str | tuple[str, str], folder: str | Path | None = None) -> ModelPackage:
    """Remove an installed package chosen by folder name or by ``(from_code, to_code)``.

    A package whose metadata is broken can be removed by its folder name.

    Raises:
        ModelError: No installed package matches (the message lists the installed
            ones), or an installed package is broken and ``selector`` is a language pair.
    """
    if isinstance(selector, str):
        broken = _broken_by_name(selector, folder)
        if broken is not None:
            shutil.rmtree(broken.path)
            return broken
    installed = installed_argos_packages(folder)
    if isinstance(selector, tuple):
        matches = [p for p in installed if (p.from_code, p.to_code) == selector]
        wanted = "→".join(selector)
    else:
        matches = [p for p in installed if p.package_path.name == selector]
        wanted = selector
    if not matches:
        names = ", ".join(f"{p.package_path.name} ({p.from_code}→{p.to_code})" for p in installed) or "none"
        raise ModelError(f"no installed package {wanted!r}; installed: {names}", path=models_dir(folder))
    removed = describe(matches[0])
    shutil.rmtree(matches[0].package_path)
    return removed


def _broken_by_name(name: str, folder: str | Path | None) -> ModelPackage | None:
    """The installed package folder called ``name`` if its metadata is broken, else ``None``."""
    root = models_dir(folder)
    if not root.is_dir() or name not in {p.name for p in root.iterdir() if not p.name.startswith(".")}:
        return None
    path = root / name
    if not (path / "metadata.json").is_file():
        return None
    try:
        package_archive.read_installed_metadata(path)
    except ValueError:
        tokenizer = "sentencepiece" if (path / "sentencepiece.model").is_file() else "bpe"
        return ModelPackage(
            name=name, version="", from_code="?", to_code="?", tokenizer=tokenizer, path=str(path)
        )
    return None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
