// name: neighbours
// description: The claims about one node (claims linked to a term or a study directly or through
//   their experiments; a claim itself), at most limit of them, and every term and study each of
//   those claims links to (the explorer's "expand neighbours" on a node of the graph).
// param: label (string) the node's label, e.g. RCDMode
// param: id (string) the node's id, e.g. necroptosis
// param: limit (integer, default 25) at most this many claims
// example: :param label => 'RCDMode'
// example: :param id => 'necroptosis'
// example: :param limit => 25
// returns: claim, claim_name, ref, relation, label, id, name
OPTIONAL MATCH (:Spelling {text: toLower(trim($id))})-[:SPELLS]->(named)
WHERE named.id = $id AND $label IN labels(named)
OPTIONAL MATCH (claim:Claim {id: $id})
WHERE $label = 'Claim'
WITH collect(DISTINCT named) + collect(claim) AS found
UNWIND found AS n
OPTIONAL MATCH (c0:Claim)-[:IN_CONTEXT*0..1]->()-[:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(n)
WITH n, collect(DISTINCT c0) AS about
UNWIND CASE WHEN 'Claim' IN labels(n) THEN [n] ELSE about END AS c
WITH DISTINCT c
ORDER BY c.ref, c.id
LIMIT $limit
MATCH (c)-[:IN_CONTEXT*0..1]->()-[r:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(t)
RETURN DISTINCT c.id AS claim, c.name AS claim_name, c.ref AS ref, type(r) AS relation,
       labels(t)[0] AS label, t.id AS id, t.name AS name
ORDER BY ref, claim, relation, name
