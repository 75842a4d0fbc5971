// name: gap-map
// description: The evidence gap map: every RCD mode x every mode of action (empty cells included),
//   with the studies in each cell and how many of them report each setting (in vitro / in vivo /
//   clinical). Demonstrated effects only unless include_hypotheses is true.
// param: include_hypotheses (boolean, default false) also count effects the review states only as possible
// example: :param include_hypotheses => false
// returns: rcd_mode, mode_of_action, n_studies, refs, in_vitro, in_vivo, clinical, n_claims
MATCH (r:RCDMode)
MATCH (m:ModeOfAction)
OPTIONAL MATCH (r)<-[:RESCUES_FROM]-(c:Claim)-[:VIA_MODE]->(m)
WHERE c.demonstrated = true OR $include_hypotheses = true
WITH r, m, c
ORDER BY c.ref
WITH r, m,
     collect(DISTINCT c.ref) AS refs,
     count(c) AS n_claims,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN c.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN c.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN c.ref END) AS clin
RETURN r.name AS rcd_mode,
       m.name AS mode_of_action,
       size(refs) AS n_studies,
       refs,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical,
       n_claims
ORDER BY rcd_mode, mode_of_action
