// name: replication-candidates
// question: Which inducer and target-cell pairs were studied by several studies (candidates for replication)?
// description: Inducer x target-cell pairs that the sources link in one experiment (the same
//   context: that inducer hit those cells), studied by at least min_studies studies and independent
//   statements (table rows and sentences; a sentence citing several studies jointly counts once),
//   with the settings of those experiments, the MSC sources, RCD modes and routes of the claims.
// cues: replication, replicate, replicated, reproduce, reproducible, reproducibility, candidates,
//   pairs, inducer and target, same model, compare studies, repeated, inducer cell type, more
//   than one group, studied by, different labs, same insult, same target cell, compare
// param: min_studies (integer, default 2) minimum number of studies, and of independent statements (table rows and sentences; a sentence citing several studies jointly counts once)
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// example: :param min_studies => 2
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param row_cap => 1000
// row_cap: the package sets it to its row cap + 1 (the engine stops there: an answer's first rows cost what they show)
// returns: inducer, target_cell, n_studies, n_statements, refs, studies, msc_sources, rcd_modes,
//   modes_of_action, in_vitro, in_vivo, clinical
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $min_studies >= 2 AND $include_hypotheses = false AND $evidence = 'any'
     AND $source IS NULL AND $exclude_malignant = false AS fast
WHERE fast
MATCH (t:Tally {scope: 'replication-candidates|*'})
WHERE t.n_studies >= $min_studies AND t.n_statements >= $min_studies
WITH t
ORDER BY t.rank
LIMIT $row_cap
MATCH (i:Inducer)<-[:TALLIES]-(t)-[:TALLIES]->(cell:CellType)
RETURN i.name AS inducer,
       cell.name AS target_cell,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.msc_sources AS msc_sources,
       t.rcd_modes AS rcd_modes,
       t.modes_of_action AS modes_of_action,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical
ORDER BY n_statements DESC, n_studies DESC, inducer, target_cell
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $min_studies >= 2 AND $include_hypotheses = false AND $evidence = 'any'
     AND $source IS NULL AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (i:Inducer)<-[:INDUCED_BY]-(x:Context)-[:TARGETS_CELL]->(t:CellType)
MATCH (c:Claim)-[:IN_CONTEXT]->(x)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH i, t, x, c, s, src, r, m
ORDER BY s.ref, s.name, s.id, src.name, r.name, m.name
WITH i, t,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT src.name) AS msc_sources,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT m.name) AS modes_of_action,
     count(DISTINCT CASE WHEN x.setting = 'in vitro' THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN x.setting = 'in vivo' THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN x.setting = 'clinical' THEN s.id END) AS clinical
WHERE n_studies >= $min_studies AND [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] >= $min_studies
RETURN i.name AS inducer,
       t.name AS target_cell,
       n_studies,
       [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] AS n_statements,
       refs,
       studies,
       msc_sources,
       rcd_modes,
       modes_of_action,
       in_vitro,
       in_vivo,
       clinical
ORDER BY n_statements DESC, n_studies DESC, inducer, target_cell
LIMIT $row_cap
