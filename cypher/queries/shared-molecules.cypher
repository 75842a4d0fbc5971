// name: shared-molecules
// question: Which molecules are shared by several independent studies?
// description: Molecules implicated by at least min_studies studies and min_studies independent
//   statements (table rows and sentences; a sentence citing several studies jointly counts once),
//   with their roles, the routes they travel by ("in the rescued cell" for targets and readouts), the
//   RCD modes and the MSC sources of those claims, and the joint citations behind the counts.
// cues: shared, common, recurring, molecules, molecule, several studies, multiple studies, across
//   studies, replicated, most studied, most cited, factors, backed by, independent studies,
//   come up, more than one study
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
// returns: molecule, kind, roles, routes, n_studies, n_statements, refs, studies, in_vitro, in_vivo,
//   clinical, rcd_modes, msc_sources, jointly_cited
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $min_studies >= 2 AND $include_hypotheses = false AND $evidence = 'any'
     AND $source IS NULL AND $exclude_malignant = false AS fast
WHERE fast
MATCH (t:Tally {scope: 'shared-molecules|*'})
WHERE t.n_studies >= $min_studies AND t.n_statements >= $min_studies
MATCH (t)-[:TALLIES]->(mol:Molecule)
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
       t.rcd_modes AS rcd_modes,
       t.msc_sources AS msc_sources,
       t.jointly_cited AS jointly_cited
ORDER BY n_statements DESC, n_studies DESC, molecule
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $min_studies >= 2 AND $include_hypotheses = false AND $evidence = 'any'
     AND $source IS NULL AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (mol:Molecule)<-[im:INVOLVES_MOLECULE]-(c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
WITH mol, im, c, s, [(c)-[:RESCUES_FROM]->(r:RCDMode) | r.name] AS rs,
     [(c)-[:USES_SOURCE]->(src:MSCSource) | src.name] AS ss
ORDER BY s.ref, s.name, s.id
WITH mol,
     collect(rs) AS rcd_lists,
     collect(ss) AS src_lists,
     collect(DISTINCT im.role) AS roles,
     collect(DISTINCT im.route) AS routes,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical,
     collect(DISTINCT c.statement_refs) AS jointly_cited
WHERE n_studies >= $min_studies AND [st IN [reduce(acc = [0, [], null, null], p IN statement_pairs | CASE WHEN p[0] = acc[2] THEN [acc[0], acc[1], acc[2], CASE WHEN p[1] < acc[3] THEN p[1] ELSE acc[3] END] ELSE [acc[0] + CASE WHEN acc[3] = '' THEN 1 ELSE 0 END, acc[1] + CASE WHEN acc[3] IS NULL OR acc[3] = '' OR acc[3] IN acc[1] THEN [] ELSE [acc[3]] END, p[0], p[1]] END)] | st[0] + size(st[1]) + CASE WHEN st[3] IS NULL THEN 0 WHEN st[3] = '' THEN 1 WHEN st[3] IN st[1] THEN 0 ELSE 1 END][0] >= $min_studies
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
       reduce(acc = [], l IN rcd_lists | acc + [x IN l WHERE NOT x IN acc]) AS rcd_modes,
       reduce(acc = [], l IN src_lists | acc + [x IN l WHERE NOT x IN acc]) AS msc_sources,
       jointly_cited
ORDER BY n_statements DESC, n_studies DESC, molecule
