from __future__ import annotations

from stance.text import paragraph_spans, quotation_spans, split_sentences, word_spans

NEWS = (
    "Putin calls on US to work with Assad\n"
    "September 28, 2015, 5:06 pm\n\n"
    "Leaders met at the U.N. in New York on Sept. 28. Mr. Smith and Gen. Jones of the U.S. "
    "Army attended.\n\n"
    "“We warned them. Nobody listened. The policy has failed,” the minister said. "
    "He left early.\n\n"
    "When the Organization was founded, there was\n\nno suggestion that unanimity would reign.\n"
)


def texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_offsets_slice_the_sentences_and_cover_all_words():
    sentences = split_sentences(NEWS, doc_id="d")
    words = "".join(NEWS.split())
    assert "".join("".join(NEWS[s.start : s.end].split()) for s in sentences) == words
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(s.doc_id == "d" for s in sentences)


def test_headlines_and_datelines_are_sentences_of_their_own():
    found = texts(NEWS)
    assert found[0] == "Putin calls on US to work with Assad"
    assert found[1] == "September 28, 2015, 5:06 pm"


def test_abbreviations_do_not_split():
    found = texts(NEWS)
    assert "Leaders met at the U.N. in New York on Sept. 28." in found
    assert "Mr. Smith and Gen. Jones of the U.S. Army attended." in found


def test_page_break_inside_a_sentence_does_not_split():
    found = texts(NEWS)
    assert found[-1] == (
        "When the Organization was founded, there was\n\nno suggestion that unanimity would reign."
    )


def test_multi_sentence_quotation_is_tracked():
    sentences = split_sentences(NEWS)
    flags = {NEWS[s.start : s.end]: s.quoted for s in sentences}
    assert flags["“We warned them."] is True
    assert flags["Nobody listened."] is True
    assert flags["The policy has failed,” the minister said."] is True
    assert flags["He left early."] is False
    assert flags["Putin calls on US to work with Assad"] is False


def test_scare_quotes_do_not_make_a_sentence_quoted():
    text = "Our so-called “partners” keep talking. They said “we will never accept this” again."
    assert [s.quoted for s in split_sentences(text)] == [False, True]


def test_paragraph_numbers():
    sentences = split_sentences(NEWS)
    assert [s.paragraph for s in sentences] == [0, 1, 2, 2, 3, 3, 3, 3, 4]
    assert len(paragraph_spans(NEWS)) == 5


def test_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = "He said: “We will stay the course\n\nNext paragraph here."
    assert [s.quoted for s in split_sentences(text)] == [True, False]
    assert quotation_spans(text, 0, 33) == [(9, 33)]


def test_crlf_text_splits_like_lf():
    text = "Headline\r\n\r\nFirst sentence. Second one.\r\n"
    assert texts(text) == ["Headline", "First sentence.", "Second one."]


def test_word_spans_are_offsets():
    text = "Daesh’s fighters won’t win."
    assert [text[a:b] for a, b in word_spans(text)][:2] == ["Daesh", "’s"]


def test_seed_headline_and_quote(seed_text):
    found = texts(seed_text)
    assert "Putin calls on US to work with Assad" in found
    quote = [s for s in found if s.startswith("“It is an enormous mistake")]
    assert len(quote) == 1 and quote[0].endswith("Putin said.")
    assert "face to face,”" in quote[0]


def test_page_break_inside_a_long_line_of_prose_joins_before_a_capital():
    prose = (
        "Over the past year my delegation has worked with every group in this Hall to defend "
        "the principles that bind us all, and above all the authority of the United"
    )
    text = f"{prose}\n\nNations in matters of peace and security. We will go on.\n"
    assert texts(text) == [
        f"{prose}\n\nNations in matters of peace and security.",
        "We will go on.",
    ]
