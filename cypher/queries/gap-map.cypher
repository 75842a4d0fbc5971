// name: gap-map
// question: Which RCD modes and modes of action have been studied together, and where are the gaps?
// description: RCD mode x mode of action, every cell (empty ones included: the gaps), with the
//   studies (and how many only hedge the route), independent statements and studies per setting.
//   Broader grouping terms are left out unless claims name them directly.
// cues: gap, gaps, gap map, map, overview, coverage, matrix, heatmap, unexplored, missing,
//   understudied, not studied, landscape, summary, combinations, no studies, rcd mode x mode of
//   action
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// returns: rcd_mode, mode_of_action, n_studies, n_statements, n_hedged, refs, in_vitro, in_vivo,
//   clinical, n_claims
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE fast
MATCH (axes:Tally {id: 'gap-map|axes'})
UNWIND axes.rcd_modes AS rid
MATCH (r:RCDMode {id: rid})
UNWIND axes.modes_of_action AS mid
MATCH (m:ModeOfAction {id: mid})
OPTIONAL MATCH (t:Tally {id: 'gap-map|*|' + r.id + '|' + m.id})
RETURN r.name AS rcd_mode,
       m.name AS mode_of_action,
       coalesce(t.n_studies, 0) AS n_studies,
       coalesce(t.n_statements, 0) AS n_statements,
       coalesce(t.n_hedged, 0) AS n_hedged,
       coalesce(t.refs, []) AS refs,
       coalesce(t.in_vitro, 0) AS in_vitro,
       coalesce(t.in_vivo, 0) AS in_vivo,
       coalesce(t.clinical, 0) AS clinical,
       coalesce(t.n_claims, 0) AS n_claims
ORDER BY rcd_mode, mode_of_action
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (r:RCDMode)
WHERE NOT ()-[:IS_A]->(r) OR ()-[:RESCUES_FROM]->(r)
MATCH (m:ModeOfAction)
WHERE NOT ()-[:IS_A]->(m) OR ()-[:VIA_MODE]->(m)
OPTIONAL MATCH (r)<-[:RESCUES_FROM]-(c:Claim)-[v:VIA_MODE]->(m)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
WITH r, m, c, v
ORDER BY c.ref, c.study
WITH r, m,
     count(DISTINCT c.study) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [c.study, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT CASE WHEN v.hedged = false THEN c.study END) AS firm,
     collect(DISTINCT c.ref) AS refs,
     count(c) AS n_claims,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN c.study END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN c.study END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN c.study END) AS clinical
RETURN r.name AS rcd_mode,
       m.name AS mode_of_action,
       n_studies,
       [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] AS n_statements,
       n_studies - size(firm) AS n_hedged,
       refs,
       in_vitro,
       in_vivo,
       clinical,
       n_claims
ORDER BY rcd_mode, mode_of_action
