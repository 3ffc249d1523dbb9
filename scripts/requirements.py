"""Print what scripts/setup.sh installs, one requirement per line, from pyproject.toml.

argostranslate's own metadata requires stanza and spacy, and through them torch (gigabytes,
and a CUDA build on many machines); bitext imports only ``argostranslate.package``. So
setup.sh installs bitext's dependencies without argostranslate, then the few packages its
package module needs (``[tool.bitext] argostranslate-package-requires``), then
argostranslate itself with ``--no-deps``. A plain ``pip install .`` still works, with torch.

Usage: python scripts/requirements.py [EXTRA...]   dependencies (and extras), no argostranslate
       python scripts/requirements.py --argostranslate   argostranslate's pinned requirement
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def main(args: list[str]) -> None:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    project = config["project"]
    dependencies: list[str] = project["dependencies"]
    if args == ["--argostranslate"]:
        print(next(dep for dep in dependencies if _name(dep) == "argostranslate"))
        return
    lines = [dep for dep in dependencies if _name(dep) != "argostranslate"]
    lines += config["tool"]["bitext"]["argostranslate-package-requires"]
    known = project["optional-dependencies"]
    for extra in args:
        if extra not in known:
            raise SystemExit(f"setup: unknown extra {extra!r}; choose from: {', '.join(known)}")
        lines += known[extra]
    print("\n".join(dict.fromkeys(lines)))


if __name__ == "__main__":
    main(sys.argv[1:])
