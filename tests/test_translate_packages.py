"""``bitext models``: install from a file (validated), list, remove, index install offline."""

from __future__ import annotations

import errno
import json
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import ExportError, InputError, ModelError
from bitext.translate import package_archive, packages
from bitext.translate.argos import ArgosEngine

runner = CliRunner()


def install(path: Path, models: Path) -> object:
    return runner.invoke(app, ["models", "install", "--file", str(path), "--models-dir", str(models)])


def test_install_list_remove_roundtrip(tiny_argos_package: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    result = install(tiny_argos_package, models)
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["models", "list", "--json", "--models-dir", str(models)])
    assert listed.exit_code == 0
    [entry] = json.loads(listed.stdout)
    assert (entry["name"], entry["from_code"], entry["to_code"], entry["tokenizer"]) == (
        "translate-fr_en-test",
        "fr",
        "en",
        "sentencepiece",
    )
    assert install(tiny_argos_package, models).exit_code == 0, "reinstalling replaces the package"
    assert [p.name for p in packages.list_packages(models)] == ["translate-fr_en-test"]
    removed = runner.invoke(app, ["models", "remove", "fr", "en", "--models-dir", str(models)])
    assert removed.exit_code == 0, removed.output
    assert packages.list_packages(models) == []
    missing = runner.invoke(app, ["models", "remove", "translate-fr_en-test", "--models-dir", str(models)])
    assert missing.exit_code == 69
    assert "no installed package" in missing.output


def test_env_var_sets_the_models_dir(
    tiny_argos_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(packages.MODELS_DIR_ENV, str(tmp_path / "from-env"))
    assert runner.invoke(app, ["models", "install", "--file", str(tiny_argos_package)]).exit_code == 0
    assert (tmp_path / "from-env" / "translate-fr_en-test" / "metadata.json").is_file()
    assert packages.models_dir("/elsewhere") == Path("/elsewhere")


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a package zip, replacing (bytes) or dropping (None) members by their path suffix."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            key = next((suffix for suffix in change if item.filename.endswith(suffix)), None)
            if key is None:
                new.writestr(item, old.read(item))
            elif change[key] is not None:
                new.writestr(item, change[key])  # type: ignore[arg-type]
    return target


def _bad_packages(good: Path, tmp: Path) -> dict[str, Path]:
    data = good.read_bytes()
    truncated = tmp / "truncated.argosmodel"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    middle = len(data) // 2
    flipped[middle : middle + 64] = bytes(b ^ 0xFF for b in flipped[middle : middle + 64])
    corrupt = tmp / "corrupt.argosmodel"
    corrupt.write_bytes(bytes(flipped))
    text = tmp / "text.argosmodel"
    text.write_text("not a zip\n")
    no_lang = json.dumps({"package_version": "1", "type": "translate"}).encode()
    return {
        "truncated": truncated,
        "corrupt": corrupt,
        "not a zip": text,
        "no metadata": _rewrite(good, tmp / "nometa.argosmodel", {"/metadata.json": None}),
        "bad metadata": _rewrite(good, tmp / "badmeta.argosmodel", {"/metadata.json": b"{not json"}),
        "metadata lacks codes": _rewrite(good, tmp / "nocodes.argosmodel", {"/metadata.json": no_lang}),
        "no model": _rewrite(good, tmp / "nomodel.argosmodel", {"/model/model.bin": None}),
        "bad tokenizer": _rewrite(good, tmp / "badsp.argosmodel", {"/sentencepiece.model": b"garbage"}),
    }


EXPECTED = {
    "truncated": "not a zip archive",
    "corrupt": "corrupt package archive",
    "not a zip": "not a zip archive",
    "no metadata": "no metadata.json",
    "bad metadata": "not valid JSON",
    "metadata lacks codes": "lacks from_code, to_code",
    "no model": "missing: translate-fr_en-test/model/model.bin",
    "bad tokenizer": "sentencepiece.model does not load",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_package_installs_nothing(case: str, tiny_argos_package: Path, tmp_path: Path) -> None:
    """A bad package file is bad input (exit 65; a non-zip was exit 69 before)."""
    bad = _bad_packages(tiny_argos_package, tmp_path)[case]
    models = tmp_path / "models"
    result = install(bad, models)
    assert result.exit_code == 65, result.output
    assert EXPECTED[case] in result.output
    assert str(bad) in result.output
    assert not models.exists() or list(models.iterdir()) == []


def test_unsafe_member_names_are_refused(tiny_argos_package: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(tiny_argos_package) as good, zipfile.ZipFile(evil, "w") as out:
        for item in good.infolist():
            out.writestr(item, good.read(item))
        out.writestr("translate-fr_en-test/../../escape.txt", b"x")
    with pytest.raises(InputError, match="unsafe member name"):
        packages.install_from_file(evil, tmp_path / "models")
    assert not (tmp_path / "escape.txt").exists()


def test_install_from_index_offline_fails_fast_with_the_file_alternative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argostranslate import settings

    # A local closed port: the request fails at once, without leaving the machine.
    monkeypatch.setattr(settings, "remote_package_index", "http://127.0.0.1:9/index.json")
    result = runner.invoke(app, ["models", "install", "fr", "en", "--models-dir", str(tmp_path)])
    assert result.exit_code == 69
    assert "cannot reach the Argos package index" in result.output
    assert "bitext models install --file" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["models", "install"],
        ["models", "install", "fr"],
        ["models", "install", "fr", "en", "--file", "x.argosmodel"],
    ],
)
def test_install_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "--models-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output


def test_missing_package_file(tmp_path: Path) -> None:
    result = install(tmp_path / "nope.argosmodel", tmp_path / "models")
    assert result.exit_code == 2
    assert "no such package file" in result.output


def _installed(tiny_argos_package: Path, tmp_path: Path) -> Path:
    models = tmp_path / "models"
    assert install(tiny_argos_package, models).exit_code == 0
    return models


def test_a_bad_metadata_field_neither_installs_nor_costs_the_installed_package(
    tiny_argos_package: Path, tmp_path: Path
) -> None:
    """Regression: ``"package_version": {"x": 1}`` passed, the good copy was deleted, then a traceback."""
    models = _installed(tiny_argos_package, tmp_path)
    with zipfile.ZipFile(tiny_argos_package) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/metadata.json"))
        metadata = json.loads(archive.read(name))
    for field, value in [("package_version", {"x": 1}), ("to_name", 3), ("languages", "fr"), ("type", None)]:
        bad = _rewrite(
            tiny_argos_package,
            tmp_path / f"{field}.argosmodel",
            {"/metadata.json": json.dumps({**metadata, field: value}).encode()},
        )
        result = install(bad, models)
        assert result.exit_code == 65, result.output
        assert f"metadata.json: {field} must be" in result.stderr
        listed = runner.invoke(app, ["models", "list", "--json", "--models-dir", str(models)])
        assert listed.exit_code == 0
        assert [entry["version"] for entry in json.loads(listed.stdout)] == ["0.0.1"]
    assert sorted(p.name for p in models.iterdir()) == ["translate-fr_en-test"]


@pytest.fixture
def broken_models(tiny_argos_package: Path, tmp_path: Path) -> Path:
    """A models folder whose one package has ``"package_version": {"x": 1}`` (edited after install)."""
    models = _installed(tiny_argos_package, tmp_path)
    metadata_path = models / "translate-fr_en-test" / "metadata.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata_path.write_text(json.dumps({**metadata, "package_version": {"x": 1}}), encoding="utf-8")
    return models


def test_a_broken_installed_package_is_reported_by_list_and_removed_by_name(broken_models: Path) -> None:
    """Regression: ``models list``, ``models remove`` and the auto engine crashed on it."""
    listed = runner.invoke(app, ["models", "list", "--models-dir", str(broken_models)])
    assert listed.exit_code == 69
    assert "installed package is broken" in listed.stderr and "package_version must be text" in listed.stderr
    assert "bitext models remove translate-fr_en-test" in listed.stderr
    by_pair = runner.invoke(app, ["models", "remove", "fr", "en", "--models-dir", str(broken_models)])
    assert by_pair.exit_code == 69 and "installed package is broken" in by_pair.stderr
    by_name = runner.invoke(
        app, ["models", "remove", "translate-fr_en-test", "--models-dir", str(broken_models)]
    )
    assert by_name.exit_code == 0, by_name.output
    assert list(broken_models.iterdir()) == []


def test_the_auto_engine_reports_a_broken_package(broken_models: Path) -> None:
    result = runner.invoke(
        app,
        ["translate", "--no-cache", "--no-glossary", "-"],
        input="Le ministre.\n",
        env={packages.MODELS_DIR_ENV: str(broken_models)},
    )
    assert result.exit_code == 69
    assert result.stderr.startswith(
        f"error: {broken_models / 'translate-fr_en-test'}: installed package is broken"
    )
    with pytest.raises(ModelError, match="installed package is broken"):
        ArgosEngine(package_path=broken_models / "translate-fr_en-test")


def test_a_failed_swap_puts_the_installed_package_back(
    tiny_argos_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = _installed(tiny_argos_package, tmp_path)
    real = os.replace
    calls: list[Path] = []

    def second_fails(source: Path, target: Path) -> None:
        calls.append(Path(target))
        if len(calls) == 2:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(ExportError, match="cannot install the package"):
        packages.install_from_file(tiny_argos_package, models)
    monkeypatch.setattr(os, "replace", real)
    assert [p.name for p in packages.list_packages(models)] == ["translate-fr_en-test"]
    assert sorted(p.name for p in models.iterdir()) == ["translate-fr_en-test"]


def _with_members(source: Path, target: Path, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        for name, data in extra.items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def test_a_zip_bomb_member_is_refused_before_unpacking(tiny_argos_package: Path, tmp_path: Path) -> None:
    """Regression: a 650 KB zip unpacked a 201 MB file."""
    bomb = _with_members(
        tiny_argos_package, tmp_path / "bomb.argosmodel", {"translate-fr_en-test/README.md": bytes(32 << 20)}
    )
    assert bomb.stat().st_size < 1 << 20
    result = install(bomb, tmp_path / "models")
    assert result.exit_code == 65
    assert "README.md would unpack" in result.stderr and "zip bomb" in result.stderr
    assert not (tmp_path / "models").exists() or list((tmp_path / "models").iterdir()) == []


def test_too_many_members_or_too_many_bytes_are_refused(
    tiny_argos_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {f"translate-fr_en-test/extra/{i}.txt": b"x" for i in range(package_archive.MAX_MEMBERS)}
    crowded = _with_members(tiny_argos_package, tmp_path / "many.argosmodel", many)
    with pytest.raises(InputError, match=f"at most {package_archive.MAX_MEMBERS} allowed"):
        packages.install_from_file(crowded, tmp_path / "models")
    monkeypatch.setattr(package_archive, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(InputError, match="more than the 1000 bytes allowed"):
        packages.install_from_file(tiny_argos_package, tmp_path / "models")


def test_too_little_disk_space_is_refused_before_unpacking(
    tiny_argos_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_archive, "free_bytes", lambda folder: 1000)
    result = install(tiny_argos_package, tmp_path / "models")
    assert result.exit_code == 73
    assert "only 0 MiB free" in result.stderr
    assert list((tmp_path / "models").iterdir()) == []


def test_a_dot_slash_entry_installs(tiny_argos_package: Path, tmp_path: Path) -> None:
    """Regression: a zip entry named ``./`` raised IndexError."""
    dotted = _with_members(tiny_argos_package, tmp_path / "dotted.argosmodel", {"./": b""})
    result = install(dotted, tmp_path / "models")
    assert result.exit_code == 0, result.output
    assert [p.name for p in packages.list_packages(tmp_path / "models")] == ["translate-fr_en-test"]


@pytest.mark.parametrize("command", [["list"], ["remove", "fr", "en"], ["install", "--file", "PACKAGE"]])
def test_models_dir_pointing_at_a_file_exits_2(
    tiny_argos_package: Path, tmp_path: Path, command: list[str]
) -> None:
    """Regression: ``--models-dir FILE`` crashed ``install`` (FileExistsError)."""
    not_a_folder = tmp_path / "models"
    not_a_folder.write_text("x")
    args = [arg.replace("PACKAGE", str(tiny_argos_package)) for arg in command]
    result = runner.invoke(app, ["models", *args, "--models-dir", str(not_a_folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {not_a_folder}: the models folder")
