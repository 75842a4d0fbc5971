// name: rcd-modes-for
// question: Which RCD modes do claims about a term rescue from?
// description: The RCD modes that claims about a term (and its narrower terms unless exact) rescue
//   from: e.g. every mode countered by EVs, by IL-10, by BM-MSCs. Hypotheses are listed apart.
//   (RESCUES_FROM is left out of the links to the term: the answer is the RCD modes themselves.)
// cues: rcd modes, death modes, cell death, which death, what death, types of death, which rcd,
//   counter, countered, blocks, blocked, inhibits
// param: term (term) any term by id, name or synonym, e.g. EVs
// param: exact (boolean, default false) do not include the narrower terms of term
// example: :param term => 'EVs'
// example: :param exact => false
// returns: rcd_mode, n_studies, n_statements, refs, studies, in_vitro, in_vivo, clinical,
//   hypothesis_refs, matched
MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(t0)
MATCH (t)-[:IS_A*0..8]->(t0)
WHERE $exact = false OR t = t0
MATCH (c:Claim)-[:IN_CONTEXT*0..1]->(h)-[:USES_SOURCE|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(t)
WITH DISTINCT t, c
MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH r, c, s, t
ORDER BY s.ref, s.name
WITH r,
     count(DISTINCT CASE WHEN c.demonstrated THEN s.id END) AS n_studies,
     collect(DISTINCT CASE WHEN c.demonstrated THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT CASE WHEN c.demonstrated THEN s.ref END) AS refs,
     collect(DISTINCT CASE WHEN c.demonstrated THEN s.name END) AS studies,
     count(DISTINCT CASE WHEN c.demonstrated AND 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN c.demonstrated AND 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN c.demonstrated AND 'clinical' IN c.settings THEN s.id END) AS clinical,
     collect(DISTINCT CASE WHEN NOT c.demonstrated THEN s.ref END) AS hypothesis_refs,
     collect(DISTINCT t.name) AS matched
RETURN r.name AS rcd_mode,
       n_studies,
       size(reduce(acc = [], u IN [p IN statement_pairs | CASE WHEN size([q IN statement_pairs WHERE q[0] = p[0] AND q[1] = '']) > 0 THEN p[0] ELSE reduce(m = p[1], q IN statement_pairs | CASE WHEN q[0] = p[0] AND q[1] < m THEN q[1] ELSE m END) END] | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS n_statements,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       hypothesis_refs,
       matched
ORDER BY n_studies DESC, rcd_mode
