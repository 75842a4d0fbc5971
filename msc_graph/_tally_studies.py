"""The ``studies`` view: each study's matching claims under the default filters, with no term asked about.

``studies`` lists, per study, the demonstrated claims with an experiment in the setting asked for (any
setting when none is), and what those claims name: the claims by id, their experiments in the order
the claim gives them, the terms of each in the order the engine lists a node's edges (the order their
nodes were created in), each list without repeats.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ._schema import SETTINGS
from ._tally import Fact
from ._tally_ctx import Ctx, Row


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def studies(x: Ctx) -> Iterator[Row]:
    """``studies`` with every term filter null, for each setting and for none."""
    per: dict[tuple[str, str], list[tuple[str, Fact, list[int]]]] = defaultdict(list)
    for f in x.facts:
        for scope in ("*", *SETTINGS):
            picked = [k for k, (setting, _) in enumerate(f.contexts) if scope in ("*", setting)]
            if picked:
                per[(scope, f.study)].append((f.id, f, picked))
    for (scope, study), claims in per.items():
        claims.sort(key=lambda item: item[0])
        cols: dict[str, list[str]] = defaultdict(list)
        for _, f, picked in claims:
            for k in picked:
                setting, ids = f.contexts[k]
                cols["settings"].append(setting)
                for fld, stem, col in _CONTEXT_COLUMNS:
                    cols[col] += [x.names[stem][i] for i in x.by_node(stem, ids.get(fld, []))]
            cols["msc_sources"] += [x.names["msc_sources"][i] for i in f.srcs]
            cols["rcd_modes"] += [x.names["rcd_modes"][i] for i in f.rcds]
            cols["modes_of_action"] += [x.names["modes_of_action"][m] for m in x.by_node("modes_of_action", _modes(f))]
        row: dict[str, Any] = {c: _dedupe(cols[c]) for c in _COLUMNS}
        row["n_claims"] = len(claims)
        row["hypotheses_only"] = False  # every claim counted here is demonstrated
        yield f"studies|{scope}", (("Study", study),), row


def _modes(f: Fact) -> list[str]:
    return list(dict.fromkeys(m for m, _ in f.routes))


_CONTEXT_COLUMNS = (
    ("target_cells", "cell_types", "target_cells"),
    ("inducers", "inducers", "inducers"),
    ("models", "models", "models"),
)
_COLUMNS = ("settings", "msc_sources", "target_cells", "rcd_modes", "inducers", "models", "modes_of_action")
