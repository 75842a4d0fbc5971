// name: all-relationships
// description: The relationships leaving some nodes of one label (the keys of one page of all-nodes), with
//   their endpoints' labels and keys and their properties, by source key, type, target label and key.
// param: label (string) the label of the source nodes, e.g. Claim
// param: ids (list) the keys of the source nodes
// example: :param label => 'Claim'
// example: :param ids => ['ref58-p1', 'ref67-p1']
// returns: source_label, source, type, target_label, target, props
WITH $label AS lab
WHERE lab = 'CellType'
MATCH (a:CellType)-[r]->(b)
WHERE a.id IN $ids
RETURN 'CellType' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Claim'
MATCH (a:Claim)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Claim' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Conflict'
MATCH (a:Conflict)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Conflict' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Context'
MATCH (a:Context)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Context' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Inducer'
MATCH (a:Inducer)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Inducer' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'MSCSource'
MATCH (a:MSCSource)-[r]->(b)
WHERE a.id IN $ids
RETURN 'MSCSource' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'ModeOfAction'
MATCH (a:ModeOfAction)-[r]->(b)
WHERE a.id IN $ids
RETURN 'ModeOfAction' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Model'
MATCH (a:Model)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Model' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Molecule'
MATCH (a:Molecule)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Molecule' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Pathway'
MATCH (a:Pathway)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Pathway' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'RCDMode'
MATCH (a:RCDMode)-[r]->(b)
WHERE a.id IN $ids
RETURN 'RCDMode' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Source'
MATCH (a:Source)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Source' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Spelling'
MATCH (a:Spelling)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Spelling' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Study'
MATCH (a:Study)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Study' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'TableRow'
MATCH (a:TableRow)-[r]->(b)
WHERE a.id IN $ids
RETURN 'TableRow' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
UNION ALL
WITH $label AS lab
WHERE lab = 'Tally'
MATCH (a:Tally)-[r]->(b)
WHERE a.id IN $ids
RETURN 'Tally' AS source_label, a.id AS source, type(r) AS type, labels(b)[0] AS target_label, b.id AS target,
       properties(r) AS props
ORDER BY source, type, target_label, target
