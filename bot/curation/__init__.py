"""The curation loop: what the bot could not answer, what people disliked, and teaching it more.

- `build_report` (bot/curation/report.py) reads the state store's curation records and
  summarises them; `render_report` (report_text.py) prints the summary as terminal tables
  (``framework-bot report``; ``--json`` prints the dict).
- `teach` (here) appends one example utterance to an intent in ``intents/``
  (``framework-bot teach``), editing the YAML as text so that the file's comments and layout
  stay as they were.

Records read (written by the Slack layer through ``store.record(kind, payload)``):

- ``fallback``: ``{"text", "surface", "intent", "score"}`` — a question that fell back; `intent`
  and `score` are the best guess that was not good enough.
- ``feedback``: ``{"question", "intent", "headline", "vote": +1 | -1, "surface", "score"}``
  (older records carry ``"rating": "up" | "down"`` instead of ``vote``; both are read). A
  changed vote is a new record with ``"replaces": +1 | -1``, the vote it takes back.
- ``answered`` (optional): ``{"intent", "surface", "score"}`` — every answered question; needed
  for the fallback rate.

Reports never show user ids: only the fields above are read, and Slack user mentions and
user-id-like tokens are scrubbed from the texts.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.curation.reading import MAX_UTTERANCE, question_key
from bot.nlu.intent_data import IntentData, load_intents, resolve_intents_dir
from bot.text.tokens import fold, tokens
from bot.yamlsrc import SourceErrors

# -- teaching ---------------------------------------------------------------------------------


class TeachError(Exception):
    """The utterance or intent was refused, or the file could not be edited."""


@dataclass
class Taught:
    utterance: str
    intent: str
    file: Path
    line: int
    examples: int
    read_as: str | None = None
    confidence: float | None = None
    warnings: list[str] = field(default_factory=list)


_INTENT_LINE = re.compile(
    r"^(?P<dash>[ ]*)-[ ]+(?P<key>intent):[ ]*"
    r"(?P<q>['\"]?)(?P<name>[A-Za-z0-9_]+)(?P=q)[ ]*(?:#.*)?$"
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def insert_example(source: str, intent: str, utterance: str) -> tuple[str, int] | None:
    """`source` with ``- utterance`` appended to `intent`'s ``examples: |`` block, and the new
    line's number (1-based); None when this file does not define `intent`."""
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    for start, text in enumerate(bare):
        m = _INTENT_LINE.match(text)
        if not m or m["name"] != intent:
            continue
        dash, key_col = len(m["dash"]), m.start("key")
        end = len(bare)
        for i in range(start + 1, len(bare)):
            line = bare[i]
            if not _blank(line) and not line.lstrip().startswith("#") and _indent(line) <= dash:
                end = i
                break
        header = re.compile(rf"^[ ]{{{key_col}}}examples:(?P<rest>.*)$")
        for h in range(start + 1, end):
            hm = header.match(bare[h])
            if not hm:
                continue
            block = re.match(r"^[ ]*\|(?P<mods>[-+0-9]*)[ ]*(?:#.*)?$", hm["rest"])
            if not block:
                raise TeachError(
                    f"the examples of '{intent}' (line {h + 1}) are not an `examples: |` block; "
                    "edit that file by hand"
                )
            digits = re.sub(r"\D", "", block["mods"])
            content = key_col + int(digits) if digits else None
            last = h
            for i in range(h + 1, len(bare)):
                line = bare[i]
                if _blank(line):
                    continue
                if content is None:
                    if _indent(line) <= key_col:
                        break
                    content = _indent(line)
                if _indent(line) < content:
                    break
                last = i
            if content is None:
                content = key_col + 2
            if not lines[last].endswith(("\n", "\r")):
                lines[last] += newline
            lines.insert(last + 1, f"{' ' * content}- {utterance}{newline}")
            return "".join(lines), last + 2
        raise TeachError(f"'{intent}' (line {start + 1}) has no `examples: |` block")
    return None


def _write(path: Path, text: str) -> None:
    """Replace `path` atomically (a crash leaves the old file or the new, never half of one)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_utterance(utterance: str) -> str:
    """One line, single spaces; raises TeachError if empty, too long or unprintable."""
    text = " ".join((utterance or "").split())
    if not text:
        raise TeachError("the utterance is empty")
    if len(text) > MAX_UTTERANCE:
        raise TeachError(
            f"the utterance is {len(text)} characters; examples are at most {MAX_UTTERANCE}"
        )
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise TeachError("the utterance contains control characters")
    if not tokens(fold(text)):
        raise TeachError("the utterance has no words in it")
    return text


def _masker(knowledge_dir: str | None, data: IntentData, warnings: list[str]):
    """The matcher's own masking (entity names → placeholders), or None without knowledge."""
    try:
        from bot.knowledge import load_knowledge
        from bot.nlu.pipeline import Understanding

        return Understanding(load_knowledge(knowledge_dir), data)
    except SourceErrors as exc:
        warnings.append(
            f"knowledge did not load ({exc.errors[0]}); duplicates checked without entity masking"
        )
        return None


def find_duplicate(text: str, data: IntentData, understanding=None) -> tuple[str, str, bool] | None:
    """(intent, example, masked?) of an existing example equal to `text` once normalised
    (case, accents, punctuation and spacing), or once entity names are masked."""
    key = question_key(text)
    for name, spec in data.intents.items():
        for line in spec.example_lines():
            if question_key(line) == key:
                return name, line, False
    if understanding is not None:
        matcher = understanding.matcher
        masked = " ".join(matcher.mask_text(text))
        for name, spec in data.intents.items():
            for line in spec.example_lines():
                if " ".join(matcher.mask_text(line)) == masked:
                    return name, line, True
    return None


def teach(
    utterance: str,
    intent: str,
    intents_dir: str | os.PathLike[str] | None = None,
    knowledge_dir: str | None = None,
) -> Taught:
    """Validate, append `utterance` to `intent`'s examples, re-load to verify (or restore)."""
    text = clean_utterance(utterance)
    root = resolve_intents_dir(intents_dir)
    data = load_intents(root)
    if intent not in data.intents:
        hint = " (that is a lookup table, not an intent)" if intent in data.lookups else ""
        raise TeachError(
            f"unknown intent '{intent}'{hint}; intents are: {', '.join(sorted(data.intents))}"
        )
    warnings: list[str] = []
    understanding = _masker(knowledge_dir, data, warnings)
    duplicate = find_duplicate(text, data, understanding)
    if duplicate:
        name, line, masked = duplicate
        how = " once entity names are masked" if masked else ""
        raise TeachError(f"already an example of '{name}'{how}: “{line}”")

    for file in data.files:
        path = Path(file)
        with path.open(encoding="utf-8", newline="") as handle:
            original = handle.read()
        edited = insert_example(original, intent, text)
        if edited is not None:
            break
    else:
        raise TeachError(
            f"no file in {root} has a `- intent: {intent}` line to add to; edit it by hand"
        )
    new_text, line_no = edited
    _write(path, new_text)
    try:
        reloaded = load_intents(root)
        if text not in reloaded.intents[intent].example_lines():
            raise TeachError(f"the new line was not read back as an example of '{intent}'")
    except SourceErrors as exc:
        _write(path, original)
        problems = "; ".join(str(e) for e in exc.errors[:3])
        raise TeachError(f"the edited intents no longer load ({problems}); file restored") from exc
    except BaseException:
        _write(path, original)
        raise

    taught = Taught(
        text,
        intent,
        path,
        line_no,
        len(reloaded.intents[intent].example_lines()),
        warnings=warnings,
    )
    if understanding is not None:
        from bot.nlu.pipeline import Understanding

        parse = Understanding(understanding.knowledge, reloaded).parse(text)
        taught.read_as, taught.confidence = parse.intent, parse.confidence
    return taught
