// name: studies-cited
// description: The studies named by the given values (study ids, study names as answers show them,
//   claim ids) or reference numbers, with their bibliographic identity (used to cite an answer).
// param: values (list) study ids, study names or claim ids
// param: refs (list) reference numbers of the review
// example: :param values => ['ref40', 'Crompot et al. [40]']
// example: :param refs => [65]
// returns: study
OPTIONAL MATCH (c:Claim)-[:FROM_STUDY]->(cs:Study)
WHERE c.id IN $values
WITH collect(DISTINCT cs.id) AS via_claims
MATCH (s:Study)
WHERE s.id IN $values OR s.id IN via_claims OR s.name IN $values OR s.ref IN $refs
RETURN properties(s) AS study
ORDER BY s.ref, s.name
