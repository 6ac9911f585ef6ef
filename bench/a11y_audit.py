"""axe-core (WCAG 2 A/AA: wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) over every page type of the site, in both
scripts, at desktop (1400 px, mouse) and phone (375 px, touch) widths: violations and failing nodes per case,
and by rule. The same page types and axe call as tests/test_a11y.py (tests/axe_audit.py).

    .venv/bin/python bench/a11y_audit.py                      # builds the site of this tree into a temp folder
    .venv/bin/python bench/a11y_audit.py --site build/site    # an existing build (e.g. one of an older commit)
    .venv/bin/python bench/a11y_audit.py --nodes              # also every failing node (selector, why)

axe-core is the local npm package of tests/a11y (`make setup` runs `npm ci` there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from axe_audit import CHROMIUM, FLAGS, SiteServer, audit, cases, node_count  # noqa: E402


def build_site_copy(tmp: Path) -> Path:
    from zhpub.build import build_all

    for name in ("content", "glossary", "hooks"):
        shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    build_all(tmp, {"site"})
    return tmp / "build" / "site"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site folder (default: build this tree's site afresh)")
    ap.add_argument("--nodes", action="store_true", help="print every failing node")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site_copy(Path(tmp))
        by_rule: Counter = Counter()
        total_nodes = 0
        start = time.perf_counter()
        with SiteServer(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            print(f"{'page type':16} {'script':8} {'width':8} {'rules':>5} {'nodes':>6}  by rule (impact: nodes)")
            for name, tag, vp in cases():
                violations = audit(browser, base, name, tag, vp)
                n = node_count(violations)
                total_nodes += n
                for v in violations:
                    by_rule[(v["id"], v["impact"])] += len(v["nodes"])
                detail = ", ".join(f"{v['id']} ({v['impact']}: {len(v['nodes'])})" for v in violations)
                print(f"{name:16} {tag:8} {vp:8} {len(violations):5} {n:6}  {detail}")
                if args.nodes:
                    for v in violations:
                        for node in v["nodes"]:
                            print(f"    {v['id']}: {node['target']}\n      {node['summary'].splitlines()[-1].strip()}")
            browser.close()
        print(f"\n{len(cases())} audits, {total_nodes} failing nodes in all, {time.perf_counter() - start:.1f} s")
        for (rule, impact), n in by_rule.most_common():
            print(f"  {rule} ({impact}): {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
