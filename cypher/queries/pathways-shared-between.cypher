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
UNWIND [[a0, 'a'], [b0, 'b']] AS side
WITH a0, b0, side[0] AS named, side[1] AS which
MATCH (x)-[:IS_A*0..8]->(named)
WHERE $exact = false OR x = named
MATCH (c:Claim)-[:IN_CONTEXT*0..1]->()-[:USES_SOURCE|RESCUES_FROM|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL]->(x)
WHERE c.demonstrated OR $include_hypotheses
WITH a0, b0, x, c,
     CASE WHEN which = 'a' THEN 1 ELSE 0 END AS is_a,
     CASE WHEN which = 'b' THEN 1 ELSE 0 END AS is_b,
     c.study AS s,
     c.ref AS ref,
     coalesce(c.statement, '') AS st,
     CASE WHEN 'in vitro' IN c.settings THEN 1 END AS iv,
     CASE WHEN 'in vivo' IN c.settings THEN 1 END AS ivv,
     CASE WHEN 'clinical' IN c.settings THEN 1 END AS cl
MATCH (c)-[e:INVOLVES_MOLECULE|INVOLVES_PATHWAY]->(t)
WHERE t <> x AND (NOT x:ModeOfAction OR e.via = x.id) AND (NOT t:Pathway OR t.kind = 'signalling')
WITH a0, b0, t, s, ref,
     max(is_a) AS in_a,
     max(is_b) AS in_b,
     min(st) AS statement,
     max(iv) AS in_vitro,
     max(ivv) AS in_vivo,
     max(cl) AS clinical
ORDER BY ref
WITH a0, b0, t,
     max(in_a) AS has_a,
     max(in_b) AS has_b,
     count(s) AS n_studies,
     collect(DISTINCT CASE WHEN statement = '' THEN s ELSE statement END) AS units,
     collect(DISTINCT ref) AS refs,
     collect(DISTINCT CASE WHEN in_a = 1 THEN ref END) AS a_refs,
     collect(DISTINCT CASE WHEN in_b = 1 THEN ref END) AS b_refs,
     count(in_vitro) AS in_vitro,
     count(in_vivo) AS in_vivo,
     count(clinical) AS clinical
WHERE has_a = 1 AND has_b = 1
RETURN a0.name AS a,
       b0.name AS b,
       CASE WHEN t:Pathway THEN 'pathway' ELSE 'molecule' END AS kind,
       t.name AS shared,
       a_refs,
       b_refs,
       n_studies,
       size(units) AS n_statements,
       refs,
       in_vitro,
       in_vivo,
       clinical
ORDER BY kind DESC, n_statements DESC, n_studies DESC, shared
