// name: shared-pathways
// description: Pathways (signalling pathways and death machinery) implicated by several independent
//   studies, with the studies, the RCD modes and the modes of action that share each pathway, and
//   how many of the studies report each setting. Demonstrated effects only unless
//   include_hypotheses is true. Studies are counted by reference number.
// param: min_studies (integer, default 2) minimum number of distinct studies implicating the pathway
// param: include_hypotheses (boolean, default false) also count effects the review states only as possible
// example: :param min_studies => 2
// example: :param include_hypotheses => false
// returns: pathway, n_studies, refs, studies, rcd_modes, n_rcd_modes, modes_of_action,
//   n_modes_of_action, in_vitro, in_vivo, clinical
MATCH (p:Pathway)<-[:INVOLVES_PATHWAY]-(c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE c.demonstrated = true OR $include_hypotheses = true
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH p, c, s, r, m
ORDER BY s.ref, r.name, m.name
WITH p,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT m.name) AS modes_of_action,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin
WHERE size(refs) >= $min_studies
RETURN p.name AS pathway,
       size(refs) AS n_studies,
       refs,
       studies,
       rcd_modes,
       size(rcd_modes) AS n_rcd_modes,
       modes_of_action,
       size(modes_of_action) AS n_modes_of_action,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical
ORDER BY n_studies DESC, pathway
