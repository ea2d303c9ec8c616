"""Sample award reports (registration, year-end evaluation, khóm văn hóa, history), written by
filling the generated award templates. What they hold is the "khen_thuong" part of the year's sample
scenario (``registers/scenario.py``): together the cases show every outcome the rules can give."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.awards.layout import CHOICES, SHEETS, TABLE_KEYS, columns_for, fields_for
from pipeline.awards.templates import build_award_template
from pipeline.registers.model import REGISTERS_DIR, Registers
from pipeline.registers.rules import rule_titles
from pipeline.report.files import freeze_zip
from pipeline.text import normalise_key, strip_accents

D = dt.date
SAMPLE_OVERRIDES = ("cstdcs_max_ratio_of_ldtt=0.15",)   # the sample run shows a quota being applied
CATEGORY_BY_KIND = {"khom": "khong_chuyen_trach", "ban_nganh": "cong_chuc", "truong_hoc": "vien_chuc", "y_te": "vien_chuc",
                    "mat_tran": "can_bo", "doan_the": "can_bo", "hoi": "nguoi_lao_dong", "luc_luong_vu_trang": "cong_chuc",
                    "co_quan_dang": "can_bo"}   # any other kind (a business): người lao động


def _people(reg: Registers, kt: dict) -> dict[str, list[dict]]:
    """Members of every unit with their evaluation; the scenario's special cases patched in."""
    out: dict[str, list[dict]] = {}
    pool = iter(list(kt["ten"]) * 20)
    y = reg.year
    for n, unit in enumerate(reg.units):
        members = []
        for k in range(kt["so_nguoi"].get(unit.code, kt["so_nguoi_mac_dinh"])):
            name = next(pool) if k else kt["nguoi_dau"].get(unit.code, next(pool))
            members.append({
                "ho_ten": name, "ngay_sinh": D(y - 49 + (n * 3 + k) % 25, 1 + (n + k) % 12, 1 + (n * 7 + k) % 27),
                "chuc_vu": "Trưởng khóm" if unit.is_khom and k == 0 else ("Trưởng đơn vị" if k == 0 else "Chuyên viên"),
                "doi_tuong": CATEGORY_BY_KIND.get(unit.kind, "nguoi_lao_dong"), "ngay_bat_dau": D(y - 12 + k, 3, 1),
                "xep_loai": "HTXSNV" if k == 0 else "HTTNV", "doan_ket": "co", "danh_hieu": "LDTT",
                "hinh_thuc": "khong",
            })
        members[0] |= {"danh_hieu": "CSTDCS", "so_sang_kien": 1, "cap_sang_kien": "co_so",
                       "qd_sang_kien": f"QĐ {n + 10}/QĐ-HĐSK ngày 15/11/{y}"}
        out[unit.code] = members
    for patch in kt["sua"]:
        fields = {k: v for k, v in patch.items() if k not in ("don_vi", "thu_tu")}
        if patch["don_vi"] in out and patch["thu_tu"] < len(out[patch["don_vi"]]):
            out[patch["don_vi"]][patch["thu_tu"]] |= fields
    for patch in kt["tat_ca"]:
        for p in out.get(patch["don_vi"], []):
            p |= {k: v for k, v in patch.items() if k != "don_vi"}
    for copy in kt["chep"]:
        if copy["tu_don_vi"] in out and copy["den_don_vi"] in out:
            person = dict(out[copy["tu_don_vi"]][copy["tu_thu_tu"]])
            out[copy["den_don_vi"]].append(person | {k: v for k, v in copy.items()
                                                     if k not in ("tu_don_vi", "tu_thu_tu", "den_don_vi")})
    return out


def make_award_samples(reg: Registers, out_dir: Path, sc: dict) -> list[Path]:
    kt, dates = sc["khen_thuong"], sc["ngay"]
    folder = out_dir / sc["thu_muc"]["khen_thuong"]
    people = _people(reg, kt)
    preparers = sc["nguoi_lap"]
    left_out = {(x["don_vi"], x["thu_tu"]) for x in kt["khong_dang_ky"]}
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for unit in reg.units:
            words = strip_accents(unit.name)
            registration = [{k: p.get(k) for k in ("ho_ten", "ngay_sinh", "chuc_vu", "danh_hieu", "hinh_thuc")}
                            for i, p in enumerate(people[unit.code]) if (unit.code, i) not in left_out]
            preparer = preparers.get(unit.code, sc["nguoi_lap_mac_dinh"])
            if unit.code not in kt["khong_dang_ky_don_vi"]:
                head = {"dh_tap_the": "KHOM_VH" if unit.is_khom else "TTLDTT", "ht_tap_the": "khong"}
                written.append(write_award_report(reg, "dang_ky", unit.code, dates["dang_ky"], head, registration,
                                                  folder / f"Dang ky thi dua - {words}.xlsx", Path(tmp), preparer))
            head = {} if unit.is_khom else {"xep_loai_tap_the": "HTTNV", "phong_trao": "co", "doan_ket_tap_the": "co",
                                            "dh_tap_the": "khong", "ht_tap_the": "khong"} | kt["tap_the"].get(unit.code, {})
            written.append(write_award_report(reg, "binh_xet", unit.code, dates["binh_xet"], head, people[unit.code],
                                              folder / f"Binh xet cuoi nam - {words}.xlsx", Path(tmp), preparer))
            if unit.is_khom and unit.code in kt["khom"]:
                form = {k: "co" for k in ("tc_kinh_te", "tc_van_hoa", "tc_moi_truong", "tc_phap_luat", "tc_doan_ket",
                                          "de_nghi")} | kt["khom"][unit.code]
                written.append(write_award_report(reg, "khom_van_hoa", unit.code, dates["khom_van_hoa"], form, [],
                                                  folder / f"Khom van hoa - {words}.xlsx", Path(tmp), preparer))
        births = {(u, p["ho_ten"]): p["ngay_sinh"] for u, ps in people.items() for p in ps}
        rows = [{"loai_doi_tuong": "tap_the" if h["ho_ten"] == reg.unit(h["don_vi"]).name else "ca_nhan",
                 "ho_ten": h["ho_ten"], "ngay_sinh": births.get((h["don_vi"], h["ho_ten"])),
                 "don_vi": reg.unit(h["don_vi"]).name, "nam": h["nam"], "noi_dung": h["noi_dung"],
                 "so_qd": f"{100 + i}/QĐ-UBND", "ngay_qd": D(h["nam"], 12, 20)} for i, h in enumerate(kt["lich_su"])]
        written.append(write_award_report(reg, "lich_su", None, dates["lich_su"], {}, rows,
                                          folder / "Lich su khen thuong cac nam.xlsx", Path(tmp),
                                          sc["nguoi_lap_mac_dinh"]))
    return written


_ahead: dict[tuple, openpyxl.Workbook] = {}   # in this process: templates loaded by prepare_template


def _template_key(reg: Registers, content: str, unit_code: str | None) -> tuple:
    return reg.year, str(reg.root), tuple(sorted(reg.versions.items())), content, unit_code


def _loaded_template(reg: Registers, content: str, unit_code: str | None, tmp: Path) -> openpyxl.Workbook:
    template = tmp / f"{content}_{unit_code}.xlsx"
    build_award_template(reg, reg.kind_for_content(content), reg.unit(unit_code) if unit_code else None, template)
    return openpyxl.load_workbook(template)


def prepare_template(reg: Registers, content: str, unit_code: str | None = None) -> None:
    """Build and load now the template that write_award_report will fill (the council's writer
    process does it for the award history while the main process checks the files)."""
    with tempfile.TemporaryDirectory() as tmp:
        _ahead[_template_key(reg, content, unit_code)] = _loaded_template(reg, content, unit_code, Path(tmp))


def write_award_report(reg: Registers, content: str, unit_code: str | None, date: dt.date, header: dict,
                       rows: list[dict], path: Path, tmp: Path, preparer: str = "Phạm Thị Hồng") -> Path:
    """Fill an award template like a person: find labels and headings by their text."""
    unit = reg.unit(unit_code) if unit_code else None
    titles = rule_titles(reg.year, reg.root or REGISTERS_DIR)
    wb = _ahead.pop(_template_key(reg, content, unit_code), None) or _loaded_template(reg, content, unit_code, tmp)
    ws = wb[SHEETS[content]]
    fields = {normalise_key(f.label): f for f in fields_for(content, bool(unit and unit.is_khom))}
    values = {"ngay_bao_cao": dt.datetime.combine(date, dt.time()),
              "nguoi_lap": preparer, "dien_thoai": "0296 3812345"} | header
    label_col = 3 if columns_for(content) else 5
    for row in ws.iter_rows(min_col=1, max_col=1):
        f = fields.get(normalise_key(row[0].value)) if row[0].value else None
        if f and f.key in values and values[f.key] is not None:
            _put(ws.cell(row[0].row, label_col + 1), f.key, values[f.key], titles)
    if rows:
        key = normalise_key(TABLE_KEYS[content])
        head = next(r for r in ws.iter_rows() if any(normalise_key(c.value) == key for c in r if c.value))
        columns = {c.key: next(cell.column for cell in head if normalise_key(cell.value) == normalise_key(c.heading))
                   for c in columns_for(content)}
        for i, record in enumerate(rows):
            for k, v in record.items():
                if v is not None and k in columns:
                    _put(ws.cell(head[0].row + 1 + i, columns[k]), k, v, titles)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path


def _put(cell, key: str, value, titles: dict[str, str]) -> None:
    """Write a value as a person would pick it: a choice by its label (the rules' title if any)."""
    if key in CHOICES and value in CHOICES[key]:
        value = titles.get(value, CHOICES[key][value])
    if isinstance(value, dt.date):
        value = dt.datetime.combine(value, dt.time())
        cell.number_format = "dd/mm/yyyy"
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
