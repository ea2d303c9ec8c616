"""The council's register (``registers/<year>/hoi_dong.toml``) and the parts of the award rules
register the documents need (who decides, achievement-report form numbers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.book.layout import MEMBERS
from pipeline.council.members import MEMBERS_KEY, member_problems
from pipeline.registers.identity import complete_documents, fill_place
from pipeline.registers.law import rule_set_for
from pipeline.registers.model import RegisterError, Registers
from pipeline.registers.sources import load_book, year_file

COUNCIL_FILE = "hoi_dong.toml"
TEMPLATES_FOLDER = "van_ban"
# lines of the documents that come from the rule set in force (registers/luat/), not from this register
LAW_KEYS = {"quyet_dinh": ("tien_thuong",), "quyet_dinh_theo_dot": ("tien_thuong",), "to_trinh": ("kinh_gui",)}
UPWARD_REPORT = "{bao_cao_cap_tren}"   # a recipient line: the higher level's office of the rule set in force


@dataclass(frozen=True)
class CouncilSettings:
    year: int
    version: str
    form_kind: str
    approve: str
    reject: str
    defer: str
    awarded_forms: tuple[str, ...]      # rule codes the chairman "tặng" (the others are "công nhận")
    documents: dict[str, dict]          # bien_ban, quyet_dinh, quyet_dinh_theo_dot, to_trinh, bao_cao_thanh_tich
    authorities: dict[str, dict]        # rule authority code -> {ten, de_nghi}
    report_forms: dict[str, str]        # tap_the, ca_nhan, khom, can_cu, <kind>_can_cu
    templates: Path                     # folder of the Word templates
    members: tuple[dict, ...] = ()      # ho_ten, chuc_vu, chuc_danh (the book's sheet, or [[thanh_vien]])

    @property
    def choices(self) -> tuple[str, str, str]:
        return (self.approve, self.reject, self.defer)

    def text(self, raw: str, meeting: dt.date | None = None) -> str:
        """A register sentence with its {nam} and {ngay_hop} filled in."""
        shown = f"{meeting:%d/%m/%Y}" if meeting else "…/…/" + str(self.year)
        return raw.replace("{nam}", str(self.year)).replace("{ngay_hop}", shown)


def load_council(reg: Registers) -> CouncilSettings:
    folder = reg.year_dir
    problems: list[str] = []
    raw = year_file(folder, reg.year, "hoi_dong", problems)
    rules = year_file(folder, reg.year, "award_rules", problems)
    if problems:
        raise RegisterError(problems)
    problems = [f"{COUNCIL_FILE}: thiếu \"{k}\"." for k in ("bieu_mau", "dong_y", "khong_dong_y", "hoan",
                                                          "bien_ban", "quyet_dinh", "to_trinh") if k not in raw]
    if problems:
        raise RegisterError(problems)
    members = raw.get(MEMBERS_KEY, [])
    problems = member_problems(members if isinstance(members, list) else [members], _member_place(reg))
    if problems:
        raise RegisterError(problems)
    law = rule_set_for(reg)
    stale = [f"[{block}] {key}" for block, keys in LAW_KEYS.items() for key in keys if key in raw.get(block, {})]
    if "mau_bao_cao_thanh_tich" in rules:
        raise RegisterError([f"award_rules.toml: mục [mau_bao_cao_thanh_tich] nay lấy theo bộ quy định đang áp dụng "
                             f"({law.source}; số mẫu riêng của năm ghi ở trang \"Luật áp dụng – tiền thưởng\" của "
                             "sổ đăng ký, năm không có sổ ghi ở luat_ap_dung.toml); xóa mục này."])
    if stale:
        raise RegisterError([f"{COUNCIL_FILE}: {', '.join(stale)} nay lấy theo bộ quy định đang áp dụng ({law.name}, "
                             f"{law.source}); xóa các dòng này (căn cứ riêng của năm như kế hoạch, biên bản họp vẫn ghi ở đây)."])
    documents = {k: dict(raw.get(k, {})) for k in ("bien_ban", "quyet_dinh", "to_trinh", "bao_cao_thanh_tich")}
    for doc in documents.values():
        doc["noi_nhan"] = [law.texts["bao_cao_cap_tren"] if line == UPWARD_REPORT else line
                           for line in doc.get("noi_nhan", [])]
    # the legal bases of the rule set in force, then the year's own (the plan, the meeting's minutes)
    documents["quyet_dinh"]["can_cu"] = [*law.basis_decision, *documents["quyet_dinh"].get("can_cu", [])]
    documents["quyet_dinh"]["tien_thuong"] = law.texts["tien_thuong_quyet_dinh"]
    documents["to_trinh"]["can_cu"] = [*law.basis_proposal, *documents["to_trinh"].get("can_cu", [])]
    documents["to_trinh"]["kinh_gui"] = list(law.addressees)
    # the campaign decision: the chairman's decision block, with its own lines where the register gives them
    documents["quyet_dinh_theo_dot"] = {**documents["quyet_dinh"], **raw.get("quyet_dinh_theo_dot", {}),
                                        "tien_thuong": law.texts["tien_thuong_theo_dot"]}
    documents = fill_place(complete_documents(documents, reg.settings), reg.settings)
    authorities = {a.code: {"ten": a.decider, "de_nghi": a.proposal or a.heading} for a in law.authorities.values()}
    return CouncilSettings(reg.year, str(raw.get("phien_ban", "")), raw["bieu_mau"], raw["dong_y"],
                           raw["khong_dong_y"], raw["hoan"], tuple(raw.get("hinh_thuc_tang", [])), documents,
                           authorities, dict(law.report_forms), folder / TEMPLATES_FOLDER,
                           tuple(m for m in members if isinstance(m, dict)))


def _member_place(reg):
    """Where a member's entry is, for messages: the book's cell, or the entry of hoi_dong.toml."""
    book = load_book(reg.year_dir, reg.year)
    if book is not None and MEMBERS_KEY in book.files.get("hoi_dong", {}):
        heading = {f.key: f.heading for f in MEMBERS.fields}

        def in_book(i: int, key: str | None) -> str:
            if key is None:
                return book.rows.get(("hoi_dong", MEMBERS_KEY, i), "").rpartition(", ")[2]
            cell = book.cells.get(("hoi_dong", MEMBERS_KEY, i, key)) if i >= 0 else None
            return book.where(cell or f"trang {MEMBERS.name}, cột {heading.get(key, key)}")
        return in_book

    def in_toml(i: int, key: str | None) -> str:
        if key is None:
            return f"mục thứ {i + 1}"
        return f"{reg.year}/{COUNCIL_FILE}, [[{MEMBERS_KEY}]]" + (f" thứ {i + 1}" + (f", \"{key}\"" if key else "")
                                                                  if i >= 0 else "")
    return in_toml
