// name: paths-between
// question: How are two terms connected through the evidence?
// description: The shortest connections (at most 6 steps) between two terms through claims and
//   their experiments: e.g. how Cx43 is linked to necroptosis. Each path lists its nodes, the claims
//   it passes through and their studies.
// cues: path, paths, connected, connection, connections, link between, linked, relate, related,
//   relationship, route from, how is, connection between, linked to
// param: a (term) first term: id, name or synonym, e.g. Cx43
// param: b (term) second term: id, name or synonym, e.g. necroptosis
// example: :param a => 'Cx43'
// example: :param b => 'necroptosis'
// example: :param row_cap => 1000
// row_cap: the package sets it to its row cap + 1 (the engine stops there: the names along the paths are
//   built for the rows shown)
// returns: hops, path, claims, refs, all_demonstrated, in_vitro, in_vivo, clinical
MATCH (:Spelling {text: toLower(trim($a))})-[:SPELLS]->(x)
MATCH (:Spelling {text: toLower(trim($b))})-[:SPELLS]->(y)
WITH x, y
WHERE x <> y
MATCH p = allShortestPaths((x)-[:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|IN_CONTEXT|TARGETS_CELL|INDUCED_BY|IN_MODEL*..6]-(y))
WITH p, [n IN nodes(p) WHERE n:Claim] AS claim_nodes
WITH p, claim_nodes,
     [c IN claim_nodes | c.id] AS claim_ids,
     reduce(acc = [], c IN claim_nodes | CASE WHEN c.ref IS NULL OR c.ref IN acc THEN acc ELSE acc + c.ref END) AS refs,
     all(c IN claim_nodes WHERE c.demonstrated = true) AS all_demonstrated
ORDER BY all_demonstrated DESC, refs, claim_ids
LIMIT $row_cap
RETURN length(p) AS hops,
       [n IN nodes(p) | CASE WHEN n:Claim OR n:Context THEN n.name ELSE labels(n)[0] + ': ' + n.name END] AS path,
       claim_ids AS claims,
       refs,
       all_demonstrated,
       size(reduce(acc = [], c IN claim_nodes | CASE WHEN 'in vitro' IN c.settings AND NOT c.study IN acc THEN acc + c.study ELSE acc END)) AS in_vitro,
       size(reduce(acc = [], c IN claim_nodes | CASE WHEN 'in vivo' IN c.settings AND NOT c.study IN acc THEN acc + c.study ELSE acc END)) AS in_vivo,
       size(reduce(acc = [], c IN claim_nodes | CASE WHEN 'clinical' IN c.settings AND NOT c.study IN acc THEN acc + c.study ELSE acc END)) AS clinical
ORDER BY all_demonstrated DESC, refs, claims
