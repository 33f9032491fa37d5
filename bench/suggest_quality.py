#!/usr/bin/env python3
"""Quality benchmark of `seamline suggest` (extract module).

Takes real, cohesive modules -- Rust files from the crate sources in ~/.cargo/registry/src,
Python files from the Django sdist -- merges pairs and triples of sibling modules into one
file each, asks `seamline suggest --format json` for the best plan, and scores how well its
pieces recover the original modules: pairwise precision and recall of "these two items belong
together", their F1, and MoJoFM. Two layouts per merged file: `concat` (the modules one after
the other, as a file that grew by accretion looks) and `shuffled` (top-level items in random
order: the file order gives no hint, only the dependency graph does).

Usage:
  bench/suggest_quality.py [--seamline PATH] [--django DIR] [--cases N] [--out DIR]

Nothing is written into the repository except the results (bench/results/suggest_quality.*).
The Django sdist is downloaded with pip into a cache directory outside the repository when
--django is not given.
"""

import argparse
import glob
import itertools
import json
import os
import random
import re
import subprocess
import sysconfig
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MIN_LINES, MAX_LINES = 100, 340  # each original module, with a header, fits below the watch band (400 of 500)
MIN_MERGED = 501                 # every merged file is over the 500-line limit
SEED = 20240601

RUST_DEF = re.compile(r"^(?:pub(?:\([^)]*\))?\s+)?(?:(?:async|const|unsafe|extern\s+\"C\")\s+)*"
                      r"(?:fn|struct|enum|trait|type|const|static|union|mod|macro_rules!)\s+([A-Za-z_]\w*)")
PY_DEF = re.compile(r"^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_]\w*)\s*(?::[^=]*)?=")


def top_names(text, lang):
    names = []
    for line in text.splitlines():
        if not line or line[0].isspace():
            continue
        m = (RUST_DEF if lang == "rust" else PY_DEF).match(line)
        if m:
            names.append(next(g for g in m.groups() if g))
    return names


def crate_roots():
    """The newest unpacked source directory of each crate in the cargo registry."""
    roots = {}
    for d in sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/*/"))):
        base = os.path.basename(d.rstrip("/"))
        m = re.match(r"(.+?)-(\d+(?:\.\d+)*.*)$", base)
        if m:
            roots[m.group(1)] = d  # sorted: the last (newest) wins
    return roots


def read_text(path):
    """The file's text, or None when it cannot be read as UTF-8."""
    try:
        return open(path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError):
        return None


def plain_rust_module(text):
    """Whether a Rust file is a fair leaf module for a case: a size in range, no child
    modules, few macro-generated items and at least three top-level names."""
    if not (MIN_LINES <= text.count("\n") <= MAX_LINES):
        return False
    if re.search(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*;", text, re.M):
        return False  # declares child modules: not a leaf module
    if len(re.findall(r"^\w+!\s*[({\[]", text, re.M)) > 2:
        return False  # macro-generated items: not a fair module
    return len(top_names(text, "rust")) >= 3


def rust_candidates():
    """Latest version of each crate; its src/ files that are plain modules."""
    groups = {}
    for crate, d in sorted(crate_roots().items()):
        for path in glob.glob(os.path.join(d, "src", "**", "*.rs"), recursive=True):
            base = os.path.basename(path)
            if base in ("lib.rs", "main.rs", "mod.rs") or "/tests/" in path or "/benches/" in path:
                continue
            text = read_text(path)
            if text is None or not plain_rust_module(text):
                continue
            groups.setdefault((crate, os.path.dirname(path)), []).append((path, text))
    return groups


def python_candidates(django):
    """Sibling modules from the Django sdist and from the Python standard library (the
    interpreter running this script), grouped by directory."""
    roots = [("django", os.path.join(django, "django"))]
    stdlib = sysconfig.get_paths().get("stdlib")
    if stdlib and os.path.isdir(stdlib):
        roots.append(("stdlib", stdlib))
    groups = {}
    for label, root in roots:
        for path, text in python_modules(root):
            groups.setdefault((label, os.path.dirname(path)), []).append((path, text))
    return groups


def python_modules(root):
    """(path, text) of every library module under `root` of a size a merged case can use."""
    for path in glob.glob(os.path.join(root, "**", "*.py"), recursive=True):
        if not python_module_wanted(path, root):
            continue
        try:
            text = open(path, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        n = text.count("\n")
        if MIN_LINES <= n <= MAX_LINES and len(top_names(text, "python")) >= 3:
            yield path, text


def python_module_wanted(path, root):
    """Library modules only: no package initialisers, migrations, tests, vendored or
    third-party trees."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    if os.path.basename(path) == "__init__.py":
        return False
    skip = {"migrations", "tests", "test", "idle_test", "site-packages", "dist-packages",
            "__pycache__", "_vendor", "lib2to3", "ensurepip", "turtledemo"}
    return not any(p in skip for p in parts[:-1])


def strip_header(text, lang):
    """Drops what may only open a file: inner attributes and `//!` docs (Rust), the module
    docstring and `from __future__` imports (Python)."""
    lines = text.splitlines()
    if lang == "rust":
        out, in_attr = [], False
        for l in lines:
            s = l.strip()
            if in_attr:
                in_attr = not s.endswith("]")
                continue
            if s.startswith("//!") or s.startswith("#!["):
                in_attr = s.startswith("#![") and not s.endswith("]")
                continue
            out.append(l)
        return "\n".join(out) + "\n"
    out = [l for l in lines if not l.startswith("from __future__")]
    text = "\n".join(out) + "\n"
    m = re.match(r'\s*(?:[rRuU]?"""[\s\S]*?"""|[rRuU]?\'\'\'[\s\S]*?\'\'\')\s*\n', text)
    return text[m.end():] if m else text


def group_cases(files, lang, rng):
    """Up to three merges of two or three files of one directory whose top-level names do not
    clash and that are long enough together."""
    rng.shuffle(files)
    combos = [c for k in (2, 3) for c in itertools.combinations(files, k)]
    rng.shuffle(combos)
    cases = []
    for combo in combos:
        names = [set(top_names(t, lang)) for _, t in combo]
        if any(a & b for a, b in itertools.combinations(names, 2)):
            continue
        if sum(t.count("\n") for _, t in combo) < MIN_MERGED:
            continue
        cases.append((lang, [p for p, _ in combo], [t for _, t in combo]))
        if len(cases) >= 3:
            break
    return cases


def make_cases(groups, lang, wanted, rng):
    cases = []
    keys = sorted(groups)
    rng.shuffle(keys)
    for key in keys:
        files = groups[key]
        if len(files) < 2:
            continue
        cases.extend(group_cases(files, lang, rng))
        if len(cases) >= wanted:
            break
    return cases


def merge(texts, lang):
    """The merged text and, per module, its 1-based line range."""
    out, ranges, line = [], [], 1
    for i, t in enumerate(texts):
        t = t if i == 0 else strip_header(t, lang)
        if not t.endswith("\n"):
            t += "\n"
        n = t.count("\n")
        ranges.append((line, line + n - 1))
        out.append(t)
        line += n
        out.append("\n")
        line += 1
    return "".join(out), ranges


def run(seamline, path):
    p = subprocess.run([seamline, "suggest", path, "--format", "json", "--no-cache", "--no-user-config", "--force"],
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip()[:300])
    data = json.loads(p.stdout)
    plans = [pl for pl in data["plans"] if pl["pattern"] == "extract-module"]
    return plans[0] if plans else None


def scored_items(plan):
    """Items the planner was free to place: pinned items (tests modules, extern blocks,
    statements run at import time, `__all__`) stay with the original by rule."""
    for pi, piece in enumerate(plan["pieces"]):
        for it in piece["items"]:
            if not it.get("pinned"):
                yield it, pi


def truth(line, ranges):
    for i, (a, b) in enumerate(ranges):
        if a <= line <= b:
            return i
    return -1


def pairwise(pred, true):
    n = len(pred)
    tp = fp = fn = 0
    for i in range(n):
        for j in range(i + 1, n):
            sp, st = pred[i] == pred[j], true[i] == true[j]
            tp += sp and st
            fp += sp and not st
            fn += st and not sp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def mojo(a, b):
    """MoJo distance from partition a to partition b (lists of labels per object), computed as
    Wen & Tzerpos define it: tag every cluster of a with the cluster of b it shares most
    objects with (ties: maximum matching over the tags, brute force for these small cases);
    moves = objects not in their tag's cluster; joins = sum over b's clusters of (number of a's
    clusters tagged with it, if non-zero) - 1."""
    ca = sorted(set(a))
    cb = sorted(set(b))
    overlap = {(x, y): sum(1 for i in range(len(a)) if a[i] == x and b[i] == y) for x in ca for y in cb}
    best = None
    for tags in itertools.product(cb, repeat=len(ca)) if len(ca) <= 6 else [[max(cb, key=lambda y: overlap[(x, y)]) for x in ca]]:
        moves = sum(sum(overlap[(x, y)] for y in cb) - overlap[(x, t)] for x, t in zip(ca, tags))
        groups = {}
        for x, t in zip(ca, tags):
            groups.setdefault(t, []).append(x)
        joins = sum(len(v) - 1 for v in groups.values())
        cost = moves + joins
        best = cost if best is None else min(best, cost)
    return best


def mojofm(pred, true):
    """MoJoFM(A, B) = 1 - mno(A, B) / max over all A' of mno(A', B); the maximum is
    n - |B's largest cluster|... bounded here by trying the two extreme partitions
    (one cluster, all singletons) and taking the larger, as the definition's maximum is reached
    at one of them for flat partitions."""
    n = len(pred)
    if n == 0:
        return 1.0
    worst = max(mojo([0] * n, true), mojo(list(range(n)), true))
    return 1.0 - mojo(pred, true) / worst if worst else 1.0


def shuffled(merged_text, plan, ranges, rng):
    """The merged file with its top-level items in random order; gaps (imports, comments
    between items) go first. Returns the text and the new ranges per module for every line."""
    lines = merged_text.splitlines()
    items = sorted((it["start_line"], it["end_line"]) for piece in plan["pieces"] for it in piece["items"])
    covered = set()
    for a, b in items:
        covered.update(range(a, b + 1))
    head = [l for i, l in enumerate(lines, 1) if i not in covered]
    order = items[:]
    rng.shuffle(order)
    out, owner = list(head), [truth(i, ranges) for i, _ in enumerate(head, 1)]
    owner = [-1] * len(head)
    for a, b in order:
        out.append("")
        owner.append(-1)
        for i in range(a, b + 1):
            out.append(lines[i - 1])
            owner.append(truth(a, ranges))
    return "\n".join(out) + "\n", owner


def score_case(seamline, text, owner_of_line, tmp, name):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    plan = run(seamline, path)
    if plan is None:
        return None
    pred, true, labels = [], [], []
    for it, pi in scored_items(plan):
        t = owner_of_line(it["start_line"])
        if t < 0:
            continue
        pred.append(pi)
        true.append(t)
        labels.append(it["name"])
    p, r, f = pairwise(pred, true)
    return {"p": p, "r": r, "f1": f, "mojofm": mojofm(pred, true), "pieces": len(plan["pieces"]),
            "items": len(pred), "confidence": plan["confidence"], "plan": plan,
            "pred": pred, "true": true, "labels": labels}


def ensure_django(cache):
    target = os.path.join(cache, "Django-5.1")
    if os.path.isdir(target):
        return target
    os.makedirs(cache, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    "django==5.1", "-d", cache], check=True)
    with tarfile.open(os.path.join(cache, "Django-5.1.tar.gz")) as t:
        t.extractall(cache)
    return target


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seamline", default=os.path.join(REPO, "target", "release", "seamline"))
    ap.add_argument("--django", default=None)
    ap.add_argument("--cases", type=int, default=40, help="merged files per language")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--dump", default=None, help="keep merged files and per-item verdicts here")
    ap.add_argument("--only", default=None, help="rust or python")
    args = ap.parse_args()
    django = args.django or ensure_django(os.path.expanduser("~/.cache/seamline-bench/django"))
    rng = random.Random(SEED)
    cases = make_cases(rust_candidates(), "rust", args.cases, rng) if args.only != "python" else []
    if args.only != "rust":
        cases += make_cases(python_candidates(django), "python", args.cases, rng)
    rows = []
    with tempfile.TemporaryDirectory(prefix="seamline-suggest-") as tmp:
        for k, case in enumerate(cases):
            rows.append(run_case(args, k, case, tmp))
    report(rows, args.out)


def run_case(args, k, case, tmp):
    """Scores one merged file in both layouts: the modules one after the other, and shuffled
    by the plan of the first. Returns its row for the report."""
    lang, paths, texts = case
    ext = "rs" if lang == "rust" else "py"
    merged, ranges = merge(texts, lang)
    concat = score_case(args.seamline, merged, lambda l: truth(l, ranges), tmp, f"case{k}.{ext}")
    if concat is None:
        return (lang, paths, None, None)
    text, owner = shuffled(merged, concat["plan"], ranges, random.Random(SEED + k))
    shuf = score_case(args.seamline, text, lambda l: owner[l - 1] if 0 < l <= len(owner) else -1,
                      tmp, f"case{k}s.{ext}")
    if args.dump:
        dump_case(args.dump, k, case, merged, concat)
    if args.verbose:
        print(lang, concat["f1"], shuf and shuf["f1"], [os.path.relpath(p, os.path.dirname(paths[0])) for p in paths], file=sys.stderr)
    return (lang, paths, concat, shuf)


def dump_case(dump, k, case, merged, concat):
    """Keeps the merged file and its per-item verdicts in `dump`."""
    lang, paths, _ = case
    ext = "rs" if lang == "rust" else "py"
    os.makedirs(dump, exist_ok=True)
    with open(os.path.join(dump, f"case{k}.{ext}"), "w") as f:
        f.write(merged)
    with open(os.path.join(dump, f"case{k}.txt"), "w") as f:
        f.write(f"{lang} F1 {concat['f1']:.3f} P {concat['p']:.3f} R {concat['r']:.3f}\n")
        f.write("\n".join(paths) + "\n")
        for lab, pp, tt in sorted(zip(concat["labels"], concat["pred"], concat["true"]), key=lambda x: (x[2], x[1])):
            f.write(f"  true {tt} pred {pp}  {lab}\n")


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs) if xs else float("nan")


def summary_lines(rows):
    """The Markdown table of mean scores per language and layout."""
    lines = ["| language | layout | merged files | precision | recall | F1 | MoJoFM | F1 ≥ 0.85 |",
             "|---|---|---|---|---|---|---|---|"]
    for lang in ("rust", "python"):
        for layout, idx in (("concat", 2), ("shuffled", 3)):
            rs = [r[idx] for r in rows if r[0] == lang and r[idx] is not None]
            if not rs:
                continue
            good = sum(1 for r in rs if r["f1"] >= 0.85)
            lines.append(f"| {lang} | {layout} | {len(rs)} | {mean(r['p'] for r in rs):.3f} | "
                         f"{mean(r['r'] for r in rs):.3f} | {mean(r['f1'] for r in rs):.3f} | "
                         f"{mean(r['mojofm'] for r in rs):.3f} | {good}/{len(rs)} |")
    return lines


def tsv_lines(rows):
    """One TSV row per case and layout."""
    tsv = ["language\tlayout\tfiles\tprecision\trecall\tf1\tmojofm\tpieces\titems\tconfidence\tmodules"]
    for lang, paths, c, s in rows:
        for layout, r in (("concat", c), ("shuffled", s)):
            if r is None:
                tsv.append(f"{lang}\t{layout}\t0\t\t\t\t\t\t\t\t{';'.join(paths)}")
                continue
            tsv.append(f"{lang}\t{layout}\t1\t{r['p']:.3f}\t{r['r']:.3f}\t{r['f1']:.3f}\t{r['mojofm']:.3f}\t"
                       f"{r['pieces']}\t{r['items']}\t{r['confidence']:.2f}\t{';'.join(paths)}")
    return tsv


def worst_lines(rows):
    """The cases with the lowest F1 in the concatenated layout."""
    worst = sorted((r[2]["f1"], r[0], r[1], r[2]) for r in rows if r[2] is not None)[:8]
    lines = ["", "Lowest F1 (concat layout):", ""]
    for f1, lang, paths, r in worst:
        short = ", ".join(os.path.relpath(p, os.path.dirname(os.path.dirname(paths[0]))) for p in paths)
        lines.append(f"- {lang} F1 {f1:.2f} (P {r['p']:.2f}, R {r['r']:.2f}, {r['pieces']} pieces for "
                     f"{len(paths)} modules): {short}")
    return lines


def report(rows, out):
    os.makedirs(out, exist_ok=True)
    text = "\n".join(summary_lines(rows) + worst_lines(rows)) + "\n"
    with open(os.path.join(out, "suggest_quality.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "suggest_quality.tsv"), "w") as f:
        f.write("\n".join(tsv_lines(rows)) + "\n")
    print(text)


if __name__ == "__main__":
    main()
