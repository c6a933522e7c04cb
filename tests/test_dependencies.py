"""The apps depend one way: factcheck on sources, never sources on factcheck."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "sources").rglob("*.py") if "migrations" not in p.parts),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_sources_module_imports_factcheck(path):
    offending = {name for name in imported_modules(path) if name.split(".")[0] == "factcheck"}
    assert not offending, f"{path.relative_to(ROOT)} imports {sorted(offending)}"


def test_the_pure_pipeline_imports_nothing_from_django():
    pure = [*(ROOT / "factcheck" / "pipeline").rglob("*.py"), ROOT / "sources" / "cleaning.py"]
    for path in pure:
        django = {name for name in imported_modules(path) if name.split(".")[0] == "django"}
        assert not django, f"{path.relative_to(ROOT)} imports {sorted(django)}"
