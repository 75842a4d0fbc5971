// name: vocabulary
// description: Every vocabulary term, study and source with its preferred name and every spelling
//   that names it (used to look terms up by any synonym, and to list what a spelling is ambiguous between).
//   Read from the ingest's tallies; gathered from the spellings when the graph has none.
// returns: label, id, name, synonyms
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE fast
MATCH (t:Tally {scope: 'vocabulary|*'})
RETURN t.node_label AS label, t.node_key AS id, t.node_name AS name, t.synonyms AS synonyms
ORDER BY label, id
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AS fast
WHERE NOT fast
MATCH (s:Spelling)-[:SPELLS]->(n)
WITH n, collect(s.text) AS synonyms
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, synonyms
ORDER BY label, id
