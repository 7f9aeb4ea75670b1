"""One fact index (bot/text/facts.py) serves grounding and the detail search: built once per
knowledge base, shared through the compiled cache, and each reader's word families are the
families it would get from its own vocabulary."""

from __future__ import annotations

import pytest

from bot.answers.search import FactIndex
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.nlu.grounding import FacetEvidence
from bot.text.families import WordFamilies


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_grounding_and_the_detail_search_read_one_index(kb) -> None:
    assert FacetEvidence(kb).table is FactIndex(kb).table


def test_the_compiled_engine_keeps_one_index() -> None:
    engine = Engine.load()
    assert engine.understanding.evidence.table is engine.index.table


@pytest.mark.parametrize("reader", [FacetEvidence, FactIndex])
def test_each_reader_sees_the_families_of_its_own_words(kb, reader) -> None:
    view = reader(kb)
    own = WordFamilies(view.families.vocab)
    for word in ["perform", "performance", "compliant", "fast", "faster", "configure", "async"]:
        assert view.families.of(word) == own.of(word), word


def test_the_detail_search_leaves_related_pointers_out(kb) -> None:
    index = FactIndex(kb)
    for fw_id, rows in index.by_framework.items():
        assert all(facet != "related" for facet, _item, _stems in rows), fw_id
        assert len(rows) < len(index.table.rows[fw_id]) or not kb.frameworks[fw_id].related
