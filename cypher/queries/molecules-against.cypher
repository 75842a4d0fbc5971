// name: molecules-against
// description: The molecules implicated in rescuing cells from one RCD mode (secreted factors, EV
//   cargo, channel proteins, organelles, intracellular targets), ranked by independent studies, with
//   their roles, modes of action, studies and study counts by setting. Demonstrated effects only
//   unless include_hypotheses is true.
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. pyroptosis
// param: include_hypotheses (boolean, default false) also count claims stated only as possible
// example: :param rcd => 'pyroptosis'
// example: :param include_hypotheses => false
// returns: molecule, kind, roles, n_studies, refs, studies, in_vitro, in_vivo, clinical,
//   modes_of_action
//
// in_vitro / in_vivo / clinical: number of studies with a supporting claim in that setting.
MATCH (r:RCDMode {id: $rcd})<-[:RESCUES_FROM]-(c:Claim)-[im:INVOLVES_MOLECULE]->(m:Molecule)
WHERE c.demonstrated = true OR $include_hypotheses = true
MATCH (c)-[:FROM_STUDY]->(s:Study)
WITH m, im, c, s
ORDER BY s.ref
WITH m,
     collect(DISTINCT c) AS claims,
     collect(im.roles) AS role_lists,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clinical
UNWIND claims AS c
OPTIONAL MATCH (c)-[:VIA_MODE]->(mo:ModeOfAction)
WITH m, role_lists, refs, studies, in_vitro, in_vivo, clinical, mo
ORDER BY mo.name
WITH m, role_lists, refs, studies, in_vitro, in_vivo, clinical, collect(DISTINCT mo.name) AS modes_of_action
RETURN m.name AS molecule,
       m.kind AS kind,
       reduce(acc = [], rs IN role_lists | acc + [x IN rs WHERE NOT x IN acc]) AS roles,
       size(refs) AS n_studies,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       modes_of_action
ORDER BY n_studies DESC, molecule
