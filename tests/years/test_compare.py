"""The comparison with the same period of earlier years, on figures worked out by hand: two and
three years, a renumbered target, a target dropped and one added, points for a percentage and a %
change for a count, a merged khóm summed from its predecessors, a split one, and the summary line."""

from __future__ import annotations

import shutil
from dataclasses import replace
from fractions import Fraction

import pytest

from pipeline.indicators.aggregate import WARD, Totals
from pipeline.indicators.evaluate import MET, NO_DATA, NOT_MET, Result
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR
from pipeline.years.archive import FIELDS, RESULT, UNIT, Figures
from pipeline.years.compare import NO_FIGURES, compare, percent_reason, short, summary

F = Fraction


def _target(reg, code):
    return next(t for t in reg.targets if t.code == code)


def _result(t, value, scope=WARD, period="ca_nam", status=MET, answer=None, missing=(), goal=None, percent=None):
    totals = Totals(t, period, scope, (), (), {}, 0, 0, "")
    return Result(t, period, scope, None if value is None else F(value), answer, goal, status, bool(missing),
                  tuple(missing), percent, totals, "")


def _row(kind, code, scope, period="ca_nam", value="", plan=None, loai=None, dvt=None, reg=None, name="", **inputs):
    t = _target(reg, code) if reg is not None and any(x.code == code for x in reg.targets) else None
    row = dict.fromkeys(FIELDS, "")
    row.update({"dong": kind, "ky": period, "ky_cuoi": "1" if period == "ca_nam" else "0", "ten_ky": period,
                "pham_vi": scope, "ten_don_vi": name, "ma": code,
                "noi_dung": plan if plan is not None else (t.plan_text if t else code),
                "ten_ngan": t.short_name if t else code, "loai": loai or (t.kind if t else "tong"),
                "dvt": dvt if dvt is not None else (t.unit_of_measure if t else ""), "gia_tri": value, **inputs})
    return row


def _figures(year, rows):
    return Figures(year, tuple(rows), "", "", False, f"lưu trữ {year}")


def test_short_numbers_are_written_the_vietnamese_way_half_up():
    assert [short(F(5, 8)), short(12.5), short(3), short(1250), short(F(-1, 3))] == ["0,63", "12,5", "3", "1.250", "-0,33"]


def test_a_count_gives_a_percent_change_and_a_percentage_gives_points(reg):
    count, rate = _target(reg, "CT02"), _target(reg, "CT05")     # tong in đồng; ty_le in %
    earlier = [_figures(2023, [_row(RESULT, "CT02", WARD, value="400000000", reg=reg),
                               _row(RESULT, "CT05", WARD, value="98.25", reg=reg)])]
    out = compare([_result(count, 450000000), _result(rate, "99.5")], reg, earlier)
    c = out[("CT02", "ca_nam", WARD)]
    assert (c.first.year, c.first.value, c.change, c.change_percent, c.points) == (
        2023, F(400000000), F(50000000), F("12.5"), "")
    assert c.phrase == "tăng 12,5 % so với cùng kỳ"
    c = out[("CT05", "ca_nam", WARD)]
    assert (c.change, c.change_percent, c.points) == (F("1.25"), None, "điểm %")
    assert c.phrase == "tăng 1,25 điểm % so với cùng kỳ"


@pytest.mark.parametrize("earlier, phrase, percent", [
    ("450000000", "bằng cùng kỳ", F(0)),
    ("500000000", "giảm 10 % so với cùng kỳ", F(-10)),
    ("0", "tăng 450.000.000 đồng so với cùng kỳ (cùng kỳ bằng 0)", None),
])
def test_a_count_equal_lower_or_from_zero(reg, earlier, phrase, percent):
    count = _target(reg, "CT02")
    out = compare([_result(count, 450000000)], reg, [_figures(2023, [_row(RESULT, "CT02", WARD, value=earlier,
                                                                         reg=reg)])])
    c = out[("CT02", "ca_nam", WARD)]
    assert (c.phrase, c.change_percent) == (phrase, percent)


def test_three_years_name_the_latest_and_the_one_before(reg):
    rate = _target(reg, "CT05")
    earlier = [_figures(2022, [_row(RESULT, "CT05", WARD, value="97", reg=reg)]),
               _figures(2023, [_row(RESULT, "CT05", WARD, value="98", reg=reg)])]
    c = compare([_result(rate, "99")], reg, earlier)[("CT05", "ca_nam", WARD)]
    assert (c.first.year, c.first.value, c.second.year, c.second.value) == (2023, F(98), 2022, F(97))
    assert c.phrase == "tăng 1 điểm % so với cùng kỳ"


def test_with_last_year_missing_the_latest_year_present_is_named(reg):
    rate = _target(reg, "CT05")
    c = compare([_result(rate, "99")], reg, [_figures(2022, [_row(RESULT, "CT05", WARD, value="99.5", reg=reg)])])
    c = c[("CT05", "ca_nam", WARD)]
    assert (c.first.year, c.second) == (2022, None)
    assert c.phrase == "giảm 0,5 điểm % so với cùng kỳ năm 2022"


def test_a_renumbered_target_compares_through_tiep_noi_and_not_without(reg):
    renumbered = replace(_target(reg, "CT05"), code="A05", continues=(2023, "CT05"))
    earlier = [_figures(2023, [_row(RESULT, "CT05", WARD, value="98", reg=reg)])]
    c = compare([_result(renumbered, "99")], reg, earlier)[("A05", "ca_nam", WARD)]
    assert (c.first.value, c.change, c.phrase) == (F(98), F(1), "tăng 1 điểm % so với cùng kỳ")
    lost = replace(renumbered, continues=None)
    c = compare([_result(lost, "99")], reg, earlier)[("A05", "ca_nam", WARD)]
    assert c.phrase == f"{NO_FIGURES} (năm 2023 không có chỉ tiêu A05)"
    gone = replace(renumbered, continues=(2023, "CT99"))
    c = compare([_result(gone, "99")], reg, earlier)[("A05", "ca_nam", WARD)]
    assert c.phrase == f"{NO_FIGURES} (chỉ tiêu CT99 (tiep_noi) không có trong số liệu năm 2023)"


def test_an_added_target_has_no_figures_and_a_dropped_one_is_not_shown(reg):
    rate, count = _target(reg, "CT05"), _target(reg, "CT02")
    earlier = [_figures(2023, [_row(RESULT, "CT02", WARD, value="1", reg=reg),
                               _row(RESULT, "CT98", WARD, value="7", plan="Chỉ tiêu bỏ", loai="tong")])]
    out = compare([_result(rate, "99"), _result(count, 2)], reg, earlier)
    assert set(out) == {("CT05", "ca_nam", WARD), ("CT02", "ca_nam", WARD)}
    assert out[("CT05", "ca_nam", WARD)].phrase == f"{NO_FIGURES} (năm 2023 không có chỉ tiêu CT05)"
    assert out[("CT02", "ca_nam", WARD)].phrase == "tăng 100 % so với cùng kỳ"


def test_the_same_code_with_another_meaning_is_not_compared(reg):
    rate = _target(reg, "CT05")
    other_kind = [_figures(2023, [_row(RESULT, "CT05", WARD, value="98", loai="tong", reg=reg)])]
    other_text = [_figures(2023, [_row(RESULT, "CT05", WARD, value="98", plan="Tỷ lệ trẻ em đến trường", reg=reg)])]
    alike = [_figures(2023, [_row(RESULT, "CT05", WARD, value="98", plan="Hộ sử dụng điện kế đạt 99,5%", reg=reg)])]
    assert compare([_result(rate, "99")], reg, other_kind)[("CT05", "ca_nam", WARD)].first.value is None
    c = compare([_result(rate, "99")], reg, other_text)[("CT05", "ca_nam", WARD)]
    assert c.phrase.startswith(f"{NO_FIGURES} (chỉ tiêu CT05 năm 2023 có nội dung khác")
    assert compare([_result(rate, "99")], reg, alike)[("CT05", "ca_nam", WARD)].first.value == F(98)


def test_answers_are_compared_as_words(reg):
    keep = next(t for t in reg.targets if t.kind == "duy_tri")
    earlier = [_figures(2023, [_row(RESULT, keep.code, WARD, tra_loi="co", reg=reg)])]
    c = compare([_result(keep, None, answer="co")], reg, earlier)[(keep.code, "ca_nam", WARD)]
    assert (c.change, c.phrase) == (None, "như cùng kỳ (Có)")
    c = compare([_result(keep, None, answer="khong", status=NOT_MET)], reg, earlier)[(keep.code, "ca_nam", WARD)]
    assert c.phrase == "cùng kỳ: Có"


@pytest.fixture
def merged_root(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    return root


def _continue(root, name, line):
    path = root / "2024" / "units.toml"
    text = path.read_text(encoding="utf-8")
    anchor = f'ten = "{name}"'
    path.write_text(text.replace(anchor, anchor + "\n" + line, 1), encoding="utf-8")


def _unit_rows(reg, code, figures):
    return [_row(UNIT, code, unit, name=f"Khóm cũ {unit}", reg=reg, tu_so=tu, mau_so=mau)
            for unit, (tu, mau) in figures.items()]


def test_a_merged_khom_adds_up_its_predecessors_from_numerators_and_denominators(merged_root):
    # 2024 Khóm Sơn Tây (KH02) continues 2023 KH02 and KH03: 90/100 and 40/50 -> 130/150 = 86,67 %,
    # not the mean of the two rates (90 % and 80 %: 85 %)
    _continue(merged_root, "Khóm Sơn Tây", 'tiep_noi = ["2023:KH02", "2023:KH03"]')
    reg = load_registers(merged_root, 2024)
    rate = _target(reg, "CT05")
    rows = _unit_rows(reg, "CT05", {"KH01": ("80", "100"), "KH02": ("90", "100"), "KH03": ("40", "50")})
    out = compare([_result(rate, "92", scope="KH02"), _result(rate, "95")], reg, [_figures(2023, rows)])
    c = out[("CT05", "ca_nam", "KH02")]
    assert c.first.value == F(130 * 100, 150)            # 86,67 %, where the mean of rates is 85 %
    assert c.change == F(92) - F(260, 3)
    assert c.first.note == "cộng Khóm cũ KH02, Khóm cũ KH03 năm 2023"
    ward = out[("CT05", "ca_nam", WARD)]                # every khóm reports CT05: 210/250
    assert ward.first.value == F(84) and ward.change == F(11)


def test_a_merged_khom_with_a_predecessor_missing_says_which(merged_root):
    _continue(merged_root, "Khóm Sơn Tây", 'tiep_noi = ["2023:KH02", "2023:KH03"]')
    reg = load_registers(merged_root, 2024)
    rate = _target(reg, "CT05")
    rows = _unit_rows(reg, "CT05", {"KH01": ("80", "100"), "KH02": ("90", "100")})
    rows.append(_row(RESULT, "CT05", "KH03", name="Khóm cũ KH03", value="80", reg=reg))
    out = compare([_result(rate, "92", scope="KH02"), _result(rate, "95")], reg, [_figures(2023, rows)])
    assert out[("CT05", "ca_nam", "KH02")].phrase == f"{NO_FIGURES} (thiếu số liệu năm 2023 của: Khóm cũ KH03)"
    assert out[("CT05", "ca_nam", WARD)].first.value is None
    assert out[("CT05", "ca_nam", WARD)].first.note == "thiếu số liệu năm 2023 của: Khóm cũ KH03"


def test_a_split_khom_is_not_comparable(merged_root):
    _continue(merged_root, "Khóm Sơn Đông", 'tiep_noi = ["2023:KH01"]')
    _continue(merged_root, "Khóm Sơn Tây", 'tiep_noi = ["2023:KH01"]')
    reg = load_registers(merged_root, 2024)
    rate = _target(reg, "CT05")
    rows = _unit_rows(reg, "CT05", {"KH01": ("80", "100")})
    c = compare([_result(rate, "92", scope="KH01")], reg, [_figures(2023, rows)])[("CT05", "ca_nam", "KH01")]
    assert c.first.value is None
    assert c.phrase == f"{NO_FIGURES} (Khóm cũ KH01 năm 2023 đã được chia cho nhiều đơn vị, không so sánh được)"


def test_the_summary_line_adds_up_to_the_targets_of_the_period(reg):
    t = list(reg.targets[:6])
    results = [_result(t[0], 1), _result(t[1], 1), _result(t[2], 1, status=NOT_MET),
               _result(t[3], None, status=NO_DATA, missing=("Khóm Sơn Đông (chưa nộp)",)),
               _result(t[4], None, status=NO_DATA, missing=("Khóm Sơn Tây (cần Hội đồng xem xét)",)),
               _result(t[5], 1, period="dot1")]
    assert summary(results, "ca_nam") == ("2/5 chỉ tiêu đạt và vượt, 1 chỉ tiêu không đạt, 1 chỉ tiêu chưa có số "
                                          "liệu, 1 chỉ tiêu chờ Hội đồng")


def test_percent_of_target_is_blank_with_its_reason_for_range_and_rating(reg):
    band = replace(_target(reg, "CT05"), kind="khoang")
    rating = replace(_target(reg, "CT05"), kind="xep_loai")
    assert percent_reason(_result(band, 99)) == "chỉ tiêu là một khoảng, không tính % so với chỉ tiêu"
    assert percent_reason(_result(rating, None)) == "chỉ tiêu là một mức xếp loại, không tính % so với chỉ tiêu"
    assert percent_reason(_result(_target(reg, "CT05"), 99, percent=F(99))) == ""


def test_after_a_merger_a_ward_figure_not_from_unit_reports_is_not_summed(merged_root):
    _continue(merged_root, "Khóm Sơn Tây", 'tiep_noi = ["2023:KH02", "2023:KH03"]')
    reg = load_registers(merged_root, 2024)
    culture = next(t for t in reg.targets if t.source == "binh_xet_khom_van_hoa")
    rows = [_row(RESULT, culture.code, WARD, value="3", reg=reg)]
    c = compare([_result(culture, 2)], reg, [_figures(2023, rows)])[(culture.code, "ca_nam", WARD)]
    assert c.phrase == (f"{NO_FIGURES} (chỉ tiêu không do đơn vị báo cáo, không cộng lại được từ các đơn vị cũ "
                        "sau sắp xếp năm 2023)")
    # without a merger the ward's own figure of that year is used
    plain = load_registers(REGISTERS_DIR, 2024)
    c = compare([_result(culture, 2)], plain, [_figures(2023, rows)])[(culture.code, "ca_nam", WARD)]
    assert (c.first.value, c.change, c.change_percent) == (F(3), F(-1), F(-100, 3))


def test_a_rate_kept_to_nine_decimals_equals_this_years_exact_rate(reg):
    rate = _target(reg, "CT05")
    exact = F(30, 11)                                  # 2,727272727272…
    kept = [_figures(2023, [_row(RESULT, "CT05", WARD, value=repr(round(float(exact), 9)), reg=reg)])]
    c = compare([_result(rate, exact)], reg, kept)[("CT05", "ca_nam", WARD)]
    assert (c.change, c.phrase) == (0, "bằng cùng kỳ")
    c = compare([_result(rate, exact + F(1, 10 ** 6))], reg, kept)[("CT05", "ca_nam", WARD)]
    assert c.change > 0 and c.phrase == "tăng dưới 0,01 điểm % so với cùng kỳ"


def test_a_target_cleared_by_new_year_is_not_compared_until_its_meaning_is_written(reg):
    """new-year clears a target the higher level assigns each year to «cần điền: … (năm trước: …)»;
    the old wording inside the placeholder must not make it look like last year's target."""
    old = _target(reg, "CT05")
    cleared = replace(old, plan_text=f"«cần điền: chỉ tiêu CT05 do cấp trên giao năm 2024 (năm trước: {old.plan_text})»")
    earlier = [_figures(2023, [_row(RESULT, "CT05", WARD, value="98", reg=reg)])]
    c = compare([_result(cleared, "0")], reg, earlier)[("CT05", "ca_nam", WARD)]
    assert c.first.value is None and c.change is None
    assert c.phrase == (f"{NO_FIGURES} (chỉ tiêu CT05 năm nay chưa ghi nội dung, còn «cần điền» trong sổ chỉ tiêu)")
    written = replace(old, plan_text=old.plan_text)
    assert compare([_result(written, "99")], reg, earlier)[("CT05", "ca_nam", WARD)].change == F(1)
