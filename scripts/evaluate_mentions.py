"""How well does `stance` find the targets a careful reader marks, and avoid look-alikes?

Recall and precision are measured on the real-speech development set (corpora/dev/
unga_dev.jsonl: UN General Debate sentences by reference, never session 70), where every target
a careful reader sees in an annotated sentence is labelled. Look-alikes are counted on the
speeches of the sessions given (default: all but session 70): each occurrence of a look-alike
phrase (Latin America, the West Bank, the OSCE, ...) that the toolkit reports as a target counts
against it.

Usage:
    python scripts/evaluate_mentions.py [--shared ../shared] [--sessions 65 66 ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from stance.io import read_document
from stance.targets import default_registry, find_mentions
from stance.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev" / "unga_dev.jsonl"

#: Look-alike phrases and the target each resembles.
LOOK_ALIKES = {
    "Latin America": "US", "Latin American": "US", "South America": "US", "Central America": "US",
    "West Bank": "WEST", "West Africa": "WEST", "West African": "WEST", "Western Sahara": "WEST",
    "Western Balkans": "WEST", "Western Europe": "WEST",
    "Organization for Security and Co-operation in Europe": "UN",
    "Organization for Security and Cooperation in Europe": "UN", "World Trade Organization": "UN",
    "World Health Organization": "UN", "Organization of American States": "UN",
    "Organization of the Islamic Conference": "UN", "Shanghai Cooperation Organization": "UN",
    "Organization of Islamic Cooperation": "UN", "South China Sea": "CHINA",
    "European continent": "EU", "Islamic Republic of Afghanistan": "ISIL",
}  # fmt: skip


def mention_scores(shared: Path) -> dict:
    """Recall and precision of (sentence, target) pairs on the development set."""
    registry = default_registry()
    gold_by_path: dict[str, list[dict]] = defaultdict(list)
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold_by_path[row["path"]].append(row)
    hits = total = predicted = correct = 0
    missed: Counter = Counter()
    extra: Counter = Counter()
    for path, rows in sorted(gold_by_path.items()):
        doc = read_document(shared / "data" / "unga" / path)
        sentences = split_sentences(doc.text)
        mentions = find_mentions(doc.text, sentences, registry)
        gold_spans: dict[tuple[int, int], set[str]] = defaultdict(set)
        for row in rows:
            gold_spans[(row["start"], row["end"])].add(row["target"])
        for (start, end), gold in gold_spans.items():
            found = {
                m.target for m in mentions if m.sentence.start < end and start < m.sentence.end
            }
            found_here = {m.target: m.alias for m in mentions if start <= m.start and m.end <= end}
            total += len(gold)
            hits += len(gold & found)
            for target in gold - found:
                alias = next(
                    r["alias"]
                    for r in rows
                    if (r["start"], r["end"]) == (start, end) and r["target"] == target
                )
                missed[f"{target}: {' '.join(alias.split())}"] += 1
            predicted += len(found_here)
            correct += len(set(found_here) & gold)
            for target in set(found_here) - gold:
                extra[f"{target}: {found_here[target]}"] += 1
    return {
        "pairs": total,
        "recall": hits / total,
        "precision": correct / predicted if predicted else 0.0,
        "missed": missed.most_common(15),
        "extra": extra.most_common(15),
    }


def look_alike_rate(shared: Path, sessions: list[int]) -> dict:
    """Share of look-alike occurrences reported as the target they resemble.

    "World Health Organization" reported as the WHO is right; reported as UN, it is a look-alike
    taken for a target.
    """
    registry = default_registry()
    pattern = re.compile("|".join(re.escape(p) for p in sorted(LOOK_ALIKES, key=len, reverse=True)))
    seen = flagged = 0
    examples: Counter = Counter()
    folders = sorted((shared / "data" / "unga" / "speeches").glob("Session *"))
    for folder in folders:
        if int(folder.name.split()[1]) not in sessions:
            continue
        for file in sorted(folder.glob("*.txt")):
            doc = read_document(file)
            spans = [m.span() for m in pattern.finditer(doc.text)]
            if not spans:
                continue
            found = registry.find(doc.text)
            for a, b in spans:
                seen += 1
                resembled = LOOK_ALIKES[doc.text[a:b]]
                bad = [m for m in found if m.start < b and a < m.end and m.target == resembled]
                if bad:
                    flagged += 1
                    examples[f"{doc.text[a:b]} -> {bad[0].target}"] += 1
    return {
        "occurrences": seen,
        "reported": flagged,
        "rate": flagged / seen if seen else 0.0,
        "examples": examples.most_common(10),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--sessions", type=int, nargs="*", default=[s for s in range(65, 80) if s != 70]
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "unga").is_dir():
        print(f"no UN General Debate data under {args.shared}; pass --shared", file=sys.stderr)
        return 1
    result = {
        "mentions": mention_scores(args.shared),
        "look_alikes": look_alike_rate(args.shared, args.sessions),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    m, la = result["mentions"], result["look_alikes"]
    print(
        f"target mentions (dev set, {m['pairs']} annotated pairs): recall {m['recall']:.3f}, "
        f"precision {m['precision']:.3f}"
    )
    print("  most missed: " + "; ".join(f"{k} ({n})" for k, n in m["missed"]))
    print("  most extra:  " + "; ".join(f"{k} ({n})" for k, n in m["extra"]))
    print(
        f"look-alikes (sessions {args.sessions[0]}-{args.sessions[-1]}): "
        f"{la['reported']} of {la['occurrences']} reported as targets ({la['rate']:.1%})"
    )
    if la["examples"]:
        print("  " + "; ".join(f"{k} ({n})" for k, n in la["examples"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
