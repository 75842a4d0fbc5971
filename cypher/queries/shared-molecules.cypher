// name: shared-molecules
// description: Molecules (factors, cargo, channel proteins, organelles, ions) implicated by several independent studies,
//   with the studies, RCD modes, modes of action and MSC sources that share them. By default only
//   demonstrated effects count (include_hypotheses adds the claims the review states as possible).
// param: min_studies (integer, default 2) minimum number of independent studies
// param: include_hypotheses (boolean, default false) also count claims stated only as possible
// example: :param min_studies => 2
// example: :param include_hypotheses => false
// returns: molecule, kind, n_studies, refs, studies, in_vitro, in_vivo, clinical, rcd_modes,
//   modes_of_action, msc_sources
//
// in_vitro / in_vivo / clinical: number of studies with a supporting claim in that setting.
MATCH (p:Molecule)<-[:INVOLVES_MOLECULE]-(c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE c.demonstrated = true OR $include_hypotheses = true
WITH p, c, s
ORDER BY s.ref
WITH p,
     collect(DISTINCT c) AS claims,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     count(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS in_vitro,
     count(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS in_vivo,
     count(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clinical
WHERE size(refs) >= $min_studies
UNWIND claims AS c
OPTIONAL MATCH (c)-[:RESCUES_FROM]->(r:RCDMode)
WITH p, claims, refs, studies, in_vitro, in_vivo, clinical, r
ORDER BY r.name
WITH p, claims, refs, studies, in_vitro, in_vivo, clinical, collect(DISTINCT r.name) AS rcd_modes
UNWIND claims AS c
OPTIONAL MATCH (c)-[:VIA_MODE]->(m:ModeOfAction)
WITH p, claims, refs, studies, in_vitro, in_vivo, clinical, rcd_modes, m
ORDER BY m.name
WITH p, claims, refs, studies, in_vitro, in_vivo, clinical, rcd_modes, collect(DISTINCT m.name) AS modes_of_action
UNWIND claims AS c
OPTIONAL MATCH (c)-[:USES_SOURCE]->(src:MSCSource)
WITH p, refs, studies, in_vitro, in_vivo, clinical, rcd_modes, modes_of_action, src
ORDER BY src.name
WITH p, refs, studies, in_vitro, in_vivo, clinical, rcd_modes, modes_of_action,
     collect(DISTINCT src.name) AS msc_sources
RETURN p.name AS molecule,
       p.kind AS kind,
       size(refs) AS n_studies,
       refs,
       studies,
       in_vitro,
       in_vivo,
       clinical,
       rcd_modes,
       modes_of_action,
       msc_sources
ORDER BY n_studies DESC, molecule
