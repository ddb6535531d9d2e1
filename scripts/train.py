"""Train the stance model on the bundled corpus (corpora/stance/*.jsonl) and save it.

The same as `stance train` with its defaults; prints the cross-validated scores, grouped by
document, that go into the model's sidecar and the README.

Usage:
    python scripts/train.py [--out models/default.joblib] [--cv 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys

from stance.cli import main as stance_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="models/default.joblib")
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    return stance_main(["train", "--out", args.out, "--cv", str(args.cv), "--seed", str(args.seed)])


if __name__ == "__main__":
    sys.exit(main())
