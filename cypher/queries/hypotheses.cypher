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
// example: :param row_cap => 1000
// row_cap: the package sets it to its row cap + 1 (the engine stops there: an answer's first rows cost what they show)
// answered: without a term, the first rows are read in order from the claims' hypothesis_rank
// (counted by the ingest, indexed); a graph built by another version is scanned.
// returns: ref, study, claim, source, settings, rcd_modes, routes, molecules, pathways, quotes, notes
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH $term AS term, count(marker) > 0 AS ranked
WHERE term IS NULL AND ranked
MATCH (c:Claim)
WHERE c.hypothesis_rank <= $row_cap
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH c, s
ORDER BY c.hypothesis_rank
LIMIT $row_cap
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH c, s, collect(r.name) AS rcd_modes
OPTIONAL MATCH (c)-[v:VIA_MODE]->(m:ModeOfAction)
WITH c, s, rcd_modes, collect(m.name + CASE WHEN v.hedged THEN ' (hedged)' ELSE '' END) AS routes
OPTIONAL MATCH (c)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WITH c, s, rcd_modes, routes, collect(mol.name + ' (' + im.role + ')') AS molecules
OPTIONAL MATCH (c)-[:INVOLVES_PATHWAY]->(p:Pathway)
WITH c, s, rcd_modes, routes, molecules, collect(p.name) AS pathways
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.source AS source,
       c.settings AS settings,
       rcd_modes,
       routes,
       molecules,
       pathways,
       c.quotes_clean AS quotes,
       c.notes AS notes
ORDER BY ref, study, claim
UNION ALL
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH $term AS term, count(marker) > 0 AS ranked
WHERE term IS NULL AND NOT ranked
MATCH (c:Claim)
WHERE c.demonstrated = false
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH c, s
ORDER BY s.ref, s.name, c.id
LIMIT $row_cap
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH c, s, collect(r.name) AS rcd_modes
OPTIONAL MATCH (c)-[v:VIA_MODE]->(m:ModeOfAction)
WITH c, s, rcd_modes, collect(m.name + CASE WHEN v.hedged THEN ' (hedged)' ELSE '' END) AS routes
OPTIONAL MATCH (c)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WITH c, s, rcd_modes, routes, collect(mol.name + ' (' + im.role + ')') AS molecules
OPTIONAL MATCH (c)-[:INVOLVES_PATHWAY]->(p:Pathway)
WITH c, s, rcd_modes, routes, molecules, collect(p.name) AS pathways
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.source AS source,
       c.settings AS settings,
       rcd_modes,
       routes,
       molecules,
       pathways,
       c.quotes_clean AS quotes,
       c.notes AS notes
ORDER BY ref, study, claim
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(t0)
OPTIONAL MATCH (t)-[:IS_A*0..8]->(t0)
WHERE $exact = false OR t = t0
WITH $term AS term, collect(DISTINCT t.id) AS term_ids
WHERE term IS NOT NULL
UNWIND term_ids AS tid
MATCH (:Spelling {text: toLower(tid)})-[:SPELLS]->(n)
WHERE n.id = tid
MATCH (c:Claim)-[:IN_CONTEXT*0..1]->()-[:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(n)
WHERE c.demonstrated = false
WITH DISTINCT c
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH c, s
ORDER BY s.ref, s.name, c.id
LIMIT $row_cap
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH c, s, collect(r.name) AS rcd_modes
OPTIONAL MATCH (c)-[v:VIA_MODE]->(m:ModeOfAction)
WITH c, s, rcd_modes, collect(m.name + CASE WHEN v.hedged THEN ' (hedged)' ELSE '' END) AS routes
OPTIONAL MATCH (c)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
WITH c, s, rcd_modes, routes, collect(mol.name + ' (' + im.role + ')') AS molecules
OPTIONAL MATCH (c)-[:INVOLVES_PATHWAY]->(p:Pathway)
WITH c, s, rcd_modes, routes, molecules, collect(p.name) AS pathways
RETURN s.ref AS ref,
       s.name AS study,
       c.id AS claim,
       c.source AS source,
       c.settings AS settings,
       rcd_modes,
       routes,
       molecules,
       pathways,
       c.quotes_clean AS quotes,
       c.notes AS notes
ORDER BY ref, study, claim
