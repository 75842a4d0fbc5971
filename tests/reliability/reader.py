"""A reader process for the concurrency test: named queries in a loop until told to stop.

    python reader.py DATA_DIR GRAPH EXPECTED.json STOP_FILE OUT.json

EXPECTED.json holds the queries (name, params) and, for each, its canonical answer on graph A and
on graph B. Every answer read must equal one of the two; anything else is a mixture. The reader
prints "ready" once connected, then loops; at the end it writes its tally to OUT.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from canon import canonical

import msc_graph


def main() -> None:
    data_dir, graph, expected_path, stop_file, out_path = sys.argv[1:6]
    expected = json.loads(Path(expected_path).read_text())
    g = msc_graph.connect(data_dir=data_dir, graph=graph)
    tally: dict[str, Any] = {"reads": 0, "loops": 0, "as_a": 0, "as_b": 0, "mixtures": [], "errors": []}
    print("ready", flush=True)
    stop = Path(stop_file)
    while not stop.exists():
        for key, (name, params) in expected["queries"].items():
            try:
                got = canonical(g.ask(name, **params))
            except Exception as exc:  # every error counts, whatever its type
                tally["errors"].append(f"{name}: {type(exc).__name__}: {exc}"[:300])
                continue
            tally["reads"] += 1
            a, b = expected["answers"][key]
            if got == a:
                tally["as_a"] += 1
            if got == b:
                tally["as_b"] += 1
            if got not in (a, b):
                tally["mixtures"].append(f"{name} {params}: {got[:200]}")
        tally["loops"] += 1
        time.sleep(0.001)
    g.close()
    Path(out_path).write_text(json.dumps(tally))


if __name__ == "__main__":
    main()
