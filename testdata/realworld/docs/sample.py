#!/usr/bin/env python3
"""Draws the seeded precision sample from toslint's findings on the real
doc trees (for labelling by hand into sample.tsv): per rule, up to a quota,
spread over the repositories, with two lines of context.

usage: sample.py [SEED]   (toslint from $TOSLINT; trees from $TOSLINT_CORPORA)
"""
import collections, random, sys
import score

QUOTA = {"TOS402": 40, "TOS401": 36, "TOS403": 20}  # other rules: every finding
REPOS = ["MicrosoftDocs+PowerShell-Docs", "MicrosoftDocs+WSL", "MicrosoftDocs+azure-docs-cli",
         "electron+electron", "hashicorp+terraform-provider-azurerm", "dexidp+website", "ory+docs"]

def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    rnd = random.Random(seed)
    by = collections.defaultdict(lambda: collections.defaultdict(list))
    for repo in REPOS:
        if not score.present(repo):
            continue
        for f in score.findings(repo):
            by[f["rule"]][repo].append(f)
    for rule in sorted(by):
        repos = by[rule]
        quota = QUOTA.get(rule, sum(len(v) for v in repos.values()))
        # round-robin over the repositories so that each is represented
        pools = {r: rnd.sample(fs, len(fs)) for r, fs in sorted(repos.items())}
        picked = []
        while len(picked) < quota and any(pools.values()):
            for r in sorted(pools):
                if pools[r] and len(picked) < quota:
                    picked.append((r, pools[r].pop()))
        for repo, f in picked:
            lines = open(f"{score.CORPORA}/{repo}/{f['file']}", encoding="utf-8", errors="replace").read().split("\n")
            print(f"{repo}\t{f['file']}\t{f['line']}\t{f['column']}\t{rule}\t{f['message'][:140]}")
            for j in range(max(0, f["line"] - 2), min(len(lines), f["line"] + 1)):
                print(f"      {j + 1}: {lines[j][:230]}")

if __name__ == "__main__":
    main()
