"""The one module that turns pandera's failure cases into Issues, and how a typed value is
quoted back in a message; both halves' validation uses it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipeline.issues import Issue, make_issue
from pipeline.text import clean_text, decimal_text


def schema_issues(schema, frame: pd.DataFrame, addresses: list[dict[str, str]], headings: dict[str, str],
                  extra: dict | None = None) -> list[Issue]:
    """Validate ``frame`` in one lazy pandera pass and turn every failure case into an Issue. The
    frame carries "tep", "trang_tinh" and "ma_don_vi"; ``addresses[i]`` maps row i's columns to
    cells; each check's name is its Issue code; ``extra[code](row, column)`` adds message fields."""
    if frame.empty:
        return []
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    issues = []
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            raise RuntimeError(f"pandera reported a failure without a row: {case}")
        i = int(case.index)
        row = frame.iloc[i]
        failing = case.failure_case if isinstance(case.failure_case, dict) else {case.column: case.failure_case}
        for column, value in failing.items():
            fields = (extra or {}).get(case.check, lambda r, c: {})(row, column)
            issues.append(make_issue(
                case.check, file=row["tep"], sheet=row["trang_tinh"], cell=addresses[i].get(column, ""),
                column=headings.get(column, column), value=shown_number(value) if isinstance(value, float) else value,
                unit=row["ma_don_vi"], **fields))
    return issues


def shown_number(x: float) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    return decimal_text(x)




def shown_value(value: object) -> str:
    """A value as the user saw it: dates day first, numbers with Vietnamese separators."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and not isinstance(value, bool):
        return shown_number(value)
    return clean_text(value)


