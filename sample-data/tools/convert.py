#!/usr/bin/env python3
"""Convert the raw vega-datasets JSON files into the tidy CSVs in sample-data/.

Usage:
    python3 sample-data/tools/convert.py [DATASETS_DIR] [--out OUT_DIR]

DATASETS_DIR holds penguins.json, cars.json, anscombe.json and gapminder.json
as published in the vega-datasets npm package 3.2.1 (default: ../shared/datasets
relative to the repository root). OUT_DIR defaults to sample-data/.

Standard library only. Output is deterministic: rows keep the order of the JSON
input, UTF-8, '\\n' line endings, a header row, minimal quoting. Missing values
(JSON null, absent key, or a known placeholder such as penguins' sex ".") become
empty fields; such rows are kept on purpose, because the app's loader skips and
counts them. Numbers are written exactly as they appear in the JSON text.
"""

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
SAMPLE_DATA_DIR = SCRIPT_DIR.parent
REPO_ROOT = SAMPLE_DATA_DIR.parent
DEFAULT_DATASETS_DIR = REPO_ROOT.parent / "shared" / "datasets"

# gapminder.json numbers its six country groups 0-5 without names. Names chosen
# from the countries actually present in each cluster (checked against the data;
# convert() fails if a cluster outside this table appears):
#   0: Afghanistan, Bangladesh, India, Pakistan
#   1: Austria ... United Kingdom, plus Georgia and Turkey (19 countries)
#   2: Kenya, Nigeria, Rwanda, South Africa
#   3: Argentina ... Venezuela, plus Canada and United States (20 countries)
#   4: Australia, China, Hong Kong, Indonesia, Japan, New Zealand, North Korea,
#      Philippines, South Korea
#   5: Egypt, Iran, Iraq, Israel, Lebanon, Saudi Arabia
GAPMINDER_REGIONS = {
    0: "South Asia",
    1: "Europe & Central Asia",
    2: "Sub-Saharan Africa",
    3: "Americas",
    4: "East Asia & Pacific",
    5: "Middle East & North Africa",
}

NUMBER_RE = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?$")
YEAR_DATE_RE = re.compile(r"(\d{4})-\d{2}-\d{2}$")

# Each spec: JSON file, output file, and (output column, JSON key, kind) triples.
# kind: "text", "number" (validated, written as in the JSON), or a callable.


def cars_year(value):
    m = YEAR_DATE_RE.match(value)
    if not m:
        raise ValueError("cars Year not in YYYY-MM-DD form: %r" % value)
    return m.group(1)


def gapminder_region(record):
    cluster = int(record["cluster"])
    if cluster not in GAPMINDER_REGIONS:
        raise ValueError("gapminder cluster %d has no region name" % cluster)
    return GAPMINDER_REGIONS[cluster]


SPECS = [
    {
        "json": "penguins.json",
        "csv": "penguins.csv",
        "columns": [
            ("species", "Species", "text"),
            ("island", "Island", "text"),
            ("sex", "Sex", "text"),
            ("bill_length_mm", "Beak Length (mm)", "number"),
            ("bill_depth_mm", "Beak Depth (mm)", "number"),
            ("flipper_length_mm", "Flipper Length (mm)", "number"),
            ("body_mass_g", "Body Mass (g)", "number"),
        ],
        # One record has sex "." (a data-entry placeholder in the Palmer
        # Station data; palmerpenguins reads it as NA). Treat it as missing.
        "placeholders": {"sex": {"."}},
    },
    {
        "json": "cars.json",
        "csv": "cars.csv",
        "columns": [
            ("name", "Name", "text"),
            ("origin", "Origin", "text"),
            ("model_year", "Year", cars_year),
            ("cylinders", "Cylinders", "number"),
            ("displacement_cu_in", "Displacement", "number"),
            ("horsepower", "Horsepower", "number"),
            ("weight_lbs", "Weight_in_lbs", "number"),
            ("acceleration_s", "Acceleration", "number"),
            ("mpg", "Miles_per_Gallon", "number"),
        ],
    },
    {
        "json": "anscombe.json",
        "csv": "anscombe.csv",
        "columns": [
            ("series", "Series", "text"),
            ("x", "X", "number"),
            ("y", "Y", "number"),
        ],
    },
    {
        "json": "gapminder.json",
        "csv": "gapminder.csv",
        "columns": [
            ("country", "country", "text"),
            ("region", None, gapminder_region),  # derived from the whole record
            ("cluster", "cluster", "number"),
            ("year", "year", "number"),
            ("population", "pop", "number"),
            ("life_expectancy", "life_expect", "number"),
            ("fertility", "fertility", "number"),
        ],
    },
]


def load_records(path):
    # parse_float/parse_int=str keep every number's exact JSON spelling
    # (e.g. 10.0 stays "10.0", 18 stays "18"), so nothing is reformatted.
    with open(path, encoding="utf-8") as f:
        data = json.load(f, parse_float=str, parse_int=str)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError("%s: expected a JSON array of objects" % path)
    return data


def convert(spec, datasets_dir, out_dir):
    records = load_records(datasets_dir / spec["json"])
    known = {key for _, key, _ in spec["columns"] if key is not None}
    placeholders = spec.get("placeholders", {})
    missing = Counter()
    rows_with_missing = 0
    out_path = out_dir / spec["csv"]
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([col for col, _, _ in spec["columns"]])
        for i, rec in enumerate(records):
            extra = set(rec) - known
            if extra:
                raise ValueError("%s record %d: unexpected keys %s"
                                 % (spec["json"], i, sorted(extra)))
            row = []
            row_missing = False
            for col, key, kind in spec["columns"]:
                if key is None:
                    value = kind(rec)
                else:
                    value = rec.get(key)
                    if value is not None and value in placeholders.get(col, ()):
                        value = None
                    if value is not None:
                        if kind == "number":
                            if not NUMBER_RE.match(value):
                                raise ValueError("%s record %d: %s=%r is not a number"
                                                 % (spec["json"], i, key, value))
                        elif callable(kind):
                            value = kind(value)
                if value is None or value == "":
                    missing[col] += 1
                    row_missing = True
                    value = ""
                row.append(value)
            rows_with_missing += row_missing
            writer.writerow(row)
    return out_path, len(records), rows_with_missing, missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets_dir", nargs="?", default=str(DEFAULT_DATASETS_DIR),
                        help="directory holding the vega-datasets JSON files "
                             "(default: %(default)s)")
    parser.add_argument("--out", default=str(SAMPLE_DATA_DIR),
                        help="output directory (default: %(default)s)")
    args = parser.parse_args(argv)
    datasets_dir = Path(args.datasets_dir)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        path, n, n_missing, missing = convert(spec, datasets_dir, out_dir)
        detail = ", ".join("%s=%d" % (c, missing[c])
                           for c, _, _ in spec["columns"] if missing[c])
        print("%s: %d rows, %d with missing values%s"
              % (path, n, n_missing, " (" + detail + ")" if detail else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
