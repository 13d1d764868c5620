"""The direction of kg's imports, read from the source (ast): every import counts, those inside
functions and ``TYPE_CHECKING`` blocks too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

#: The modules that run stages, in the order a build reaches them: none of them may import the
#: runner (pipeline), the sinks or the workers.
STAGES = ("ingest", "clean", "extract", "facts", "resolve", "events", "twins", "graph")
RUNNERS = ("kg.pipeline", "kg.sinks", "kg.parallel", "kg.cli")
#: The one module that may import spaCy at run time (others name its types for mypy only).
SPACY_STAGE = "kg.extract"


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, whether only for type checking) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, id(node) in typing_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in typing_only))
            # "from kg import records" imports the module kg.records
            found.extend((f"{node.module}.{a.name}", id(node) in typing_only) for a in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in KG.rglob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _ in imports(path):
            if target in modules and target != name and target != "kg":
                edges[name].add(target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle() -> None:
    edges = graph()
    assert len(edges) > 20  # the walk found kg's modules
    assert find_cycle(edges) is None


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_the_runner(stage: str) -> None:
    # A stage is a module (kg/clean.py) or a package (kg/facts/).
    paths = [KG / f"{stage}.py"] if (KG / f"{stage}.py").exists() else [*(KG / stage).rglob("*.py")]
    assert paths and all(path.is_file() for path in paths)
    reached = {target for path in paths for target, _ in imports(path)}
    assert not reached & set(RUNNERS), f"kg.{stage} imports {reached & set(RUNNERS)}"


def test_only_the_extraction_stage_imports_spacy() -> None:
    users = {
        module_name(path)
        for path in KG.rglob("*.py")
        for target, typing_only in imports(path)
        if (target == "spacy" or target.startswith("spacy.")) and not typing_only
    }
    assert users == {SPACY_STAGE}
