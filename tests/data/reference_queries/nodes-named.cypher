// name: nodes-named
// description: The nodes whose name or id is one of the given values, with their properties
//   (used to draw a result as a graph: the explorer and the HTML export).
// param: values (list) names or ids to look up
// example: :param values => ['necroptosis', 'Crompot et al. [40]', 'ref40']
// returns: label, id, name, props
MATCH (n)
WHERE (n.name IN $values OR n.id IN $values) AND NOT n:Spelling
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, properties(n) AS props
ORDER BY label, id
