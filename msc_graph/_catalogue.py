"""Typed API methods for the named queries of the catalogue (mixed into :class:`Graph`).

Each method is one named query of ``cypher/queries/`` (the method name is the query name with
``_`` for ``-``, so ``g.gap_map()`` runs ``gap-map.cypher``, as ``msc-graph ask gap-map`` does);
it only calls :meth:`Graph.ask`, and its arguments are the query file's parameters (the methods
are generated from the query headers by ``.ci/gen_catalogue.py``; ``tests/test_catalogue.py``
checks that each takes exactly the parameters its file declares). Term arguments accept any id,
name or synonym and include the narrower terms unless ``exact=True``; an unknown term raises
:class:`~msc_graph.UnknownTermError` with suggestions, an ambiguous one
:class:`~msc_graph.AmbiguousTermError` with the candidates.

Conventions of the answers:

* ``refs`` are the review's reference numbers of the studies behind a row, ``studies`` their names
  (with the PMID where known); ``n_studies`` counts distinct studies, ``n_statements`` independent
  statements (table rows and sentences; a sentence citing several studies jointly counts once);
* ``in_vitro`` / ``in_vivo`` / ``clinical`` count the distinct studies of the row with a claim (or
  an experiment) in that setting;
* rescue questions count demonstrated effects only; effects a source states only as possible are
  in :meth:`hypotheses` (or counted with ``include_hypotheses=True``);
* filters: ``evidence`` (any | table | prose | abstract | both), ``source`` (a source id, e.g.
  ``"naji-2019"``), ``exclude_malignant`` (leave out claims where the rescued cells are malignant).
"""

from __future__ import annotations

from ._catalogue_evidence import EvidenceQueries
from ._catalogue_rescue import RescueQueries


class CatalogueMixin(RescueQueries, EvidenceQueries):
    """Every named-query method; ``self.ask`` is provided by :class:`msc_graph.Graph`."""
