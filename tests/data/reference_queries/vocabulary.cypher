// name: vocabulary
// description: Every vocabulary term, study and source with its preferred name and every spelling
//   that names it (used to look terms up by any synonym, and to list what a spelling is ambiguous between).
// returns: label, id, name, synonyms
MATCH (s:Spelling)-[:SPELLS]->(n)
WITH n, collect(s.text) AS synonyms
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, synonyms
ORDER BY label, id
