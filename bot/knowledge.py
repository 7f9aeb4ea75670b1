"""The knowledge base: pydantic schema for every YAML file kind, and a loader that validates them.

Every fact carries the ids of the source documents it comes from, so that answers can cite them
and say "according to ..." where the documents disagree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bot.paths import resolve_knowledge_dir
from bot.yamlsrc import KeyPath, LineMap, SourceError, SourceErrors, format_key, load_yaml

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
SourceIds = Annotated[list[Id], Field(min_length=1)]


class Strict(BaseModel):
    """Unknown fields are errors: a misspelled key must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    id: Id
    title: Text
    short: Text = Field(description="How answers cite it, e.g. 'ICTS'.")
    site: Text | None = None
    author: Text | None = None
    file: Text
    kind: Literal["article", "qa_thread"] = "article"


class Fact(Strict):
    """One statement in the project's own words, with where it comes from."""

    text: Text
    sources: SourceIds
    year: int | None = None
    by: Text | None = None


class Named(Strict):
    """A company, site or project named by a document (users of a framework)."""

    name: Text
    sources: SourceIds
    note: Text | None = None


class Ref(Strict):
    """A sourced pointer to another entry: a category, a tag or a related framework.

    `contrast` marks a related framework the sources name as an opposite example ("microframeworks
    such as Flask, full-fledged ones such as Django"): related, but no alternative to it."""

    id: Id
    sources: SourceIds
    note: Text | None = None
    contrast: bool = False


class EverydayWord(Strict):
    """A framework name that is also an ordinary word ('a flask of coffee').

    `cues` are words that, with no tech word around, mean the everyday sense; `patterns` are
    regular expressions over the normalised question that always mean the everyday sense.
    """

    cues: list[Text] = []
    patterns: list[Text] = []


from bot.records import FACETS, facts_of, members_of  # noqa: E402  (shared with runtime)


class Framework(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []
    language: Literal["python", "ruby"] = "python"
    categories: Annotated[list[Ref], Field(min_length=1)]
    summary: Annotated[list[Fact], Field(min_length=1)]
    features: list[Fact] = []
    strengths: list[Fact] = []
    drawbacks: list[Fact] = []
    built_on: list[Fact] = []
    databases: list[Fact] = []
    templating: list[Fact] = []
    history: list[Fact] = []
    users: list[Named] = []
    performance: list[Fact] = []
    related: list[Ref] = []
    tags: list[Ref] = []
    everyday_word: EverydayWord | None = None

    @property
    def category_ids(self) -> list[str]:
        return [ref.id for ref in self.categories]

    @property
    def tag_ids(self) -> set[str]:
        return {ref.id for ref in self.tags}

    def filled_facets(self) -> list[str]:
        return [name for name in FACETS if getattr(self, name)]


class Category(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []
    definition: Annotated[list[Fact], Field(min_length=1)]
    traits: list[Fact] = []
    advantages: list[Fact] = []
    disadvantages: list[Fact] = []
    when_to_choose: list[Fact] = []


class Term(Strict):
    """A glossary term. `plain` is a one-line gloss for terms the documents only name."""

    id: Id
    name: Text
    aliases: list[Text] = []
    definition: list[Fact] = []
    plain: Text | None = None
    named_in: list[Id] = []
    frameworks: list[Ref] = []


class Argument(Strict):
    """One argument in the full-stack / micro / asynchronous debate."""

    id: Id
    about: Annotated[list[Id], Field(min_length=1)]
    favours: Id | None = None
    text: Text
    sources: SourceIds
    replies_to: Id | None = None


class Tag(Strict):
    """A trait that drives recommendations; `keywords` are what people say when they want it."""

    id: Id
    label: Text
    description: Text
    keywords: list[Text] = []


class SourcesFile(Strict):
    sources: Annotated[list[Source], Field(min_length=1)]


class CategoriesFile(Strict):
    categories: list[Category]


class GlossaryFile(Strict):
    terms: list[Term]


class TradeoffsFile(Strict):
    tradeoffs: list[Argument]


class TagsFile(Strict):
    tags: list[Tag]


class Knowledge(BaseModel):
    """Everything the bot knows, validated and cross-checked."""

    model_config = ConfigDict(frozen=True)

    directory: str
    sources: dict[str, Source]
    categories: dict[str, Category]
    frameworks: dict[str, Framework]
    terms: dict[str, Term]
    tradeoffs: list[Argument]
    tags: dict[str, Tag]

    def members(self, category_id: str) -> list[Framework]:
        return members_of(self, category_id)

    def iter_facts(self) -> Iterator[tuple[str, Fact | Named | Argument]]:
        return facts_of(self)


# Files a knowledge directory holds, with the model that validates each.
SINGLE_FILES: dict[str, type[Strict]] = {
    "sources.yaml": SourcesFile,
    "categories.yaml": CategoriesFile,
    "glossary.yaml": GlossaryFile,
    "tradeoffs.yaml": TradeoffsFile,
    "tags.yaml": TagsFile,
}


def _describe_pydantic_error(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if parent else "the documented fields"
        return f"unknown field '{loc[-1]}'; expected one of: {allowed}"
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "string_pattern_mismatch":
        return "expected an id in lower_snake_case (letters, digits, underscores)"
    return f"{err.get('msg', 'invalid value')} (got {err.get('input')!r})"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a pydantic error location down nested models to name the allowed fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part)) if hasattr(current, "model_fields") else None
        if field is None:
            return None
        annotation = field.annotation
        args = getattr(annotation, "__args__", ()) or ()
        candidates = [annotation, *args]
        current = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if current is None:
            # list[Model] or Model | None
            for arg in args:
                inner = getattr(arg, "__args__", ()) or ()
                for c in inner:
                    if isinstance(c, type) and issubclass(c, BaseModel):
                        current = c
            if current is None:
                return None
    return current if isinstance(current, type) else None


def _validate(
    model: type[Strict], data: Any, file: str, lines: LineMap, errors: list[SourceError]
) -> Strict | None:
    if data is None:
        errors.append(SourceError(file, "", None, "file is empty"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc: KeyPath = tuple(err["loc"])
            errors.append(
                SourceError(
                    file, format_key(loc), lines.line_of(loc), _describe_pydantic_error(err, model)
                )
            )
        return None


_ALIAS_CLEAN = re.compile(r"[^a-z0-9+#]+")


def alias_key(name: str) -> str:
    """The form under which names and aliases must be unique ('Web.py' == 'web py')."""
    return _ALIAS_CLEAN.sub(" ", name.casefold()).strip()


class _Located:
    """Remembers where each loaded object came from, for cross-file errors."""

    def __init__(self) -> None:
        self.where: dict[int, tuple[str, LineMap, KeyPath]] = {}

    def add(self, obj: object, file: str, lines: LineMap, path: KeyPath) -> None:
        self.where[id(obj)] = (file, lines, path)

    def error(self, obj: object, sub: KeyPath, message: str) -> SourceError:
        file, lines, path = self.where[id(obj)]
        full = (*path, *sub)
        return SourceError(file, format_key(full), lines.line_of(full), message)


def load_knowledge(directory: str | os.PathLike[str] | None = None) -> Knowledge:
    """Load and cross-check a knowledge directory; raise SourceErrors listing every problem."""
    root = resolve_knowledge_dir(directory)
    errors: list[SourceError] = []
    if not root.is_dir():
        raise SourceErrors([SourceError(str(root), "", None, "knowledge directory not found")])

    located = _Located()
    parsed: dict[str, Strict] = {}
    for name, model in SINGLE_FILES.items():
        path = root / name
        if not path.exists():
            errors.append(SourceError(str(path), "", None, f"missing file {name}"))
            continue
        try:
            data, lines = load_yaml(path)
        except SourceErrors as exc:
            errors.extend(exc.errors)
            continue
        obj = _validate(model, data, str(path), lines, errors)
        if obj is None:
            continue
        parsed[name] = obj
        list_key = next(iter(model.model_fields))
        for index, item in enumerate(getattr(obj, list_key)):
            located.add(item, str(path), lines, (list_key, index))

    frameworks: list[Framework] = []
    # Ids of frameworks whose own file is broken: references to them are not reported as
    # "unknown framework" too, so the one real error is not buried under follow-on ones.
    broken_frameworks: set[str] = set()
    fw_dir = root / "frameworks"
    fw_files = sorted(fw_dir.glob("*.yaml")) + sorted(fw_dir.glob("*.yml"))
    if not fw_files:
        errors.append(SourceError(str(fw_dir), "", None, "no framework files (*.yaml)"))
    for path in fw_files:
        try:
            data, lines = load_yaml(path)
        except SourceErrors as exc:
            errors.extend(exc.errors)
            broken_frameworks.add(path.stem)
            continue
        fw = _validate(Framework, data, str(path), lines, errors)
        if isinstance(fw, Framework):
            frameworks.append(fw)
            located.add(fw, str(path), lines, ())
            if path.stem != fw.id:
                errors.append(
                    located.error(
                        fw,
                        ("id",),
                        f"id '{fw.id}' should match the file name "
                        f"'{path.name}' (expected {fw.id}.yaml)",
                    )
                )
            for i, pattern in enumerate(fw.everyday_word.patterns if fw.everyday_word else []):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    errors.append(
                        located.error(
                            fw,
                            ("everyday_word", "patterns", i),
                            f"invalid regular expression: {exc}",
                        )
                    )
        else:
            broken_frameworks.add(path.stem)
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                broken_frameworks.add(data["id"])

    sources = _index(getattr(parsed.get("sources.yaml"), "sources", []), located, errors, "source")
    categories = _index(
        getattr(parsed.get("categories.yaml"), "categories", []), located, errors, "category"
    )
    terms = _index(getattr(parsed.get("glossary.yaml"), "terms", []), located, errors, "term")
    tags = _index(getattr(parsed.get("tags.yaml"), "tags", []), located, errors, "tag")
    fw_index = _index(frameworks, located, errors, "framework")
    tradeoffs: list[Argument] = list(getattr(parsed.get("tradeoffs.yaml"), "tradeoffs", []))
    _index(tradeoffs, located, errors, "argument")

    if "sources.yaml" in parsed:
        _check_sources(located, errors, sources, fw_index, categories, terms, tradeoffs)
    # A pool whose file failed is unknown (None): references into it are not checked.
    unknowable: dict[str, set[str] | None] = {
        "framework": broken_frameworks,
        "category": set() if "categories.yaml" in parsed else None,
        "tag": set() if "tags.yaml" in parsed else None,
    }
    _check_refs(located, errors, fw_index, categories, terms, tags, tradeoffs, unknowable)
    _check_aliases(located, errors, fw_index, categories, terms)

    if errors:
        raise SourceErrors(errors)
    return Knowledge(
        directory=str(root),
        sources=sources,
        categories=categories,
        frameworks=fw_index,
        terms=terms,
        tradeoffs=tradeoffs,
        tags=tags,
    )


def _index(items: list[Any], located: _Located, errors: list[SourceError], kind: str) -> dict:
    out: dict[str, Any] = {}
    for item in items:
        if item.id in out:
            errors.append(located.error(item, ("id",), f"duplicate {kind} id '{item.id}'"))
            continue
        out[item.id] = item
    return out


def _sourced(obj: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, list[str]]]:
    """Every `sources` list inside a model, with its key path."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name in ("sources", "named_in") and isinstance(value, list):
            yield (*path, name), value
        elif isinstance(value, BaseModel):
            yield from _sourced(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _sourced(item, (*path, name, index))


def _check_sources(located, errors, sources, frameworks, categories, terms, tradeoffs) -> None:
    known = ", ".join(sorted(sources))
    for owner in [*frameworks.values(), *categories.values(), *terms.values(), *tradeoffs]:
        for path, ids in _sourced(owner):
            for index, source_id in enumerate(ids):
                if source_id not in sources:
                    errors.append(
                        located.error(
                            owner,
                            (*path, index),
                            f"unknown source id '{source_id}'; known sources: {known}",
                        )
                    )


def _check_refs(
    located, errors, frameworks, categories, terms, tags, tradeoffs, unknowable=None
) -> None:
    unknowable = unknowable or {}

    def unverifiable(ref_id: str, kind: str) -> bool:
        kinds = ("category", "framework") if kind == "category or framework" else (kind,)
        for k in kinds:
            broken = unknowable.get(k, set())
            if broken is None or ref_id in broken:
                return True
        return False

    def check(owner, path: KeyPath, ref_id: str, pool: dict, kind: str) -> None:
        if ref_id not in pool and not unverifiable(ref_id, kind):
            known = ", ".join(sorted(pool)) or "none"
            errors.append(
                located.error(owner, path, f"unknown {kind} '{ref_id}'; expected one of: {known}")
            )

    for fw in frameworks.values():
        for i, ref in enumerate(fw.categories):
            check(fw, ("categories", i, "id"), ref.id, categories, "category")
        for i, ref in enumerate(fw.related):
            check(fw, ("related", i, "id"), ref.id, frameworks, "framework")
        for i, ref in enumerate(fw.tags):
            check(fw, ("tags", i, "id"), ref.id, tags, "tag")
    for term in terms.values():
        for i, ref in enumerate(term.frameworks):
            check(term, ("frameworks", i, "id"), ref.id, frameworks, "framework")
        if not term.definition and not term.plain:
            errors.append(located.error(term, (), "a term needs a sourced definition or `plain`"))
        if not term.definition and not term.named_in:
            errors.append(
                located.error(term, (), "a term without definition needs `named_in` sources")
            )
    ids = {arg.id for arg in tradeoffs}
    entity_ids = {**categories, **frameworks}
    for arg in tradeoffs:
        for i, about in enumerate(arg.about):
            check(arg, ("about", i), about, entity_ids, "category or framework")
        if arg.favours:
            check(arg, ("favours",), arg.favours, entity_ids, "category or framework")
        if arg.replies_to and arg.replies_to not in ids:
            errors.append(
                located.error(arg, ("replies_to",), f"unknown argument '{arg.replies_to}'")
            )


def _check_aliases(located, errors, frameworks, categories, terms) -> None:
    owners: dict[str, tuple[str, str]] = {}
    for kind, pool in (("framework", frameworks), ("category", categories), ("term", terms)):
        for entry in pool.values():
            names = [("name", entry.name)] + [
                (f"aliases[{i}]", a) for i, a in enumerate(entry.aliases)
            ]
            own: set[str] = set()
            for field_name, value in names:
                key = alias_key(value)
                if key in own:
                    continue
                own.add(key)
                if key in owners and owners[key][0] != f"{kind}:{entry.id}":
                    path: KeyPath = (
                        ("name",) if field_name == "name" else ("aliases", int(field_name[8:-1]))
                    )
                    errors.append(
                        located.error(
                            entry,
                            path,
                            f"'{value}' collides with the name or alias of {owners[key][1]}",
                        )
                    )
                    continue
                owners[key] = (f"{kind}:{entry.id}", f"{kind} '{entry.id}'")
