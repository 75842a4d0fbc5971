// name: all-nodes
// description: Every node with its label, key and properties (for exports and networkx).
// returns: label, id, props
MATCH (n)
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props
ORDER BY label, id
