// name: rcd-modes-for
// description: The RCD modes from which claims about one term rescue cells, e.g. every death mode
//   countered by EVs, by Human ASCs, by Cx43 or by one study: demonstrated studies with their
//   setting counts, and the studies that state it only as a hypothesis.
// param: term (term) any term by id, name or synonym, e.g. EVs, Cx43, Human UC-MSCs
// example: :param term => 'EVs'
// returns: rcd_mode, n_studies, refs, studies, in_vitro, in_vivo, clinical, hypothesis_refs
MATCH (t {id: $term})
WHERE t:MSCSource OR t:CellType OR t:RCDMode OR t:ModeOfAction OR t:Molecule
   OR t:Pathway OR t:Inducer OR t:Model OR t:Study
MATCH (t)<-[:USES_SOURCE|TARGETS_CELL|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY]-(c:Claim)
      -[:RESCUES_FROM]->(r:RCDMode)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH r, c, s
ORDER BY s.ref
WITH r,
     collect(DISTINCT CASE WHEN c.demonstrated THEN s.ref END) AS refs,
     collect(DISTINCT CASE WHEN c.demonstrated THEN s.name END) AS studies,
     collect(DISTINCT CASE WHEN c.demonstrated AND 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN c.demonstrated AND 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN c.demonstrated AND 'clinical' IN c.settings THEN s.ref END) AS clin,
     collect(DISTINCT CASE WHEN NOT c.demonstrated THEN s.ref END) AS hypothesis_refs
RETURN r.name AS rcd_mode,
       size(refs) AS n_studies,
       refs,
       studies,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical,
       hypothesis_refs
ORDER BY n_studies DESC, rcd_mode
