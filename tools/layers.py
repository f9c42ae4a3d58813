#!/usr/bin/env python3
"""Which top-level module of `src/` uses which, the import cycles between them, and the layer rules inside
`strategy/` (ARCHITECTURE.md, "Layers").

Usage: python3 tools/layers.py [--graph]

Every `crate::NAME` path in the code (not the comments) of a file under `src/TOP/` (or `src/TOP.rs`) is an
edge TOP -> NAME. Test files and `#[cfg(test)]` modules count as well: a test that reaches up a layer is
still a cycle for a reader. Exits 1, naming the cycle or the rule and the files, when the graph has a cycle
other than the ALLOWED ones or a rule is broken.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
# `interp::eval` and `interp::ops` call each other (an operator calls back into Python code); that is one
# folder's recursion, not a cycle between top-level folders, and needs no entry here.
# `object` <-> `strategy`: the object model is generic over the design, and the designs' collectors walk
# objects; both hold `unsafe` code, which stays in these two folders (ARCHITECTURE.md, "Layers").
ALLOWED = {frozenset({"object", "strategy"})}

# Inside `strategy/`: (folder, what its non-test code must not name, why).
RULES = [
    ("strategy/parts", ("crate::object", "crate::strategy::designs", "crate::strategy::gc", "crate::interp"),
     "mechanisms know no object, design or collector"),
    ("strategy/seam", ("crate::strategy::designs", "crate::strategy::gc", "crate::strategy::parts::rc",
                       "crate::strategy::parts::lock", "crate::interp"),
     "the behaviour traits name no implementation"),
    ("object", ("crate::strategy::designs", "crate::strategy::parts::rc", "crate::strategy::parts::lock",
                "crate::strategy::parts::epoch", "crate::strategy::parts::recycle", "crate::interp"),
     "the object layer uses the seam's traits, not a design or a part by name"),
]
COMMENT = re.compile(r"//.*")
TEST_MOD = re.compile(r"#\[cfg\((?:all\()?test[^\]]*\]\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+\w+\s*\{", re.S)


def code_of(text, tests):
    """The text without comments, and without `#[cfg(test)] mod x { .. }` bodies unless `tests`."""
    text = "\n".join(COMMENT.sub("", line) for line in text.split("\n"))
    if tests:
        return text
    m = TEST_MOD.search(text)
    return text if m is None else text[: m.start()]


def is_test_file(rel):
    base = os.path.basename(rel)
    return (
        base in ("tests.rs", "proptests.rs")
        or base.endswith("_tests.rs")
        or base.startswith("loom_")
        or f"{os.sep}tests{os.sep}" in f"{os.sep}{rel}"
    )


def rule_breaks():
    out = []
    for folder, banned, why in RULES:
        base = os.path.join(ROOT, folder)
        for dirpath, _, files in os.walk(base):
            for f in files:
                if not f.endswith(".rs"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), ROOT)
                if is_test_file(rel):
                    continue
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    code = code_of(fh.read(), tests=False)
                for b in banned:
                    if b in code:
                        out.append(f"{rel} names {b} ({folder}: {why})")
    return out

PATH = re.compile(r"\bcrate::(\{[^}]*\}|[a-z_][a-z0-9_]*)")


def top_of(rel):
    parts = rel.split(os.sep)
    if len(parts) == 1:
        return parts[0][:-3]  # src/x.rs
    return parts[0]


def names(match):
    m = match.group(1)
    if m.startswith("{"):
        return [p.strip().split("::")[0] for p in m[1:-1].split(",") if p.strip()]
    return [m]


def graph():
    tops = set()
    edges = {}
    for dirpath, _, files in os.walk(ROOT):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), ROOT)
            top = top_of(rel)
            if top in ("lib", "main"):
                continue
            tops.add(top)
            with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                text = code_of(fh.read(), tests=True)
            for m in PATH.finditer(text):
                for n in names(m):
                    if n and n != top and n not in ("self", "super"):
                        edges.setdefault(top, {}).setdefault(n, []).append(rel)
    return tops, edges


def cycles(tops, edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in tops:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(tops):
        if v not in index:
            visit(v)
    return out


def main():
    tops, edges = graph()
    for top in sorted(tops):
        uses = sorted(n for n in edges.get(top, {}) if n in tops)
        print(f"{top:10} -> {', '.join(uses) or '(nothing)'}")
    bad = [c for c in cycles(tops, edges) if frozenset(c) not in ALLOWED]
    if "--graph" in sys.argv:
        for top in sorted(edges):
            for n, files in sorted(edges[top].items()):
                if n in tops:
                    print(f"  {top} -> {n}: {', '.join(sorted(set(files))[:6])}")
    broken = rule_breaks()
    for b in broken:
        print("rule:", b)
    if bad:
        for c in bad:
            print("cycle:", " <-> ".join(c))
            for a in c:
                for b in c:
                    if b in edges.get(a, {}):
                        print(f"  {a} -> {b}: {', '.join(sorted(set(edges[a][b]))[:8])}")
        return 1
    if broken:
        return 1
    print("no cycle between top-level modules but the allowed", " and ".join(" <-> ".join(sorted(a)) for a in ALLOWED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
