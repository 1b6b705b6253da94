#!/usr/bin/env python3
"""Lists candidate occurrences of the Microsoft pack's retired names, their
informal forms and altered marks in the real doc trees, for blind labelling
(before toslint's output is looked at). A seeded random sample is printed
with two lines of context; the labeller writes probe.tsv by hand.

usage: candidates.py [N] [SEED]   (trees under $TOSLINT_CORPORA, default /work/corpora)
"""
import os, random, re, sys

CORPORA = os.environ.get("TOSLINT_CORPORA", "/work/corpora")
REPOS = ["MicrosoftDocs+PowerShell-Docs", "MicrosoftDocs+WSL", "MicrosoftDocs+azure-docs-cli",
         "electron+electron", "hashicorp+terraform-provider-azurerm", "dexidp+website", "ory+docs"]
# What a reader would look for, written independently of the pack's matcher.
# Retired product names and their short forms (any case).
RETIRED = re.compile(r"(?i)\b(azure\s+active\s+directory|azure\s*ad\b|aad\b|windows\s+store|windows\s+defender"
                     r"|vsts\b|visual studio team services|azure security center|azure sentinel|azure defender"
                     r"|windows virtual desktop|cloud app security|office\s*365\s+(?:proplus|business)|azure atp)")
# Marks in any spelling; the canonical spelling is dropped below.
MARKS = re.compile(r"(?i)\b(ms\s*teams|office\s*365|o365|one\s*drive|micro\s*soft|power\s*shell|share\s*point|git\s*hub)\b")
CANON = {"Office 365", "OneDrive", "Microsoft", "PowerShell", "SharePoint", "GitHub"}
URL = re.compile(r"https?://\S+|\]\([^)]*\)|`[^`]*`|<[^>]*>|\S+\.(?:md|png|svg|yml|json|exe|ps1|pkg|msi)\b|[\w.-]+@[\w.-]+|[\w.]*\w-[\w-]+")
EXT = (".md", ".markdown", ".mdx")

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    cands = []
    for repo in REPOS:
        root = os.path.join(CORPORA, repo)
        for dp, dns, fns in os.walk(root):
            dns[:] = [d for d in dns if d not in (".git", "node_modules", "vendor", "testdata") and not d.startswith(".")]
            for fn in fns:
                if not fn.lower().endswith(EXT):
                    continue
                p = os.path.join(dp, fn)
                try:
                    lines = open(p, encoding="utf-8").read().split("\n")
                except (UnicodeDecodeError, OSError):
                    continue
                fence = False
                for i, line in enumerate(lines):
                    if line.lstrip().startswith(("```", "~~~")):
                        fence = not fence
                        continue
                    if fence or re.match(r"\s*\[[^\]]+\]:", line):
                        continue  # code, link reference definitions
                    masked = URL.sub(lambda m: " " * len(m.group(0)), line)
                    for kind, rx in (("retired", RETIRED), ("mark", MARKS)):
                        for m in rx.finditer(masked):
                            if kind == "mark" and m.group(0) in CANON:
                                continue
                            cands.append((kind, repo, os.path.relpath(p, root), i + 1, m.start() + 1, m.group(0), lines))
    rnd = random.Random(seed)
    # spread: at most n/len(REPOS)*2 per repository
    groups = {}
    for c in cands:
        groups.setdefault((c[0], c[1]), []).append(c)
    out = []
    per = max(1, n // (2 * len(REPOS)))
    for kind in ("retired", "mark"):
        for repo in REPOS:
            cs = groups.get((kind, repo), [])
            out += rnd.sample(cs, min(per, len(cs)))
    print(f"# {len(cands)} candidates; sample of {len(out)} (seed {seed})", file=sys.stderr)
    for kind, repo, rel, ln, col, term, lines in out:
        print(f"{kind}\t{repo}\t{rel}\t{ln}\t{col}\t{term}")
        for j in range(max(0, ln - 2), min(len(lines), ln + 1)):
            print(f"    {j+1}: {lines[j][:220]}")

if __name__ == "__main__":
    main()
