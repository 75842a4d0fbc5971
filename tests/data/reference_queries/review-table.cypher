// name: review-table
// question: Show a table of the review, regenerated from the graph.
// description: One of a review's tables regenerated from the graph, row by row in the printed order,
//   each cell verbatim, with the claim that records it.
// cues: table, table 1, table 2, table 3, table 4, review table, regenerate, printed, rows,
//   reproduce, show table, tab
// param: table (enum:1|2|3|4) table number, 1 to 4
// param: source (term:Source, default naji-2019) the source whose table it is (its id)
// example: :param table => 1
// example: :param source => 'naji-2019'
// returns: row, studies, sources, function, modes, reference, claim
MATCH (c:Claim)-[:PRINTED_IN]->(r:TableRow)
WHERE r.table = $table AND r.source = $source
RETURN r.row AS row, r.studies AS studies, r.sources AS sources, r.function AS function,
       r.modes AS modes, r.reference AS reference, c.id AS claim
ORDER BY row
