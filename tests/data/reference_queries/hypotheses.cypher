// name: hypotheses
// question: Which effects does the source state only as possible?
// description: Claims the source states only as possible ("could potentially", "suggests",
//   "might"), optionally only those about a term and its narrower terms. They never count in the
//   rescue answers unless include_hypotheses is set, and never give a study its settings.
// cues: hypothesis, hypotheses, hypothetical, possible, possibly, might, may, could, speculative,
//   suggested, proposed, not demonstrated, unproven, hypothesised, hypothesized, untested, just
//   a hypothesis, idea
// param: term (term, default null) only hypotheses about this term: id, name or synonym
// param: exact (boolean, default false) do not include the narrower terms of term
// example: :param term => null
// example: :param exact => false
// returns: ref, study, claim, source, settings, rcd_modes, routes, molecules, pathways, quotes, notes
OPTIONAL MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(t0)
OPTIONAL MATCH (t)-[:IS_A*0..8]->(t0)
WHERE $exact = false OR t = t0
WITH collect(DISTINCT t.id) AS term_ids
MATCH (c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE c.demonstrated = false
OPTIONAL MATCH (c)-[:IN_CONTEXT*0..1]->()-[:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(n)
WITH c, s, term_ids, collect(DISTINCT n.id) AS linked
WITH c, s, size([x IN linked WHERE x IN term_ids]) AS hits
WHERE $term IS NULL OR hits > 0
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.source AS source,
       c.settings AS settings,
       [(c)-[:RESCUES_FROM]->(r:RCDMode) | r.name] AS rcd_modes,
       [(c)-[v:VIA_MODE]->(m:ModeOfAction) | m.name + CASE WHEN v.hedged THEN ' (hedged)' ELSE '' END] AS routes,
       [(c)-[im:INVOLVES_MOLECULE]->(mol:Molecule) | mol.name + ' (' + im.role + ')'] AS molecules,
       [(c)-[:INVOLVES_PATHWAY]->(p:Pathway) | p.name] AS pathways,
       c.quotes_clean AS quotes,
       c.notes AS notes
ORDER BY ref, study, claim
