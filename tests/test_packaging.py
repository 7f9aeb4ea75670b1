"""An installed copy (not editable) answers like a checkout: every shipped YAML file is listed
in pyproject's data-files, where bot/paths.py looks for it after the source tree."""

from __future__ import annotations

import tomllib

from paths import ROOT


def test_every_shipped_yaml_file_is_installed_as_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = {
        path.relative_to(ROOT)
        for patterns in config["tool"]["setuptools"]["data-files"].values()
        for pattern in patterns
        for path in ROOT.glob(pattern)
    }
    shipped = {
        path.relative_to(ROOT)
        for folder in ("knowledge", "intents")
        for path in (ROOT / folder).rglob("*.yaml")
    }
    assert shipped - listed == set()
