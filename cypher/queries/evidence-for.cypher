// name: evidence-for
// description: Every claim about one term (an MSC source, cell type, RCD mode, mode of action,
//   molecule, pathway, inducer, model, or a study by reference number), with its provenance:
//   the table rows and their verbatim cells, the prose quotes, the curator's notes, whether the
//   effect is demonstrated, and its settings. Hypotheses are included (demonstrated = false).
// param: term (term) any term by id, name or synonym, e.g. IL-10, Miro-1, EVs, 65
// example: :param term => 'IL-10'
// returns: term, relation, ref, study, claim, evidence, demonstrated, settings, rows,
//   rcd_modes, modes_of_action, table_cells, quotes, notes
MATCH (t {id: $term})
WHERE t:MSCSource OR t:CellType OR t:RCDMode OR t:ModeOfAction OR t:Molecule
   OR t:Pathway OR t:Inducer OR t:Model OR t:Study
MATCH (c:Claim)-[rel:USES_SOURCE|TARGETS_CELL|RESCUES_FROM|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY]->(t)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:PRINTED_IN]->(tr:TableRow)
WITH t, rel, c, s, tr
ORDER BY tr.table, tr.row
WITH t, rel, c, s,
     collect('Table ' + toString(tr.table) + ' row ' + toString(tr.row) + ': ' + tr.sources + ' | '
             + tr.function + ' | ' + tr.modes + ' | ' + tr.reference) AS table_cells
RETURN t.name AS term,
       type(rel) AS relation,
       s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.evidence AS evidence,
       c.demonstrated AS demonstrated,
       c.settings AS settings,
       c.rows AS rows,
       [(c)-[:RESCUES_FROM]->(r:RCDMode) | r.name] AS rcd_modes,
       [(c)-[:VIA_MODE]->(m:ModeOfAction) | m.name] AS modes_of_action,
       table_cells,
       c.quotes AS quotes,
       c.notes AS notes
ORDER BY ref, claim
