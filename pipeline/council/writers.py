"""The council's writers: the decision form always; the Word documents and next year's history
once a filled form was read.

They run in a process of their own (``report/side_by_side.Prepared``), started with the run
before pandas is imported: this module and everything it imports need no pandas, so that
process imports only docxtpl and openpyxl, and loads the templates (``prepare_writers``), while
the main process imports pandas and checks the files. Its job is sent plain records
(``council.stage.council_inputs``)."""

from __future__ import annotations

from pathlib import Path

from pipeline.council.decide import CouncilOutcome, form_rows
from pipeline.council.form import write_form
from pipeline.council.layout import FORM_NAME
from pipeline.council.settings import TEMPLATES_FOLDER, load_council
from pipeline.report.side_by_side import run_side_by_side


def prepare_writers(reg) -> None:
    """Run ahead in the writers' process before its job arrives: the year's Word templates loaded
    and compiled, the award-history template loaded."""
    from pipeline.council import documents, history
    documents.prepare(reg.year_dir / TEMPLATES_FOLDER)
    try:
        history.prepare(reg)
    except Exception:  # noqa: BLE001 - write_history builds it again and reports what is wrong
        pass


def write_council(output_dir: Path, reg, rules, outcome: CouncilOutcome, people: list[dict], history: list[dict],
                  sample: bool) -> list[Path]:
    """The decision form always; the documents and the history once a filled form was read."""
    from pipeline.council.history import HISTORY_NAME
    settings = load_council(reg)
    form = output_dir / FORM_NAME.format(year=reg.year)
    if not outcome.decided:
        write_form(form, reg, settings, form_rows(outcome, rules), outcome.meeting, sample)
        return [form]
    documents: list[Path] = []
    # the form and the history (openpyxl) are written beside the documents
    run_side_by_side([
        lambda: documents.extend(_documents(output_dir / "van_ban", reg, rules, settings, outcome, people,
                                            history, sample)),
        lambda: _form_and_history(form, output_dir, reg, rules, settings, outcome, people, history, sample),
    ])
    return [form, *documents, output_dir / HISTORY_NAME.format(year=reg.year)]


def _documents(*args) -> list[Path]:
    from pipeline.council.documents import write_documents  # docxtpl: only where the documents are written
    return write_documents(*args)


def _form_and_history(form: Path, output_dir: Path, reg, rules, settings, outcome, people, history, sample) -> Path:
    from pipeline.council.history import write_history
    write_form(form, reg, settings, form_rows(outcome, rules), outcome.meeting, sample)
    return write_history(output_dir, reg, outcome, people, history, rules)
