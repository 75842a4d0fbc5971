// name: conflicts
// question: Where do the tables and the prose of the review differ?
// description: Differences between a table row and the prose about the same study, recorded by the
//   curator, optionally about one claim field or of one kind: a contradiction, a paraphrase (the same
//   fact in other words) or an omission (the prose leaves it out).
// cues: conflict, conflicts, contradiction, contradictions, disagree, disagreement, inconsistent,
//   inconsistency, discrepancy, discrepancies, differ, mismatch, text, table vs prose, prose,
//   table and prose, names
// param: field (enum:setting|msc_sources|target_cells|rcd_modes|inducers|models|routes|molecules|pathways, default null) only differences about this claim field
// param: kind (enum:contradiction|paraphrase|omission, default null) only differences of this kind
// example: :param field => null
// example: :param kind => null
// returns: ref, study, claim, rows, field, kind, table_value, prose_value, quote
MATCH (c:Claim)-[:HAS_CONFLICT]->(x:Conflict)
WHERE ($field IS NULL OR x.field = $field) AND ($kind IS NULL OR x.kind = $kind)
MATCH (c)-[:FROM_STUDY]->(s:Study)
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.rows AS rows,
       x.field AS field,
       x.kind AS kind,
       x.table_value AS table_value,
       x.prose_value AS prose_value,
       x.quote AS quote
ORDER BY ref, claim, field
