from __future__ import annotations

import pytest

from stance.errors import TargetsError
from stance.targets import (
    Target,
    default_registry,
    find_mentions,
    load_registry,
    parse_target_spec,
)
from stance.text import split_sentences

REQUIRED = ["US", "UN", "ASSAD", "RUSSIA", "ISIL", "IRAN", "EU", "NATO", "UKRAINE", "ISRAEL",
            "WEST", "CHINA"]  # fmt: skip


def found(text, registry=None):
    registry = registry or default_registry()
    return [(m.target, m.alias) for m in registry.find(text)]


def test_default_registry_has_the_required_ids_and_at_least_twenty():
    registry = default_registry()
    assert set(REQUIRED) <= set(registry.ids)
    assert len(registry) >= 20


@pytest.mark.parametrize(
    ("text", "target", "alias"),
    [
        ("Washington has refused.", "US", "Washington"),
        ("We thank the American administration.", "US", "American administration"),
        ("And it is the policy of our American partners.", "US", "American partners"),
        ("The Organization must adapt.", "UN", "The Organization"),
        ("We call on the Security Council.", "UN", "Security Council"),
        ("We thank the Secretary-General.", "UN", "the Secretary-General"),
        ("This breaches the Charter.", "UN", "the Charter"),
        ("We urge the Syrian Government to stop.", "ASSAD", "Syrian Government"),
        ("Damascus must negotiate.", "ASSAD", "Damascus"),
        ("He met Al Assad in 2013.", "ASSAD", "Al Assad"),
        ("It is Al-Assad's forces who fight.", "ASSAD", "Al-Assad's forces"),
        ("It is Al-Assad’s forces who fight.", "ASSAD", "Al-Assad’s forces"),
        ("Daesh must be destroyed.", "ISIL", "Daesh"),
        ("ISIS fighters fled.", "ISIL", "ISIS"),
        ("The so-called Islamic State is a fraud.", "ISIL", "Islamic State"),
        ("Our Western partners hesitate.", "WEST", "Western partners"),
        ("Western powers refused.", "WEST", "Western powers"),
        ("NATO expanded east.", "NATO", "NATO"),
        ("Kyiv asked for help.", "UKRAINE", "Kyiv"),
        ("Tehran responded.", "IRAN", "Tehran"),
        ("The European Union agreed.", "EU", "European Union"),
        ("Beijing objected.", "CHINA", "Beijing"),
        ("The occupying Power continues.", "ISRAEL", "occupying Power"),
        ("The Russian Federation voted no.", "RUSSIA", "Russian Federation"),
    ],
)
def test_aliases_a_careful_reader_uses(text, target, alias):
    assert (target, alias) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Latin America and the Caribbean grew.",
        "Settlements in the West Bank expanded.",
        "The Organization for Security and Co-operation in Europe sent monitors.",
        "The World Trade Organization ruled.",
        "Let us work together; help us now.",
        "Exports to South America and the Western Balkans rose.",
        "Prices in US dollars fell.",
    ],
)
def test_look_alikes_are_not_targets(text):
    assert found(text) == []


def test_longest_alias_wins_and_offsets_index_the_text():
    text = "The North Atlantic Treaty Organization and the United States of America met."
    mentions = default_registry().find(text)
    assert [(m.target, text[m.start : m.end]) for m in mentions] == [
        ("NATO", "North Atlantic Treaty Organization"),
        ("US", "United States of America"),
    ]


def test_mentions_attach_to_sentences():
    text = "We back Kyiv. Daesh and ISIL are one."
    mentions = find_mentions(text, split_sentences(text), default_registry())
    assert [(m.sentence.index, m.target) for m in mentions] == [
        (0, "UKRAINE"), (1, "ISIL"), (1, "ISIL"),
    ]  # fmt: skip


def test_target_spec_adds_and_merges():
    spec = parse_target_spec("ICJ=International Court of Justice,ICJ")
    assert spec == Target("ICJ", "ICJ", ("International Court of Justice",), ("ICJ",))
    registry = default_registry().add(spec).add(parse_target_spec("US=Uncle Sam"))
    assert ("ICJ", "International Court of Justice") in found(
        "The International Court of Justice ruled.", registry
    )
    assert ("US", "Uncle Sam") in found("Uncle Sam said no.", registry)
    assert found("the icj", registry) == []  # a capitalised short alias is cased


@pytest.mark.parametrize(
    ("holder", "own"),
    [
        ("RUS", {"RUSSIA", "PUTIN"}),
        ("rus", {"RUSSIA", "PUTIN"}),
        ("USA", {"US", "OBAMA"}),
        ("PUTIN", {"RUSSIA", "PUTIN"}),
        ("SYR", {"ASSAD"}),
        ("EU", {"EU"}),
        ("FRA", set()),
        ("SPEAKER", set()),
        ("AUTHOR", set()),
        ("", set()),
        ("UN", set()),
    ],
)
def test_own_targets_by_state_code_or_target(holder, own):
    assert default_registry().own_targets(holder) == own


def test_countries_come_from_the_registry_file(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[targets.FR]\nname = "France"\naliases = ["France"]\ncountries = ["fra"]\n')
    registry = load_registry(path)
    assert registry["FR"].countries == ("FRA",)
    assert registry.own_targets("FRA") == {"FR"}


@pytest.mark.parametrize("spec", ["no-equals", "=alias", "ID=", "1X=foo"])
def test_bad_target_spec(spec):
    with pytest.raises(TargetsError, match="ID=alias"):
        parse_target_spec(spec)


def test_registry_file_replaces_default(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        '[targets.AU]\nname = "African Union"\naliases = ["African Union"]\ncased = ["AU"]\n'
    )
    registry = load_registry(path)
    assert registry.ids == ("AU",)
    assert found("The AU and the US met.", registry) == [("AU", "AU")]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        ("[targets.X\n", "not a valid TOML"),
        ("[other]\na = 1\n", "no [targets.ID] tables"),
        ('[targets.X]\nname = "X"\n', "has no aliases"),
        ('[targets.X]\naliases = "X"\n', "must be a list"),
        ('[targets.X]\naliases = ["X"]\ncolour = "red"\n', "unknown keys"),
    ],
)
def test_malformed_registry_names_the_file(tmp_path, content, phrase):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(TargetsError, match=r"bad\.toml") as info:
        load_registry(path)
    assert phrase in str(info.value)


def test_missing_registry_file(tmp_path):
    with pytest.raises(TargetsError, match="not found"):
        load_registry(tmp_path / "none.toml")


def test_seed_targets(seed_text):
    registry = default_registry()
    sentences = split_sentences(seed_text)
    by_sentence = {}
    for m in find_mentions(seed_text, sentences, registry):
        by_sentence.setdefault(seed_text[m.sentence.start : m.sentence.end], set()).add(m.target)
    assert {"US", "ASSAD"} <= by_sentence["Putin calls on US to work with Assad"]
    quote = next(s for s in by_sentence if s.startswith("“It is an enormous mistake"))
    assert "ASSAD" in by_sentence[quote]
    trade = next(s for s in by_sentence if "World Trade Organization" in s)
    assert "UN" in by_sentence[trade]  # "the United Nations" later in the sentence
    assert not any(m.alias == "Organization" for m in registry.find(trade))  # but not the WTO
