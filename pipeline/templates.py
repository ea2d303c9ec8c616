"""Every template of the year in force (``make templates``): each reporting unit's indicator
report, then the award forms of both halves, then the campaign proposals."""

from __future__ import annotations

from pathlib import Path

from pipeline.awards.templates import build_award_templates
from pipeline.council.campaign_template import build_campaign_templates
from pipeline.indicators.templates import build_template
from pipeline.registers.model import Registers
from pipeline.report.template_kit import template_file_name


def build_all(reg: Registers, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in reg.units:
        kind = reg.report_kind_of(unit)
        if kind is None:
            continue
        path = out_dir / template_file_name(reg.report_kind(kind), unit)
        build_template(reg, unit, kind, path)
        written.append(path)
    return written + build_award_templates(reg, out_dir) + build_campaign_templates(reg, out_dir)
