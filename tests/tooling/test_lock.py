"""requirements/*.txt agree with pyproject.toml: what `make install` and a server install is what it declares."""

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
MAIN = [Requirement(r) for r in PROJECT["dependencies"]]
DEV = [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]


def pins(name: str) -> dict[str, str]:
    """{package: version} of a lock file; every pin carries at least one hash."""
    text = (ROOT / "requirements" / name).read_text()
    found = {}
    for block in re.split(r"\n(?=[a-z0-9])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match[1]} has no hash"
            found[canonicalize_name(match[1])] = match[2]
    return found


@pytest.mark.parametrize("requirement", MAIN + DEV, ids=str)
def test_every_dependency_has_an_upper_bound(requirement):
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), requirement


@pytest.mark.parametrize(("lock", "requirements"), [("lock.txt", MAIN + DEV), ("prod.txt", MAIN)])
def test_the_lock_pins_every_declared_dependency_within_its_bounds(lock, requirements):
    locked = pins(lock)
    for requirement in requirements:
        version = locked.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is not in requirements/{lock}: run `make lock`"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{lock} pins {requirement.name}=={version} outside {requirement}: run `make lock`"
        )


def test_production_installs_the_versions_that_ci_tested():
    lock, prod = pins("lock.txt"), pins("prod.txt")
    assert {name: lock.get(name) for name in prod} == prod


def _imported_distributions(*folders: str) -> dict[str, str]:
    """{distribution: a module importing it} for the third-party imports of the folders' code."""
    distributions = packages_distributions()
    found = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    for distribution in distributions.get(top, []):
                        found.setdefault(canonicalize_name(distribution), str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize(
    ("folders", "declared"),
    [(("apps", "mentoring_portal"), MAIN), (("tests", "bench", "scripts"), MAIN + DEV)],
    ids=["portal", "tests and tools"],
)
def test_every_imported_package_is_declared(folders, declared):
    """django-pgtrigger was imported in twenty modules and installed only as pghistory's dependency."""
    names = {canonicalize_name(r.name) for r in declared} | {"mentoring-portal"}
    undeclared = {d: m for d, m in _imported_distributions(*folders).items() if d not in names}
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
