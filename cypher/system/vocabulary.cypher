// name: vocabulary
// description: Every vocabulary term and study with its preferred name and synonyms
//   (used to look terms up by any synonym).
// returns: label, id, name, synonyms
MATCH (n)
WHERE n:MSCSource OR n:CellType OR n:RCDMode OR n:ModeOfAction OR n:Molecule
   OR n:Pathway OR n:Inducer OR n:Model OR n:Study
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name,
       CASE WHEN n:Study THEN [n.citation, n.first_author, toString(n.ref)] ELSE n.synonyms END AS synonyms
ORDER BY label, id
