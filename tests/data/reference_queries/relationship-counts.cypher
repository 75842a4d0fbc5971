// name: relationship-counts
// description: Number of relationships per type.
// returns: type, count
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS count
ORDER BY type
