// name: pathways-shared-between
// question: Which pathways and molecules do two terms share?
// description: The signalling pathways and molecules implicated both in claims about a and in
//   claims about b (two RCD modes, two routes, two MSC sources, two cell types ...), each term with
//   its narrower terms unless exact. For a route (mode of action) only the molecules that travel by
//   it count: a molecule is never attached to a route it does not act through.
// cues: shared between, in common, common to, both, overlap, overlapping, compare, share, shared,
//   common, mechanistically, have in common
// param: a (term) first term: id, name or synonym, e.g. apoptosis
// param: b (term) second term: id, name or synonym, e.g. necroptosis
// param: include_hypotheses (boolean, default false) also count claims the source states only as possible
// param: exact (boolean, default false) do not include the narrower terms of a and b
// example: :param a => 'apoptosis'
// example: :param b => 'necroptosis'
// example: :param include_hypotheses => false
// example: :param exact => false
// returns: a, b, kind, shared, a_refs, b_refs, n_studies, n_statements, refs, in_vitro, in_vivo,
//   clinical
MATCH (:Spelling {text: toLower(trim($a))})-[:SPELLS]->(a0)
MATCH (:Spelling {text: toLower(trim($b))})-[:SPELLS]->(b0)
MATCH (x)-[:IS_A*0..8]->(a0)
WHERE $exact = false OR x = a0
MATCH (ca:Claim)-[:IN_CONTEXT*0..1]->(ha)-[ra:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(x)
WHERE ca.demonstrated OR $include_hypotheses
MATCH (ca)-[ea:INVOLVES_MOLECULE|INVOLVES_PATHWAY]->(t)
WHERE t <> x AND (NOT x:ModeOfAction OR ea.via = x.id) AND (NOT t:Pathway OR t.kind = 'signalling')
WITH DISTINCT a0, b0, t, ca
WITH a0, b0, t, collect(ca) AS a_claims
MATCH (y)-[:IS_A*0..8]->(b0)
WHERE $exact = false OR y = b0
MATCH (t)<-[eb:INVOLVES_MOLECULE|INVOLVES_PATHWAY]-(cb:Claim)-[:IN_CONTEXT*0..1]->(hb)-[rb:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(y)
WHERE t <> y AND (cb.demonstrated OR $include_hypotheses) AND (NOT y:ModeOfAction OR eb.via = y.id)
WITH a0, b0, t, a_claims, collect(DISTINCT cb) AS b_claims
UNWIND a_claims + b_claims AS c
WITH DISTINCT a0, b0, t, a_claims, b_claims, c
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH a0, b0, t, a_claims, b_claims, c, s
ORDER BY s.ref, s.name
WITH a0, b0, t,
     [cl IN a_claims | cl.ref] AS a_all,
     [cl IN b_claims | cl.ref] AS b_all,
     count(DISTINCT s.id) AS n_studies,
     collect(DISTINCT CASE WHEN c IS NOT NULL THEN [s.id, coalesce(c.statement, '')] END) AS statement_pairs,
     collect(DISTINCT s.ref) AS refs,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.id END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.id END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.id END) AS clinical
RETURN a0.name AS a,
       b0.name AS b,
       CASE WHEN t:Pathway THEN 'pathway' ELSE 'molecule' END AS kind,
       t.name AS shared,
       [r IN refs WHERE r IN a_all] AS a_refs,
       [r IN refs WHERE r IN b_all] AS b_refs,
       n_studies,
       size(reduce(acc = [], u IN [p IN statement_pairs | CASE WHEN size([q IN statement_pairs WHERE q[0] = p[0] AND q[1] = '']) > 0 THEN p[0] ELSE reduce(m = p[1], q IN statement_pairs | CASE WHEN q[0] = p[0] AND q[1] < m THEN q[1] ELSE m END) END] | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS n_statements,
       refs,
       in_vitro,
       in_vivo,
       clinical
ORDER BY kind DESC, n_statements DESC, n_studies DESC, shared
