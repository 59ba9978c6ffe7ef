"""The record's two data files, read only after their schema and their bytes are checked.

``data/ucdp_ged_syria_2016_2017.csv``: UCDP's Georeferenced Event Dataset, Syria release
652.1601.1911, every event of lethal organised violence in Syria in 2016-2017 (CC BY 4.0).
``data/pax_v4_syria_agreements.csv``: the Syrian agreements of the PA-X Peace Agreements Database,
version 4 (CC BY-NC-SA 4.0). Provenance, licences, citations and caveats: ``data/README.md``.

Each loader checks, in this order, and raises a ``ValueError`` that names the file and the problem:

1. the file exists;
2. its header has every column the course reads (a missing column is named);
3. its size is the published size (a shorter file is reported as truncated, a longer one as
   having extra bytes);
4. its sha256 is the published one (same size, another digest: a byte was changed);
5. after parsing: the row count, each column's type, and the date range.

The published digests make checks 3-5 redundant for the course's own files; they stay so that a
file of another release (``expected=None``) is still checked for what the course relies on.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Published:
    """What the published file is: its size in bytes, sha256 and number of rows."""

    size: int
    sha256: str
    rows: int


def _columns(**names_by_kind: str) -> dict[str, str]:
    """Each column's kind, from the column names (space-separated) given for each kind."""
    return {column: kind for kind, names in names_by_kind.items() for column in names.split()}


#: UCDP GED columns the course reads, by kind ("int", "float", "str" or "date")
UCDP_COLUMNS = _columns(
    int="id year type_of_violence where_prec date_prec deaths_a deaths_b deaths_civilians deaths_unknown low best high",
    str="conflict_name dyad_name side_a side_b adm_1 adm_2",
    float="latitude longitude",
    date="date_start date_end",
)
UCDP_PATH = DATA_DIR / "ucdp_ged_syria_2016_2017.csv"
UCDP_PUBLISHED = Published(2_615_442, "34402c21fba780f0e0e1e6de942527343cf0a463616a36017ca116b923f0a158", 11_757)
UCDP_DATES = (pd.Timestamp("2016-01-01"), pd.Timestamp("2017-12-31"))  # date_start within

#: PA-X columns the course reads, by kind
PAX_COLUMNS = _columns(int="AgtId", str="Con PPName Agt Status Agtp Stage Part ThrdPart", date="Dat")
PAX_PATH = DATA_DIR / "pax_v4_syria_agreements.csv"
PAX_PUBLISHED = Published(44_268, "b4254c616c1a77a4eb5bb5fde5501962ea7e657e5b1ff0b9c4946885d693fb25", 98)
PAX_DATES = (pd.Timestamp("1990-01-01"), pd.Timestamp("2020-12-31"))  # Dat within (codebook: 1990-2020)

_CACHE: dict[tuple, pd.DataFrame] = {}


def _check_file(path: Path, columns: dict, expected: Published | None) -> bytes:
    """Checks 1-4 of the module docstring; returns the file's bytes."""
    name = path.name
    if not path.is_file():
        raise ValueError(
            f"{name}: file not found at {path} (copy it from the course repository's data/ folder; see data/README.md)"
        )
    data = path.read_bytes()
    header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    present = [c.strip().strip('"') for c in header.split(",")]
    missing = [c for c in columns if c not in present]
    if missing:
        raise ValueError(
            f"{name}: missing column(s) {', '.join(missing)} in the header (the course reads {', '.join(columns)})"
        )
    if expected is None:
        return data
    if len(data) < expected.size:
        lines = data.count(b"\n")
        raise ValueError(
            f"{name}: file is truncated: {len(data):,} bytes of the published "
            f"{expected.size:,} ({lines:,} line breaks, the published file has "
            f"{expected.rows + 1:,} lines)"
        )
    if len(data) > expected.size:
        raise ValueError(f"{name}: file has extra bytes: {len(data):,} bytes, the published file has {expected.size:,}")
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected.sha256:
        raise ValueError(
            f"{name}: contents changed: sha256 {digest}, the published file's is "
            f"{expected.sha256} (same size, so at least one byte differs)"
        )
    return data


def _check_frame(
    name: str, df: pd.DataFrame, columns: dict, rows: int | None, date_column: str, dates: tuple
) -> pd.DataFrame:
    """Check 5: row count, column kinds and date range; returns the frame with dates parsed."""
    if rows is not None and len(df) != rows:
        raise ValueError(f"{name}: {len(df):,} rows, the published file has {rows:,}")
    for col, kind in columns.items():
        s = df[col]
        if kind == "int" and not pd.api.types.is_integer_dtype(s):
            raise ValueError(f"{name}: column {col} must hold whole numbers, found {s.dtype}")
        if kind == "float" and not pd.api.types.is_numeric_dtype(s):
            raise ValueError(f"{name}: column {col} must hold numbers, found {s.dtype}")
        if kind == "str" and not (pd.api.types.is_string_dtype(s) or s.isna().all()):
            raise ValueError(f"{name}: column {col} must hold text, found {s.dtype}")
        if kind == "date":
            parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
            bad = s[parsed.isna() & s.notna()]
            if len(bad) or parsed.isna().any():
                example = bad.iloc[0] if len(bad) else "an empty cell"
                raise ValueError(f"{name}: column {col} must hold dates YYYY-MM-DD, found {example!r}")
            df[col] = parsed
    lo, hi = df[date_column].min(), df[date_column].max()
    if lo < dates[0] or hi > dates[1]:
        raise ValueError(
            f"{name}: {date_column} runs from {lo:%Y-%m-%d} to {hi:%Y-%m-%d}, outside "
            f"{dates[0]:%Y-%m-%d} to {dates[1]:%Y-%m-%d}"
        )
    return df


def _load(path, columns, expected, date_column, dates) -> pd.DataFrame:
    path = Path(path)
    key = (str(path.resolve()), expected)
    stat = path.stat() if path.is_file() else None
    cached = _CACHE.get(key)
    if cached is not None and stat is not None and cached.attrs.get("mtime") == stat.st_mtime_ns:
        return cached.copy()
    data = _check_file(path, columns, expected)
    try:
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise ValueError(f"{path.name}: not a readable CSV file ({e})") from None
    df = _check_frame(path.name, df, columns, expected.rows if expected else None, date_column, dates)
    df.attrs["mtime"] = stat.st_mtime_ns
    _CACHE[key] = df
    return df.copy()


def load_ucdp(path: str | Path = UCDP_PATH, expected: Published | None = UCDP_PUBLISHED) -> pd.DataFrame:
    """The UCDP GED events, checked (see the module docstring). ``date_start`` and ``date_end``
    are parsed as dates; every other column is as published. ``expected=None`` skips the size and
    digest checks (for another release of the file)."""
    return _load(path, UCDP_COLUMNS, expected, "date_start", UCDP_DATES)


def load_pax(path: str | Path = PAX_PATH, expected: Published | None = PAX_PUBLISHED) -> pd.DataFrame:
    """The PA-X Syrian agreements, checked (see the module docstring); ``Dat`` is parsed as a date."""
    return _load(path, PAX_COLUMNS, expected, "Dat", PAX_DATES)
