// name: sources-by-rcd
// description: MSC source x RCD mode: the studies in which each MSC source rescued cells from each
//   RCD mode, how many of them report each setting, and how many named RCD modes the source rescues
//   in all (n_rcd_modes; 'regulated cell death (mode not specified)' is listed but not counted).
//   Demonstrated effects only. min_rcd_modes = 2 keeps the sources that rescue more than one mode.
// param: min_rcd_modes (integer, default 1) keep sources rescuing at least this many named RCD modes
// example: :param min_rcd_modes => 2
// returns: msc_source, species, tissue, rcd_mode, n_studies, refs, studies, in_vitro, in_vivo,
//   clinical, n_rcd_modes
MATCH (src:MSCSource)<-[:USES_SOURCE]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE c.demonstrated = true
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH src, r, c, s
ORDER BY s.ref
WITH src, r,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
WITH src, collect({r: r, refs: refs, studies: studies, vitro: vitro, vivo: vivo, clin: clin}) AS cells
WITH src, cells, size([x IN cells WHERE x.r.id <> 'rcd-unspecified']) AS n_rcd_modes
WHERE n_rcd_modes >= $min_rcd_modes
UNWIND cells AS cell
RETURN src.name AS msc_source,
       src.species AS species,
       src.tissue AS tissue,
       cell.r.name AS rcd_mode,
       size(cell.refs) AS n_studies,
       cell.refs AS refs,
       cell.studies AS studies,
       size(cell.vitro) AS in_vitro,
       size(cell.vivo) AS in_vivo,
       size(cell.clin) AS clinical,
       n_rcd_modes
ORDER BY n_rcd_modes DESC, msc_source, n_studies DESC, rcd_mode
