"""Argos model packages: where they live, list, install (file or index), remove.

Packages are read with ``argostranslate.package`` so bitext honours exactly the package
contract argostranslate does. Installing is bitext's own: the zip and its metadata are
checked first and the package is unpacked beside its final place and renamed into it,
so a truncated or wrong file installs nothing. Only :func:`install_from_index` touches
the network, and only because the user asked for it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from bitext.errors import ModelError, UsageError
from bitext.models import ModelPackage

if TYPE_CHECKING:
    from argostranslate.package import Package

MODELS_DIR_ENV = "BITEXT_MODELS_DIR"
_REQUIRED_METADATA = ("from_code", "to_code")
_INDEX_TIMEOUT_S = 15


def models_dir(override: str | Path | None = None) -> Path:
    """The folder packages are installed into and looked up in.

    ``override`` (``--models-dir``) wins, then ``$BITEXT_MODELS_DIR``, then
    argostranslate's own setting (``ARGOS_PACKAGES_DIR``, its settings.json, or
    ``~/.local/share/argos-translate/packages``), so both tools share models.
    """
    if override is not None:
        return Path(override).expanduser()
    from_env = os.environ.get(MODELS_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def list_packages(folder: str | Path | None = None) -> list[ModelPackage]:
    """Installed translation packages in ``models_dir(folder)``, sorted by name."""
    return [describe(package) for package in installed_argos_packages(folder)]


def installed_argos_packages(folder: str | Path | None = None) -> list[Package]:
    """The ``argostranslate.package.Package`` objects of every installed translate package."""
    from argostranslate.package import Package

    root = models_dir(folder)
    if not root.is_dir():
        return []
    packages = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        try:
            package = Package(path)
        except (OSError, ValueError) as exc:
            raise ModelError(f"installed package is unreadable: {exc}", path=path) from exc
        if package.type == "translate":
            packages.append(package)
    return packages


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
        UsageError: ``path`` does not exist.
        ModelError: Not a zip, truncated or corrupt, unsafe member names, no single top
            folder, missing or invalid ``metadata.json``, no model or tokenizer. Nothing
            is installed then.
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError("no such package file", path=path)
    top = _check_archive(path)
    root = models_dir(folder)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(staging)
        unpacked = staging / top
        _check_package_folder(unpacked, path)
        final = root / top
        if final.exists():
            shutil.rmtree(final)
        os.replace(unpacked, final)
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"cannot install package: {exc}", path=path) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from argostranslate.package import Package

    return describe(Package(final))


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

    Raises:
        ModelError: No installed package matches; the message lists the installed ones.
    """
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


def _check_archive(path: Path) -> str:
    """Check the zip structure before extracting; return its single top folder name."""
    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos package: not a zip archive (truncated or wrong file?)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            broken = archive.testzip()
            metadata = _read_metadata(archive, names, path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"corrupt package archive: {exc}", path=path) from exc
    if broken is not None:
        raise ModelError(f"corrupt package archive: bad CRC for {broken}", path=path)
    for name in names:
        member = PurePosixPath(name)
        if member.is_absolute() or ".." in member.parts:
            raise ModelError(f"unsafe member name in package: {name}", path=path)
    tops = {PurePosixPath(name).parts[0] for name in names if name.strip("/")}
    if len(tops) != 1:
        raise ModelError(f"an Argos package holds one top folder, found {len(tops)}", path=path)
    top = tops.pop()
    required = [f"{top}/model/model.bin", f"{top}/model/config.json"]
    missing = [name for name in required if name not in names]
    if not ({f"{top}/sentencepiece.model", f"{top}/bpe.model"} & set(names)):
        missing.append(f"{top}/sentencepiece.model (or bpe.model)")
    if missing:
        raise ModelError(f"incomplete package, missing: {', '.join(missing)}", path=path)
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"not a translation package (type {metadata.get('type')!r})", path=path)
    return top


def _read_metadata(archive: zipfile.ZipFile, names: list[str], path: Path) -> dict[str, Any]:
    candidates = [name for name in names if PurePosixPath(name).parts[1:] == ("metadata.json",)]
    if len(candidates) != 1:
        raise ModelError("package has no metadata.json in its top folder", path=path)
    try:
        metadata = json.loads(archive.read(candidates[0]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"metadata.json is not valid JSON: {exc}", path=path) from exc
    if not isinstance(metadata, dict):
        raise ModelError("metadata.json must hold a JSON object", path=path)
    missing = [
        key for key in _REQUIRED_METADATA if not isinstance(metadata.get(key), str) or not metadata[key]
    ]
    if missing:
        raise ModelError(f"metadata.json lacks {', '.join(missing)}", path=path)
    return metadata


def _check_package_folder(folder: Path, source: Path) -> None:
    """Check what cannot be seen in the zip listing: the tokenizer and model config load."""
    sp_model = folder / "sentencepiece.model"
    if sp_model.is_file():
        import sentencepiece

        try:
            sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"sentencepiece.model does not load: {exc}", path=source) from exc
    try:
        json.loads((folder / "model" / "config.json").read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"model/config.json is not valid JSON: {exc}", path=source) from exc


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
