// name: modes-of-action-rescuing
// description: The mode-of-action categories by which MSCs rescue cells from one RCD mode,
//   with the studies (reference numbers), the number of those studies reporting each setting
//   (in vitro / in vivo / clinical), molecules and MSC sources behind each.
//   Demonstrated effects only (see the hypotheses query for the rest).
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. necroptosis
// example: :param rcd => 'necroptosis'
// returns: mode_of_action, category, n_studies, refs, studies, in_vitro, in_vivo, clinical,
//   molecules, msc_sources
MATCH (rcd:RCDMode {id: $rcd})<-[:RESCUES_FROM]-(c:Claim)-[:VIA_MODE]->(moa:ModeOfAction)
WHERE c.demonstrated = true
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:INVOLVES_MOLECULE]->(mol:Molecule)
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
WITH moa, c, s, mol, src
ORDER BY s.ref, mol.name, src.name
WITH moa,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin,
     collect(DISTINCT mol.name) AS molecules,
     collect(DISTINCT src.name) AS msc_sources
RETURN moa.name AS mode_of_action,
       moa.category AS category,
       size(refs) AS n_studies,
       refs,
       studies,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical,
       molecules,
       msc_sources
ORDER BY n_studies DESC, mode_of_action
