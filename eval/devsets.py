"""Run ``../shared/devsets/score.py`` on every development suite and write ``eval/devsets.md``.

``make eval`` calls it after the project's own gold; a suite can be chosen with ``--suites``.
The dev sets are real, human-made data this project did not write (their README has the terms).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITES = ["acled", "lgl", "geovirus", "gwn", "articles", "dates"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--suites", nargs="+", default=SUITES, choices=SUITES)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "devsets.md")
    args = ap.parse_args()
    score = args.shared / "devsets" / "score.py"
    if not score.exists():
        print(f"no dev sets at {score.parent}: nothing to score", file=sys.stderr)
        return 1
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Sitrep on the development sets",
        "",
        f"`make eval` at {commit or 'a working tree'}, {datetime.now(UTC):%Y-%m-%d}: "
        "`python3 ../shared/devsets/score.py SUITE --project .` for each suite. Learned parts "
        "are trained on some of these sets: their honest figures are the grouped "
        "cross-validation in `eval/event_model.md`.",
        "",
    ]
    for suite in args.suites:
        print(f"[eval] {suite} ...", file=sys.stderr, flush=True)
        run = subprocess.run(
            [sys.executable, str(score), suite, "--project", str(ROOT)],
            capture_output=True,
            text=True,
        )
        out = run.stdout.strip() or run.stderr.strip()[-800:]
        print(out, flush=True)
        lines += [f"## {suite}", "", "```", out, "```", ""]
    args.out.write_text("\n".join(lines))
    print(f"[eval] wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
