"""Plain runtime copies of the validated knowledge and intents.

The pydantic models in bot/knowledge.py and bot/nlu/intent_data.py are the schema: they
validate what curators write. Once validated, the engine works on these light records, which
pickle into the compiled cache without pydantic, so `framework-bot ask` need not import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.yamlsrc import example_lines

FACETS = (
    "summary",
    "features",
    "strengths",
    "drawbacks",
    "built_on",
    "databases",
    "templating",
    "history",
    "users",
    "performance",
    "related",
)
CATEGORY_FACETS = ("definition", "traits", "advantages", "disadvantages", "when_to_choose")


@dataclass(slots=True)
class Source:
    id: str
    title: str
    short: str
    file: str
    site: str | None = None
    author: str | None = None
    kind: str = "article"


@dataclass(slots=True)
class Fact:
    text: str
    sources: list[str]
    year: int | None = None
    by: str | None = None


@dataclass(slots=True)
class Named:
    name: str
    sources: list[str]
    note: str | None = None


def statement_text(item: Any) -> str:
    """What a statement says, as one string: a fact's or argument's text, a user's name and
    note. Works on these records and on the pydantic models they mirror."""
    text = getattr(item, "text", None)
    if text is not None:
        return text
    return f"{getattr(item, 'name', '')} {getattr(item, 'note', None) or ''}"


@dataclass(slots=True)
class Ref:
    id: str
    sources: list[str]
    note: str | None = None
    contrast: bool = False


@dataclass(slots=True)
class EverydayWord:
    cues: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Framework:
    id: str
    name: str
    categories: list[Ref]
    summary: list[Fact]
    aliases: list[str] = field(default_factory=list)
    language: str = "python"
    features: list[Fact] = field(default_factory=list)
    strengths: list[Fact] = field(default_factory=list)
    drawbacks: list[Fact] = field(default_factory=list)
    built_on: list[Fact] = field(default_factory=list)
    databases: list[Fact] = field(default_factory=list)
    templating: list[Fact] = field(default_factory=list)
    history: list[Fact] = field(default_factory=list)
    users: list[Named] = field(default_factory=list)
    performance: list[Fact] = field(default_factory=list)
    related: list[Ref] = field(default_factory=list)
    tags: list[Ref] = field(default_factory=list)
    everyday_word: EverydayWord | None = None

    @property
    def category_ids(self) -> list[str]:
        return [ref.id for ref in self.categories]

    @property
    def tag_ids(self) -> set[str]:
        return {ref.id for ref in self.tags}

    def filled_facets(self) -> list[str]:
        return [name for name in FACETS if getattr(self, name)]


@dataclass(slots=True)
class Category:
    id: str
    name: str
    definition: list[Fact]
    aliases: list[str] = field(default_factory=list)
    traits: list[Fact] = field(default_factory=list)
    advantages: list[Fact] = field(default_factory=list)
    disadvantages: list[Fact] = field(default_factory=list)
    when_to_choose: list[Fact] = field(default_factory=list)


@dataclass(slots=True)
class Term:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    definition: list[Fact] = field(default_factory=list)
    plain: str | None = None
    named_in: list[str] = field(default_factory=list)
    frameworks: list[Ref] = field(default_factory=list)


@dataclass(slots=True)
class Argument:
    id: str
    about: list[str]
    text: str
    sources: list[str]
    favours: str | None = None
    replies_to: str | None = None


@dataclass(slots=True)
class Tag:
    id: str
    label: str
    description: str
    keywords: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Knowledge:
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


def members_of(knowledge: Any, category_id: str) -> list[Any]:
    """Frameworks in a category, in the order of their files (derived, never duplicated).
    Works on the validated schema objects and on these records alike."""
    return [fw for fw in knowledge.frameworks.values() if category_id in fw.category_ids]


def facts_of(knowledge: Any) -> Iterator[tuple[str, Any]]:
    """Every sourced statement with a label of where it lives (for counts and audits)."""
    for fw in knowledge.frameworks.values():
        for facet in FACETS:
            for item in getattr(fw, facet):
                if hasattr(item, "text") or hasattr(item, "name"):
                    yield f"{fw.id}.{facet}", item
    for cat in knowledge.categories.values():
        for facet in CATEGORY_FACETS:
            for item in getattr(cat, facet):
                yield f"{cat.id}.{facet}", item
    for term in knowledge.terms.values():
        for item in term.definition:
            yield f"{term.id}.definition", item
    for arg in knowledge.tradeoffs:
        yield f"tradeoffs.{arg.id}", arg


@dataclass(slots=True)
class IntentSpec:
    intent: str
    examples: str
    description: str = ""
    cues: list[str] = field(default_factory=list)
    entity_kinds: list[str] = field(default_factory=list)
    min_entities: int = 0

    def example_lines(self) -> list[str]:
        return example_lines(self.examples)


@dataclass(slots=True)
class IntentData:
    intents: dict[str, IntentSpec]
    lookups: dict[str, list[str]]
    files: list[str]
    synonyms: dict[str, str] = field(default_factory=dict)


_BY_NAME: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Source,
        Fact,
        Named,
        Ref,
        EverydayWord,
        Framework,
        Category,
        Term,
        Argument,
        Tag,
        Knowledge,
        IntentSpec,
        IntentData,
    )
}


def from_model(value: Any) -> Any:
    """A validated pydantic object (or container of them) → the same data as plain records."""
    if isinstance(value, list):
        return [from_model(v) for v in value]
    if isinstance(value, dict):
        return {k: from_model(v) for k, v in value.items()}
    cls = _BY_NAME.get(type(value).__name__)
    fields = getattr(type(value), "model_fields", None)
    if cls is None or fields is None:
        return value
    return cls(**{name: from_model(getattr(value, name)) for name in fields})
