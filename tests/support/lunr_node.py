"""Our browser search (theme/static/js/search.js with the real lunr.js from node_modules) run by
Node over a built index folder (tests/js/search-parity.js)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from support import trees

NODE_SCRIPT = trees.ROOT / "tests" / "js" / "search-parity.js"
NODE_HINT = "run `bash tests/setup-tools.sh` (Node and `npm ci` for node_modules/lunr)"


def node_answers(index, queries, texts=()) -> dict:
    """{"results": [{"words", "hits", "urls", "fetched"} per (query, filters)], "terms": [...], "lunr": version}."""
    node = shutil.which("node")
    if not node:
        pytest.fail(f"node is missing: {NODE_HINT}", pytrace=False)
    if not (trees.ROOT / "node_modules" / "lunr" / "lunr.js").is_file():
        pytest.fail(f"node_modules/lunr is missing: {NODE_HINT}", pytrace=False)
    request = {"index": str(index), "queries": [{"q": q, "filters": f} for q, f in queries], "texts": list(texts)}
    result = subprocess.run([node, str(NODE_SCRIPT)], input=json.dumps(request), capture_output=True, text=True,
                            cwd=trees.ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
