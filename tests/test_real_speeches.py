"""Checks on real UN General Debate speeches (skipped when ../shared is absent)."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT, SHARED


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_target_mentions_and_look_alikes(unga_dir):
    script = load_script("evaluate_mentions")
    mentions = script.mention_scores(SHARED)
    assert mentions["recall"] >= 0.9, mentions["missed"]
    assert mentions["precision"] >= 0.9, mentions["extra"]
    look_alikes = script.look_alike_rate(SHARED, [71, 72])
    assert look_alikes["occurrences"] > 50
    assert look_alikes["rate"] <= 0.05, look_alikes["examples"]


def test_every_speech_of_a_session_splits_with_exact_offsets(unga_dir):
    from stance.io import read_document
    from stance.text import split_sentences

    for path in sorted((unga_dir / "Session 67 - 2012").glob("*.txt")):
        doc = read_document(path)  # 2012 files start with a byte-order mark
        assert not doc.text.startswith("\ufeff")
        sentences = split_sentences(doc.text)
        assert sentences, path.name
        joined = "".join("".join(doc.text[s.start : s.end].split()) for s in sentences)
        assert joined == "".join(doc.text.split()), path.name
