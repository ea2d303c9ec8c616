"""Registers, templates, schema, issue catalogue and the documentation (README.md, docs/) say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.indicators.layout import CHOICE_INPUTS, NUMERIC_INPUTS, table_columns
from pipeline.issues import CATALOGUE
from pipeline.registers.model import INPUTS_BY_KIND
from schemas.indicator_report import IndicatorRows

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in DOC_FILES)


def _doc_section(name: str, title: str) -> str:
    """A "## " section of docs/<name>, to the next "## " heading."""
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_issue_codes_in_readme_match_the_catalogue():
    table = _doc_section("ma_loi.md", "## Mã lỗi")
    documented = dict(re.findall(r"^\| `([A-Z_]+)` \| (lỗi|cảnh báo) \|", table, flags=re.M))
    assert set(documented) == set(CATALOGUE)
    severity = {"lỗi": "loi", "cảnh báo": "canh_bao"}
    assert {code: severity[s] for code, s in documented.items()} == {c: v[0] for c, v in CATALOGUE.items()}


def test_schema_checks_are_issue_codes():
    schema = IndicatorRows.to_schema()
    names = {c.name for c in schema.checks} | {c.name for col in schema.columns.values() for c in col.checks}
    custom = {n for n in names if n.isupper()}
    assert custom == {"SO_AM", "LUA_CHON_KHONG_HOP_LE", "SO_KHONG_NGUYEN", "VUOT_GIOI_HAN",
                      "TU_SO_LON_HON_MAU_SO", "MAU_SO_BANG_KHONG"}
    assert custom <= set(CATALOGUE)


def test_schema_covers_every_template_input(reg):
    schema = IndicatorRows.to_schema()
    inputs = {c.key for c in table_columns(reg) if c.is_input} - {"ghi_chu"}
    assert inputs <= set(schema.columns)
    assert set(NUMERIC_INPUTS) | set(CHOICE_INPUTS) | {"giai_trinh"} == inputs
    assert {k for keys in INPUTS_BY_KIND.values() for k in keys} == inputs


def test_register_input_labels_fit_target_kinds(reg):
    for t in reg.targets:
        numeric = [k for k in INPUTS_BY_KIND[t.kind] if k in NUMERIC_INPUTS]
        if t.source == "bao_cao":
            assert sorted(t.inputs) == sorted(numeric), t.code


def test_every_unit_with_targets_owes_a_report_and_every_target_is_reported(reg):
    for t in reg.targets:
        assert t.reporters or t.source != "bao_cao", t.code
    for u in reg.units:
        assert bool(reg.targets_for(u.code)) == bool(reg.report_kind_of(u)), u.code


def test_csv_columns_documented(tmp_path, reg):
    from pipeline.run import report
    report(tmp_path / "empty", tmp_path / "out", reg)
    section = (ROOT / "docs" / "cot_du_lieu.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", section))
    for name in ("chi_tieu_phuong.csv", "chi_tieu_khom.csv", "nop_bao_cao.csv", "loi_du_lieu.csv"):
        columns = set(pd.read_csv(tmp_path / "out" / name, nrows=0, encoding="utf-8-sig").columns)
        assert columns <= documented, (name, columns - documented)


def test_folder_tree_lists_every_pipeline_module():
    tree = _doc_section("kien_truc.md", "## Thư mục")
    for module in (ROOT / "pipeline").rglob("*.py"):
        if module.name != "__init__.py":
            assert module.name in tree, module.name
    for package in (ROOT / "pipeline").iterdir():
        if (package / "__init__.py").exists():
            assert f"  {package.name}/" in tree, package.name
            doc = (package / "__init__.py").read_text(encoding="utf-8").strip()
            assert doc.startswith('"""') and doc.count("\n") == 0, f"{package.name}/__init__.py: one-line docstring"


def test_make_targets_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.M)
    assert set(targets) == {"help", "report", "check", "templates", "samples", "test", "lint", "benchmark", "clean",
                            "new-year"}
    for target in targets:
        if target != "help":
            assert f"make {target}" in DOCS, target


def test_every_rule_in_the_register_is_exercised_by_a_test():
    from pipeline.registers.rules import load_rules
    tests = (ROOT / "tests" / "awards" / "test_evaluate_awards.py").read_text(encoding="utf-8")
    rules = load_rules(2024)
    for code in rules.rules:
        assert f'"{code}"' in tests, code
    for key in ("registration_required", "khong_chuyen_trach_la_nguoi_lao_dong", "discipline_blocks_ldtt_from",
                "ldtt_max_ratio", "cstdcs_max_ratio_of_ldtt", "ttldtt_khong_ky_luat_tu_canh_cao", "cstd_tinh_so_nam",
                "khom_vh_ty_le_gdvh_toi_thieu"):
        assert key in tests, key


def test_no_merge_conflict_markers_left_in_the_docs_and_registers():
    for path in [*DOC_FILES, *(ROOT / "registers").rglob("*.toml")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^(<<<<<<<|=======|>>>>>>>)( |$)", text, flags=re.M), path


def test_every_file_the_docs_name_exists():
    for name in set(re.findall(r"`((?:pipeline|tests|scripts|benchmarks|schemas)/[\w/]+\.py)`", DOCS)):
        assert (ROOT / name).exists(), name
