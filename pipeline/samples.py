"""The sample set (``make samples``, and ``make report`` on an empty input folder): filled
templates of both halves, with the typical mistakes and every award outcome."""

from __future__ import annotations

from pathlib import Path

from pipeline.awards.samples import make_award_samples
from pipeline.council.campaign_samples import make_campaign_samples
from pipeline.council.samples import write_sample_form
from pipeline.indicators.samples import make_indicator_samples
from pipeline.registers.model import Registers
from pipeline.registers.scenario import load_scenario


def make_samples(reg: Registers, out_dir: Path) -> list[Path]:
    """Write the sample set into ``out_dir`` (emptied first). Returns the files written."""
    sc = load_scenario(reg)
    written = make_indicator_samples(reg, out_dir, sc) + make_award_samples(reg, out_dir, sc)
    written += make_campaign_samples(reg, out_dir, sc)       # before the form: it lists the campaign proposals too
    return written + [write_sample_form(reg, out_dir, sc)]   # needs the others: it lists their candidates
