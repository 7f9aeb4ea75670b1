"""Where the tests find the project's files, wherever in tests/ the test module lives.

Test modules sit in folders that mirror bot/ (tests/nlu/, tests/slack/, ...), so a path worked
out from a module's own `__file__` would depend on how deep it sits; these do not.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent  # the source tree: bot/, knowledge/, intents/, manifest.yaml
DATA = TESTS / "data"  # the labelled question sets (tests/data/eval_*.yaml, holdout/)
