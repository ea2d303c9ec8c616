"""How many individuals, collectives and households a document names, each counted once, and how
many titles and forms of commendation they receive. One count for every place that prints it: the
decision's Điều 1 and its list, the minutes, the proposal upward and the workbook's overview, so
that a person holding two forms (Lao động tiên tiến and Giấy khen) is one person everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.council import households
from pipeline.text import normalise_key


@dataclass(frozen=True)
class Tally:
    people: int = 0        # distinct individuals
    groups: int = 0        # distinct collectives (khóm included)
    households: int = 0    # households recognised (the household title, counted per household)
    homes: int = 0         # households named one by one (a campaign's Giấy khen to a household)
    titles: int = 0        # titles (danh hiệu thi đua) the individuals and collectives receive
    forms: int = 0         # forms of commendation (hình thức khen thưởng: Giấy khen…) they receive
    several_people: int = 0   # individuals receiving more than one
    several_groups: int = 0   # collectives receiving more than one

    @property
    def awards(self) -> int:
        return self.titles + self.forms


HOME = "ho"   # the decision kind of one named household (council/campaign.py)


def subject_key(entry) -> tuple:
    """One individual (unit, name, birth date), one collective or one household (unit, name)."""
    d = entry.decision
    person = d.kind == "ca_nhan"
    return (not person, d.unit, normalise_key(d.subject), d.birth if person else None, d.kind == HOME)


def tally(entries, forms) -> Tally:
    """``entries``: approved cases (one per subject × title); ``forms``: the rule codes that are forms
    of commendation (``hinh_thuc_tang`` of hoi_dong.toml), the others being titles. A khóm whose
    households are held out of the decision (``households.split``) counts for nothing."""
    others, khom, _ = households.split(entries)
    by_subject: dict[tuple, int] = {}
    for e in others:
        key = subject_key(e)
        by_subject[key] = by_subject.get(key, 0) + 1
    people = sum(1 for key in by_subject if not key[0])
    homes = sum(1 for key in by_subject if key[4])
    given = sum(1 for e in others if e.decision.title in forms)
    return Tally(people=people, groups=len(by_subject) - people - homes, homes=homes,
                 households=sum(households.figures(e)[0] for e in khom),
                 titles=len(others) - given, forms=given,
                 several_people=sum(1 for key, n in by_subject.items() if n > 1 and not key[0]),
                 several_groups=sum(1 for key, n in by_subject.items() if n > 1 and key[0] and not key[4]))


def subjects_text(t: Tally) -> str:
    """"53 cá nhân, 01 tập thể" (numbers below 10 with a leading zero, as lists are numbered), then
    " và 02 hộ gia đình" for households named one by one."""
    text = ", ".join(p for p in (f"{t.people:02d} cá nhân" if t.people else "",
                                 f"{t.groups:02d} tập thể" if t.groups else "") if p)
    homes = f"{t.homes:02d} hộ gia đình" if t.homes else ""
    return f"{text} và {homes}" if text and homes else text or homes


def awards_text(t: Tally) -> str:
    """"53 danh hiệu thi đua và 03 hình thức khen thưởng"."""
    return " và ".join(p for p in (f"{t.titles:02d} danh hiệu thi đua" if t.titles else "",
                                   f"{t.forms:02d} hình thức khen thưởng" if t.forms else "") if p)


def receivers(t: Tally) -> str:
    return "các cá nhân, tập thể" if t.people and t.groups else "các cá nhân" if t.people else "các tập thể"


def several_text(t: Tally, verb: str = "nhận") -> str:
    """" (trong đó 02 cá nhân nhận từ hai danh hiệu, hình thức trở lên)", or nothing."""
    who = subjects_text(Tally(people=t.several_people, groups=t.several_groups))
    return f" (trong đó {who} {verb} từ hai danh hiệu, hình thức trở lên)" if who else ""


def list_total(t: Tally) -> str:
    """The closing line of a list: "53 cá nhân, 01 tập thể (56 lượt khen thưởng) và 2.882 hộ gia đình"."""
    parts = []
    if t.people or t.groups:
        parts.append(f"{subjects_text(t)} ({t.awards:02d} lượt khen thưởng)")
    if t.households:
        parts.append(f"{households.number_text(t.households)} hộ gia đình")
    return " và ".join(parts) or "00 trường hợp"


def choice_counts(entries, approve: str, reject: str, defer: str) -> dict[str, int]:
    """The council's decisions over ``entries`` as the minutes and the overview state them: an
    approval whose vote count is invalid (``held``) is not yet decided, and counted among those too."""
    return {"approve": sum(1 for e in entries if e.choice == approve and not e.held),
            "reject": sum(1 for e in entries if e.choice == reject and not e.held),
            "defer": sum(1 for e in entries if e.choice == defer and not e.held),
            "undecided": sum(1 for e in entries if e.choice is None or e.held),
            "held": sum(1 for e in entries if e.held)}
