// name: potency-biomarkers
// description: The candidate potency biomarkers named in the review's conclusion (Cx-43 expression,
//   mitochondria bioenergetic (Δψm), mitochondria phenotype (Miro-1)) with the claims that
//   support each: studies, demonstrated and hypothesis claims, settings, RCD modes and modes of
//   action. The review has no term for Δψm itself; it is mapped to the claims about mitochondria.
// returns: biomarker, molecule, n_studies, refs, studies, n_demonstrated, n_hypotheses, in_vitro,
//   in_vivo, clinical, rcd_modes, modes_of_action, claims
UNWIND [
  {rank: 1, biomarker: 'Cx-43 expression', molecule: 'cx43'},
  {rank: 2, biomarker: 'mitochondria bioenergetic (Δψm)', molecule: 'mitochondria'},
  {rank: 3, biomarker: 'mitochondria phenotype (Miro-1)', molecule: 'miro-1'}
] AS b
MATCH (mol:Molecule {id: b.molecule})<-[:INVOLVES_MOLECULE]-(c:Claim)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH b, mol, c, s, r, m
ORDER BY s.ref, c.id, r.name, m.name
WITH b, mol,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT CASE WHEN c.demonstrated THEN c.id END) AS demonstrated,
     collect(DISTINCT CASE WHEN NOT c.demonstrated THEN c.id END) AS hypotheses,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT m.name) AS modes_of_action,
     collect(DISTINCT c.id) AS claims
RETURN b.biomarker AS biomarker,
       mol.name AS molecule,
       size(refs) AS n_studies,
       refs,
       studies,
       size(demonstrated) AS n_demonstrated,
       size(hypotheses) AS n_hypotheses,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical,
       rcd_modes,
       modes_of_action,
       claims
ORDER BY b.rank
