// name: node-counts
// description: Number of nodes per label (counted by the ingest; counted now when the graph has no tallies).
// returns: label, count
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE fast
MATCH (t:Tally {scope: 'node-counts|*'})
RETURN t.node_label AS label, t.count AS count
ORDER BY label
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE NOT fast
MATCH (n)
RETURN labels(n)[0] AS label, count(n) AS count
ORDER BY label
