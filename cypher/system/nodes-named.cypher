// name: nodes-named
// description: The nodes whose name or id is one of the given values, with their properties
//   (used to draw a result as a graph: the explorer and the HTML export).
// param: values (list) names or ids to look up
// example: :param values => ['necroptosis', 'Crompot et al. [40]', 'ref40']
// returns: label, id, name, props
UNWIND $values AS value
OPTIONAL MATCH (:Spelling {text: toLower(trim(value))})-[:SPELLS]->(named)
WHERE named.name = value OR named.id = value
OPTIONAL MATCH (claim:Claim)
WHERE claim.id = value OR claim.name = value
OPTIONAL MATCH (context:Context)
WHERE context.id = value OR context.name = value
OPTIONAL MATCH (row:TableRow)
WHERE row.id = value OR row.name = value
OPTIONAL MATCH (conflict:Conflict)
WHERE conflict.id = value OR conflict.name = value
WITH collect(named) + collect(claim) + collect(context) + collect(row) + collect(conflict) AS found
UNWIND found AS n
WITH DISTINCT n
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, properties(n) AS props
ORDER BY label, id
