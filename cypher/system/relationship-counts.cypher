// name: relationship-counts
// description: Number of relationships per type (counted by the ingest; counted now when the graph has no
//   tallies).
// returns: type, count
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE fast
MATCH (t:Tally {scope: 'relationship-counts|*'})
RETURN t.rel_type AS type, t.count AS count
ORDER BY type
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE NOT fast
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS count
ORDER BY type
