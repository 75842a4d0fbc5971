// name: molecules-via
// question: Which molecules do MSCs deliver through a route against an RCD mode?
// description: The molecules that travel by one route (mode of action, and its narrower terms) in
//   claims where MSCs rescue cells from an RCD mode (and its narrower modes): what EVs carry, which
//   factors are secreted, which channel proteins form gap junctions. Only molecules the source says
//   travel by that route; molecules acting inside the rescued cells are not listed (see
//   molecules-against). With their roles, studies, settings and the target cells of those claims.
// cues: molecules, molecule, cargo, carry, carried, deliver, delivered, transfer, transferred,
//   secrete, secreted, factors, what do, content, contain, mirnas, mirna, which mirnas, go
//   through, travel, what gets
// param: mode (term:ModeOfAction) route: id, name or synonym, e.g. EVs
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. apoptosis
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// param: exact (boolean, default false) do not include narrower terms of mode and rcd
// example: :param mode => 'EVs'
// example: :param rcd => 'apoptosis'
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param exact => false
// returns: molecule, kind, roles, n_studies, n_statements, refs, studies, in_vitro, in_vivo,
//   clinical, target_cells, matched
MATCH (:Spelling {text: toLower(trim($mode))})-[:SPELLS]->(m0:ModeOfAction)
MATCH (m:ModeOfAction)-[:IS_A*0..8]->(m0)
WHERE $exact = false OR m = m0
MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
MATCH (r:RCDMode)-[:IS_A*0..8]->(r0)
WHERE $exact = false OR r = r0
MATCH (r)<-[:RESCUES_FROM]-(c:Claim)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WHERE im.via = m.id
  AND (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:IN_CONTEXT]->(:Context)-[:TARGETS_CELL]->(cell:CellType)
WITH mol, im, c, s, cell, m, r
ORDER BY s.ref, s.name, cell.name
WITH mol,
     collect(DISTINCT im.role) AS roles,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical,
     collect(DISTINCT cell.name) AS target_cells,
     collect(DISTINCT m.name) + collect(DISTINCT r.name) AS matched
RETURN mol.name AS molecule,
       mol.kind AS kind,
       roles,
       n_studies,
       size(reduce(acc = [], u IN [p IN statement_pairs | CASE WHEN size([q IN statement_pairs WHERE q[0] = p[0] AND q[1] = '']) > 0 THEN p[0] ELSE reduce(m = p[1], q IN statement_pairs | CASE WHEN q[0] = p[0] AND q[1] < m THEN q[1] ELSE m END) END] | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS n_statements,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       target_cells,
       matched
ORDER BY n_studies DESC, molecule
