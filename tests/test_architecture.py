"""One-way data flow: each module imports only from modules earlier in the flow."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import stance

PACKAGE = Path(stance.__file__).parent

#: The flow, left to right; a module may import only from modules to its left and from the leaves.
FLOW = [
    "io",
    "text",
    "targets",
    "holders",
    "checks",
    "sentiment",
    "topics",
    "features",
    "embeddings",
    "model",
    "scoring",
    "summaries",
    "charts",
    "report",
    "cli",
]
LEAVES = {"errors", "persist", "corpora", "metrics", "__init__"}


def local_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_imports_flow_one_way():
    for path in sorted(PACKAGE.glob("*.py")):
        name = path.stem
        imports = local_imports(path) - LEAVES - {"__version__"}
        if name in LEAVES:
            assert imports <= set(), f"leaf {name} imports {imports}"
            continue
        if name == "__main__":
            assert imports == {"cli"}
            continue
        earlier = set(FLOW[: FLOW.index(name)])
        assert imports <= earlier, f"{name} imports {imports - earlier} from later in the flow"


def test_every_module_declares_all():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem in {"__init__", "__main__"}:
            continue
        assert "__all__" in path.read_text(encoding="utf-8"), path.name


def test_library_code_does_not_print_or_use_pyplot():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem in {"cli"}:
            continue
        source = path.read_text(encoding="utf-8")
        assert "print(" not in source, path.name
        assert not re.search(
            r"import\s+matplotlib\.pyplot|from\s+matplotlib\s+import\s+pyplot", source
        )
        assert "nltk.download" not in source, path.name
