// name: models
// description: The disease and animal models (and patient groups) in which MSCs reduced cell death,
//   optionally for one RCD mode, with the studies, species, RCD modes, modes of action, MSC
//   sources and how many of the studies are in vivo or clinical. Demonstrated effects only.
// param: rcd (term:RCDMode, default null) only rescue from this RCD mode, e.g. apoptosis
// example: :param rcd => 'apoptosis'
// returns: model, species, n_studies, refs, studies, rcd_modes, modes_of_action, msc_sources,
//   in_vitro, in_vivo, clinical
MATCH (mdl:Model)<-[:IN_MODEL]-(c:Claim)-[:RESCUES_FROM]->(r:RCDMode)
WHERE c.demonstrated = true AND ($rcd IS NULL OR r.id = $rcd)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH mdl, c, s, r, src, m
ORDER BY s.ref, r.name, m.name, src.name
WITH mdl,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT m.name) AS modes_of_action,
     collect(DISTINCT src.name) AS msc_sources,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
RETURN mdl.name AS model,
       mdl.species AS species,
       size(refs) AS n_studies,
       refs,
       studies,
       rcd_modes,
       modes_of_action,
       msc_sources,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical
ORDER BY n_studies DESC, model
