"""The package's layers, and the direction of its imports, are what docs/architecture.md says.

The contracts live in pyproject.toml ([tool.importlinter]) and are checked by
import-linter over the real import graph; this test runs it, and checks the
two things a graph of imports cannot show: that the domain opens no file
through the built-in `open`, and that every module sits in a layer the
contracts and the architecture document name.
"""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from support import trees

PACKAGE = trees.ROOT / "plugins" / "transparency"


def contracts() -> dict:
    return tomllib.loads((trees.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=trees.ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(trees.ROOT / "plugins"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout), result.stdout


def test_every_module_lives_in_a_layer_and_every_layer_is_documented():
    layers = next(c["layers"] for c in contracts()["contracts"] if c["type"] == "layers")
    names = [layer.removeprefix("transparency.") for layer in layers]
    on_disk = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(names) == on_disk
    loose = sorted(p.name for p in PACKAGE.glob("*.py")) 
    assert loose == ["__init__.py", "__main__.py"], "a module outside every layer"
    architecture = (trees.ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}/`" in architecture, f"docs/architecture.md does not describe {name}/"
        for module in sorted((PACKAGE / name).glob("*.py")):
            if module.name != "__init__.py":
                assert f"`{module.stem}`" in architecture, f"docs/architecture.md does not name {name}/{module.name}"


def test_the_domain_opens_no_file():
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [node.lineno for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open"]
        assert not calls, f"{path.name} calls open() on lines {calls}"
