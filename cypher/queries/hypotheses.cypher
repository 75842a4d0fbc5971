// name: hypotheses
// description: Effects the review states only as possible ("suggests", "might", "could potentially",
//   "likely", "would allow"): claims with demonstrated = false, with their terms and the quotes
//   that hedge them. Optionally only those about one term.
// param: term (term, default null) only hypotheses about this term (any kind, by id, name or synonym)
// example: :param term => 'Cx43'
// returns: ref, study, claim, settings, rcd_modes, modes_of_action, molecules, pathways, quotes, notes
MATCH (c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE c.demonstrated = false
  AND ($term IS NULL OR (c)-[:USES_SOURCE|TARGETS_CELL|RESCUES_FROM|INDUCED_BY|IN_MODEL|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY]->({id: $term}))
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.settings AS settings,
       [(c)-[:RESCUES_FROM]->(r:RCDMode) | r.name] AS rcd_modes,
       [(c)-[:VIA_MODE]->(m:ModeOfAction) | m.name] AS modes_of_action,
       [(c)-[:INVOLVES_MOLECULE]->(mol:Molecule) | mol.name] AS molecules,
       [(c)-[:INVOLVES_PATHWAY]->(p:Pathway) | p.name] AS pathways,
       c.quotes AS quotes,
       c.notes AS notes
ORDER BY ref, claim
