"""Rules of the code's shape that no import contract can state."""

import ast
import re
import subprocess
from pathlib import Path

from django.conf import settings

APPS = ("partners", "programmes", "tenants", "outcomes")
# Modules that answer web requests (directly or while rendering a page).
WEB_PARTS = ("views", "urls", "forms", "templatetags", "tables", "middleware", "context_processors")


def web_modules():
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if any(part.startswith(WEB_PARTS) for part in parts):
                yield path


def names_used(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Name):
            yield node.id, node.lineno
        elif isinstance(node, ast.Attribute):
            yield node.attr, node.lineno
        elif isinstance(node, ast.alias):
            yield node.name, getattr(node, "lineno", 0)


def test_no_web_request_reaches_a_system_entry_point():
    """`*_for_system` services act without a person (jobs, the operator's commands) and so
    check no access: a view must always go through the entry point that checks the user's."""
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} {name}"
        for path in web_modules()
        for name, line in names_used(path)
        if name.endswith("_for_system")
    ]
    assert found == []


def test_the_scan_sees_the_web_modules_it_guards():
    scanned = {str(path.relative_to(settings.BASE_DIR)) for path in web_modules()}
    assert {"tenants/views/imports.py", "outcomes/views/reports.py", "programmes/urls.py"} <= scanned


# A path that climbs out of the repository, a design file kept elsewhere, or a ticket number:
# what the next engineer cannot open from a clone.
OUTSIDE_REFERENCE = re.compile(r"\.\./shared|\b(?:DESIGN|STYLE|REFERENCES)\.md\b|\b[Ii]ssue\s*#?\d+")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".md", ".sh", ".toml", ".yml", ".cfg", ".js", ".css"}


def tracked_sources():
    root = Path(settings.BASE_DIR)
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():
        path = root / name
        if path.suffix in SOURCE_SUFFIXES and "vendor" not in path.parts and path.is_file():
            yield path


def test_the_repository_stands_alone():
    """Comments and docs say why, never which ticket, and point at nothing outside the clone."""
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
        for path in tracked_sources()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if OUTSIDE_REFERENCE.search(line)
    ]
    assert found == []
