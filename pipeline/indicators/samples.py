"""A deterministic set of realistic filled reports, for trying the tool and for the sample run.

Reports are written the way a unit would produce them: the generated template is opened,
filled and saved (with openpyxl), and some files carry the mistakes people typically make.
What is filled comes from the year's sample scenario (``registers/scenario.py``: the year's own
``du_lieu_mau.toml``, or one derived from its registers); its mistakes are listed in "sai_sot".
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import openpyxl

from pipeline.indicators.layout import (
    HEADER_FIELDS,
    HEADER_FIRST_ROW,
    HEADER_VALUE_COL,
    REPORT_SHEET,
    TABLE_HEADER_ROW,
    table_columns,
)
from pipeline.indicators.templates import build_template
from pipeline.registers.model import Registers
from pipeline.registers.scenario import load_scenario
from pipeline.report.files import freeze_zip
from pipeline.text import strip_accents


def make_indicator_samples(reg: Registers, out_dir: Path, sc: dict) -> list[Path]:
    """Write the indicator half of the sample set into ``out_dir`` (emptied first). Returns the files written."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    written: list[Path] = []
    skipped = {(s["don_vi"], s["ky"]) for s in sc["bo_qua"]}
    dates = {(s["don_vi"], s["ky"]): s["ngay"] for s in sc["ngay_khac"]}
    older = {(s["don_vi"], s["ky"]): s for s in sc["ban_cu"]}
    copies = {(s["don_vi"], s["ky"]) for s in sc["ban_sao"]}
    names = {(s["don_vi"], s["ky"]): s["ten"] for s in sc["ten_tep"]}
    extras: dict[tuple, dict] = {}
    for s in sc["o_them"]:
        extras.setdefault((s["don_vi"], s["ky"]), {}).setdefault(s["chi_tieu"], {})[s["o"]] = s["gia_tri"]
    with tempfile.TemporaryDirectory() as tmp:
        for unit in reg.units:
            kind = reg.report_kind_of(unit)
            if kind is None or unit.code not in sc["chi_tieu"]:
                continue
            template = Path(tmp) / f"{unit.code}.xlsx"
            build_template(reg, unit, kind, template)
            data = sc["chi_tieu"][unit.code]
            for period in reg.periods:
                at = (unit.code, period.code)
                if at in skipped or period.code not in data:
                    continue  # not submitted
                values = dict(data[period.code])
                date = dates.get(at, sc["ngay"][period.code])
                folder = out_dir / sc["thu_muc"][period.code]
                if at in older:
                    old = older[at]
                    written.append(_fill(reg, template, folder / old["ten_tep"], unit.code, period, old["ngay"],
                                         {**values, **old["thay"]}, preparer=sc["nguoi_lap"].get(unit.code),
                                         explanations=sc["giai_trinh"]))
                    date = old["ngay_ban_moi"]
                name = names.get(at) or f"{sc['ten_tep_ky'][period.code]} - {strip_accents(unit.name)}.xlsx"
                path = _fill(reg, template, folder / name, unit.code, period, date, values, extras.get(at),
                             preparer=sc["nguoi_lap"].get(unit.code), explanations=sc["giai_trinh"])
                written.append(path)
                if at in copies:
                    copy = path.with_name(path.stem + " (1).xlsx")
                    shutil.copyfile(path, copy)
                    written.append(copy)
    others = []
    if sc.get("tep_ghi_chu"):
        note = out_dir / sc["thu_muc"][sc["tep_ghi_chu"]["ky"]] / sc["tep_ghi_chu"]["ten"]
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(sc["tep_ghi_chu"]["noi_dung"], encoding="utf-8")
        others.append(note)
    if sc.get("tep_khoa"):
        lock = out_dir / sc["thu_muc"][sc["tep_khoa"]["ky"]] / sc["tep_khoa"]["ten"]
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_bytes(b"\x00" * 165)
        others.append(lock)
    return written + others


def write_report(reg: Registers, unit_code: str, period_code: str, date: dt.date | None, values: dict,
                 path: Path, extra: dict | None = None, header: dict | None = None) -> Path:
    """Generate the unit's template and fill it: for tests and for the sample set.
    ``values`` maps target code to its value(s) (see ``_cells_for``); ``extra`` maps target code to
    {input key: raw value} written as is; ``header`` overrides header cells by field key."""
    unit = reg.unit(unit_code)
    sc = load_scenario(reg)
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.xlsx"
        build_template(reg, unit, reg.report_kind_of(unit), template)
        return _fill(reg, template, path, unit_code, reg.period(period_code), date, values, extra, header,
                     preparer=sc["nguoi_lap"].get(unit_code), explanations=sc["giai_trinh"])


def _fill(reg: Registers, template: Path, path: Path, unit_code: str, period, date: dt.date | None,
          values: dict, extra: dict | None = None, header_values: dict | None = None, preparer: str | None = None,
          explanations: dict | None = None) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb[REPORT_SHEET]
    header = {f.key: HEADER_FIRST_ROW + i + 1 for i, f in enumerate(HEADER_FIELDS)}
    col = HEADER_VALUE_COL + 1
    typed = {"ky": period.label,
             "ngay_bao_cao": dt.datetime.combine(date, dt.time()) if date else None,
             "nguoi_lap": preparer or "Người lập biểu",
             "dien_thoai": f"0296 38{sum(map(ord, unit_code)) % 10000:04d}"} | (header_values or {})
    for key, value in typed.items():
        cell = ws.cell(header[key], col, value)
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy"
    columns = {c.key: i + 1 for i, c in enumerate(table_columns(reg))}
    targets = {t.code: t for t in reg.targets}
    for row in range(TABLE_HEADER_ROW + 2, ws.max_row + 1):
        code = ws.cell(row, columns["ma"]).value
        if code not in values:
            continue
        target, value = targets[code], values[code]
        cells = _cells_for(target.kind, value)
        if target.kind == "dinh_tinh" and len(cells) == 1:
            cells["giai_trinh"] = (explanations or {}).get(code, "Hoàn thành theo kế hoạch.")
        for key, v in {**cells, **((extra or {}).get(code, {}))}.items():
            if v is not None:
                cell = ws.cell(row, columns[key], v)
                if isinstance(v, str):
                    cell.data_type = "s"  # text typed as text, even "=…" (openpyxl would make it a formula)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path


def _cells_for(kind: str, value) -> dict:
    if kind in ("tong", "gia_tri"):
        return {"gia_tri": value}
    if kind in ("ty_le", "khoang", "ke_hoach", "phan_nghin"):
        return {"tu_so": value[0], "mau_so": value[1]}
    if kind in ("tang", "giam"):
        return {"so_hien_tai": value[0], "so_goc": value[1]}
    if kind == "duy_tri":
        return {"co_khong": value}
    if kind == "xep_loai":
        return {"danh_gia": value}     # the level as chosen (or typed) in the drop-down
    if isinstance(value, tuple):
        return {"danh_gia": value[0], "giai_trinh": value[1]}
    return {"danh_gia": value}


