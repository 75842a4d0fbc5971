// name: potency-biomarkers
// question: What supports the potency biomarkers the review proposes (Cx43, Δψm, Miro-1)?
// description: The potency biomarkers proposed in the review's conclusion (Cx-43 expression,
//   mitochondria bioenergetic Δψm, mitochondria phenotype Miro-1), each with the claims that involve
//   its molecule: demonstrated and hypothesised (studies per setting count demonstrated claims only),
//   RCD modes, and the routes the
//   molecule travels by in those claims ("in the rescued cell" where it acts inside the rescued cells).
// cues: potency, biomarker, biomarkers, marker, markers, predict, predictor, indicator, indicators,
//   quality, release criteria, cx43 expression, miro-1, potency marker, potency readouts,
//   readouts, cx-43 expression, δψm, miro1
// returns: biomarker, molecule, n_studies, n_statements, refs, studies, n_demonstrated, n_hypotheses,
//   in_vitro, in_vivo, clinical, rcd_modes, modes_of_action, claims
UNWIND [
  {rank: 1, biomarker: 'Cx-43 expression', molecule: 'cx43'},
  {rank: 2, biomarker: 'mitochondria bioenergetic (Δψm)', molecule: 'mitochondria'},
  {rank: 3, biomarker: 'mitochondria phenotype (Miro-1)', molecule: 'miro-1'}
] AS b
MATCH (mol:Molecule {id: b.molecule})<-[im:INVOLVES_MOLECULE]-(c:Claim)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH b, mol, c, s, r, im
ORDER BY s.ref, s.name, c.id, r.name, im.route
WITH b, mol,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN c.demonstrated THEN c.id END) AS n_demonstrated,
     count(DISTINCT CASE WHEN NOT c.demonstrated THEN c.id END) AS n_hypotheses,
     count(DISTINCT CASE WHEN c.demonstrated AND 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN c.demonstrated AND 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN c.demonstrated AND 'clinical' IN c.settings THEN s.id END) AS clinical,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT im.route) AS modes_of_action,
     collect(DISTINCT c.id) AS claims
RETURN b.biomarker AS biomarker,
       mol.name AS molecule,
       n_studies,
       size(reduce(acc = [], u IN [p IN statement_pairs | CASE WHEN size([q IN statement_pairs WHERE q[0] = p[0] AND q[1] = '']) > 0 THEN p[0] ELSE reduce(m = p[1], q IN statement_pairs | CASE WHEN q[0] = p[0] AND q[1] < m THEN q[1] ELSE m END) END] | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS n_statements,
       refs,
       studies,
       n_demonstrated,
       n_hypotheses,
       in_vitro,
       in_vivo,
       clinical,
       rcd_modes,
       modes_of_action,
       claims
ORDER BY b.rank
