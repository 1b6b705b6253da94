#!/usr/bin/env python3
"""Scores toslint's document scanner against the labels in this folder.

  probe.tsv     occurrences labelled by reading the text (recall probe):
                expect = the rule that should report it, or "quiet"
  sample.tsv    a seeded random sample of toslint's findings, each judged
                true or false by reading the text (precision)

usage: score.py [probe|sample|all]
The trees are read from $TOSLINT_CORPORA (default /work/corpora), one folder
per repository named owner+name; a repository whose tree is absent is
skipped. toslint is $TOSLINT (default: `go run ./cmd/toslint` from the
module root). Nothing is fetched.
"""
import collections, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CORPORA = os.environ.get("TOSLINT_CORPORA", "/work/corpora")

def toslint_cmd():
    if os.environ.get("TOSLINT"):
        return [os.environ["TOSLINT"]]
    exe = os.path.join(os.environ.get("TMPDIR", "/tmp"), "toslint-score")
    subprocess.run(["go", "build", "-o", exe, "./cmd/toslint"], cwd=ROOT, check=True)
    return [exe]

_cache = {}
def findings(repo):
    if repo not in _cache:
        tree = os.path.join(CORPORA, repo)
        out = subprocess.run(toslint_cmd() + ["check", "-only", "docs", "-format", "json", "-C", tree, "."],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"toslint failed on {repo}: {out.stderr}")
        _cache[repo] = json.loads(out.stdout)["findings"]
    return _cache[repo]

def rows(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")

def present(repo):
    return os.path.isdir(os.path.join(CORPORA, repo))

def covers(f, line, col):
    end_line, end_col = f["end_line"] or f["line"], f["end_column"] or f["column"]
    if (f["line"], f["column"]) > (line, col):
        return False
    return (line, col) < (end_line, end_col) or (line, col) == (f["line"], f["column"])

def probe():
    stats = collections.Counter()
    misses = []
    for pid, repo, path, line, col, term, expect, reason in rows("probe.tsv"):
        if not present(repo):
            stats["skipped"] += 1
            continue
        line, col = int(line), int(col)
        hits = [f for f in findings(repo) if f["file"] == path and f["rule"] in ("TOS401", "TOS402") and covers(f, line, col)]
        if expect == "quiet":
            stats["quiet"] += 1
            if hits:
                stats["quiet_reported"] += 1
                misses.append(f"  quiet #{pid} reported {hits[0]['rule']}: {repo} {path}:{line} {term!r} ({reason})")
        else:
            stats[expect] += 1
            if any(h["rule"] == expect for h in hits):
                stats[expect + "_found"] += 1
            else:
                misses.append(f"  missed #{pid} {expect}: {repo} {path}:{line} {term!r} ({reason})")
    for r in ("TOS401", "TOS402"):
        if stats[r]:
            print(f"probe recall {r}: {stats[r + '_found']}/{stats[r]}")
    print(f"probe quiet kept quiet: {stats['quiet'] - stats['quiet_reported']}/{stats['quiet']}")
    if stats["skipped"]:
        print(f"probe: {stats['skipped']} rows skipped (tree absent)")
    print("\n".join(misses))

def sample():
    per = collections.defaultdict(collections.Counter)
    gone = []
    for repo, path, line, col, rule, verdict, reason in rows("sample.tsv"):
        if not present(repo):
            continue
        line, col = int(line), int(col)
        still = any(f["file"] == path and f["line"] == line and f["column"] == col and f["rule"] == rule for f in findings(repo))
        if not still:
            gone.append(f"  no longer reported: {repo} {path}:{line}:{col} {rule} ({verdict}: {reason})")
            continue
        per[rule][verdict] += 1
        per[(rule, repo)][verdict] += 1
    print("precision on the labelled sample (true / judged):")
    for key in sorted(per, key=str):
        c = per[key]
        n = c["true"] + c["false"]
        label = key if isinstance(key, str) else f"  {key[0]} {key[1]}"
        print(f"{label}: {c['true']}/{n} = {c['true'] / n:.2f}")
    print("\n".join(gone))

if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("probe", "all"):
        probe()
    if what in ("sample", "all") and os.path.exists(os.path.join(HERE, "sample.tsv")):
        sample()
