"""Validation errors a curator can act on: file, key path, line number and what was expected.

Each test copies the shipped knowledge/ to a temporary directory, makes one small text edit,
and asserts the exact error. Line numbers are taken from the edited text itself (with PyYAML's
own composer, not the code under test), so they are exact without hard-coding the layout of
files that curators keep changing.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from bot.checks import run_check
from bot.cli import main
from bot.engine import Engine
from bot.knowledge import load_knowledge, resolve_knowledge_dir
from bot.nlu.intent_data import FIXED_INTENTS
from bot.paths import default_knowledge_dir
from bot.render.text import render_text
from bot.yamlsrc import SourceError, SourceErrors, load_yaml

SHIPPED = default_knowledge_dir()
FIELDS_OF_FRAMEWORK = ("id", "name", "aliases", "categories", "summary", "users", "tags")


# -- helpers ---------------------------------------------------------------------------------


def _nodes(text: str, path: tuple) -> tuple[yaml.Node | None, yaml.Node]:
    """(key node, value node) at a key path, composed by PyYAML."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    key_node = None
    for part in path:
        if isinstance(part, int):
            key_node, node = None, node.value[part]
        else:
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
    return key_node, node


def replace_value(path: Path, keypath: tuple, new: str) -> int:
    """Replace the scalar at `keypath` by raw YAML `new`; return the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    _, node = _nodes(text, keypath)
    assert isinstance(node, yaml.ScalarNode), keypath
    start, end = node.start_mark.index, node.end_mark.index
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")
    return node.start_mark.line + 1


def rename_key(path: Path, keypath: tuple, new: str) -> int:
    """Rename the mapping key at `keypath`; return the line of the key."""
    text = path.read_text(encoding="utf-8")
    key_node, _ = _nodes(text, keypath)
    assert key_node is not None, keypath
    start, end = key_node.start_mark.index, key_node.end_mark.index
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")
    return key_node.start_mark.line + 1


def key_line(path: Path, keypath: tuple) -> int:
    key_node, _ = _nodes(path.read_text(encoding="utf-8"), keypath)
    assert key_node is not None
    return key_node.start_mark.line + 1


def edit_line(path: Path, line: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def insert_line(path: Path, after: int, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(after, new + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return after + 1


def errors_of(directory: Path) -> list[SourceError]:
    with pytest.raises(SourceErrors) as exc:
        load_knowledge(directory)
    return exc.value.errors


def only(errors: list[SourceError]) -> SourceError:
    assert len(errors) == 1, "expected one error, got:\n" + "\n".join(map(str, errors))
    return errors[0]


def assert_error(err: SourceError, path: Path, key: str, line: int, *fragments: str) -> None:
    assert err.file == str(path)
    assert err.key == key
    assert err.line == line
    for fragment in fragments:
        assert fragment in err.message, f"{fragment!r} not in {err.message!r}"
    where = f"{path}:{line} [{key}]: " if key else f"{path}:{line}: "
    assert str(err).startswith(where), str(err)


def append_list_item(path: Path, item_lines: list[str]) -> None:
    """Append an item to the file's single top-level list, with the file's own indentation."""
    text = path.read_text(encoding="utf-8")
    indent = next(
        line[: len(line) - len(line.lstrip())]
        for line in text.splitlines()
        if line.lstrip().startswith("- id:")
    )
    block = "\n".join(f"{indent}{'- ' if i == 0 else '  '}{ln}" for i, ln in enumerate(item_lines))
    path.write_text(text.rstrip("\n") + "\n" + block + "\n", encoding="utf-8")


def write_clean_intents(directory: Path) -> Path:
    """A small, lint-clean intents directory: every fixed intent, 15 distinct examples each."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = ['version: "3.1"', "nlu:"]
    for name in FIXED_INTENTS:
        word = "zq" + name.replace("_", "")
        lines += [f"  - intent: {name}", "    examples: |"]
        lines += [f"      - {word} sample {n}" for n in range(1, 16)]
    (directory / "all.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


PYRAMID = """\
# A framework the three documents never mention, added by a team with its own source.
id: pyramid
name: Pyramid
aliases: [pyramid framework]
language: python
categories:
  - id: full_stack
    sources: [team_wiki]
summary:
  - text: Pyramid is what the billing team builds its internal services with.
    sources: [team_wiki]
features:
  - text: Pyramid lets the billing team start small and add pieces as services grow.
    sources: [team_wiki]
users:
  - name: Billing team
    sources: [team_wiki]
  - name: Ledger service
    note: moved from Flask in the spring
    sources: [team_wiki]
"""


def add_pyramid(directory: Path) -> None:
    append_list_item(
        directory / "sources.yaml",
        [
            "id: team_wiki",
            "title: Team wiki, web frameworks page",
            "short: the team wiki",
            "site: wiki.example.com",
            "file: team-wiki-frameworks.md",
        ],
    )
    (directory / "frameworks" / "pyramid.yaml").write_text(PYRAMID, encoding="utf-8")


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def clean_intents(tmp_path: Path) -> Path:
    return write_clean_intents(tmp_path / "intents")


# -- each validation error -------------------------------------------------------------------


def test_unknown_source_id(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = replace_value(path, ("users", 0, "sources", 0), "nosuch")
    err = only(errors_of(kdir))
    assert_error(
        err,
        path,
        "users[0].sources[0]",
        line,
        "unknown source id 'nosuch'",
        "known sources: icts, myers, stackexchange",
    )


def test_duplicate_framework_id_in_two_files(kdir):
    original = kdir / "frameworks" / "flask.yaml"
    copy = kdir / "frameworks" / "flask_again.yaml"
    shutil.copy(original, copy)
    errors = errors_of(kdir)
    err = only([e for e in errors if "duplicate" in e.message])
    assert_error(err, copy, "id", key_line(copy, ("id",)), "duplicate framework id 'flask'")
    # the copy's name no longer matches its id either, and that is said too
    assert any("expected flask.yaml" in e.message for e in errors)


def test_framework_file_name_must_match_its_id(kdir):
    path = kdir / "frameworks" / "bobo.yaml"
    path.rename(kdir / "frameworks" / "bobo_framework.yaml")
    moved = kdir / "frameworks" / "bobo_framework.yaml"
    err = only(errors_of(kdir))
    assert_error(err, moved, "id", key_line(moved, ("id",)), "expected bobo.yaml")


def test_broken_everyday_regex_is_reported_at_load(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["everyday_word"]["patterns"], "flask has everyday-word patterns"
    first = data["everyday_word"]["patterns"][0]
    path.write_text(text.replace(first, "(unclosed", 1), encoding="utf-8")
    err = only(errors_of(kdir))
    assert "invalid regular expression" in err.message
    assert err.key == "everyday_word.patterns[0]"


def test_duplicate_argument_id(kdir):
    path = kdir / "tradeoffs.yaml"
    first = yaml.safe_load(path.read_text(encoding="utf-8"))["tradeoffs"][0]["id"]
    line = replace_value(path, ("tradeoffs", 1, "id"), first)
    errors = errors_of(kdir)
    assert any(
        e.key == "tradeoffs[1].id" and e.line == line and "duplicate argument id" in e.message
        for e in errors
    ), errors


def test_duplicate_term_id(kdir):
    path = kdir / "glossary.yaml"
    first = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"][0]["id"]
    line = replace_value(path, ("terms", 1, "id"), first)
    err = only(errors_of(kdir))
    assert_error(err, path, "terms[1].id", line, f"duplicate term id '{first}'")


def test_alias_colliding_with_another_entrys_name(kdir):
    path = kdir / "frameworks" / "zope.yaml"
    line = replace_value(path, ("aliases", 0), "Django")
    err = only(errors_of(kdir))
    assert_error(
        err,
        path,
        "aliases[0]",
        line,
        "'Django' collides with the name or alias of framework 'django'",
    )


def test_alias_colliding_with_another_entrys_alias(kdir):
    # an alias of a framework whose file loads before zope.yaml
    kb = load_knowledge(SHIPPED)
    owner = next(fw for fw in kb.frameworks.values() if fw.aliases and fw.id < "zope")
    taken = owner.aliases[0]
    path = kdir / "frameworks" / "zope.yaml"
    line = replace_value(path, ("aliases", 0), f"'{taken}'")
    err = only(errors_of(kdir))
    assert_error(
        err,
        path,
        "aliases[0]",
        line,
        f"'{taken}' collides with the name or alias of framework '{owner.id}'",
    )


def test_alias_spelled_differently_still_collides(kdir):
    # names and aliases are compared case- and punctuation-insensitively
    path = kdir / "frameworks" / "zope.yaml"
    line = replace_value(path, ("aliases", 0), "DJANGO")
    err = only(errors_of(kdir))
    assert_error(err, path, "aliases[0]", line, "collides", "framework 'django'")


def test_unknown_category(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = replace_value(path, ("categories", 0, "id"), "micro_stack")
    err = only(errors_of(kdir))
    assert_error(
        err,
        path,
        "categories[0].id",
        line,
        "unknown category 'micro_stack'",
        "expected one of: async, full_stack, micro",
    )


def test_misspelled_field_lists_expected_fields(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = rename_key(path, ("summary",), "summmary")
    errors = errors_of(kdir)
    err = next(e for e in errors if e.key == "summmary")
    assert_error(err, path, "summmary", line, "unknown field 'summmary'", "expected one of:")
    expected = err.message.split("expected one of:")[1]
    for field in FIELDS_OF_FRAMEWORK:
        assert field in expected
    # the required field it was meant to be is reported as missing, in the same file
    missing = next(e for e in errors if e.key == "summary")
    assert missing.file == str(path) and "missing required field 'summary'" in missing.message
    # and nothing else: no follow-on "unknown framework 'flask'" errors from other files
    assert {e.file for e in errors} == {str(path)}


def test_misspelled_nested_field_lists_the_nested_fields(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = rename_key(path, ("users", 0, "name"), "nmae")
    errors = errors_of(kdir)
    err = next(e for e in errors if e.key == "users[0].nmae")
    assert_error(
        err, path, "users[0].nmae", line, "unknown field 'nmae'", "expected one of: name, sources"
    )
    assert {e.file for e in errors} == {str(path)}


def test_misspelled_field_in_a_single_file_does_not_cascade(kdir):
    path = kdir / "categories.yaml"
    line = rename_key(path, ("categories", 0, "definition"), "definiton")
    errors = errors_of(kdir)
    err = next(e for e in errors if e.key == "categories[0].definiton")
    assert_error(err, path, "categories[0].definiton", line, "unknown field 'definiton'")
    assert {e.file for e in errors} == {str(path)}, "\n".join(map(str, errors))


def test_wrong_type(kdir):
    path = kdir / "frameworks" / "webpy.yaml"
    history = yaml.safe_load(path.read_text(encoding="utf-8"))["history"]
    index = next(i for i, fact in enumerate(history) if "year" in fact)
    line = replace_value(path, ("history", index, "year"), '"two thousand"')
    err = only(errors_of(kdir))
    assert_error(err, path, f"history[{index}].year", line, "valid integer", "(got 'two thousand')")


def test_wrong_type_list_expected(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    text = path.read_text(encoding="utf-8")
    _, node = _nodes(text, ("categories",))
    start, end = node.start_mark.index, node.end_mark.index
    path.write_text(text[:start] + "micro\n" + text[end:], encoding="utf-8")
    err = only(errors_of(kdir))
    # a problem with a key's value points at the key
    assert_error(err, path, "categories", key_line(path, ("categories",)), "valid list", "'micro'")


def test_invalid_yaml_bad_indentation_gives_the_line(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = key_line(path, ("name",))
    original = path.read_text(encoding="utf-8").splitlines()[line - 1]
    edit_line(path, line, "  " + original)  # 'name:' indented under 'id: flask'
    err = only(errors_of(kdir))
    assert_error(err, path, "", line, "invalid YAML")


def test_invalid_yaml_bad_list_indentation(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    _, node = _nodes(path.read_text(encoding="utf-8"), ("summary", 1))
    line = node.start_mark.line + 1  # '  - text: ...' of the second summary fact
    original = path.read_text(encoding="utf-8").splitlines()[line - 1]
    edit_line(path, line, " " + original)  # one space too many
    err = only(errors_of(kdir))
    assert err.file == str(path)
    assert err.line == line
    assert err.message.startswith("invalid YAML")


def test_duplicate_yaml_key(kdir):
    path = kdir / "frameworks" / "flask.yaml"
    line = insert_line(path, key_line(path, ("name",)), "name: Flask again")
    err = only(errors_of(kdir))
    assert_error(err, path, "name", line, "key 'name' appears twice")


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo pwned > {marker}']",
        "!!python/name:os.system",
        "!!python/object:bot.knowledge.Source {}",
        "!!python/object/new:subprocess.check_output [['touch', '{marker}']]",
    ],
)
def test_python_yaml_tags_are_rejected(kdir, tmp_path, tagged):
    marker = tmp_path / "pwned"
    path = kdir / "frameworks" / "flask.yaml"
    line = replace_value(path, ("name",), tagged.replace("{marker}", str(marker)))
    err = only(errors_of(kdir))
    assert_error(err, path, "", line, "invalid YAML", "could not determine a constructor")
    assert not marker.exists()


def test_load_yaml_is_safe_on_its_own(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("a: 1\nb: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        load_yaml(path)
    assert only(exc.value.errors).line == 2


def test_errors_from_several_files_are_all_reported(kdir):
    flask = kdir / "frameworks" / "flask.yaml"
    webpy = kdir / "frameworks" / "webpy.yaml"
    replace_value(flask, ("categories", 0, "id"), "micro_stack")
    replace_value(webpy, ("users", 0, "sources", 0), "nosuch")
    errors = errors_of(kdir)
    assert {e.file for e in errors} == {str(flask), str(webpy)}


# -- a team's own framework --------------------------------------------------------------------


def test_team_adds_a_framework_with_one_file(kdir):
    add_pyramid(kdir)
    kb = load_knowledge(kdir)
    assert "pyramid" in kb.frameworks
    assert kb.frameworks["pyramid"] in kb.members("full_stack")
    assert "team_wiki" in kb.sources

    engine = Engine.load(str(kdir))
    answer = engine.ask("what is pyramid")
    assert answer.intent == "describe_framework"
    assert answer.entities == ["pyramid"]
    text = render_text(answer)
    assert "billing team builds its internal services" in text
    assert [s.id for s in answer.sources] == ["team_wiki"]

    answer = engine.ask("who uses pyramid")
    assert answer.intent == "who_uses"
    assert answer.entities == ["pyramid"]
    text = render_text(answer)
    assert "Billing team" in text and "Ledger service" in text
    assert "team wiki" in text


def test_team_framework_with_unknown_source_is_reported(kdir):
    (kdir / "frameworks" / "pyramid.yaml").write_text(PYRAMID, encoding="utf-8")
    path = kdir / "frameworks" / "pyramid.yaml"
    errors = errors_of(kdir)
    assert errors and all(e.file == str(path) for e in errors)
    assert all("unknown source id 'team_wiki'" in e.message for e in errors)
    first = min(errors, key=lambda e: e.line or 0)
    assert_error(first, path, "categories[0].sources[0]", 8, "unknown source id 'team_wiki'")


def test_env_var_selects_the_knowledge_directory(kdir, clean_intents, monkeypatch, capsys):
    add_pyramid(kdir)
    monkeypatch.setenv("FRAMEWORK_BOT_KNOWLEDGE", str(kdir))
    assert resolve_knowledge_dir() == kdir
    kb = load_knowledge()
    assert kb.directory == str(kdir)
    assert "pyramid" in kb.frameworks
    assert Engine.load(intents_dir=str(clean_intents)).knowledge.directory == str(kdir)
    # an explicit directory still wins over the environment
    assert "pyramid" not in load_knowledge(SHIPPED).frameworks

    assert main(["check", "--intents", str(clean_intents)]) == 0
    out = capsys.readouterr().out
    assert f"knowledge: {kdir}" in out
    assert "pyramid" in out


def test_env_var_pointing_at_broken_knowledge_fails_check(kdir, clean_intents, monkeypatch, capsys):
    replace_value(kdir / "frameworks" / "flask.yaml", ("categories", 0, "id"), "micro_stack")
    monkeypatch.setenv("FRAMEWORK_BOT_KNOWLEDGE", str(kdir))
    assert main(["check", "--intents", str(clean_intents)]) == 1
    assert "unknown category 'micro_stack'" in capsys.readouterr().out


# -- framework-bot check ---------------------------------------------------------------------


def test_check_passes_on_shipped_data(capsys):
    started = time.perf_counter()
    code = main(["check", str(SHIPPED)])
    elapsed = time.perf_counter() - started
    out = capsys.readouterr().out
    assert code == 0, out
    assert "facts without sources: 0" in out
    assert elapsed < 3.0


def test_check_summary_on_shipped_knowledge(clean_intents, capsys):
    assert main(["check", str(SHIPPED), "--intents", str(clean_intents)]) == 0
    out = capsys.readouterr().out
    assert "facts without sources: 0" in out
    kb = load_knowledge(SHIPPED)
    for kind, count in (
        ("sources", len(kb.sources)),
        ("frameworks", len(kb.frameworks)),
        ("categories", len(kb.categories)),
        ("terms", len(kb.terms)),
        ("tradeoffs", len(kb.tradeoffs)),
        ("tags", len(kb.tags)),
        ("users", sum(len(f.users) for f in kb.frameworks.values())),
    ):
        assert any(line.split() == [kind, str(count)] for line in out.splitlines()), kind
    assert any(line.split()[:1] == ["facts"] for line in out.splitlines())
    # the facet table has a row per framework
    for fw_id in kb.frameworks:
        assert any(line.split()[:1] == [fw_id] for line in out.splitlines()), fw_id
    assert "check ok" in out


def test_check_fails_on_broken_knowledge_with_file_line_and_key(kdir, clean_intents, capsys):
    path = kdir / "frameworks" / "flask.yaml"
    line = replace_value(path, ("users", 0, "sources", 0), "nosuch")
    assert main(["check", str(kdir), "--intents", str(clean_intents)]) == 1
    out = capsys.readouterr().out
    expected = f"{path}:{line} [users[0].sources[0]]: unknown source id 'nosuch'"
    assert any(row.startswith(expected) for row in out.splitlines()), out
    assert "check FAILED" in out


def test_check_fails_on_invalid_yaml(kdir, clean_intents):
    path = kdir / "frameworks" / "bottle.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "oops: [unclosed\n", encoding="utf-8")
    assert main(["check", str(kdir), "--intents", str(clean_intents)]) == 1


def test_check_accepts_the_knowledge_option(kdir, clean_intents, capsys):
    add_pyramid(kdir)
    assert main(["check", "--knowledge", str(kdir), "--intents", str(clean_intents)]) == 0
    assert "pyramid" in capsys.readouterr().out


def test_run_check_writes_to_the_given_stream(clean_intents):
    import io

    out = io.StringIO()
    assert run_check(str(SHIPPED), str(clean_intents), out) == 0
    assert "facts without sources: 0" in out.getvalue()
