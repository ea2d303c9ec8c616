"""What the award evaluation of a run gives: every decision, the issues found on the way and the
registrations table."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.awards.criteria import Decision
from pipeline.issues import Issue


@dataclass
class AwardOutcome:
    decisions: list[Decision] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    registrations: pd.DataFrame = field(default_factory=pd.DataFrame)
