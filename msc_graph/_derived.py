"""The summary edges (MSC source, mode of action, molecule, pathway -> RCD mode), derived from the
demonstrated claims with their evidence counts, never curated by hand.

:func:`msc_graph._build.base_rows` adds them last; the ingest derives them with :func:`derived_rows`
while the other rows are written, and sends them last, so the statements are the same either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._rows import GraphRows
from ._schema import CLAIM_FIELDS, DERIVED_FROM, SETTING_COLUMNS

if TYPE_CHECKING:
    from ._dataset import Claim, Dataset


def derived_rows(ds: Dataset, tick: Callable[[], None] | None = None) -> GraphRows:
    """The summary edges alone; ``tick`` is called every few claims and edges meanwhile (the ingest
    writes the other rows then)."""
    out = GraphRows()
    add_derived(out, ds, tick)
    return out


def add_derived(out: GraphRows, ds: Dataset, tick: Callable[[], None] | None = None) -> None:
    """Add the summary edges, with evidence counts, from the demonstrated claims only, to ``out``."""
    demonstrated = [c for c in ds.claims if c.rec.demonstrated]
    settings = {id(c): set(c.rec.settings) for c in demonstrated}  # a property: computed once per claim
    refs_of = {key: st.ref for key, st in ds.studies.items()}
    for rtype, fld in DERIVED_FROM.items():
        src_label = CLAIM_FIELDS[fld][1]
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for k, c in enumerate(demonstrated):
            if tick is not None and not k & 255:
                tick()
            for src in c.terms.get(fld, []):
                for rcd in c.terms.get("rcd_modes", []):
                    groups[(src, rcd)].append(c)
        for k, ((src, rcd), claims) in enumerate(sorted(groups.items())):
            if tick is not None and not k & 31:
                tick()
            studies = sorted({c.study for c in claims})
            refs = sorted({r for st in studies if (r := refs_of[st]) is not None})
            statements = {c.rec.statement or c.study for c in claims}
            in_setting: dict[str, set[str]] = {s: set() for s in SETTING_COLUMNS}
            for c in claims:
                for s in settings[id(c)]:
                    in_setting[s].add(c.study)
            per_setting = {col: len(in_setting[s]) for s, col in SETTING_COLUMNS.items()}
            out.rel(
                rtype,
                src_label,
                "RCDMode",
                src,
                rcd,
                claims=len(claims),
                studies=len(studies),
                statements=len(statements),
                refs=refs,
                study_ids=studies,
                **per_setting,
            )
