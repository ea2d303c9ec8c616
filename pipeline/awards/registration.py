"""Cross-checks on the award reports (a person in two units, an achievement proposed twice, a
title without registration) and the table of registrations.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.awards.criteria import is_blank
from pipeline.awards.layout import GROUP_FORMS, GROUP_TITLES, KHOM_TITLES, PERSON_FORMS, PERSON_TITLES
from pipeline.awards.validate import AwardFrames
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules
from pipeline.text import normalise_key


def cross_checks(people: pd.DataFrame, addresses: list[dict], reg: Registers, registered, rules: Rules) -> list[Issue]:
    issues: list[Issue] = []
    if people.empty:
        return issues

    def at(i: int, column: str = "ho_ten") -> dict:
        return {"file": people.at[i, "tep"], "sheet": people.at[i, "trang_tinh"], "unit": people.at[i, "ma_don_vi"],
                "cell": addresses[i].get(column, "") if i < len(addresses) else ""}
    names = {u.code: u.name for u in reg.units}
    by_person: dict[tuple, list[int]] = {}
    for i in people.index:
        birth = people.at[i, "ngay_sinh"] if "ngay_sinh" in people and isinstance(people.at[i, "ngay_sinh"], dt.date) else None
        by_person.setdefault((normalise_key(people.at[i, "ho_ten"]), birth), []).append(i)
    for (_key, _birth), rows in by_person.items():
        units = sorted({people.at[i, "ma_don_vi"] for i in rows})
        if len(units) > 1:
            for i in rows:
                issues.append(make_issue("NGUOI_HAI_DON_VI", **at(i), column="Họ và tên", value=people.at[i, "ho_ten"],
                                         detail=", ".join(names[u] for u in units)))
        forms = {people.at[i, "hinh_thuc"] for i in rows} - {None, "None", "khong"}
        if len(forms) > 1:
            detail = f"{people.at[rows[0], 'ho_ten']}: " + ", ".join(PERSON_FORMS[f] for f in sorted(forms))
            issues.append(make_issue("THANH_TICH_HAI_HINH_THUC", **at(rows[0], "hinh_thuc"),
                                     column="Hình thức khen thưởng đề nghị", detail=detail))
    texts: dict[str, list[int]] = {}
    for i in people.index:
        text = people.at[i, "thanh_tich"] if "thanh_tich" in people else None
        if not is_blank(text) and people.at[i, "hinh_thuc"] not in (None, "None", "khong"):
            texts.setdefault(normalise_key(text), []).append(i)
    for rows in texts.values():
        if len(rows) > 1:
            who = ", ".join(f"{people.at[i, 'ho_ten']} ({PERSON_FORMS.get(people.at[i, 'hinh_thuc'], '')})" for i in rows)
            for i in rows:
                issues.append(make_issue("THANH_TICH_HAI_HINH_THUC", **at(i, "thanh_tich"), column="Thành tích",
                                         detail=f"cùng nội dung thành tích cho {who}"))
    if not rules.param("registration_required"):
        for i in people.index:
            title = people.at[i, "danh_hieu"]
            if title in PERSON_TITLES and title != "khong":
                regs = registered.get((people.at[i, "ma_don_vi"], normalise_key(people.at[i, "ho_ten"])), [])
                if not any(not is_blank(r.danh_hieu) and r.danh_hieu != "khong" for r in regs):
                    issues.append(make_issue("CHUA_DANG_KY", **at(i), column="Họ và tên", value=people.at[i, "ho_ten"],
                                             detail=PERSON_TITLES[title]))
    return issues


def registration_table(frames: AwardFrames, reg: Registers) -> pd.DataFrame:
    records = []
    names = {u.code: u.name for u in reg.units}
    for r in frames.group_registrations.itertuples(index=False) if not frames.group_registrations.empty else []:
        title = getattr(r, "dh_tap_the", None)
        form = getattr(r, "ht_tap_the", None)
        records.append({"doi_tuong": names[r.ma_don_vi], "loai": "khom" if reg.unit(r.ma_don_vi).is_khom else "tap_the",
                        "don_vi": r.ma_don_vi, "ten_don_vi": names[r.ma_don_vi],
                        "danh_hieu": {**GROUP_TITLES, **KHOM_TITLES}.get(title, "" if is_blank(title) else title),
                        "hinh_thuc": GROUP_FORMS.get(form, "" if is_blank(form) else form),
                        "chuc_vu": "", "ngay_sinh": "", "tep": r.tep})
    for r in frames.registrations.itertuples(index=False) if not frames.registrations.empty else []:
        birth = r.ngay_sinh if isinstance(r.ngay_sinh, dt.date) else None
        records.append({"doi_tuong": r.ho_ten, "loai": "ca_nhan", "don_vi": r.ma_don_vi,
                        "ten_don_vi": names[r.ma_don_vi],
                        "danh_hieu": PERSON_TITLES.get(r.danh_hieu, "" if is_blank(r.danh_hieu) else r.danh_hieu),
                        "hinh_thuc": PERSON_FORMS.get(r.hinh_thuc, "" if is_blank(r.hinh_thuc) else r.hinh_thuc),
                        "chuc_vu": "" if is_blank(r.chuc_vu) else r.chuc_vu,
                        "ngay_sinh": birth.isoformat() if birth else "", "tep": r.tep})
    order = {u.code: i for i, u in enumerate(reg.units)}
    records.sort(key=lambda x: (order.get(x["don_vi"], 99), x["loai"] != "tap_the" and x["loai"] != "khom"))
    return pd.DataFrame.from_records(records, columns=["doi_tuong", "loai", "don_vi", "ten_don_vi", "danh_hieu",
                                                       "hinh_thuc", "chuc_vu", "ngay_sinh", "tep"])
