"""Typed API methods for the named queries of the catalogue (mixed into :class:`Graph`).

Each method is one named query of ``cypher/queries/`` (the method name is the query name with
``_`` for ``-``, so ``g.gap_map()`` runs ``gap-map.cypher``, as ``msc-graph ask gap-map`` does);
it only calls :meth:`Graph.ask`. Term arguments accept any id, name or synonym; an unknown term
raises :class:`~msc_graph.UnknownTermError` with suggestions.

Conventions of the answers:

* ``refs`` are the review's reference numbers of the studies behind a row, ``studies`` their names;
* ``in_vitro`` / ``in_vivo`` / ``clinical`` count the distinct studies of the row with a claim in
  that setting (a study with in vitro and in vivo experiments counts in both);
* rescue questions count demonstrated effects only; effects the review states only as possible
  are in :meth:`hypotheses` (or counted with ``include_hypotheses=True`` where offered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


class CatalogueMixin:
    """Named-query methods; ``self.ask`` is provided by :class:`msc_graph.Graph`."""

    def ask(self, name: str, /, **params: Any) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- modes of action and molecules ---------------------------------------------------
    def modes_of_action_rescuing(self, rcd: str) -> pd.DataFrame:
        """The mode-of-action categories that rescue cells from an RCD mode.

        Args:
            rcd: RCD mode, e.g. ``"necroptosis"``.

        Returns:
            One row per mode of action: ``mode_of_action, category, n_studies, refs, studies,
            in_vitro, in_vivo, clinical, molecules, msc_sources``.
        """
        return self.ask("modes-of-action-rescuing", rcd=rcd)

    def molecules_via(self, mode: str, rcd: str) -> pd.DataFrame:
        """The molecules involved when MSCs rescue cells from ``rcd`` through ``mode``.

        Example: ``g.molecules_via("EVs", "apoptosis")`` is what EVs carry against apoptosis.

        Returns:
            One row per molecule: ``molecule, kind, roles, n_studies, refs, studies, in_vitro,
            in_vivo, clinical, target_cells``.
        """
        return self.ask("molecules-via", mode=mode, rcd=rcd)

    def molecules_against(self, rcd: str, include_hypotheses: bool = False) -> pd.DataFrame:
        """Every molecule implicated in rescuing cells from ``rcd``, whatever the mode of action.

        Returns:
            ``molecule, kind, roles, n_studies, refs, studies, in_vitro, in_vivo, clinical,
            modes_of_action``, most studies first.
        """
        return self.ask("molecules-against", rcd=rcd, include_hypotheses=include_hypotheses)

    def shared_molecules(self, min_studies: int = 2, include_hypotheses: bool = False) -> pd.DataFrame:
        """Molecules implicated by at least ``min_studies`` independent studies.

        Returns:
            ``molecule, kind, n_studies, refs, studies, in_vitro, in_vivo, clinical, rcd_modes,
            modes_of_action, msc_sources``.
        """
        return self.ask("shared-molecules", min_studies=min_studies, include_hypotheses=include_hypotheses)

    def potency_biomarkers(self) -> pd.DataFrame:
        """The potency biomarkers proposed in the review's conclusion, with their supporting claims.

        Cx-43 expression (molecule Cx43), mitochondria bioenergetic Δψm (no term of its own: the
        claims about mitochondria) and mitochondria phenotype Miro-1.

        Returns:
            ``biomarker, molecule, n_studies, refs, studies, n_demonstrated, n_hypotheses, in_vitro,
            in_vivo, clinical, rcd_modes, modes_of_action, claims``.
        """
        return self.ask("potency-biomarkers")

    # -- pathways --------------------------------------------------------------------------
    def shared_pathways(self, min_studies: int = 2, include_hypotheses: bool = False) -> pd.DataFrame:
        """Pathways implicated by at least ``min_studies`` independent studies.

        Returns:
            ``pathway, n_studies, refs, studies, rcd_modes, n_rcd_modes, modes_of_action,
            n_modes_of_action, in_vitro, in_vivo, clinical``.
        """
        return self.ask("shared-pathways", min_studies=min_studies, include_hypotheses=include_hypotheses)

    def pathways_shared_between(self, a: str, b: str) -> pd.DataFrame:
        """Pathways and molecules shared by two terms (two RCD modes, modes of action, MSC sources...).

        Example: ``g.pathways_shared_between("apoptosis", "necroptosis")``.

        Returns:
            ``a, b, kind ('pathway' | 'molecule'), shared, a_refs, b_refs, n_studies, refs,
            in_vitro, in_vivo, clinical``; empty when nothing is shared.
        """
        return self.ask("pathways-shared-between", a=a, b=b)

    # -- evidence --------------------------------------------------------------------------
    def evidence_for(self, term: str) -> pd.DataFrame:
        """Every claim about ``term`` (any vocabulary term, or a study by reference number).

        Returns:
            One row per claim with its provenance: ``term, relation, ref, study, claim, evidence,
            demonstrated, settings, rows, rcd_modes, modes_of_action, table_cells, quotes, notes``.
        """
        return self.ask("evidence-for", term=term)

    def rcd_modes_for(self, term: str) -> pd.DataFrame:
        """The RCD modes that claims about ``term`` rescue from (e.g. every mode countered by EVs).

        Returns:
            ``rcd_mode, n_studies, refs, studies, in_vitro, in_vivo, clinical, hypothesis_refs``.
        """
        return self.ask("rcd-modes-for", term=term)

    def paths_between(self, a: str, b: str) -> pd.DataFrame:
        """The shortest connections (at most 4 steps) between two terms through claims.

        Returns:
            One row per path: ``hops, path, claims, refs, all_demonstrated, in_vitro, in_vivo,
            clinical``; empty when they are not connected within 4 steps.
        """
        return self.ask("paths-between", a=a, b=b)

    def conflicts(self, field: str | None = None) -> pd.DataFrame:
        """Table/prose disagreements recorded by the curator, optionally about one claim field.

        Returns:
            ``ref, study, claim, rows, field, table_value, prose_value, quote``.
        """
        return self.ask("conflicts", field=field)

    def hypotheses(self, term: str | None = None) -> pd.DataFrame:
        """Effects the review states only as possible, optionally only those about ``term``.

        Returns:
            ``ref, study, claim, settings, rcd_modes, modes_of_action, molecules, pathways, quotes,
            notes``.
        """
        return self.ask("hypotheses", term=term)

    # -- overviews -------------------------------------------------------------------------
    def gap_map(self, include_hypotheses: bool = False) -> pd.DataFrame:
        """RCD mode x mode of action, every cell (empty ones included), counts split by setting.

        Returns:
            ``rcd_mode, mode_of_action, n_studies, refs, in_vitro, in_vivo, clinical, n_claims``;
            pivot it for a heatmap, e.g. ``df.pivot(index="rcd_mode", columns="mode_of_action",
            values="n_studies")``.
        """
        return self.ask("gap-map", include_hypotheses=include_hypotheses)

    def sources_by_rcd(self, min_rcd_modes: int = 1) -> pd.DataFrame:
        """MSC source x RCD mode; ``min_rcd_modes=2`` keeps sources rescuing more than one mode.

        Returns:
            ``msc_source, species, tissue, rcd_mode, n_studies, refs, studies, in_vitro, in_vivo,
            clinical, n_rcd_modes``.
        """
        return self.ask("sources-by-rcd", min_rcd_modes=min_rcd_modes)

    def studies(
        self,
        setting: str | None = None,
        msc_source: str | None = None,
        target_cell: str | None = None,
        inducer: str | None = None,
        model: str | None = None,
        rcd: str | None = None,
        mode: str | None = None,
    ) -> pd.DataFrame:
        """The studies with a claim matching every given filter (``None`` = no filter).

        Args:
            setting: ``"in vitro"``, ``"in vivo"`` or ``"clinical"``.
            msc_source: MSC source, e.g. ``"Human UC-MSCs"``.
            target_cell: rescued cell type, e.g. ``"H9c2"``.
            inducer: inducer of the death, e.g. ``"bortezomib"``.
            model: disease or animal model.
            rcd: RCD mode.
            mode: mode of action, e.g. ``"EVs"``.

        Returns:
            ``ref, study, settings, tables, n_claims, hypotheses_only, msc_sources, target_cells,
            rcd_modes, inducers, models, modes_of_action``.
        """
        return self.ask(
            "studies",
            setting=setting,
            msc_source=msc_source,
            target_cell=target_cell,
            inducer=inducer,
            model=model,
            rcd=rcd,
            mode=mode,
        )

    def replication_candidates(self, min_studies: int = 2) -> pd.DataFrame:
        """Inducer x target-cell pairs studied by at least ``min_studies`` independent studies.

        Returns:
            ``inducer, target_cell, n_studies, refs, studies, msc_sources, rcd_modes,
            modes_of_action, in_vitro, in_vivo, clinical``.
        """
        return self.ask("replication-candidates", min_studies=min_studies)

    def cell_types_rescued(self, rcd: str | None = None) -> pd.DataFrame:
        """The target cells rescued, optionally from one RCD mode.

        Returns:
            ``cell_type, kind, species, n_studies, refs, studies, rcd_modes, msc_sources,
            modes_of_action, in_vitro, in_vivo, clinical``.
        """
        return self.ask("cell-types-rescued", rcd=rcd)

    def models(self, rcd: str | None = None) -> pd.DataFrame:
        """The disease/animal models and patient groups in which cell death was reduced.

        Returns:
            ``model, species, n_studies, refs, studies, rcd_modes, modes_of_action, msc_sources,
            in_vitro, in_vivo, clinical``.
        """
        return self.ask("models", rcd=rcd)

    def inducers_by_rcd(self, rcd: str | None = None) -> pd.DataFrame:
        """What induced the death that MSCs countered, optionally for one RCD mode.

        Returns:
            ``inducer, n_studies, refs, studies, rcd_modes, target_cells, in_vitro, in_vivo,
            clinical``.
        """
        return self.ask("inducers-by-rcd", rcd=rcd)
