"""The knowledge base's loader: validates every YAML file kind against the records and
cross-checks them.

Every fact carries the ids of the source documents it comes from, so that answers can cite them
and say "according to ..." where the documents disagree. The records in bot/records.py are the
schema (one declaration each); pydantic checks the YAML against them here, at load time only.
"""

from __future__ import annotations

import dataclasses
import os
import re
import typing
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from bot.paths import resolve_knowledge_dir
from bot.records import (
    STRICT,
    Argument,
    Category,
    Check,
    Framework,
    Knowledge,
    Source,
    Tag,
    Term,
)
from bot.yamlsrc import KeyPath, LineMap, SourceError, SourceErrors, format_key, load_yaml


@dataclasses.dataclass(slots=True)
class SourcesFile:
    __pydantic_config__ = STRICT
    sources: Annotated[list[Source], Check("Field", min_length=1)]


@dataclasses.dataclass(slots=True)
class CategoriesFile:
    __pydantic_config__ = STRICT
    categories: list[Category]


@dataclasses.dataclass(slots=True)
class GlossaryFile:
    __pydantic_config__ = STRICT
    terms: list[Term]


@dataclasses.dataclass(slots=True)
class TradeoffsFile:
    __pydantic_config__ = STRICT
    tradeoffs: list[Argument]


@dataclasses.dataclass(slots=True)
class TagsFile:
    __pydantic_config__ = STRICT
    tags: list[Tag]


# Files a knowledge directory holds, with the schema that validates each.
SINGLE_FILES: dict[str, type] = {
    "sources.yaml": SourcesFile,
    "categories.yaml": CategoriesFile,
    "glossary.yaml": GlossaryFile,
    "tradeoffs.yaml": TradeoffsFile,
    "tags.yaml": TagsFile,
}


@cache
def _adapter(schema: type) -> TypeAdapter:
    return TypeAdapter(schema)


def field_names(schema: type) -> list[str]:
    """The fields a record (or a pydantic model) declares, in order."""
    fields = getattr(schema, "model_fields", None)
    if fields is not None:
        return list(fields)
    return [f.name for f in dataclasses.fields(schema)]


def _field_types(schema: type) -> dict[str, Any]:
    fields = getattr(schema, "model_fields", None)
    if fields is not None:
        return {name: f.annotation for name, f in fields.items()}
    return typing.get_type_hints(schema) if dataclasses.is_dataclass(schema) else {}


def _is_schema(value: Any) -> bool:
    return isinstance(value, type) and (
        dataclasses.is_dataclass(value) or hasattr(value, "model_fields")
    )


def _describe_pydantic_error(err: dict[str, Any], schema: type) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        parent = _schema_at(schema, loc[:-1])
        allowed = ", ".join(field_names(parent)) if parent else "the documented fields"
        return f"unknown field '{loc[-1]}'; expected one of: {allowed}"
    if kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
        return f"missing required field '{loc[-1]}'"
    if kind == "string_pattern_mismatch":
        return "expected an id in lower_snake_case (letters, digits, underscores)"
    return f"{err.get('msg', 'invalid value')} (got {err.get('input')!r})"


def _schema_at(schema: type, loc: tuple[Any, ...]) -> type | None:
    """Follow a pydantic error location down nested records to name the allowed fields."""
    current: Any = schema
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = _field_types(current).get(str(part))
        if annotation is None:
            return None
        current = _inner_schema(annotation)
        if current is None:
            return None
    return current if isinstance(current, type) else None


def _inner_schema(annotation: Any) -> type | None:
    """The record inside `list[Record]`, `Record | None` or `Record` itself."""
    if _is_schema(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_schema(arg)
        if found is not None:
            return found
    return None


def validate(
    schema: type, data: Any, file: str, lines: LineMap, errors: list[SourceError]
) -> Any | None:
    """`data` as a `schema` record (or pydantic model), or None with its problems in `errors`."""
    if data is None:
        errors.append(SourceError(file, "", None, "file is empty"))
        return None
    try:
        return _adapter(schema).validate_python(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc: KeyPath = tuple(err["loc"])
            errors.append(
                SourceError(
                    file, format_key(loc), lines.line_of(loc), _describe_pydantic_error(err, schema)
                )
            )
        return None


_validate = validate  # the name bot/team.py imports

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
    parsed: dict[str, Any] = {}
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
        obj = validate(model, data, str(path), lines, errors)
        if obj is None:
            continue
        parsed[name] = obj
        list_key = field_names(model)[0]
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
        fw = validate(Framework, data, str(path), lines, errors)
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


def _sourced(obj: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, list[str]]]:
    """Every `sources` list inside a record, with its key path."""
    for name in field_names(type(obj)):
        value = getattr(obj, name)
        if name in ("sources", "named_in") and isinstance(value, list):
            yield (*path, name), value
        elif dataclasses.is_dataclass(value):
            yield from _sourced(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if dataclasses.is_dataclass(item):
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
