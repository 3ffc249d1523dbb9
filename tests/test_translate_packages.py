"""``bitext models``: install from a file (validated), list, remove, index install offline."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import ModelError
from bitext.translate import packages

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
    bad = _bad_packages(tiny_argos_package, tmp_path)[case]
    models = tmp_path / "models"
    result = install(bad, models)
    assert result.exit_code == 69, result.output
    assert EXPECTED[case] in result.output
    assert str(bad) in result.output
    assert not models.exists() or list(models.iterdir()) == []


def test_unsafe_member_names_are_refused(tiny_argos_package: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(tiny_argos_package) as good, zipfile.ZipFile(evil, "w") as out:
        for item in good.infolist():
            out.writestr(item, good.read(item))
        out.writestr("translate-fr_en-test/../../escape.txt", b"x")
    with pytest.raises(ModelError, match="unsafe member name"):
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
