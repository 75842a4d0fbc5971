// name: modes-of-action-rescuing
// description: The mode-of-action categories by which MSCs rescue cells from one RCD mode,
//   with the studies (reference numbers), claim counts by setting, molecules and MSC sources
//   behind each. Demonstrated effects only (see the hypotheses query for the rest).
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. necroptosis
// example: :param rcd => 'necroptosis'
// returns: mode_of_action, category, n_studies, refs, studies, in_vitro, in_vivo, clinical,
//   molecules, msc_sources
MATCH (rcd:RCDMode {id: $rcd})<-[:RESCUES_FROM]-(c:Claim)-[:VIA_MODE]->(moa:ModeOfAction)
WHERE c.demonstrated = true
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH moa, c, s
ORDER BY s.ref
WITH moa, collect(DISTINCT c) AS claims, collect(DISTINCT s) AS studies
UNWIND claims AS c
OPTIONAL MATCH (c)-[:INVOLVES_MOLECULE]->(mol:Molecule)
WITH moa, claims, studies, collect(DISTINCT mol.name) AS molecules
UNWIND claims AS c
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
WITH moa, claims, studies, molecules, collect(DISTINCT src.name) AS msc_sources
RETURN moa.name AS mode_of_action,
       moa.category AS category,
       size(studies) AS n_studies,
       [s IN studies | s.ref] AS refs,
       [s IN studies | s.name] AS studies,
       size([c IN claims WHERE 'in vitro' IN c.settings]) AS in_vitro,
       size([c IN claims WHERE 'in vivo' IN c.settings]) AS in_vivo,
       size([c IN claims WHERE 'clinical' IN c.settings]) AS clinical,
       molecules,
       msc_sources
ORDER BY n_studies DESC, mode_of_action
