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
// returns: msc_source, species, tissue, rcd_mode, n_studies, n_statements, refs, studies, in_vitro,
//   in_vivo, clinical, n_rcd_modes
MATCH (src:MSCSource)<-[:USES_SOURCE]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH src, r, c, s
ORDER BY s.ref, s.name
WITH src, r,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical
WITH src, collect({r: r, n_studies: n_studies, n_statements: size(reduce(acc = [], u IN [p IN statement_pairs | CASE WHEN size([q IN statement_pairs WHERE q[0] = p[0] AND q[1] = '']) > 0 THEN p[0] ELSE reduce(m = p[1], q IN statement_pairs | CASE WHEN q[0] = p[0] AND q[1] < m THEN q[1] ELSE m END) END] | CASE WHEN u IN acc THEN acc ELSE acc + u END)), refs: refs, studies: studies,
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
