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
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE fast
UNWIND [
  {rank: 1, biomarker: 'Cx-43 expression', molecule: 'cx43'},
  {rank: 2, biomarker: 'mitochondria bioenergetic (Δψm)', molecule: 'mitochondria'},
  {rank: 3, biomarker: 'mitochondria phenotype (Miro-1)', molecule: 'miro-1'}
] AS b
MATCH (t:Tally {id: 'potency-biomarkers|*|' + b.molecule})-[:TALLIES]->(mol:Molecule)
RETURN b.biomarker AS biomarker,
       mol.name AS molecule,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.n_demonstrated AS n_demonstrated,
       t.n_hypotheses AS n_hypotheses,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical,
       t.rcd_modes AS rcd_modes,
       t.modes_of_action AS modes_of_action,
       t.claims AS claims
ORDER BY b.rank
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE NOT fast
UNWIND [
  {rank: 1, biomarker: 'Cx-43 expression', molecule: 'cx43'},
  {rank: 2, biomarker: 'mitochondria bioenergetic (Δψm)', molecule: 'mitochondria'},
  {rank: 3, biomarker: 'mitochondria phenotype (Miro-1)', molecule: 'miro-1'}
] AS b
MATCH (mol:Molecule {id: b.molecule})<-[im:INVOLVES_MOLECULE]-(c:Claim)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH b, mol, c, s, r, im
ORDER BY s.ref, s.name, c.id, r.name, im.route
WITH b, mol, s,
     min(coalesce(c.statement, '')) AS statement,
     collect(DISTINCT CASE WHEN c.demonstrated THEN c.id END) AS demonstrated,
     collect(DISTINCT CASE WHEN NOT c.demonstrated THEN c.id END) AS hypotheses,
     max(CASE WHEN c.demonstrated AND 'in vitro' IN c.settings THEN 1 ELSE 0 END) AS in_vitro,
     max(CASE WHEN c.demonstrated AND 'in vivo' IN c.settings THEN 1 ELSE 0 END) AS in_vivo,
     max(CASE WHEN c.demonstrated AND 'clinical' IN c.settings THEN 1 ELSE 0 END) AS clinical,
     collect(DISTINCT r.name) AS rcd_modes,
     collect(DISTINCT im.route) AS routes,
     collect(DISTINCT c.id) AS claims
ORDER BY s.ref, s.name
UNWIND claims AS claim
WITH b, mol,
     count(DISTINCT s) AS n_studies,
     collect(DISTINCT CASE WHEN statement = '' THEN s.id ELSE statement END) AS units,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN claim IN demonstrated THEN claim END) AS n_demonstrated,
     count(DISTINCT CASE WHEN claim IN hypotheses THEN claim END) AS n_hypotheses,
     count(DISTINCT CASE WHEN in_vitro = 1 THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN in_vivo = 1 THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN clinical = 1 THEN s.id END) AS clinical,
     collect(rcd_modes) AS rcd_lists,
     collect(routes) AS route_lists,
     collect(claim) AS claims
RETURN b.biomarker AS biomarker,
       mol.name AS molecule,
       n_studies,
       size(units) AS n_statements,
       refs,
       studies,
       n_demonstrated,
       n_hypotheses,
       in_vitro,
       in_vivo,
       clinical,
       reduce(acc = [], l IN rcd_lists | acc + [x IN l WHERE NOT x IN acc]) AS rcd_modes,
       reduce(acc = [], l IN route_lists | acc + [x IN l WHERE NOT x IN acc]) AS modes_of_action,
       claims
ORDER BY b.rank
