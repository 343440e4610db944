"""Drift guards: dependencies point one way, only app/ui touches Qt, and the engine does no I/O."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"

# package -> the app packages it must never import (STYLE.md: ui, cli -> services -> rules, storage... -> domain)
FORBIDDEN = {
    "domain": {"rules", "storage", "services", "ui", "cli", "letters", "exports"},
    "codes": {"rules", "storage", "services", "ui", "cli"},
    "rules": {"storage", "services", "ui", "cli"},
    "storage": {"services", "ui", "cli", "rules"},
    "services": {"ui", "cli"},
    "devtools": {"ui", "cli"},
    "ui": {"storage", "rules"},  # screens speak to services only (docs/architecture.md)
}
PURE_MODULES = ["app/rules/engine.py", "app/rules/calendar.py", "app/domain/directory.py"]
IO_MODULES = {"os", "sqlite3", "sqlite_utils", "pathlib", "io", "subprocess", "socket", "shutil", "tempfile",
              "urllib", "http", "requests", "PySide6"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files():
    return sorted(APP.rglob("*.py"))


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(APP.parent)))
def test_only_app_ui_imports_qt(path):
    if path.relative_to(APP).parts[0] == "ui":
        return
    assert not any(name.split(".")[0] == "PySide6" for name in _imports(path))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package):
    offenders = []
    for path in (APP / package).rglob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "app" and len(parts) > 1 and parts[1] in FORBIDDEN[package]:
                offenders.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert offenders == []


@pytest.mark.parametrize("module", PURE_MODULES)
def test_the_engine_does_no_io(module):
    path = APP.parent / module
    io = {name for name in _imports(path) if name.split(".")[0] in IO_MODULES}
    assert io == set()
    calls = {node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & {"open", "print", "input"}
    assert "now(" not in path.read_text(encoding="utf-8"), "the engine takes time as input; it never reads a clock"


def _module_graph() -> dict[str, set[str]]:
    """app module -> the app modules it imports anywhere (top level or inside a function: a deferred import
    still ties the two together)."""
    modules = {".".join(path.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__"): path
               for path in _python_files()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            if imported in modules:
                targets.add(imported)
            elif imported.rsplit(".", 1)[0] in modules:
                targets.add(imported.rsplit(".", 1)[0])
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # `from app.storage import crypto` names a module too
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {f"{node.module}.{alias.name}" for alias in node.names} & modules.keys()
        # A package naming its own modules (a registry: app.cli lists its commands) is not a dependency of its
        # code on theirs.
        graph[name] = {target for target in targets - {name} if not target.startswith(name + ".")}
    return graph


def test_no_module_imports_itself_round_a_circle():
    graph = _module_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


# --- the Qt layer does each thing one way (issue 14) ------------------------------------------------------------

UI = APP / "ui"
DIALOG_CLASSES = {"QMessageBox", "QFileDialog", "QInputDialog"}
# The change watcher keeps one worker thread (and its one connection) for its whole life: a watcher, not an action.
OWN_THREAD = {"app/ui/main.py": {"ThreadPoolExecutor"}}


def _ui_modules():
    return sorted(path for path in UI.glob("*.py") if path.name != "__init__.py")


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return used


@pytest.mark.parametrize("path", _ui_modules(), ids=lambda p: p.name)
def test_only_app_ui_dialogs_opens_message_boxes_and_file_choosers(path):
    if path.name == "dialogs.py":
        return
    assert not (_names_used(path) & DIALOG_CLASSES), (
        f"{path.name}: show messages, questions and file choosers through app.ui.dialogs (the one test seam)")


@pytest.mark.parametrize("path", _ui_modules(), ids=lambda p: p.name)
def test_background_work_goes_through_app_ui_tasks(path):
    if path.name == "tasks.py":
        return
    relative = str(path.relative_to(APP.parent))
    used = _names_used(path) - OWN_THREAD.get(relative, set())
    assert not (used & {"Thread", "QThread", "ThreadPoolExecutor", "processEvents", "setOverrideCursor"}), (
        f"{path.name}: run long work with app.ui.tasks.Task (never a thread of its own, processEvents or a wait "
        "cursor)")


# --- the tests: no test module leans on another (issue 14) ------------------------------------------------------

TESTS = APP.parent / "tests"


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__")


def _modules_imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module `source` (the text of `module`) names in an import, anywhere in it: `import a.b`,
    `from a.b import c` (a.b, and a.b.c in case c is a module), relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def test_the_import_check_sees_every_way_of_naming_a_module():
    found = _modules_imported("import tests.unit.test_a\nfrom tests.unit.test_b import x\n"
                              "from tests.unit import test_c\nfrom .test_d import y\nfrom . import test_e\n"
                              "def later():\n    from ..ui.test_f import z\n", "tests.unit.test_here")
    assert {f"tests.unit.test_{letter}" for letter in "abcde"} | {"tests.ui.test_f"} <= found


def test_no_test_module_imports_another():
    """What two test modules share is a fixture (tests/conftest.py, tests/ui/conftest.py) or a helper in
    tests/support/; a test module importing another runs that module's fixtures and ties the two together."""
    paths = sorted(TESTS.rglob("*.py"))
    test_modules = {_module_name(path) for path in paths if path.name.startswith("test_")}
    offenders = []
    for path in [*paths, *sorted((APP.parent / "benchmarks").glob("*.py"))]:  # a benchmark neither
        own = _module_name(path)
        imported = _modules_imported(path.read_text(encoding="utf-8"), own, path.name == "__init__.py")
        offenders += [f"{path.relative_to(APP.parent)} imports {name}"
                      for name in sorted(imported & test_modules - {own})]
    assert offenders == [], "move what is shared into tests/support/ (helpers) or a conftest.py (fixtures)"
