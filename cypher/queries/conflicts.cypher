// name: conflicts
// description: Disagreements between a table row and the review's prose about the same study
//   (species, MSC source, target cells, setting, molecules, RCD mode), as recorded by the curator:
//   the table value (kept in the claim), the prose value and the quote showing it.
// param: field (string, default null) only conflicts about this claim field, e.g. msc_sources, setting
// example: :param field => 'msc_sources'
// returns: ref, study, claim, rows, field, table_value, prose_value, quote
MATCH (c:Claim)-[:HAS_CONFLICT]->(x:Conflict)
WHERE $field IS NULL OR x.field = $field
MATCH (c)-[:FROM_STUDY]->(s:Study)
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.rows AS rows,
       x.field AS field,
       x.table_value AS table_value,
       x.prose_value AS prose_value,
       x.quote AS quote
ORDER BY ref, claim, field
