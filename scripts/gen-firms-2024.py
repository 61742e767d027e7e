#!/usr/bin/env python3
"""Writes examples/firms-2024/: the 202 firm dossiers of Jincheng's 2024 credit evaluation.

TA0315 reply 三(四): 202 firms took part in 2024; 32 were rated A, 77 B, 92 C, 1 D.
This script makes 202 invented firm dossiers (as-of 2024-12-31) whose credit totals give
exactly those counts under the shipped placeholder thresholds (A >= 90, B >= 75, C >= 60,
else D), with firms exactly at 90, 75 and 60 and at 89.99, 74.99 and 59.99.

For each F-2024-NNN.xml it writes F-2024-NNN.expect (every non-n/a finding of the firm
rules, computed here from RULES.md with exact decimals), plus README.md and
expected-summary.txt. Deterministic: only Random.random() of a seeded generator is used,
so the output is the same on every Python 3 version.

Usage: python3 scripts/gen-firms-2024.py [OUT-DIR]   (default: examples/firms-2024)
"""
import datetime
import os
import random
import sys
from decimal import Decimal

SEED = 20241231
AS_OF = datetime.date(2024, 12, 31)
COUNTS = {"A": 32, "B": 77, "C": 92, "D": 1}
# Totals in hundredths that must appear: the grade bounds and one hundredth below them.
BOUNDARY = {"A": [9000], "B": [8999, 7500], "C": [7499, 6000], "D": [5999]}
DIMENSIONS = ("qualification", "performance", "reputation", "market")
DIMENSION_MAX = 2500  # each dimension scores 0 to 25 points, in hundredths

# The placeholder service tier table of RULES.md: (measure, "ge"/"le", tier1, tier2, tier3).
TIER_TABLE = [
    ("security-hours", "ge", "24", "16", "8"),
    ("cleanings-per-day", "ge", "2", "1", "0.5"),
    ("repair-response-hours", "le", "2", "12", "24"),
    ("greenery-trims-per-year", "ge", "6", "4", "2"),
    ("staff-per-100-households", "ge", "3", "2", "1"),
]
# Measured values the generator picks from, by the tier they fall in (checked again below).
MEASURE_VALUES = {
    "security-hours": {1: ["24"], 2: ["16", "18", "20", "22"], 3: ["8", "10", "12", "14"], 4: ["4", "6"]},
    "cleanings-per-day": {1: ["2", "3"], 2: ["1", "1.5"], 3: ["0.5"], 4: ["0.2", "0.3"]},
    "repair-response-hours": {1: ["0.5", "1", "1.5", "2"], 2: ["2.5", "4", "6", "8", "12"],
                              3: ["12.5", "16", "18", "24"], 4: ["36", "48", "72"]},
    "greenery-trims-per-year": {1: ["6", "8", "10", "12"], 2: ["4", "5"], 3: ["2", "3"], 4: ["0", "1"]},
    "staff-per-100-households": {1: ["3", "3.2", "3.5", "4"], 2: ["2", "2.2", "2.5", "2.8"],
                                 3: ["1", "1.2", "1.5", "1.8"], 4: ["0.5", "0.8"]},
}

REGIONS = [  # (name prefix, administrative division code in the credit code, weight)
    ("晋城市", "140500", 8), ("晋城市", "140502", 6), ("泽州县", "140525", 3),
    ("高平市", "140581", 3), ("阳城县", "140522", 2), ("陵川县", "140524", 1), ("沁水县", "140521", 1),
]
WORDS = (
    "安居 恒泰 鑫源 华庭 锦绣 宏达 泰和 瑞祥 福润 康盛 嘉禾 悦居 德信 盛世 天泽 润泽 金辇 凤鸣 书院 太行 "
    "丹河 沁园 珏山 皇城 兰花 白马 中原 景德 凤台 晓庄 晋福 晋华 泽润 泽康 泽安 阳光 和润 祥瑞 通达 永安 "
    "长青 鸿运 兴业 昌盛 惠民 宜居 家和 乐居 诚信 博远 华瑞 汇丰 金泰 锦华 君安 凯德 蓝天 立信 龙城 美家 "
    "明泰 平安 青莲 仁和 荣达 尚品 世纪 顺达 舒心 四季 天成 同心 万家 望川 文昌 西山 祥和 新源 信达 星河 "
    "旭日 雅居 怡和 益民 银河 永和 友邦 玉泉 圆梦 悦华 泽丰 正和 至诚 中泰 众合 卓越 紫金 宏泰 建业 聚福"
).split()
FIRM_FORMS = ["物业服务有限公司"] * 5 + ["物业管理有限公司"] * 2 + ["物业服务有限责任公司"]
PLACES = (
    "凤鸣 书院街 景西 红星 泽州路 白水 兰花 金辇 凤台 太行 中原街 新市 文昌 钟家庄 北石店 晓庄 西上庄 黄华街 "
    "建设路 东四义 南村 巴公 北留 凤凰山 青莲 米山 寺河 晋韵 锦华 泽秀 丹河 世纪 阳光 颐和 康乐 泰安 祥和 "
    "铁南 矿区 古书院 前进路 瑞丰 龙湾 长兴"
).split()
PLACE_SUFFIXES = ["小区", "小区", "小区", "苑", "花园", "家园", "新村", "东区", "西区", "锦苑"]

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


class Rng:
    """Choices built on random() alone, whose sequence Python keeps stable across versions."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def below(self, n):
        return int(self.r.random() * n)

    def between(self, lo, hi):  # inclusive
        return lo + self.below(hi - lo + 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, p):
        return self.r.random() < p

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.r.random() * total
        for item, w in pairs:
            x -= w
            if x < 0:
                return item
        return pairs[-1][0]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


def dec_text(hundredths):
    """120 -> '1.2', 2250 -> '22.5', 2400 -> '24', 1449 -> '14.49'."""
    s = f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")
    return s


def grade_of(total):
    return "A" if total >= 90 else "B" if total >= 75 else "C" if total >= 60 else "D"


def credit_code(rng, area):
    body = "MA0" + "".join(rng.pick(USCC_CHARS) for _ in range(5))
    c = 11 - sum(int(ch, 36) * w for ch, w in zip(body, ORG_WEIGHTS)) % 11
    org = body + ("X" if c == 10 else "0" if c == 11 else str(c))
    s = "91" + area + org
    c = (31 - sum(USCC_CHARS.index(ch) * w for ch, w in zip(s, USCC_WEIGHTS)) % 31) % 31
    return s + USCC_CHARS[c]


def split_total(rng, total):
    """Four dimension scores in hundredths summing exactly to total, each 0..DIMENSION_MAX."""
    while True:
        scores = []
        for _ in range(3):
            centre = total // 4
            quarter_points = rng.between(-10, 10)  # +-2.5 points in steps of 0.25
            scores.append(max(0, min(DIMENSION_MAX, centre // 25 * 25 + quarter_points * 25)))
        last = total - sum(scores)
        if 0 <= last <= DIMENSION_MAX:
            scores.append(last)
            k = rng.below(4)  # which dimension carries the odd hundredths
            scores[k], scores[3] = scores[3], scores[k]
            return scores


def tier_of_measure(measure, value):
    """The best tier whose bound the measured value meets; 4 = below tier 3."""
    for m, direction, *bounds in TIER_TABLE:
        if m == measure:
            v = Decimal(value)
            for i, b in enumerate(bounds):
                if (v >= Decimal(b)) if direction == "ge" else (v <= Decimal(b)):
                    return i + 1
            return 4
    raise KeyError(measure)


def tier_of(service):
    """Best tier whose every minimum is met (4 = below tier 3); None if a measure is missing."""
    if any(m not in service for m, *_ in TIER_TABLE):
        return None
    return max(tier_of_measure(m, service[m]) for m, *_ in TIER_TABLE)


def make_service(rng, target):
    """Measures whose worst tier is target: one measure in the target tier, the rest no worse."""
    measures = [m for m, *_ in TIER_TABLE]
    decisive = rng.pick(measures)
    service = {}
    for m in measures:
        tier = target if m == decisive else rng.between(1, target)
        service[m] = rng.pick(MEASURE_VALUES[m][tier])
    assert tier_of(service) == target, service
    return service


def rectification_outcome(r):
    """RULES.md supervision.rectification at AS_OF; a completion after AS_OF does not count yet."""
    completed = r.get("completed")
    if completed is not None and completed > AS_OF:
        completed = None
    if r.get("refused"):
        return "fail", None
    if completed is not None:
        return ("pass" if completed <= r["deadline"] else "fail"), None
    if AS_OF > r["deadline"]:
        return "fail", None
    return "pending", r["deadline"]


def random_date(rng, start, end):
    return start + datetime.timedelta(days=rng.between(0, (end - start).days))


def make_rectification(rng, rid, project, issue):
    issued = random_date(rng, datetime.date(2024, 2, 1), datetime.date(2024, 12, 10))
    deadline = issued + datetime.timedelta(days=rng.pick([30, 45, 60, 90]))
    r = {"id": rid, "project": project, "issue": issue, "issued": issued, "deadline": deadline}
    kind = rng.weighted([("on-time", 50), ("late", 12), ("refused", 8), ("open", 30)])
    if kind == "on-time":
        r["completed"] = issued + datetime.timedelta(days=rng.between(5, (deadline - issued).days))
    elif kind == "late":
        r["completed"] = deadline + datetime.timedelta(days=rng.between(1, 20))
    elif kind == "refused":
        r["refused"] = True
    return r


def build_firms():
    rng = Rng(SEED)
    grades = []
    for g, n in COUNTS.items():
        fixed = BOUNDARY[g]
        lo, hi = {"A": (9001, 9850), "B": (7501, 8998), "C": (6001, 7498), "D": (4000, 5998)}[g]
        grades += [(g, t) for t in fixed] + [(g, rng.between(lo, hi)) for _ in range(n - len(fixed))]
    rng.shuffle(grades)

    used_names, used_codes = set(), set()
    firms = []
    for index, (grade, total) in enumerate(grades, start=1):
        while True:
            prefix, area = rng.weighted([((p, a), w) for p, a, w in REGIONS])
            name = prefix + rng.pick(WORDS) + rng.pick(FIRM_FORMS)
            if name not in used_names:
                used_names.add(name)
                break
        while True:
            code = credit_code(rng, area)
            if code not in used_codes:
                used_codes.add(code)
                break
        scores = split_total(rng, total)
        assert sum(scores) == total and grade_of(Decimal(total) / 100) == grade
        firm = {"id": f"F-2024-{index:03d}", "name": name, "code": code,
                "scores": scores, "total": total, "grade": grade, "declared": grade,
                "projects": [], "rectifications": []}
        places = []
        for p in range(1, 3 if rng.chance(0.3) else 2):
            while True:
                community = rng.pick(PLACES) + rng.pick(PLACE_SUFFIXES)
                if community not in places:
                    places.append(community)
                    break
            charged = rng.weighted([(1, 18), (2, 45), (3, 37)])  # grades of the 3-tier table
            target = rng.weighted([(charged, 70), (max(1, charged - 1), 12), (min(4, charged + 1), 18)])
            project = {"id": f"p{p}", "community": community, "charged": charged,
                       "service": make_service(rng, target)}
            if rng.chance(0.35):
                project["assessed"] = rng.weighted([(charged, 60), (min(4, charged + 1), 25),
                                                   (max(1, charged - 1), 15)])
                project["assessed-date"] = random_date(rng, datetime.date(2024, 3, 1),
                                                       datetime.date(2024, 11, 30))
                if project["assessed"] > charged and rng.chance(0.7):
                    rid = f"r{len(firm['rectifications']) + 1}"
                    firm["rectifications"].append(make_rectification(rng, rid, project["id"], "quality-price"))
            firm["projects"].append(project)
        if rng.chance(0.08):
            rid = f"r{len(firm['rectifications']) + 1}"
            issue = rng.pick(["non-performance", "owner-interest"])
            firm["rectifications"].append(make_rectification(rng, rid, rng.pick(firm["projects"])["id"], issue))
        firms.append(firm)

    # Declared grades: most equal the computed grade; a few differ, a few are absent.
    # Boundary firms keep an equal declared grade so that their finding shows the threshold alone.
    boundary_totals = {t for ts in BOUNDARY.values() for t in ts}
    candidates = [f for f in firms if f["total"] not in boundary_totals]
    order = list(range(len(candidates)))
    rng.shuffle(order)
    neighbours = {"A": "B", "B": "A", "C": "B", "D": "C"}
    for i in order[:6]:
        candidates[i]["declared"] = neighbours[candidates[i]["grade"]]
    for i in order[6:9]:
        candidates[i]["declared"] = None
    # A few services lack a measure (service.tier unknown, a `should` rule).
    for i in order[9:12]:
        project = candidates[i]["projects"][0]
        del project["service"][rng.pick(sorted(project["service"]))]
    return firms


def findings(firm):
    """Every non-n/a finding: (rule, subject, outcome, value, due)."""
    out = []
    total = Decimal(firm["total"]) / 100
    grade = grade_of(total)
    out.append(("credit.grade", "-", "pass" if firm["declared"] in (None, grade) else "fail", grade, None))
    failed_qp = set()
    for p in firm["projects"]:
        tier = tier_of(p["service"])
        if tier is None:
            out.append(("service.tier", p["id"], "unknown", None, None))
        else:
            out.append(("service.tier", p["id"], "pass" if tier <= p["charged"] else "fail", str(tier), None))
        if "assessed" in p:
            out.append(("service.grade-match", p["id"], "pass" if p["assessed"] <= p["charged"] else "fail",
                        None, None))
    for r in firm["rectifications"]:
        outcome, due = rectification_outcome(r)
        out.append(("supervision.rectification", r["id"], outcome, None, due))
        if outcome == "fail" and r["issue"] == "quality-price":
            failed_qp.add(r["project"])
    return out, failed_qp


def status(fs):
    must = {"credit.grade", "service.grade-match", "supervision.rectification"}
    if any(r in must and o == "fail" for r, _, o, _, _ in fs):
        return "noncompliant"
    if any(r in must and o == "unknown" for r, _, o, _, _ in fs):
        return "incomplete"
    return "compliant"


def service_attrs(service):
    order = [m for m, *_ in TIER_TABLE]
    return " ".join(f'{m}="{service[m]}"' for m in order if m in service)


def dossier_xml(firm, fs, failed_qp):
    s = [dec_text(x) for x in firm["scores"]]
    total = dec_text(firm["total"])
    grade = firm["grade"]
    declared = firm["declared"]
    if declared is None:
        verdict = "no declared-grade: pass"
    elif declared == grade:
        verdict = f"declared {declared}: pass"
    else:
        verdict = f"declared {declared} differs: fail"
    lines = [f"credit: {s[0]} + {s[1]} + {s[2]} + {s[3]} = {total}; thresholds A >= 90, B >= 75, C >= 60,"
             f" else D give {grade}; {verdict}."]
    by_subject = {(r, subj): (o, v, d) for r, subj, o, v, d in fs}
    for p in firm["projects"]:
        o, v, _ = by_subject[("service.tier", p["id"])]
        if o == "unknown":
            missing = [m for m, *_ in TIER_TABLE if m not in p["service"]]
            lines.append(f"{p['id']}: service lacks {', '.join(missing)}: service.tier unknown.")
        else:
            worst = [f"{m} {p['service'][m]}" for m, *_ in TIER_TABLE
                     if tier_of_measure(m, p["service"][m]) == int(v)]
            lines.append(f"{p['id']}: tier {v} (worst: {', '.join(worst)}); charged-grade {p['charged']}: "
                         f"service.tier {o}.")
        if "assessed" in p:
            o, _, _ = by_subject[("service.grade-match", p["id"])]
            extra = " (a quality-price order for it already failed)" if p["id"] in failed_qp and o == "fail" else ""
            lines.append(f"{p['id']}: assessed-grade {p['assessed']} vs charged-grade {p['charged']}: "
                         f"service.grade-match {o}{extra}.")
    for r in firm["rectifications"]:
        o, _, d = by_subject[("supervision.rectification", r["id"])]
        if r.get("refused"):
            how = "refused"
        elif "completed" in r:
            how = f"completed {r['completed']}"
            if r["completed"] > AS_OF:
                how += " (after as-of: not yet)"
        else:
            how = "not completed"
        lines.append(f"{r['id']}: deadline {r['deadline']}, {how}; as-of {AS_OF}: supervision.rectification {o}"
                     + (f", due {d}." if d else "."))
    comment = (f"Jincheng 2024 credit evaluation corpus, firm {firm['id']} (generated by scripts/gen-firms-2024.py,"
               f" seed {SEED}).\n     " + "\n     ".join(lines))
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<!-- {comment} -->",
           f'<dossier kind="firm" id="{firm["id"]}" as-of="{AS_OF}">',
           f'  <firm name="{firm["name"]}" credit-code="{firm["code"]}">']
    declared_attr = f' declared-grade="{declared}"' if declared else ""
    out.append(f'    <credit year="2024" qualification="{s[0]}" performance="{s[1]}" reputation="{s[2]}"'
               f' market="{s[3]}"{declared_attr}/>')
    for p in firm["projects"]:
        assessed = ""
        if "assessed" in p:
            assessed = f' assessed-grade="{p["assessed"]}" assessed="{p["assessed-date"]}"'
        out.append(f'    <project id="{p["id"]}" community="{p["community"]}" charged-grade="{p["charged"]}"{assessed}>')
        out.append(f'      <service {service_attrs(p["service"])}/>')
        out.append("    </project>")
    for r in firm["rectifications"]:
        extra = f' completed="{r["completed"]}"' if "completed" in r else ""
        extra += ' refused="true"' if r.get("refused") else ""
        out.append(f'    <rectification id="{r["id"]}" project="{r["project"]}" issue="{r["issue"]}"'
                   f' issued="{r["issued"]}" deadline="{r["deadline"]}"{extra}/>')
    out += ["  </firm>", "</dossier>", ""]
    return "\n".join(out)


def expect_text(firm, fs):
    out = [f"# {firm['id']}: generated by scripts/gen-firms-2024.py (seed {SEED}) from RULES.md;"
           " full: every non-n/a finding is listed"]
    for rule, subject, outcome, value, due in fs:
        line = f"{rule:<26} {subject:<3} {outcome}"
        if value is not None and outcome != "unknown":
            line += f" value={value}"
        if due is not None:
            line += f" due={due}"
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "examples", "firms-2024")
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.startswith("F-2024-") and name.endswith((".xml", ".expect")):
            os.remove(os.path.join(out_dir, name))

    firms = build_firms()
    grade_counts = {g: 0 for g in "ABCD"}
    tier_counts = {}
    statuses = {"compliant": 0, "noncompliant": 0, "incomplete": 0}
    outcome_counts = {}
    for firm in firms:
        fs, failed_qp = findings(firm)
        with open(os.path.join(out_dir, firm["id"] + ".xml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(dossier_xml(firm, fs, failed_qp))
        with open(os.path.join(out_dir, firm["id"] + ".expect"), "w", encoding="utf-8", newline="\n") as f:
            f.write(expect_text(firm, fs))
        firm["status"] = status(fs)
        statuses[firm["status"]] += 1
        for rule, _, outcome, value, _ in fs:
            outcome_counts[(rule, outcome)] = outcome_counts.get((rule, outcome), 0) + 1
            if value is not None and outcome != "unknown":
                if rule == "credit.grade":
                    grade_counts[value] += 1
                else:
                    tier_counts[value] = tier_counts.get(value, 0) + 1
    assert grade_counts == COUNTS, grade_counts

    write_summary(out_dir, firms, statuses, grade_counts, tier_counts, outcome_counts)
    write_readme(out_dir, firms, statuses)


def write_summary(out_dir, firms, statuses, grade_counts, tier_counts, outcome_counts):
    lines = [
        "# Expected summary of `verdict check --format json examples/firms-2024`",
        "# (each dossier has as-of 2024-12-31; shipped parameters). Generated by scripts/gen-firms-2024.py.",
        f"dossiers {len(firms)}",
        f"compliant {statuses['compliant']}",
        f"noncompliant {statuses['noncompliant']}",
        f"incomplete {statuses['incomplete']}",
        "errors 0",
        "# summary value counts per classification rule",
    ]
    lines += [f"credit.grade {g} {grade_counts[g]}" for g in "ABCD"]
    lines += [f"service.tier {t} {tier_counts[t]}" for t in sorted(tier_counts)]
    lines.append("# findings per rule and outcome (not part of the report's summary; for cross-checking)")
    lines += [f"finding {rule} {outcome} {n}" for (rule, outcome), n in sorted(outcome_counts.items())]
    with open(os.path.join(out_dir, "expected-summary.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_readme(out_dir, firms, statuses):
    boundary = sorted((f["total"], f["id"]) for f in firms
                      if f["total"] in {t for ts in BOUNDARY.values() for t in ts})
    differ = [f for f in firms if f["declared"] is not None and f["declared"] != f["grade"]]
    absent = [f for f in firms if f["declared"] is None]
    unknown_tier = [(f["id"], p["id"], [m for m, *_ in TIER_TABLE if m not in p["service"]][0])
                    for f in firms for p in f["projects"] if tier_of(p["service"]) is None]
    lines = [
        "# firms-2024: the 2024 credit evaluation, 202 firm dossiers",
        "",
        "Invented dossiers (names, credit codes and scores are made up) that reproduce the figures of the",
        "TA0315 reply 三(四): 202 firms, 32 rated A, 77 B, 92 C, 1 D, under the shipped placeholder",
        "thresholds A >= 90, B >= 75, C >= 60, else D. Every dossier has `as-of=\"2024-12-31\"`.",
        "",
        "Generated by `python3 scripts/gen-firms-2024.py` (seeded, deterministic; it rewrites the",
        "`F-2024-*.xml`/`.expect` files, this README and `expected-summary.txt`). Do not edit by hand.",
        "",
        "- `F-2024-001.xml` ... `F-2024-202.xml`: one firm each, with a `credit` element (four scores of",
        "  0 to 25 points, total = their exact sum), one or two projects each with a `service`, some",
        "  `assessed-grade`s and some rectification orders. The opening comment gives the arithmetic.",
        "- `F-2024-NNN.expect`: every non-n/a finding of the four firm rules (full, not partial):",
        "  `credit.grade` with its value, `service.tier` with its value, `service.grade-match`,",
        "  `supervision.rectification` (pending ones with their due date).",
        "- `expected-summary.txt`: the report summary these dossiers should give.",
        "",
        "Firms exactly at a bound or one hundredth below it:",
        "",
    ]
    lines += [f"- {fid}: total {dec_text(t)}" for t, fid in boundary]
    lines += ["", f"Declared grades that differ from the computed one ({len(differ)} firms; `credit.grade` fails):", ""]
    lines += [f"- {f['id']}: total {dec_text(f['total'])}, computed {f['grade']}, declared {f['declared']}"
              for f in differ]
    lines += ["", f"No declared grade ({len(absent)} firms; `credit.grade` passes):", ""]
    lines += [f"- {f['id']}: total {dec_text(f['total'])}, computed {f['grade']}" for f in absent]
    lines += ["", f"Every other firm ({len(firms) - len(differ) - len(absent)}) declares its computed grade.", "",
              f"Services lacking a measure ({len(unknown_tier)}; `service.tier` is `unknown`, a `should` rule, "
              "so the status is not affected):", ""]
    lines += [f"- {fid} {pid}: no `{m}`" for fid, pid, m in unknown_tier]
    lines += ["", f"Status: {statuses['compliant']} compliant, {statuses['noncompliant']} noncompliant "
              f"(a `must` finding fails: a differing declared grade, an assessed grade worse than the one "
              f"charged, or a failed rectification order), {statuses['incomplete']} incomplete.", ""]
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
