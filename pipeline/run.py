"""The whole run on one screen: discover → read → validate → dedupe → aggregate → evaluate → write."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from pipeline.awards.evaluate import evaluate_awards
from pipeline.awards.outcome import AwardOutcome
from pipeline.awards.sheets import criteria_frame, decision_frame
from pipeline.council.stage import council_inputs, council_kinds, council_stage, khom_culture, split_forms
from pipeline.council.writers import write_council
from pipeline.indicators.aggregate import aggregate
from pipeline.indicators.evaluate import Result, evaluate
from pipeline.indicators.plausibility import plausibility_issues
from pipeline.indicators.sheets import target_frame
from pipeline.indicators.validate import rejected_inputs
from pipeline.intake.discover import Found
from pipeline.intake.isolate import Reading, begin_reading, finish
from pipeline.intake.read import ReadResult, sha256_of
from pipeline.issues import ERROR, Issue, issues_for_year, make_issue
from pipeline.registers.model import REGISTERS_DIR, Registers
from pipeline.registers.rules import Rules, load_rules
from pipeline.report.feedback import write_feedback
from pipeline.report.feedback_copy import Source
from pipeline.report.files import CSV_NAMES, write_csv, write_marker
from pipeline.report.frame import RunFacts
from pipeline.report.issue_sheets import issue_frame
from pipeline.report.output_set import output_set, pause_for_test
from pipeline.report.progress import NoProgress, Progress
from pipeline.report.side_by_side import Prepared, run_side_by_side
from pipeline.submissions.dedupe import MISSING, STATUS_LABEL, Chosen, dedupe, not_of_copies
from pipeline.submissions.validate import Validated, Validation
from pipeline.workbook import WORKBOOK_NAME, write_workbook
from pipeline.years.archive import archive_root, write_archive
from pipeline.years.draft import DRAFT_NAME, write_draft
from pipeline.years.earlier import SamePeriod, same_period
from pipeline.years.identity import align
from pipeline.years.sheet import with_comparison


@dataclass(frozen=True)
class Outcome:
    found: list[Found]
    read: list[ReadResult]
    chosen: Chosen
    results: list[Result]
    issues: list[Issue]
    workbook: Path | None
    awards: AwardOutcome | None = None
    council: object = None

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity == ERROR)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


@dataclass(frozen=True)
class Consolidated:
    found: list[Found]
    read: list[ReadResult]
    validated: Validated
    chosen: Chosen
    results: list[Result]
    awards: AwardOutcome
    issues: list[Issue]
    council: object = None
    council_files: tuple = ()     # read results of the decision forms and campaign proposals


def consolidate(input_dir: Path, reg: Registers, rules: Rules, progress: Progress | None = None,
                reading: Reading | None = None) -> Consolidated:
    """``reading``: the input folder's files already being read (``begin_reading``), if any."""
    with issues_for_year(reg.year):
        return _consolidate(reading or begin_reading(input_dir, reg), reg, rules, progress or NoProgress())


def _consolidate(reading: Reading, reg: Registers, rules: Rules, progress: Progress) -> Consolidated:
    found, issues = reading.found, reading.issues
    validation, council = Validation(reg), council_kinds(reg)   # the council's own files are checked there

    def check(r: ReadResult) -> None:   # each file as soon as it is read, while the workers read on
        if r.submission is None or r.submission.report_kind not in council:
            validation.add(r)

    read = finish(reading, on_read=progress.reading(len(reading.files)), on_result=check)
    gc.freeze()   # the read results live to the end of the run: later collections need not walk them
    found, read, forms = split_forms(found, read, reg)
    progress.stage("Kiểm tra số liệu")
    validated = validation.conclude()
    gc.freeze()
    progress.stage("Tổng hợp")
    skipped = tuple(f for f in found if not f.readable and "xlsx" in f.reason)
    chosen = dedupe(validated, reg, skipped)
    validated, people_issues = align(validated, chosen.used, reg)   # one person, one spelling; units across years
    rejected = rejected_inputs(validated.rows, validated.issues, chosen.used, reg)
    awards = evaluate_awards(validated.awards, chosen.used, chosen.values, reg, rules, rejected)
    council = council_stage(forms, validated, chosen, awards, reg, rules)
    totals = aggregate(chosen.values, reg)
    results = evaluate(totals, reg, _missing_reason(validated, chosen, rejected), khom_culture(awards, council))
    issues = (issues + not_of_copies(validated.issues, validated, chosen) + chosen.issues
              + plausibility_issues(chosen.values, reg) + people_issues + awards.issues
              + _missing_submissions(chosen, reg)
              + council.issues)
    return Consolidated(found, read, validated, chosen, results, awards, issues, council, tuple(forms))


def report(input_dir: Path, output_dir: Path, reg: Registers, sample: bool = False,
           write_output: bool = True, rules: Rules | None = None, progress: Progress | None = None,
           reading: Reading | None = None, writer: Prepared | None = None, archive: Path | None = None,
           earlier_dir: Path | None = None) -> Outcome:
    """``writer``: a process started with the run for the council's writers (``Prepared``);
    ``archive``: the folder of each year's results (default ``archive_root``), where this run's are
    kept; ``earlier_dir``: a folder besides the input where an earlier year's workbook may lie (the
    input folder the user left empty when the run is on sample data)."""
    rules = rules or load_rules(reg.year, reg.root or REGISTERS_DIR)
    progress = progress or NoProgress()
    archive = archive or archive_root(reg)
    if not write_output:
        c, _ = _with_same_period(consolidate(input_dir, reg, rules, progress, reading), reg, archive, sample,
                                 input_dir, earlier_dir)
        progress.close()
        return Outcome(c.found, c.read, c.chosen, c.results, c.issues, None, c.awards, c.council)
    with output_set(output_dir) as new:   # the whole set is written aside and swapped in at the end
        c, same = _with_same_period(consolidate(input_dir, reg, rules, progress, reading), reg, archive, sample,
                                    input_dir, earlier_dir)
        progress.stage("Ghi báo cáo, tệp phản hồi và văn bản Hội đồng")
        sources = {f.name: Source(f.path) for f in c.found} | {   # what a feedback copy is taken from
            r.found.name: Source(r.found.path, (r.submission.sheet if r.submission else "") or "", r.sha256)
            for r in c.read + list(c.council_files)}
        gc.freeze()   # all that was built lives to the end; forked writers then copy fewer memory pages
        run_side_by_side([   # writers of separate files: the workbook here, the others forked
            lambda: _write_tables(new, c, reg, rules, input_dir, sample, same),
            lambda: write_feedback(new, reg, c.chosen.register, c.issues, sources),
            lambda: write_draft(new / DRAFT_NAME.format(year=reg.year), reg, c.results, same.comparisons,
                                same.earlier.sources),
        ], writer, (write_council, new, reg, rules, c.council, *council_inputs(c.validated, c.chosen), sample))
        write_marker(new, sample)
    write_archive(archive, same.figures)   # beside the output folder, for the years after this one
    progress.close()
    workbook = output_dir / WORKBOOK_NAME.format(year=reg.year)
    return Outcome(c.found, c.read, c.chosen, c.results, c.issues, workbook, c.awards, c.council)


def _with_same_period(c: Consolidated, reg: Registers, archive: Path, sample: bool, input_dir: Path,
                      earlier_dir: Path | None) -> tuple[Consolidated, SamePeriod]:
    """The comparison with earlier years; what kept an earlier year out joins the run's issues."""
    paths = [f.path for f in c.found]
    if earlier_dir is not None and earlier_dir.is_dir() and earlier_dir != input_dir:
        paths += [p for p in earlier_dir.rglob("*.xlsx") if not p.name.startswith((".", "~"))]
    same = same_period(reg, c.results, c.chosen.values, paths, archive, sample, earlier_dir or input_dir)
    return replace(c, issues=c.issues + same.earlier.issues), same


def _write_tables(new: Path, c: Consolidated, reg: Registers, rules: Rules, input_dir: Path, sample: bool,
                  same: SamePeriod) -> None:
    """The consolidated workbook and the CSV files."""
    facts = RunFacts(input_dir.name or str(input_dir), sample, _provenance(c.found, c.read, c.validated, c.chosen, reg,
                                                                   c.council_files, c.council),
                     rules, reg.settings.get("van_ban"), reg.year, reg.to_fill)
    write_workbook(new / WORKBOOK_NAME.format(year=reg.year), reg, c.results, c.chosen.register, c.issues,
                   facts, c.awards, c.council, same)
    pause_for_test("bao_cao")
    for i, khom in enumerate((False, True)):
        frame = with_comparison(target_frame(c.results, reg, scope_khom=khom), c.results, same.comparisons, khom)
        write_csv(frame, new / CSV_NAMES[i])
    write_csv(c.chosen.register, new / CSV_NAMES[2])
    write_csv(issue_frame(c.issues, reg), new / CSV_NAMES[3])
    write_csv(c.awards.registrations, new / CSV_NAMES[4])
    write_csv(decision_frame(c.awards.decisions, reg, rules), new / CSV_NAMES[5])
    write_csv(criteria_frame(c.awards.decisions, reg, rules), new / CSV_NAMES[6])


def _missing_reason(validated: Validated, chosen: Chosen, rejected: dict[tuple[str, str, str], str]):
    register = chosen.register
    rows = validated.rows
    used_subs = chosen.used
    labels = {"chua_nop": "chưa nộp", "xung_dot": "hai báo cáo xung đột", "bi_thay": "báo cáo bị thay",
              "trung_lap": "bản trùng", "khong_dung_duoc": "báo cáo không dùng được"}

    # one pass over the rows and the register instead of a filter per question (hundreds of them)
    in_use = rows[rows["sub"].isin(used_subs)]
    has_error: dict[tuple, bool] = {}
    for key, error in zip(zip(in_use["ma_don_vi"], in_use["ky"], in_use["ma_chi_tieu"]), in_use["co_loi"]):
        has_error.setdefault(key, bool(error))   # the first row, as the rows are ordered
    slots: dict[tuple, set] = {}
    for key, state in zip(zip(register["ma_don_vi"], register["ky"]), register["trang_thai"]):
        slots.setdefault(key, set()).add(state)

    def reason(unit: str, period: str, target: str) -> str:
        if (unit, period, target) in has_error:
            if not has_error[(unit, period, target)]:
                return "chưa nhập số liệu"
            why = rejected.get((unit, period, target))
            return f"số liệu có lỗi: {why}" if why else "số liệu có lỗi"
        states = slots.get((unit, period), set())
        if states & {"hop_le", "co_loi"}:
            return "thiếu dòng chỉ tiêu"
        for state in ("xung_dot", "khong_dung_duoc", "chua_nop"):
            if state in states:
                return labels[state]
        return "chưa nộp"
    return reason


def _missing_submissions(chosen: Chosen, reg: Registers) -> list[Issue]:
    out = []
    for rec in chosen.register[chosen.register["trang_thai"] == MISSING].itertuples(index=False):
        kind = reg.report_kind(rec.loai_bao_cao)
        deadline = reg.deadline(rec.loai_bao_cao, rec.ky)
        out.append(make_issue("CHUA_NOP", unit=rec.ma_don_vi, detail=rec.don_vi,
                              value=f"\"{kind.short_name}\" {reg.period_name(rec.ky)}",
                              expected=f"{deadline:%d/%m/%Y}" if deadline else "của Hội đồng"))
    return out


def _provenance(found: list[Found], read: list[ReadResult], validated: Validated, chosen: Chosen,
                reg: Registers, council_files: tuple = (), council=None) -> pd.DataFrame:
    """One row per file found, in the words a person reads (report kind and period by name): the
    units' reports, the history files, and the council's own files (the decision form, the
    campaign proposals) that the council stage set apart."""
    kinds = {k.code: k.short_name for k in reg.report_kinds}
    by_name = {c.result.found.name: c for c in validated.checked}
    records = []
    for f in found:
        c = by_name.get(f.name)
        if c is None:
            try:
                sha, size = sha256_of(f.path), f.path.stat().st_size
            except OSError:
                sha, size = "", 0
            records.append([f.name, sha, size, "", "", "", "", "", 0, "Không đọc", f.reason])
            continue
        res, sub = c.result, c.result.submission
        fate = chosen.fates.get(c.index, "khong_xac_dinh")
        records.append([
            f.name, res.sha256, res.size, kinds.get(sub.report_kind, sub.report_kind) if sub else "",
            sub.template_version if sub else "",
            c.unit, reg.period_name(c.period) if c.period else "", c.report_date.strftime("%d/%m/%Y") if c.report_date else "",
            len(sub.rows) if sub else 0, STATUS_LABEL[fate], res.reason,
        ])
    for r in council_files:
        sub = r.submission
        records.append([r.found.name, r.sha256, r.size, kinds.get(sub.report_kind, sub.report_kind),
                        sub.template_version, sub.identity_unit or "", "", "", len(sub.rows),
                        *_council_file_use(r, council, reg)])
    return pd.DataFrame.from_records(records, columns=[
        "tep", "sha256", "kich_thuoc", "loai_bieu_mau", "phien_ban", "don_vi", "ky", "ngay_bao_cao",
        "so_dong_doc", "su_dung", "ly_do"])


def _council_file_use(r: ReadResult, council, reg: Registers) -> tuple[str, str]:
    """Whether a council file fed the results: the decision form in use is the latest one read
    (``council.form_file``); a campaign proposal is used when it could be read."""
    if not r.submission.readable:
        return STATUS_LABEL["khong_dung_duoc"], r.reason
    decision_form = reg.report_kind(r.submission.report_kind).content == "ket_qua_hop"
    if decision_form and council is not None and r.submission.file != council.form_file:
        return STATUS_LABEL["bi_thay"], f"Dùng biểu \"{council.form_file}\""
    return STATUS_LABEL["hop_le"], r.reason
