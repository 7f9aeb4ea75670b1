"""knowledge/needs.yaml: every argument the recommender weighs names real frameworks, kinds and
sources; a broken file is reported by `framework-bot check` and answers still come."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from bot.answers.needs import load_needs, read_needs
from bot.checks import run_check
from bot.engine import Engine
from bot.paths import default_intents_dir, default_knowledge_dir

SHIPPED = default_knowledge_dir()


def test_every_need_argues_from_the_documents():
    kb = Engine.load().knowledge
    needs = read_needs(Path(SHIPPED) / "needs.yaml", kb)
    ids = {n.id for n in needs}
    # the needs the guided flow's answers and the traits stand for
    assert {"small", "large", "batteries", "own_parts", "concurrency", "api", "pages"} <= ids
    assert {"admin", "orm", "documentation", "dependencies", "learning", "prototyping"} <= ids
    for need in needs:
        for arg in need.arguments:
            assert arg.sources and set(arg.sources) <= set(kb.sources), need.id
            assert arg.frameworks <= set(kb.frameworks) and arg.categories <= set(kb.categories)
    # Myers' argument against Bottle for large apps is there, with its source
    large = next(n for n in needs if n.id == "large")
    assert any(
        "bottle" in a.frameworks and not a.favours and "myers" in a.sources for a in large.arguments
    )


def test_a_broken_needs_file_is_reported_and_answers_still_come(tmp_path):
    kdir = tmp_path / "knowledge"
    shutil.copytree(SHIPPED, kdir)
    text = (kdir / "needs.yaml").read_text(encoding="utf-8")
    (kdir / "needs.yaml").write_text(text.replace("[bottle]", "[bottel]", 1), encoding="utf-8")
    out = io.StringIO()
    assert run_check(str(kdir), str(default_intents_dir()), out) == 1
    assert "needs.yaml" in out.getvalue() and "bottel" in out.getvalue()
    engine = Engine.load(knowledge_dir=str(kdir))
    assert load_needs(engine.knowledge) == ()
    answer = engine.ask("what should I use for a small API?")
    assert answer.intent == "recommend" and answer.headline.startswith("My pick")
