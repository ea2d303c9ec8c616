"""The council's register (``registers/<year>/hoi_dong.toml``) and the parts of the award rules
register the documents need (who decides, achievement-report form numbers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.registers.identity import complete_documents, fill_place
from pipeline.registers.model import RegisterError, Registers
from pipeline.registers.sources import year_file

COUNCIL_FILE = "hoi_dong.toml"
TEMPLATES_FOLDER = "van_ban"


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
    if "mau_bao_cao_thanh_tich" not in rules:
        problems.append("award_rules.toml: thiếu mục [mau_bao_cao_thanh_tich].")
    if problems:
        raise RegisterError(problems)
    documents = {k: raw.get(k, {}) for k in ("bien_ban", "quyet_dinh", "to_trinh", "bao_cao_thanh_tich")}
    # the campaign decision: the chairman's decision block, with its own lines where the register gives them
    documents["quyet_dinh_theo_dot"] = {**documents["quyet_dinh"], **raw.get("quyet_dinh_theo_dot", {})}
    documents = fill_place(complete_documents(documents, reg.settings), reg.settings)
    authorities = {a["ma"]: {"ten": a.get("nguoi_quyet_dinh", a["ten"]), "de_nghi": a.get("de_nghi", a["ten"])}
                   for a in rules.get("tham_quyen", []) if "ma" in a and "ten" in a}
    return CouncilSettings(reg.year, str(raw.get("phien_ban", "")), raw["bieu_mau"], raw["dong_y"],
                           raw["khong_dong_y"], raw["hoan"], tuple(raw.get("hinh_thuc_tang", [])), documents,
                           authorities, dict(rules["mau_bao_cao_thanh_tich"]), folder / TEMPLATES_FOLDER)
