// name: review-table
// description: One of the review's Tables 1-4 regenerated from the graph, row by row in the
//   review's order, with the verbatim printed cells and the claim each row supports.
// param: table (integer) table number, 1 to 4
// example: :param table => 1
// returns: row, studies, sources, function, modes, reference, claim
MATCH (c:Claim)-[:PRINTED_IN]->(r:TableRow)
WHERE r.table = $table
RETURN r.row AS row, r.studies AS studies, r.sources AS sources, r.function AS function,
       r.modes AS modes, r.reference AS reference, c.id AS claim
ORDER BY row
