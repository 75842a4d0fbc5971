// name: inducers-by-rcd
// question: What induced the cell death that MSCs countered?
// description: What induced the cell death that MSCs countered, optionally for one RCD mode (and
//   its narrower modes): each inducer with the studies, the RCD modes, the target cells it hit in
//   the same experiments (never cells of another experiment), and the settings of those experiments.
// cues: inducer, inducers, induced, induce, trigger, triggers, triggered, stress, stressor,
//   stressors, insult, insults, injury by, caused by, what caused, drugs, toxins, what
//   triggered
// param: rcd (term:RCDMode, default null) only this RCD mode, e.g. necroptosis
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// param: exact (boolean, default false) do not include the narrower terms of rcd
// example: :param rcd => 'necroptosis'
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param exact => false
// returns: inducer, n_studies, n_statements, refs, studies, rcd_modes, target_cells, in_vitro,
//   in_vivo, clinical
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
OPTIONAL MATCH (narrower:RCDMode)-[:IS_A]->(r0)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH collect(DISTINCT r0.id) AS r0_ids, count(narrower) AS n_narrower, count(marker) > 0 AS tallied
WITH r0_ids, n_narrower,
     tallied AND size(r0_ids) < 2 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE fast
WITH 'inducers-by-rcd|' + CASE WHEN $rcd IS NULL THEN '*'
       ELSE r0_ids[0] + CASE WHEN $exact OR n_narrower = 0 THEN '|exact' ELSE '|narrower' END END AS scope
MATCH (t:Tally {scope: scope})-[:TALLIES]->(i:Inducer)
RETURN i.name AS inducer,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.rcd_modes AS rcd_modes,
       t.target_cells AS target_cells,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical
ORDER BY n_studies DESC, inducer
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
WITH r0, r0.id AS r0_id
OPTIONAL MATCH (rx:RCDMode)-[:IS_A*0..8]->(r0) WHERE r0.id = r0_id AND ($exact = false OR rx = r0)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH collect(DISTINCT rx.id) AS rcd_ids, collect(DISTINCT r0_id) AS r0_ids, count(marker) > 0 AS tallied
WITH rcd_ids,
     tallied AND size(r0_ids) < 2 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (i:Inducer)<-[:INDUCED_BY]-(x:Context)<-[:IN_CONTEXT]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
  AND ($rcd IS NULL OR r.id IN rcd_ids)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (x)-[:TARGETS_CELL]->(cell:CellType)
WITH i, x, c, s, r, cell
ORDER BY s.ref, s.name, s.id, r.name, cell.name
WITH i,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT cell.name) AS target_cells,
     count(DISTINCT CASE WHEN x.setting = 'in vitro' THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN x.setting = 'in vivo' THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN x.setting = 'clinical' THEN s.id END) AS clinical
RETURN i.name AS inducer,
       n_studies,
       [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] AS n_statements,
       refs,
       studies,
       rcd_modes,
       target_cells,
       in_vitro,
       in_vivo,
       clinical
ORDER BY n_studies DESC, inducer
