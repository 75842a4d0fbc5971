// name: cell-types-rescued
// description: The target cells (primary cells, cell lines, tissue cells in vivo) that MSCs rescued,
//   optionally from one RCD mode, with the studies, MSC sources, modes of action and how many of
//   the studies report each setting. Demonstrated effects only.
// param: rcd (term:RCDMode, default null) only rescue from this RCD mode, e.g. necroptosis
// example: :param rcd => 'necroptosis'
// returns: cell_type, kind, species, n_studies, refs, studies, rcd_modes, msc_sources,
//   modes_of_action, in_vitro, in_vivo, clinical
MATCH (cell:CellType)<-[:TARGETS_CELL]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE c.demonstrated = true AND ($rcd IS NULL OR r.id = $rcd)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH cell, c, s, r, src, m
ORDER BY s.ref, r.name, src.name, m.name
WITH cell,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT src.name) AS msc_sources,
     collect(DISTINCT m.name) AS modes_of_action,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
RETURN cell.name AS cell_type,
       cell.kind AS kind,
       cell.species AS species,
       size(refs) AS n_studies,
       refs,
       studies,
       rcd_modes,
       msc_sources,
       modes_of_action,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical
ORDER BY n_studies DESC, cell_type
