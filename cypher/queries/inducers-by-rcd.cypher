// name: inducers-by-rcd
// description: What induced the cell death that MSCs countered, optionally for one RCD mode: each
//   inducer with the RCD modes, the target cells, the studies and how many of them report each
//   setting. Demonstrated effects only.
// param: rcd (term:RCDMode, default null) only this RCD mode, e.g. necroptosis
// example: :param rcd => 'necroptosis'
// returns: inducer, n_studies, refs, studies, rcd_modes, target_cells, in_vitro, in_vivo, clinical
MATCH (i:Inducer)<-[:INDUCED_BY]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE c.demonstrated = true AND ($rcd IS NULL OR r.id = $rcd)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:TARGETS_CELL]->(cell:CellType)
WITH i, c, s, r, cell
ORDER BY s.ref, r.name, cell.name
WITH i,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT cell.name) AS target_cells,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
RETURN i.name AS inducer,
       size(refs) AS n_studies,
       refs,
       studies,
       rcd_modes,
       target_cells,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical
ORDER BY n_studies DESC, inducer
