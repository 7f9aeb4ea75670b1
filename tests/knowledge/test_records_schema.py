"""The records in bot/records.py are the schema: loading YAML validates them (pydantic), using
them does not import pydantic, and they pickle into the compiled cache as they are."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from bot.knowledge import load_knowledge
from bot.nlu.intent_data import load_intents
from bot.records import Fact, Framework, IntentSpec, Knowledge


def test_records_and_text_tools_import_no_pydantic() -> None:
    code = (
        "import sys, bot.records, bot.text.facts, bot.text.tokens, bot.state.resilient;"
        "print('pydantic' in sys.modules)"
    )
    # the first run compiles the lexicon if no compiled copy is at hand (other tests' engines
    # may have pushed it out of the cache), which validates with pydantic; the second loads it
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_loaders_return_the_records_themselves() -> None:
    kb = load_knowledge()
    assert type(kb) is Knowledge
    fw = next(iter(kb.frameworks.values()))
    assert type(fw) is Framework and type(fw.summary[0]) is Fact
    spec = next(iter(load_intents().intents.values()))
    assert type(spec) is IntentSpec


def test_the_records_pickle_as_they_are() -> None:
    kb = load_knowledge()
    assert pickle.loads(pickle.dumps(kb)) == kb


def test_records_are_built_by_keyword() -> None:
    fact = Fact(text="Flask is small.", sources=["myers"])
    assert fact.year is None
    with pytest.raises(TypeError):
        Fact("Flask is small.", ["myers"])  # type: ignore[misc]
