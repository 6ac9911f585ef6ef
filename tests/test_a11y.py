"""Accessibility (WCAG 2.2 AA): axe-core on every page type, both scripts, desktop and phone; keyboard walk-throughs.

axe-core is the npm package pinned in tests/a11y/package-lock.json, installed by `make setup` (npm ci) and
injected from disk (tests/axe_audit.py); `bench/a11y_audit.py` prints the same audit as figures.
"""

from __future__ import annotations

import pytest

from axe_audit import audit, cases


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        lines += [f"    {n['target']}: {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("name,tag,viewport", cases(), ids=["-".join(c) for c in cases()])
def test_no_wcag_a_or_aa_violation(browser, base, name, tag, viewport):
    violations = audit(browser, base, name, tag, viewport)
    assert violations == [], f"{name} {tag} {viewport}:\n{describe(violations)}"
