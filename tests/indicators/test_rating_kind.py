"""The ordinal rating kind (loai = "xep_loai", "Đảng bộ đạt hoàn thành tốt nhiệm vụ trở lên"), on a
small register built in a temporary folder from the 2024 one, filled through the real template:
levels above, on and below the target level, an unknown level, a level typed without diacritics,
several reporters, the printed target and result, and the register checks. Worked out by hand."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.samples import write_report
from pipeline.indicators.sheets import target_frame
from pipeline.indicators.templates import build_template, format_target
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate

D = dt.date
LEVELS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
          "Không hoàn thành nhiệm vụ"]
MUC = "[" + ", ".join(f'"{x}"' for x in LEVELS) + "]"
EXTRA = f'''
[[chi_tieu]]
ma = "CT96"
noi_dung = "Chi bộ đạt hoàn thành tốt nhiệm vụ trở lên"
loai = "xep_loai"
so_sanh = ">="
muc = {MUC}
chi_tieu_muc = "Hoàn thành tốt nhiệm vụ"
don_vi_bao_cao = ["VHXH"]

[[chi_tieu]]
ma = "CT97"
noi_dung = "Các chi bộ đạt hoàn thành tốt nhiệm vụ trở lên"
loai = "xep_loai"
so_sanh = ">="
muc = {MUC}
chi_tieu_muc = "Hoàn thành tốt nhiệm vụ"
don_vi_bao_cao = ["VHXH", "TCKT"]
'''
HTXS, HTT, HT, KHT = LEVELS


def _registers(tmp_path, extra: str):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    targets = root / "2024" / "targets.toml"
    targets.write_text(targets.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_registers(root=root)


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return _registers(tmp_path_factory.mktemp("rating"), EXTRA)


def _run(reg, tmp_path, reports: dict):
    folder = tmp_path / "input"
    for unit, values in reports.items():
        write_report(reg, unit, "ca_nam", D(2024, 12, 28), values, folder / f"{unit}.xlsx")
    c = consolidate(folder, reg, load_rules(2024))
    got = {r.target.code: (r.answer, r.status) for r in c.results
           if r.scope == WARD and r.period == "ca_nam" and r.target.code in ("CT96", "CT97")}
    return got, c


def test_the_register_keeps_the_levels_best_first_and_prints_the_target(reg):
    t = next(x for x in reg.targets if x.code == "CT96")
    assert (t.levels, t.level, t.value) == (tuple(LEVELS), HTT, None)
    assert format_target(t) == "≥ Hoàn thành tốt nhiệm vụ"


def test_the_template_offers_the_levels_of_the_target(reg, tmp_path):
    path = tmp_path / "VHXH.xlsx"
    build_template(reg, reg.unit("VHXH"), "chi_tieu_ban_nganh", path)
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "CT96")
    assert ws.cell(row, 5).value == "≥ Hoàn thành tốt nhiệm vụ"
    assert ws.cell(row, 6).value == "Chọn mức xếp loại trong danh sách ở cột \"Tự đánh giá\""
    rules = [v for v in ws.data_validations.dataValidation if f"M{row}" in str(v.sqref)]
    assert [v.formula1 for v in rules] == ['"' + ",".join(LEVELS) + '"']
    # only the level cell (M, "Tự đánh giá") is open; the figure cells are grey and locked
    assert [ws.cell(row, c).protection.locked for c in range(7, 14)] == [True] * 6 + [False]


@pytest.mark.parametrize("typed, answer, status", [
    (HTXS, HTXS, "dat"),                          # above the target level
    (HTT, HTT, "dat"),                            # on it
    (HT, HT, "khong_dat"),                        # just below
    (KHT, KHT, "khong_dat"),
    ("hoan thanh tot nhiem vu", HTT, "dat"),      # typed without diacritics
    ("  HOÀN THÀNH   nhiệm vụ ", HT, "khong_dat"),
])
def test_one_reporter_either_side_of_the_target_level(reg, tmp_path, typed, answer, status):
    got, c = _run(reg, tmp_path, {"VHXH": {"CT96": typed}})
    assert got["CT96"] == (answer, status)
    assert not [i for i in c.issues if i.code == "LUA_CHON_KHONG_HOP_LE"]


def test_an_unknown_level_is_an_issue_naming_the_levels(reg, tmp_path):
    got, c = _run(reg, tmp_path, {"VHXH": {"CT96": "Tốt"}})
    bad = [i for i in c.issues if i.code == "LUA_CHON_KHONG_HOP_LE"]
    assert [(i.file, i.sheet, i.cell, i.column, i.value) for i in bad] == [
        ("VHXH.xlsx", "Báo cáo", bad[0].cell, "Tự đánh giá (Đạt/Không đạt)", "Tốt")]
    assert bad[0].cell.startswith("M")
    assert bad[0].message == "\"Tốt\" không phải lựa chọn hợp lệ."
    assert bad[0].hint == ("Chọn Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ "
                           "hoặc Không hoàn thành nhiệm vụ trong danh sách.")
    assert got["CT96"] == (None, "chua_co_so_lieu")   # the rejected level is not used, never "không đạt"


def test_a_dinh_tinh_row_still_refuses_a_level(reg, tmp_path):
    code = next(t.code for t in reg.targets_for("VPTK") if t.kind == "dinh_tinh")
    _, c = _run(reg, tmp_path, {"VPTK": {code: (HTT, "Giải trình.")}})
    assert [(i.code, i.value) for i in c.issues if i.code == "LUA_CHON_KHONG_HOP_LE"] == [
        ("LUA_CHON_KHONG_HOP_LE", HTT)]


def test_several_reporters_are_met_only_when_every_one_is(reg, tmp_path):
    got, c = _run(reg, tmp_path, {"VHXH": {"CT97": HTXS}, "TCKT": {"CT97": HTT}})
    assert got["CT97"] == (HTT, "dat")                 # the lowest of the two is on the target level
    got, c = _run(reg, tmp_path / "b", {"VHXH": {"CT97": HTXS}, "TCKT": {"CT97": HT}})
    assert got["CT97"] == (HT, "khong_dat")            # one below: the ward is not met
    r = next(r for r in c.results if r.target.code == "CT97" and r.scope == WARD and r.period == "ca_nam")
    assert r.note == ("Lấy mức thấp nhất trong 2 đơn vị báo cáo. "
                      "Chỉ tiêu xếp loại theo mức: không tính % so với chỉ tiêu.")
    assert r.percent_of_goal is None
    csv = target_frame(c.results, reg, scope_khom=False)
    row = csv[(csv["ma"] == "CT97") & (csv["ky"] == "ca_nam")].iloc[0]
    assert (row["loai"], row["gia_tri"], row["chi_tieu"], row["trang_thai"]) == (
        "xep_loai", HT, "≥ Hoàn thành tốt nhiệm vụ", "khong_dat")


def test_one_reporter_missing_is_provisional(reg, tmp_path):
    got, c = _run(reg, tmp_path, {"VHXH": {"CT97": HTT}})
    r = next(r for r in c.results if r.target.code == "CT97" and r.scope == WARD and r.period == "ca_nam")
    assert (r.answer, r.status, r.provisional) == (HTT, "dat", True)


def _entry(**fields) -> str:
    base = {"ma": '"CT96"', "noi_dung": '"x"', "loai": '"xep_loai"', "so_sanh": '">="', "muc": MUC,
            "chi_tieu_muc": f'"{HTT}"', "don_vi_bao_cao": '["VHXH"]'}
    base |= fields
    return "\n[[chi_tieu]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v is not None)


W = "2024/targets.toml, chỉ tiêu CT96: "


@pytest.mark.parametrize("extra, message", [
    (_entry(muc=None), W + "loại xep_loai cần muc là danh sách ít nhất hai mức xếp loại, từ cao xuống thấp "
                           "(ví dụ [\"Hoàn thành tốt nhiệm vụ\", \"Hoàn thành nhiệm vụ\"])."),
    (_entry(muc=f'["{HTT}"]'), W + "loại xep_loai cần muc là danh sách ít nhất hai mức xếp loại, từ cao xuống "
                                   "thấp (ví dụ [\"Hoàn thành tốt nhiệm vụ\", \"Hoàn thành nhiệm vụ\"])."),
    (_entry(chi_tieu_muc='"Tốt"'), W + "chi_tieu_muc \"Tốt\" không có trong muc (Hoàn thành xuất sắc nhiệm vụ; "
                                       "Hoàn thành tốt nhiệm vụ; Hoàn thành nhiệm vụ; Không hoàn thành nhiệm vụ); "
                                       "ghi đúng một mức trong danh sách."),
    (_entry(chi_tieu_muc=None), W + "loại xep_loai cần chi_tieu_muc là mức phải đạt, một trong các mức của muc."),
    (_entry(muc='["Tốt", "TOT"]', chi_tieu_muc='"Tốt"'),
     W + "muc có hai mức trùng nhau khi bỏ dấu và chữ hoa: \"Tốt\" và \"TOT\"."),
    (_entry(chi_tieu="2"), W + "loại xep_loai không dùng chi_tieu; ghi mức phải đạt ở chi_tieu_muc."),
    (_entry(loai='"dinh_tinh"', nhap='{ }'), W + "muc, chi_tieu_muc chỉ dùng cho loại xep_loai."),
    (_entry(muc="[" + ", ".join(f'"Mức xếp loại số {n} của chi bộ trong năm"' for n in range(8)) + "]",
            chi_tieu_muc='"Mức xếp loại số 1 của chi bộ trong năm"'),
     W + "các mức trong muc dài quá 255 ký tự (giới hạn danh sách chọn của Excel); viết gọn tên các mức."),
    (_entry(muc='"Tốt"'), W + "trường \"muc\" phải là danh sách trong ngoặc vuông [ … ]."),
])
def test_rating_register_checks(tmp_path, extra, message):
    with pytest.raises(RegisterError) as err:
        _registers(tmp_path, extra)
    assert message in err.value.problems


def test_derived_samples_alternate_above_and_below_the_target_level(reg):
    from pipeline.registers.derive_scenario import _value
    t = next(x for x in reg.targets if x.code == "CT97")
    assert [_value(t, i, True, 2) for i in range(3)] == [HTXS, HT, HTXS]
