"""The intents/ training data: it loads, every fixed intent is there with 15 to 40 examples, it
stays apart from the evaluation set, broken files name file and line, and `framework-bot check`
lints it (duplicates across intents, too few examples, leave-one-out misclassifications)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from paths import DATA

from bot.checks import run_check
from bot.nlu.intent_data import FIXED_INTENTS, load_intents
from bot.paths import default_intents_dir, default_knowledge_dir
from bot.yamlsrc import SourceError, SourceErrors

SHIPPED_INTENTS = default_intents_dir()
SHIPPED_KNOWLEDGE = default_knowledge_dir()
EVAL_FILES = sorted(DATA.glob("eval_*.yaml"))
HEADER = ['version: "3.1"', "nlu:"]


def normalise(text: str) -> str:
    """Casefold, drop punctuation and emoji, collapse whitespace."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def intent_block(name: str, examples: list[str]) -> list[str]:
    return [f"  - intent: {name}", "    examples: |", *(f"      - {e}" for e in examples)]


def filler(name: str, count: int = 15) -> list[str]:
    word = "zq" + name.replace("_", "")
    return [f"{word} sample {n}" for n in range(1, count + 1)]


def write_intents(directory: Path, overrides: dict[str, list[str]] | None = None) -> Path:
    """One file with every fixed intent; `overrides` replaces an intent's examples.
    Returns the file path."""
    overrides = overrides or {}
    directory.mkdir(parents=True, exist_ok=True)
    lines = list(HEADER)
    for name in FIXED_INTENTS:
        lines += intent_block(name, overrides.get(name, filler(name)))
    path = directory / "nlu.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line_of(path: Path, example: str, nth: int = 1) -> int:
    """1-based line of the nth `- example` line in the file."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == f"- {example}":
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{example!r} not in {path}")


def check(intents: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = run_check(str(SHIPPED_KNOWLEDGE), str(intents), out, max_listed=None)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def data():
    return load_intents()


# -- the shipped data ------------------------------------------------------------------------


def test_shipped_intents_load(data):
    assert data.intents
    assert all(Path(f).parent == SHIPPED_INTENTS for f in data.files)


@pytest.mark.parametrize("name", FIXED_INTENTS)
def test_fixed_intent_exists(data, name):
    assert name in data.intents


def test_there_are_18_fixed_intents():
    assert len(FIXED_INTENTS) == 18 == len(set(FIXED_INTENTS))


def test_each_intent_has_15_to_40_examples(data):
    counts = {name: len(spec.example_lines()) for name, spec in data.intents.items()}
    wrong = {name: n for name, n in counts.items() if not 15 <= n <= 40}
    assert not wrong, f"intents outside 15-40 examples: {wrong}"


def test_examples_are_not_quoted(data):
    # A quoted line would keep its quotes as part of the text (see intents/README.md).
    quoted = [
        line
        for spec in data.intents.values()
        for line in spec.example_lines()
        if line[:1] in "\"'" and line[-1:] == line[:1]
    ]
    assert not quoted


def test_eval_files_exist():
    assert EVAL_FILES, "tests/data/eval_*.yaml missing"


def test_no_evaluation_question_is_a_training_example(data):
    training: dict[str, tuple[str, str]] = {}
    for name, spec in data.intents.items():
        for line in spec.example_lines():
            training.setdefault(normalise(line), (name, line))
    overlap = []
    for path in EVAL_FILES:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
        for item in items:
            key = normalise(item["q"])
            if key in training:
                intent, line = training[key]
                overlap.append(f"{path.name}: {item['q']!r} = {intent} example {line!r}")
    assert not overlap, (
        f"{len(overlap)} evaluation questions are also training examples:\n" + "\n".join(overlap)
    )


def test_normalise_folds_case_punctuation_and_space():
    assert normalise("  Who uses  Flask?? ") == normalise("who uses flask")
    assert normalise("hiya 👋") == "hiya"
    assert normalise("web.py") == "web py"


# -- broken intent files -----------------------------------------------------------------------


def test_bad_indentation_reports_file_and_line(tmp_path):
    path = write_intents(tmp_path / "intents")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index("  - intent: help") + 2  # its '    examples: |'
    lines[number - 1] = "   examples: |"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        load_intents(tmp_path / "intents")
    err = exc.value.errors[0]
    assert err.file == str(path)
    assert err.line == number
    assert "invalid YAML" in err.message
    assert str(err).startswith(f"{path}:{number}")


def test_unknown_field_reports_file_key_and_line(tmp_path):
    path = write_intents(tmp_path / "intents")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = lines.index("  - intent: thanks") + 2
    lines[number - 1] = "    exampels: |"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = FIXED_INTENTS.index("thanks")
    with pytest.raises(SourceErrors) as exc:
        load_intents(tmp_path / "intents")
    errors = exc.value.errors
    hit = [e for e in errors if e.key == f"nlu[{index}].exampels"]
    assert hit, "\n".join(map(str, errors))
    assert hit[0].file == str(path) and hit[0].line == number


def test_duplicate_yaml_key_in_intents(tmp_path):
    path = write_intents(tmp_path / "intents")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index("  - intent: greet") + 1
    lines.insert(number, "    intent: help")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        load_intents(tmp_path / "intents")
    err = exc.value.errors[0]
    assert (err.file, err.line) == (str(path), number + 1)
    assert "appears twice" in err.message


def test_missing_fixed_intent_is_named(tmp_path):
    path = write_intents(tmp_path / "intents")
    text = path.read_text(encoding="utf-8").replace("intent: sources", "intent: our_sources")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        load_intents(tmp_path / "intents")
    assert "missing intents: sources" in str(exc.value)


def test_python_tag_in_intents_is_rejected(tmp_path):
    path = write_intents(tmp_path / "intents")
    text = path.read_text(encoding="utf-8").replace(
        'version: "3.1"', "version: !!python/object/apply:os.getcwd []"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        load_intents(tmp_path / "intents")
    assert exc.value.errors[0].line == 1


# -- framework-bot check: the intent lint ----------------------------------------------------


def test_clean_intents_pass_the_lint(tmp_path):
    write_intents(tmp_path / "intents")
    code, out = check(tmp_path / "intents")
    assert code == 0, out
    assert "examples duplicated across intents: 0" in out
    assert "intents with fewer than 15 examples: 0" in out


def test_duplicate_across_intents_fails_with_both_places(tmp_path):
    examples = [*filler("features")[:-1], "zqgreet sample 3"]
    path = write_intents(tmp_path / "intents", {"features": examples})
    code, out = check(tmp_path / "intents")
    assert code == 1
    first, second = line_of(path, "zqgreet sample 3", 1), line_of(path, "zqgreet sample 3", 2)
    index = FIXED_INTENTS.index("features")
    expected = f"{path}:{second} [nlu[{index}].examples]: example 'zqgreet sample 3'"
    row = next((r for r in out.splitlines() if r.startswith(expected)), None)
    assert row, out
    assert "intent 'greet'" in row and f"{path}:{first}" in row
    assert "examples duplicated across intents: 1" in out


def test_duplicate_once_entity_names_are_masked(tmp_path):
    # 'what is flask' and 'what is django' read the same once names are masked
    path = write_intents(
        tmp_path / "intents",
        {
            "describe_framework": [*filler("describe_framework")[:-1], "what is flask"],
            "features": [*filler("features")[:-1], "what is django"],
        },
    )
    code, out = check(tmp_path / "intents")
    assert code == 1
    line = line_of(path, "what is django")
    assert f"{path}:{line} " in out
    assert "'what is {framework}'" in out


def test_same_text_within_one_intent_only_warns(tmp_path):
    examples = [*filler("describe_framework"), "what is flask", "what is django"]
    write_intents(tmp_path / "intents", {"describe_framework": examples})
    code, out = check(tmp_path / "intents")
    assert code == 0, out
    assert "repeats 'what is flask'" in out


def test_too_few_examples_fails(tmp_path):
    path = write_intents(tmp_path / "intents", {"history": filler("history", 14)})
    code, out = check(tmp_path / "intents")
    assert code == 1
    index = FIXED_INTENTS.index("history")
    expected = SourceError(
        str(path),
        f"nlu[{index}].examples",
        line_of(path, "zqhistory sample 1"),
        "intent 'history' has 14 examples; expected at least 15",
    )
    assert str(expected) in out.splitlines()
    assert "intents with fewer than 15 examples: 1" in out


def test_misclassified_example_warns_but_passes(tmp_path):
    stray = "zqwhouses sample 99"
    path = write_intents(tmp_path / "intents", {"history": [*filler("history"), stray]})
    code, out = check(tmp_path / "intents")
    assert code == 0, out
    rows = [r for r in out.splitlines() if r.startswith("warning: ") and f"'{stray}'" in r]
    assert rows, out
    assert rows[0].startswith(f"warning: {path}:{line_of(path, stray)} ")
    assert "goes to 'who_uses'" in rows[0]
    assert "examples misclassified when left out of training: 0 of" not in out


def test_leave_one_out_does_not_change_the_matcher(tmp_path):
    # Left-out examples are put back: a second run gives the same report.
    write_intents(tmp_path / "intents", {"history": [*filler("history"), "zqwhouses sample 99"]})
    first = check(tmp_path / "intents")[1].splitlines()[:-1]  # the last line has the timing
    second = check(tmp_path / "intents")[1].splitlines()[:-1]
    assert first == second


def test_shipped_intents_pass_the_lint():
    code, out = check(SHIPPED_INTENTS)
    errors = out.split("errors (", 1)[1] if "errors (" in out else ""
    assert code == 0, errors


def test_lint_is_skipped_not_crashed_when_knowledge_is_broken(tmp_path):
    kdir = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, kdir)
    (kdir / "tags.yaml").write_text("tags: [\n", encoding="utf-8")
    write_intents(tmp_path / "intents")
    out = io.StringIO()
    assert run_check(str(kdir), str(tmp_path / "intents"), out) == 1
    assert "lint skipped" in out.getvalue()
    assert f"{kdir / 'tags.yaml'}:" in out.getvalue()
