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
OPTIONAL MATCH (:Spelling {text: toLower(trim($mode))})-[:SPELLS]->(m0:ModeOfAction)
OPTIONAL MATCH (m_narrower:ModeOfAction)-[:IS_A]->(m0)
WITH collect(DISTINCT m0.id) AS m0_ids, count(m_narrower) AS m_n
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
OPTIONAL MATCH (r_narrower:RCDMode)-[:IS_A]->(r0)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH m0_ids, m_n, collect(DISTINCT r0.id) AS r0_ids, count(r_narrower) AS r_n, count(marker) > 0 AS tallied
WITH m0_ids, m_n, r0_ids, r_n,
     tallied AND size(m0_ids) < 2 AND size(r0_ids) < 2 AND $include_hypotheses = false AND $evidence = 'any'
     AND $source IS NULL AND $exclude_malignant = false AS fast
WHERE fast
WITH 'molecules-via|' + m0_ids[0] + '|' + r0_ids[0]
     + CASE WHEN $exact OR (m_n = 0 AND r_n = 0) THEN '|exact' ELSE '|narrower' END AS scope
MATCH (t:Tally {scope: scope})-[:TALLIES]->(mol:Molecule)
RETURN mol.name AS molecule,
       mol.kind AS kind,
       t.roles AS roles,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical,
       t.target_cells AS target_cells,
       t.matched AS matched
ORDER BY n_studies DESC, molecule
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($mode))})-[:SPELLS]->(named_mode:ModeOfAction)
WITH count(DISTINCT named_mode) AS n_modes
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(named_rcd:RCDMode)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH n_modes, count(DISTINCT named_rcd) AS n_rcds, count(marker) > 0 AS tallied
WITH tallied AND n_modes < 2 AND n_rcds < 2 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
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
ORDER BY s.ref, s.name, s.id, cell.name
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
       [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] AS n_statements,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       target_cells,
       matched
ORDER BY n_studies DESC, molecule
