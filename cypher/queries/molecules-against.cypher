// name: molecules-against
// question: Which molecules are implicated when MSCs rescue cells from an RCD mode?
// description: Every molecule of the claims where MSCs rescue cells from an RCD mode (and its
//   narrower modes), whatever its role: delivered by the MSCs (with the route it travels by) or a
//   target or readout inside the rescued cells ("in the rescued cell").
// cues: molecules, molecule, genes, proteins, mirnas, implicated, involved, players, factors,
//   against, which molecules
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. apoptosis
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// param: exact (boolean, default false) do not include the narrower terms of rcd
// example: :param rcd => 'apoptosis'
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param exact => false
// returns: molecule, kind, roles, routes, n_studies, n_statements, refs, studies, in_vitro, in_vivo,
//   clinical, matched
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
OPTIONAL MATCH (narrower:RCDMode)-[:IS_A]->(r0)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH collect(DISTINCT r0.id) AS r0_ids, count(narrower) AS n_narrower, count(marker) > 0 AS tallied
WITH r0_ids, n_narrower,
     tallied AND size(r0_ids) < 2 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE fast
WITH 'molecules-against|' + r0_ids[0] + CASE WHEN $exact OR n_narrower = 0 THEN '|exact' ELSE '|narrower' END AS scope
MATCH (t:Tally {scope: scope})-[:TALLIES]->(mol:Molecule)
RETURN mol.name AS molecule,
       mol.kind AS kind,
       t.roles AS roles,
       t.routes AS routes,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical,
       t.matched AS matched
ORDER BY n_studies DESC, molecule
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(named:RCDMode)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(DISTINCT named) AS n_named, count(marker) > 0 AS tallied
WITH tallied AND n_named < 2 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
MATCH (r:RCDMode)-[:IS_A*0..8]->(r0)
WHERE $exact = false OR r = r0
MATCH (r)<-[:RESCUES_FROM]-(c:Claim)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH mol, im, c, s, r
ORDER BY s.ref, s.name, s.id, im.route
WITH mol,
     collect(DISTINCT im.role) AS roles,
     collect(DISTINCT im.route) AS routes,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical,
     collect(DISTINCT r.name) AS matched
RETURN mol.name AS molecule,
       mol.kind AS kind,
       roles,
       routes,
       n_studies,
       [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] AS n_statements,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       matched
ORDER BY n_studies DESC, molecule
