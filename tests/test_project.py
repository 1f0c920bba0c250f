"""Project-wide guards: module size, documented settings, explicit package surfaces."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import ollama_gateway
from ollama_gateway.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ollama_gateway"
MAX_LINES = 400


def test_no_module_exceeds_the_size_limit() -> None:
    too_big = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_big == {}


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if path.stat().st_size
        and ast.get_docstring(ast.parse(path.read_text())) is None
        and "versions" not in path.parts
    ]
    assert missing == []


def test_env_example_lists_every_setting() -> None:
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    expected = {name.upper() for name in Settings.model_fields}
    assert expected - documented == set()
    assert documented - expected == set()


def test_no_utility_grab_bag_modules() -> None:
    names = {path.stem for path in PACKAGE.rglob("*.py")}
    assert names.isdisjoint({"utils", "helpers", "misc", "common"})


def test_packages_declare_their_public_surface() -> None:
    for info in pkgutil.walk_packages(ollama_gateway.__path__, "ollama_gateway."):
        if not info.ispkg or info.name.endswith(".migrations") or ".migrations." in info.name:
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        assert exported is not None, f"{info.name} has no __all__"
        for name in exported:
            assert hasattr(module, name), f"{info.name}.__all__ names missing {name}"
