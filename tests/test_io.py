from __future__ import annotations

import io

import pytest

from stance.errors import InputError
from stance.io import decode, parse_metadata, read_document, read_documents


def test_bom_is_dropped_and_offsets_index_the_decoded_text(tmp_path):
    path = tmp_path / "RUS_67_2012.txt"
    path.write_bytes("\ufeffThe Organization met.".encode())
    doc = read_document(path)
    assert doc.text == "The Organization met."
    assert doc.doc_id == "RUS_67_2012"
    assert doc.meta == {"iso3": "RUS", "session": "67", "year": "2012"}


def test_stdin_is_read_for_dash():
    doc = read_document("-", stdin=io.BytesIO(b"We back Kyiv."))
    assert (doc.doc_id, doc.text, doc.source) == ("stdin", "We back Kyiv.", "-")


def test_custom_metadata_pattern_and_speaker_override():
    assert parse_metadata("2019-lopez", r"(?P<year>\d{4})-(?P<speaker>\w+)") == {
        "year": "2019",
        "speaker": "lopez",
    }
    assert parse_metadata("notes", "auto") == {}
    assert parse_metadata("RUS_70_2015", None) == {}


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (bytes(range(256)) * 4, "binary"),
        ("Déclaration de la délégation".encode("latin-1"), "not valid utf-8"),
    ],
)
def test_bad_content_is_refused_with_advice(content, phrase):
    with pytest.raises(InputError) as info:
        decode(content, "x.txt")
    message = str(info.value)
    assert message.startswith("x.txt: ")
    assert phrase in message.lower()
    assert ";" in message  # what to do follows


def test_latin1_is_read_when_asked(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes("Déclaration".encode("latin-1"))
    assert read_document(path, encoding="latin-1").text == "Déclaration"


def test_missing_path_and_directory_are_named(tmp_path):
    results = list(read_documents([tmp_path / "nope.txt", tmp_path]))
    assert [type(r) for r in results] == [InputError, InputError]
    assert "does not exist" in str(results[0]) and "nope.txt" in str(results[0])
    assert "is a directory" in str(results[1])


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"text", "a.txt", encoding="no-such-codec")
