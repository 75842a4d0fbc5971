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
// answered: the terms of many claims (1 % of those naming an RCD mode) from tallies counted by the
// ingest, the others by the claim scan (the second part of the query): the same answer either way.
// returns: rcd_mode, n_studies, n_statements, refs, studies, in_vitro, in_vivo, clinical,
//   hypothesis_refs, matched
OPTIONAL MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(named)
OPTIONAL MATCH (narrower)-[:IS_A]->(named)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH collect(DISTINCT named) AS named, count(narrower) AS n_narrower, count(marker) > 0 AS tallied
WITH CASE WHEN tallied AND size(named) = 1
          THEN 'rcd-modes-for|' + labels(named[0])[0] + '|' + named[0].id
               + CASE WHEN $exact OR n_narrower = 0 THEN '|exact' ELSE '|narrower' END
     END AS scope
MATCH (t:Tally {scope: scope})-[:TALLIES]->(r:RCDMode)
RETURN r.name AS rcd_mode,
       t.n_studies AS n_studies,
       t.n_statements AS n_statements,
       t.refs AS refs,
       t.studies AS studies,
       t.in_vitro AS in_vitro,
       t.in_vivo AS in_vivo,
       t.clinical AS clinical,
       t.hypothesis_refs AS hypothesis_refs,
       t.matched AS matched
ORDER BY n_studies DESC, rcd_mode
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(named)
OPTIONAL MATCH (narrower)-[:IS_A]->(named)
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH collect(DISTINCT named) AS named, count(narrower) AS n_narrower, count(marker) > 0 AS tallied
WITH CASE WHEN tallied AND size(named) = 1
          THEN 'rcd-modes-for|' + labels(named[0])[0] + '|' + named[0].id
               + CASE WHEN $exact OR n_narrower = 0 THEN '|exact' ELSE '|narrower' END
     END AS scope
OPTIONAL MATCH (counted:Tally {scope: scope})
WITH count(counted) AS n_tallied
WHERE n_tallied = 0
MATCH (:Spelling {text: toLower(trim($term))})-[:SPELLS]->(t0)
MATCH (t)-[:IS_A*0..8]->(t0)
WHERE $exact = false OR t = t0
MATCH (c:Claim)-[:IN_CONTEXT*0..1]->(h)-[:USES_SOURCE|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(t)
WITH DISTINCT t, c
MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH r, s,
     max(CASE WHEN c.demonstrated THEN 1 ELSE 0 END) AS demonstrated,
     max(CASE WHEN c.demonstrated THEN 0 ELSE 1 END) AS hypothesis,
     min(CASE WHEN c.demonstrated THEN coalesce(c.statement, '') END) AS statement,
     max(CASE WHEN c.demonstrated AND 'in vitro' IN c.settings THEN 1 ELSE 0 END) AS in_vitro,
     max(CASE WHEN c.demonstrated AND 'in vivo' IN c.settings THEN 1 ELSE 0 END) AS in_vivo,
     max(CASE WHEN c.demonstrated AND 'clinical' IN c.settings THEN 1 ELSE 0 END) AS clinical,
     collect(DISTINCT t.name) AS terms
ORDER BY s.ref, s.name
WITH r,
     toInteger(sum(demonstrated)) AS n_studies,
     collect(DISTINCT CASE WHEN demonstrated = 1 THEN CASE WHEN statement = '' THEN s.id ELSE statement END END) AS units,
     collect(DISTINCT CASE WHEN demonstrated = 1 THEN s.ref END) AS refs,
     collect(DISTINCT CASE WHEN demonstrated = 1 THEN s.name END) AS studies,
     toInteger(sum(in_vitro)) AS in_vitro,
     toInteger(sum(in_vivo)) AS in_vivo,
     toInteger(sum(clinical)) AS clinical,
     collect(DISTINCT CASE WHEN hypothesis = 1 THEN s.ref END) AS hypothesis_refs,
     collect(terms) AS term_lists
RETURN r.name AS rcd_mode,
       n_studies,
       size(units) AS n_statements,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       hypothesis_refs,
       reduce(acc = [], l IN term_lists | acc + [x IN l WHERE NOT x IN acc]) AS matched
ORDER BY n_studies DESC, rcd_mode
