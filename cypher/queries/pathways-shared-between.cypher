// name: pathways-shared-between
// description: The pathways and molecules shared by two entities: two RCD modes, two modes of
//   action, two MSC sources (or any two vocabulary terms or studies, even of different kinds).
//   A pathway or molecule is shared when a demonstrated claim about a and a demonstrated claim about
//   b both involve it; a_refs / b_refs are the studies on each side, the setting counts are over all
//   of them. Terms are resolved by id, name or synonym across every vocabulary.
// param: a (term) first term, e.g. apoptosis, EVs, Human BM-MSCs
// param: b (term) second term, e.g. necroptosis, gap junction, Rat BM-MSCs
// example: :param a => 'apoptosis'
// example: :param b => 'necroptosis'
// returns: a, b, kind, shared, a_refs, b_refs, n_studies, refs, in_vitro, in_vivo, clinical
MATCH (x {id: $a})
WHERE x:MSCSource OR x:CellType OR x:RCDMode OR x:ModeOfAction OR x:Molecule
   OR x:Pathway OR x:Inducer OR x:Model OR x:Study
MATCH (y {id: $b})
WHERE y:MSCSource OR y:CellType OR y:RCDMode OR y:ModeOfAction OR y:Molecule
   OR y:Pathway OR y:Inducer OR y:Model OR y:Study
MATCH (x)<-[:USES_SOURCE|TARGETS_CELL|RESCUES_FROM|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY]-(ca:Claim)
      -[:INVOLVES_PATHWAY|INVOLVES_MOLECULE]->(t)
WHERE ca.demonstrated = true AND t <> x AND t <> y
MATCH (y)<-[:USES_SOURCE|TARGETS_CELL|RESCUES_FROM|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY]-(cb:Claim)
      -[:INVOLVES_PATHWAY|INVOLVES_MOLECULE]->(t)
WHERE cb.demonstrated = true
WITH x, y, t, ca, cb
ORDER BY ca.ref, cb.ref
WITH x, y, t, collect(DISTINCT ca.ref) AS a_refs, collect(DISTINCT cb.ref) AS b_refs,
     collect(DISTINCT ca) + collect(DISTINCT cb) AS claims
WITH x, y, t, a_refs, b_refs, claims,
     reduce(acc = [], r IN a_refs + b_refs | CASE WHEN r IN acc THEN acc ELSE acc + r END) AS refs
RETURN x.name AS a,
       y.name AS b,
       CASE WHEN t:Pathway THEN 'pathway' ELSE 'molecule' END AS kind,
       t.name AS shared,
       a_refs,
       b_refs,
       size(refs) AS n_studies,
       refs,
       size([r IN refs WHERE any(c IN claims WHERE c.ref = r AND 'in vitro' IN c.settings)]) AS in_vitro,
       size([r IN refs WHERE any(c IN claims WHERE c.ref = r AND 'in vivo' IN c.settings)]) AS in_vivo,
       size([r IN refs WHERE any(c IN claims WHERE c.ref = r AND 'clinical' IN c.settings)]) AS clinical
ORDER BY kind DESC, n_studies DESC, shared
