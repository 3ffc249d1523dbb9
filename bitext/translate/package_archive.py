"""An ``.argosmodel`` file checked before any of it is installed: zip, sizes, metadata, model.

A package comes from outside (a download, a colleague's disk), so nothing in it is
trusted: the member names must stay inside one top folder, the sizes it declares are
capped (a 650 KB zip once unpacked into a 201 MB file) and capped again while
unpacking, and every ``metadata.json`` field bitext or argostranslate reads must have
the right type (``"package_version": {"x": 1}`` once broke the models folder). Every
problem of the file is an :class:`~bitext.errors.InputError` (exit 65) naming it.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from bitext.errors import ExportError, InputError

MAX_MEMBERS = 1_000
"""Files in one package (a published Argos package holds about a dozen)."""
MAX_UNPACKED_BYTES = 4 << 30
"""Total declared size of a package's files (a published fr→en package unpacks to ~300 MB)."""
MAX_RATIO = 100
"""Declared size over compressed size of one member, for members over 1 MiB (weights barely compress)."""
_RATIO_FROM_BYTES = 1 << 20
_COPY_CHUNK = 1 << 20

REQUIRED_TEXT = ("from_code", "to_code")
OPTIONAL_TEXT = ("package_version", "argos_version", "from_name", "to_name", "type", "target_prefix")
OPTIONAL_LISTS = (
    "from_codes",
    "to_codes",
    "links",
    "languages",
    "dependencies",
    "source_languages",
    "target_languages",
)


def check_archive(path: Path) -> str:
    """Check the zip before extracting anything; return its single top folder name.

    Raises:
        InputError: Not a zip, corrupt, too many or too large members, a suspicious
            compression ratio, unsafe names, no single top folder, an incomplete
            package or bad ``metadata.json``.
    """
    if not zipfile.is_zipfile(path):
        raise InputError("not an Argos package: not a zip archive (truncated or wrong file?)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members, path)
            names = [member.filename for member in members]
            top = _top_folder(names, path)
            metadata = _read_metadata(archive, top, names, path)
            broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"corrupt package archive: {exc}", path=path) from exc
    if broken is not None:
        raise InputError(f"corrupt package archive: bad CRC for {broken}", path=path)
    files = {"/".join(_parts(name)) for name in names}
    required = [f"{top}/model/model.bin", f"{top}/model/config.json"]
    missing = [name for name in required if name not in files]
    if not ({f"{top}/sentencepiece.model", f"{top}/bpe.model"} & files):
        missing.append(f"{top}/sentencepiece.model (or bpe.model)")
    if missing:
        raise InputError(f"incomplete package, missing: {', '.join(missing)}", path=path)
    if metadata.get("type", "translate") != "translate":
        raise InputError(f"not a translation package (type {metadata.get('type')!r})", path=path)
    return top


def extract(path: Path, top: str, staging: Path) -> Path:
    """Unpack the checked archive under ``staging``; return the package folder.

    Each member is copied in chunks and stopped at its declared size, so a member that
    lies about its size cannot fill the disk.

    Raises:
        InputError: A member is larger than it declared.
        ExportError: The models folder cannot be written (disk full, permissions).
    """
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            parts = _parts(member.filename)
            if not parts or member.is_dir():
                continue
            target = staging.joinpath(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, target.open("wb") as sink:
                    _copy_at_most(source, sink, member.file_size, member.filename, path)
            except OSError as exc:
                raise ExportError(f"cannot unpack the package: {exc.strerror or exc}", path=target) from exc
    return staging / top


def check_metadata(metadata: Any) -> dict[str, Any]:
    """``metadata`` if every field bitext or argostranslate reads has the right type.

    Raises:
        ValueError: The first field that does not (the message names it).
    """
    if not isinstance(metadata, dict):
        raise ValueError("metadata.json must hold a JSON object")
    missing = [key for key in REQUIRED_TEXT if not isinstance(metadata.get(key), str) or not metadata[key]]
    if missing:
        raise ValueError(f"metadata.json lacks {', '.join(missing)}")
    for key in OPTIONAL_TEXT:
        if key in metadata and not isinstance(metadata[key], str):
            raise ValueError(f"metadata.json: {key} must be text, not {json.dumps(metadata[key])[:60]}")
    for key in OPTIONAL_LISTS:
        if key in metadata and not isinstance(metadata[key], list):
            raise ValueError(f"metadata.json: {key} must be a list, not {json.dumps(metadata[key])[:60]}")
    return metadata


def read_installed_metadata(folder: Path) -> dict[str, Any]:
    """The checked ``metadata.json`` of an installed package folder.

    Raises:
        ValueError: Unreadable, not JSON, or a field of the wrong type.
    """
    try:
        text = (folder / "metadata.json").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"metadata.json cannot be read: {exc}") from exc
    try:
        metadata = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"metadata.json is not valid JSON: {exc}") from exc
    return check_metadata(metadata)


def check_package_folder(folder: Path, source: Path) -> None:
    """Check what cannot be seen in the zip listing: the tokenizer and model config load.

    Raises:
        InputError: ``sentencepiece.model`` or ``model/config.json`` does not load.
    """
    sp_model = folder / "sentencepiece.model"
    if sp_model.is_file():
        import sentencepiece

        try:
            sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        except (OSError, RuntimeError) as exc:
            raise InputError(f"sentencepiece.model does not load: {exc}", path=source) from exc
    try:
        json.loads((folder / "model" / "config.json").read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"model/config.json is not valid JSON: {exc}", path=source) from exc


def _check_sizes(members: list[zipfile.ZipInfo], path: Path) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(f"package refused: {len(members)} files, at most {MAX_MEMBERS} allowed", path=path)
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"package refused: it would unpack to {_human(total)}, "
            f"more than the {_human(MAX_UNPACKED_BYTES)} allowed",
            path=path,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"package refused: {member.filename} would unpack {ratio:.0f} times larger than it is "
                f"stored (at most {MAX_RATIO}); a zip bomb or a broken file",
                path=path,
            )


def _human(count: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count >= 1 << shift:
            return f"{count / (1 << shift):.1f} {unit}"
    return f"{count} bytes"


def _parts(name: str) -> tuple[str, ...]:
    """The path parts of a member name, ``.`` dropped: ``./`` names nothing."""
    return PurePosixPath(name).parts


def _top_folder(names: list[str], path: Path) -> str:
    for name in names:
        member = PurePosixPath(name)
        if member.is_absolute() or ".." in member.parts or "\\" in name:
            raise InputError(f"unsafe member name in package: {name}", path=path)
    tops = {_parts(name)[0] for name in names if _parts(name)}
    if len(tops) != 1:
        raise InputError(f"an Argos package holds one top folder, found {len(tops)}", path=path)
    return tops.pop()


def _read_metadata(archive: zipfile.ZipFile, top: str, names: list[str], path: Path) -> dict[str, Any]:
    candidates = [name for name in names if _parts(name) == (top, "metadata.json")]
    if len(candidates) != 1:
        raise InputError("package has no metadata.json in its top folder", path=path)
    try:
        metadata = json.loads(archive.read(candidates[0]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"metadata.json is not valid JSON: {exc}", path=path) from exc
    try:
        return check_metadata(metadata)
    except ValueError as exc:
        raise InputError(str(exc), path=path) from exc


def _copy_at_most(source: Any, sink: Any, declared: int, name: str, path: Path) -> None:
    copied = 0
    while chunk := source.read(_COPY_CHUNK):
        copied += len(chunk)
        if copied > declared:
            raise InputError(f"package refused: {name} is larger than the size it declares", path=path)
        sink.write(chunk)


def free_bytes(folder: Path) -> int:
    """Free space where ``folder`` lives (its nearest existing parent)."""
    existing = next(parent for parent in (folder, *folder.parents) if parent.exists())
    return shutil.disk_usage(existing).free


def unpacked_bytes(path: Path) -> int:
    """The declared size of every file of the (checked) archive."""
    with zipfile.ZipFile(path) as archive:
        return sum(member.file_size for member in archive.infolist())
