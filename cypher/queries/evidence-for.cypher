// name: evidence-for
// question: What is the evidence for a term?
// description: Every claim about one term (an MSC source, cell type, RCD mode, route, molecule,
//   pathway, inducer, model, or a study by reference number, PMID or name) and its narrower terms
//   unless exact, with its provenance: the table rows and their verbatim cells, the quotes (without
//   PDF line-break hyphens), the curator's notes, whether it is demonstrated or a hypothesis, the
//   routes (hedged ones marked "?"), the molecules with their roles, and each experiment.
// cues: evidence, evidence for, support, supporting, proof, quotes, quote, citations, what does the
//   review say, tell me about, show me, details, report, reports, show, what did, what does,
//   what exactly, table rows
// param: term (term) any term by id, name or synonym, e.g. IL-10, Miro-1, EVs, 65
// param: exact (boolean, default false) do not include the narrower terms of term
// example: :param term => 'IL-10'
// example: :param exact => false
// example: :param row_cap => 1000
// row_cap: the package sets it to its row cap + 1 (the engine stops there: an answer's first rows cost what they show)
// returns: term, relation, ref, study, claim, source, evidence, demonstrated, settings, rows,
//   rcd_modes, routes, molecules, contexts, table_cells, quotes, notes
MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(t0)
MATCH (t)-[:IS_A*0..8]->(t0)
WHERE $exact = false OR t = t0
MATCH (c:Claim)-[:IN_CONTEXT*0..1]->(h)-[rel:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(t)
WITH DISTINCT t, type(rel) AS relation, c
MATCH (c)-[:FROM_STUDY]->(s)
WITH t, relation, c, s
ORDER BY s.ref, s.name, c.id, relation, t.name
LIMIT $row_cap
OPTIONAL MATCH (c)-[:PRINTED_IN]->(tr:TableRow)
WITH t, relation, c, s, tr
ORDER BY tr.table, tr.row
WITH t, relation, c, s,
     collect('Table ' + toString(tr.table) + ' row ' + toString(tr.row) + ': ' + tr.sources + ' | '
             + tr.function + ' | ' + tr.modes + ' | ' + tr.reference) AS table_cells
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH t, relation, c, s, table_cells, collect(r.name) AS rcd_modes
OPTIONAL MATCH (c)-[v:VIA_MODE]->(m:ModeOfAction)
WITH t, relation, c, s, table_cells, rcd_modes, collect(m.name + CASE WHEN v.hedged THEN ' (hedged)' ELSE '' END) AS routes
OPTIONAL MATCH (c)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WITH t, relation, c, s, table_cells, rcd_modes, routes, collect(mol.name + ' (' + im.role + ', ' + im.route + ')') AS molecules
OPTIONAL MATCH (c)-[:IN_CONTEXT]->(x:Context)
WITH t, relation, c, s, table_cells, rcd_modes, routes, molecules, collect(x.summary) AS contexts
RETURN t.name AS term,
       relation,
       s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.source AS source,
       c.evidence AS evidence,
       c.demonstrated AS demonstrated,
       c.settings AS settings,
       c.rows AS rows,
       rcd_modes,
       routes,
       molecules,
       contexts,
       table_cells,
       c.quotes_clean AS quotes,
       c.notes AS notes
ORDER BY ref, study, claim, relation, term
