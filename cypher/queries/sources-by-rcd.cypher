// name: sources-by-rcd
// question: Which MSC sources rescued cells from which RCD modes?
// description: MSC source x RCD mode: the studies in which each MSC source rescued cells from each
//   RCD mode, with independent statements and studies per setting; min_rcd_modes = 2 keeps the
//   sources that rescued cells from at least two named RCD modes.
// cues: msc source, msc sources, source of mscs, sources of mscs, tissue, tissues, bone marrow,
//   adipose, umbilical cord, wharton, species, which mscs, what kind of mscs, origin, sources,
//   rcd mode, death mode, cover
// param: min_rcd_modes (integer, default 1) keep sources rescuing at least this many named RCD modes
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// example: :param min_rcd_modes => 2
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param row_cap => 1000
// row_cap: the package sets it to its row cap + 1 (the engine stops there: an answer's first rows cost what they show)
// returns: msc_source, species, tissue, rcd_mode, n_studies, n_statements, refs, studies, in_vitro,
//   in_vivo, clinical, n_rcd_modes
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE fast
MATCH (src:MSCSource)<-[:TALLIES]-(t:Tally {scope: 'sources-by-rcd|*'})-[:TALLIES]->(r:RCDMode)
WITH src, collect([t, r]) AS cells, count(CASE WHEN r.id <> 'rcd-unspecified' THEN 1 END) AS n_rcd_modes
WHERE n_rcd_modes >= $min_rcd_modes
UNWIND cells AS cell
WITH src, n_rcd_modes, cell[0] AS t, cell[1] AS r
ORDER BY n_rcd_modes DESC, src.name, t.n_studies DESC, r.name
LIMIT $row_cap
RETURN src.name AS msc_source,
       src.species AS species,
       src.tissue AS tissue,
       r.name AS rcd_mode,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical,
       n_rcd_modes
ORDER BY n_rcd_modes DESC, msc_source, n_studies DESC, rcd_mode
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (src:MSCSource)<-[:USES_SOURCE]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH src, r, c, s
ORDER BY s.ref, s.name, s.id
WITH src, r,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical
WITH src, collect({r: r, n_studies: n_studies, n_statements: [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0], refs: refs, studies: studies,
                   in_vitro: in_vitro, in_vivo: in_vivo, clinical: clinical}) AS cells
WITH src, cells, size([x IN cells WHERE x.r.id <> 'rcd-unspecified']) AS n_rcd_modes
WHERE n_rcd_modes >= $min_rcd_modes
UNWIND cells AS cell
RETURN src.name AS msc_source,
       src.species AS species,
       src.tissue AS tissue,
       cell.r.name AS rcd_mode,
       cell.n_studies AS n_studies,
       cell.n_statements AS n_statements,
       cell.refs AS refs,
       cell.studies AS studies,
       cell.in_vitro AS in_vitro,
       cell.in_vivo AS in_vivo,
       cell.clinical AS clinical,
       n_rcd_modes
ORDER BY n_rcd_modes DESC, msc_source, n_studies DESC, rcd_mode
LIMIT $row_cap
