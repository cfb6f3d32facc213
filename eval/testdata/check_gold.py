#!/usr/bin/env python3
"""Validate the hand-annotated gold files in eval/testdata/{dev,dev2,dev3,heldout}.

Checks, for every NAME.txt:
  * NAME.gold.tsv exists, header is exactly actor/predicate/target/grade/evidence,
    every row has 5 tab-separated non-empty columns,
  * predicate in {supports, opposes, proposes, alignsWith}, grade in {clear, soft},
  * evidence, after unescaping \\n, \\t and \\\\, is an exact substring of NAME.txt,
  * every proposes row has a matching supports row (same actor/target),
  * no duplicate (actor, predicate, target) rows,
  * NAME.meta.tsv exists with a field/value header and known fields.
Usage: python3 eval/testdata/check_gold.py   (exit status 1 on any problem)
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
PRED = {"supports", "opposes", "proposes", "alignsWith"}
GRADE = {"clear", "soft"}
META = {"speaker", "delegation", "forum", "session", "date", "year"}

def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(s[i + 1], "\\" + s[i + 1])); i += 2
        else:
            out.append(s[i]); i += 1
    return "".join(out)

errors = 0
def err(msg):
    global errors; errors += 1; print("ERROR", msg)

for part in ("dev", "dev2", "dev3", "heldout"):
    d = os.path.join(HERE, part)
    if not os.path.isdir(d): continue
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"): continue
        base = name[:-4]
        text = open(os.path.join(d, name), encoding="utf-8").read()
        gp = os.path.join(d, base + ".gold.tsv")
        if not os.path.exists(gp): err(f"{part}/{base}: no gold.tsv"); continue
        lines = open(gp, encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "": lines.pop()
        if lines[0] != "actor\tpredicate\ttarget\tgrade\tevidence": err(f"{part}/{base}: bad header")
        seen, sup = set(), set()
        rows = []
        for n, l in enumerate(lines[1:], 2):
            c = l.split("\t")
            if len(c) != 5 or any(not x.strip() for x in c): err(f"{part}/{base}:{n}: need 5 non-empty columns"); continue
            a, p, t, g, e = c
            if p not in PRED: err(f"{part}/{base}:{n}: bad predicate {p}")
            if g not in GRADE: err(f"{part}/{base}:{n}: bad grade {g}")
            if unescape(e) not in text: err(f"{part}/{base}:{n}: evidence not in text: {e[:60]}")
            if (a, p, t) in seen: err(f"{part}/{base}:{n}: duplicate edge {a}|{p}|{t}")
            seen.add((a, p, t)); rows.append((a, p, t))
            if p == "supports": sup.add((a, t))
        for a, p, t in rows:
            if p == "proposes" and (a, t) not in sup: err(f"{part}/{base}: proposes without supports: {a}|{t}")
        mp = os.path.join(d, base + ".meta.tsv")
        if not os.path.exists(mp): err(f"{part}/{base}: no meta.tsv"); continue
        ml = open(mp, encoding="utf-8").read().rstrip("\n").split("\n")
        if ml[0] != "field\tvalue": err(f"{part}/{base}: bad meta header")
        for l in ml[1:]:
            c = l.split("\t")
            if len(c) != 2 or c[0] not in META: err(f"{part}/{base}: bad meta row {l!r}")
print("OK" if errors == 0 else f"{errors} error(s)")
sys.exit(1 if errors else 0)
