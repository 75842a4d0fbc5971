// name: paths-between
// description: How two entities connect through claims: the shortest connections (at most 4 steps,
//   i.e. through at most two claims and one shared term) between two terms, e.g. an MSC source and
//   an RCD mode. Each row is one path, with the claims it runs through, their studies, whether all of
//   them are demonstrated, and how many of the studies report each setting.
// param: a (term) first term, e.g. Human iPSC-MSCs
// param: b (term) second term, e.g. pyroptosis
// example: :param a => 'Human iPSC-MSCs'
// example: :param b => 'necroptosis'
// returns: hops, path, claims, refs, all_demonstrated, in_vitro, in_vivo, clinical
MATCH (x {id: $a})
WHERE x:MSCSource OR x:CellType OR x:RCDMode OR x:ModeOfAction OR x:Molecule
   OR x:Pathway OR x:Inducer OR x:Model OR x:Study
MATCH (y {id: $b})
WHERE (y:MSCSource OR y:CellType OR y:RCDMode OR y:ModeOfAction OR y:Molecule
   OR y:Pathway OR y:Inducer OR y:Model OR y:Study) AND y <> x
MATCH p = (x)-[:USES_SOURCE|TARGETS_CELL|RESCUES_FROM|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY*1..4]-(y)
WITH x, y, collect(p) AS paths
WITH paths, reduce(m = 99, q IN paths | CASE WHEN length(q) < m THEN length(q) ELSE m END) AS shortest
UNWIND paths AS p
WITH p, shortest, [n IN nodes(p) WHERE n:Claim] AS claims
WHERE length(p) = shortest
RETURN length(p) AS hops,
       [n IN nodes(p) | CASE WHEN n:Claim THEN n.name ELSE labels(n)[0] + ': ' + n.name END] AS path,
       [c IN claims | c.id] AS claims,
       reduce(acc = [], c IN claims | CASE WHEN c.ref IN acc THEN acc ELSE acc + c.ref END) AS refs,
       all(c IN claims WHERE c.demonstrated = true) AS all_demonstrated,
       size(reduce(acc = [], c IN claims | CASE WHEN 'in vitro' IN c.settings AND NOT c.ref IN acc THEN acc + c.ref ELSE acc END)) AS in_vitro,
       size(reduce(acc = [], c IN claims | CASE WHEN 'in vivo' IN c.settings AND NOT c.ref IN acc THEN acc + c.ref ELSE acc END)) AS in_vivo,
       size(reduce(acc = [], c IN claims | CASE WHEN 'clinical' IN c.settings AND NOT c.ref IN acc THEN acc + c.ref ELSE acc END)) AS clinical
ORDER BY all_demonstrated DESC, refs, claims
