"""The actor evaluation's readers and scoring keys, on small files written for them."""

from __future__ import annotations

from copydesk_tools.evaluation.actors import normalise_name, read_conll, read_ontonotes

ONTONOTES_SAMPLE = (
    "-DOCSTART- nw/wsj/99/wsj_9999#000\n\n"
    "The\tDT\tB-ORG\nAcme\tNNP\tI-ORG\nWidget\tNNP\tI-ORG\nCo.\tNNP\tI-ORG\n's\tPOS\tI-ORG\n"
    "chief\tNN\tO\n,\t,\tO\nJane\tNNP\tB-PERSON\nRoe\tNNP\tI-PERSON\n,\t,\tO\nsaid\tVBD\tO\n"
    "``\t``\tO\nCoca\tNNP\tB-ORG\n-\tHYPH\tI-ORG\nCola\tNNP\tI-ORG\n''\t''\tO\nwas\tVBD\tO\n"
    "-LRB-\t-LRB-\tO\nin\tIN\tO\nOhio\tNNP\tB-GPE\n-RRB-\t-RRB-\tO\n.\t.\tO\n\n"
    "-DOCSTART- nw/wsj/99/wsj_9998#000\n\n"
    "Europe\tNNP\tB-LOC\nand\tCC\tO\nJapan\tNNP\tB-GPE\n.\t.\tO\n"
)


def test_ontonotes_documents_are_detokenised_as_a_reader_sees_them(tmp_path):
    path = tmp_path / "sample.bio"
    path.write_text(ONTONOTES_SAMPLE, encoding="utf-8")
    first, second = list(read_ontonotes(path))
    assert first.text == "The Acme Widget Co.'s chief, Jane Roe, said \"Coca-Cola\" was (in Ohio)."
    # A leading "the" is dropped from the key; a hyphenated name is one word; LOC is not scored.
    assert first.gold == {("acme widget cos", "ORG"), ("jane roe", "PER"), ("cocacola", "ORG"), ("ohio", "GPE")}
    assert second.gold == {("japan", "GPE")}


def test_conll_articles_end_at_docstart_and_keep_iob1_entities(tmp_path):
    path = tmp_path / "sample.conll"
    path.write_text(
        "LONDON NNP I-NP I-LOC\n1996-08-30 CD I-NP O\n\n"
        "Smith NNP I-NP I-PER\nJones NNP I-NP B-PER\nsaid VBD I-VP O\n. . O O\n\n-DOCSTART- -X- O O\n",
        encoding="utf-8",
    )
    (article,) = list(read_conll(path))
    assert article.text == "LONDON 1996-08-30\nSmith Jones said."
    assert article.gold == {("london", "LOC"), ("smith", "PER"), ("jones", "PER")}


def test_the_scoring_key_drops_only_a_leading_the():
    assert normalise_name("The Other Theatre") == "other theatre"
    assert normalise_name("U.S.") == "us"
