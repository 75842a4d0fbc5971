// name: all-nodes
// description: One page of the nodes of one label, in key order: at most limit nodes whose key sorts after
//   after, with their label, key and properties (networkx and the exports read every label page by page,
//   each page starting after the last key of the one before). Keys compare as text, without the index
//   (FalkorDB's index compares ranges of text without case and drops letters outside ASCII).
// param: label (string) the node label, e.g. Claim
// param: after (string, default '') the last key of the previous page ('' for the first page)
// param: limit (integer, default 5000) at most this many nodes
// example: :param label => 'RCDMode'
// example: :param after => ''
// example: :param limit => 5000
// returns: label, id, props
WITH $label AS lab
WHERE lab = 'CellType'
MATCH (n:CellType)
WHERE toString(n.id) > $after
RETURN 'CellType' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Claim'
MATCH (n:Claim)
WHERE toString(n.id) > $after
RETURN 'Claim' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Conflict'
MATCH (n:Conflict)
WHERE toString(n.id) > $after
RETURN 'Conflict' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Context'
MATCH (n:Context)
WHERE toString(n.id) > $after
RETURN 'Context' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Inducer'
MATCH (n:Inducer)
WHERE toString(n.id) > $after
RETURN 'Inducer' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'MSCSource'
MATCH (n:MSCSource)
WHERE toString(n.id) > $after
RETURN 'MSCSource' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'ModeOfAction'
MATCH (n:ModeOfAction)
WHERE toString(n.id) > $after
RETURN 'ModeOfAction' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Model'
MATCH (n:Model)
WHERE toString(n.id) > $after
RETURN 'Model' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Molecule'
MATCH (n:Molecule)
WHERE toString(n.id) > $after
RETURN 'Molecule' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Pathway'
MATCH (n:Pathway)
WHERE toString(n.id) > $after
RETURN 'Pathway' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'RCDMode'
MATCH (n:RCDMode)
WHERE toString(n.id) > $after
RETURN 'RCDMode' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Source'
MATCH (n:Source)
WHERE toString(n.id) > $after
RETURN 'Source' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Spelling'
MATCH (n:Spelling)
WHERE toString(n.id) > $after
RETURN 'Spelling' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Study'
MATCH (n:Study)
WHERE toString(n.id) > $after
RETURN 'Study' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'TableRow'
MATCH (n:TableRow)
WHERE toString(n.id) > $after
RETURN 'TableRow' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
UNION ALL
WITH $label AS lab
WHERE lab = 'Tally'
MATCH (n:Tally)
WHERE toString(n.id) > $after
RETURN 'Tally' AS label, n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
