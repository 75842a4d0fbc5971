// name: all-relationships
// description: Every relationship with its endpoints' labels and keys and its properties.
// returns: source_label, source, type, target_label, target, props
MATCH (a)-[r]->(b)
RETURN labels(a)[0] AS source_label, a.id AS source, type(r) AS type,
       labels(b)[0] AS target_label, b.id AS target, properties(r) AS props
ORDER BY source_label, source, type, target_label, target
