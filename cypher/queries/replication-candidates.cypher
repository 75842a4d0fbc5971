// name: replication-candidates
// description: Pairs of inducer and target-cell type studied by several independent studies
//   (candidates for comparing or replicating results), with the studies, MSC sources, RCD modes,
//   modes of action and settings. A claim listing several inducers and several cell types pairs
//   each inducer with each cell type, so check the table cells (evidence-for) before comparing.
// param: min_studies (integer, default 2) minimum number of distinct studies sharing the pair
// example: :param min_studies => 2
// returns: inducer, target_cell, n_studies, refs, studies, msc_sources, rcd_modes,
//   modes_of_action, in_vitro, in_vivo, clinical
MATCH (i:Inducer)<-[:INDUCED_BY]-(c:Claim)-[:TARGETS_CELL]->(t:CellType)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH i, t, c, s, src, r, m
ORDER BY s.ref, src.name, r.name, m.name
WITH i, t,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT src.name) AS msc_sources,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT m.name) AS modes_of_action,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
WHERE size(refs) >= $min_studies
RETURN i.name AS inducer,
       t.name AS target_cell,
       size(refs) AS n_studies,
       refs,
       studies,
       msc_sources,
       rcd_modes,
       modes_of_action,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical
ORDER BY n_studies DESC, inducer, target_cell
