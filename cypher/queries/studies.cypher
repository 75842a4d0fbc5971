// name: studies
// description: The studies with at least one claim matching every filter given (filters left null
//   are ignored): setting ('in vitro', 'in vivo' or 'clinical'), MSC source, target-cell type,
//   inducer, model, RCD mode and mode of action. Each study comes with the terms of its matching
//   claims, the tables that print it, and whether any matching claim is only a hypothesis.
// param: setting (string, default null) 'in vitro', 'in vivo' or 'clinical'
// param: msc_source (term:MSCSource, default null) MSC source, e.g. Human UC-MSCs
// param: target_cell (term:CellType, default null) rescued cell type, e.g. H9c2
// param: inducer (term:Inducer, default null) inducer of the death, e.g. bortezomib
// param: model (term:Model, default null) disease or animal model
// param: rcd (term:RCDMode, default null) RCD mode, e.g. necroptosis
// param: mode (term:ModeOfAction, default null) mode of action, e.g. EVs
// example: :param setting => 'in vivo'
// example: :param msc_source => 'Human UC-MSCs'
// example: :param target_cell => 'mouse hepatocytes (in vivo)'
// example: :param inducer => 'CCl4'
// example: :param model => 'carbon tetrachloride liver injury NU/NU mouse model'
// example: :param rcd => 'apoptosis'
// example: :param mode => 'EVs'
// returns: ref, study, settings, tables, n_claims, hypotheses_only, msc_sources, target_cells,
//   rcd_modes, inducers, models, modes_of_action
MATCH (c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE ($setting IS NULL OR $setting IN c.settings)
  AND ($msc_source IS NULL OR (c)-[:USES_SOURCE]->(:MSCSource {id: $msc_source}))
  AND ($target_cell IS NULL OR (c)-[:TARGETS_CELL]->(:CellType {id: $target_cell}))
  AND ($inducer IS NULL OR (c)-[:INDUCED_BY]->(:Inducer {id: $inducer}))
  AND ($model IS NULL OR (c)-[:IN_MODEL]->(:Model {id: $model}))
  AND ($rcd IS NULL OR (c)-[:RESCUES_FROM]->(:RCDMode {id: $rcd}))
  AND ($mode IS NULL OR (c)-[:VIA_MODE]->(:ModeOfAction {id: $mode}))
WITH s, c,
     [(c)-[:USES_SOURCE]->(x1:MSCSource) | x1.name] AS src,
     [(c)-[:TARGETS_CELL]->(x2:CellType) | x2.name] AS cell,
     [(c)-[:RESCUES_FROM]->(x3:RCDMode) | x3.name] AS rcd,
     [(c)-[:INDUCED_BY]->(x4:Inducer) | x4.name] AS ind,
     [(c)-[:IN_MODEL]->(x5:Model) | x5.name] AS mdl,
     [(c)-[:VIA_MODE]->(x6:ModeOfAction) | x6.name] AS moa
ORDER BY c.id
WITH s, collect(c) AS claims, collect(c.settings) AS settings, collect(src) AS src, collect(cell) AS cell,
     collect(rcd) AS rcd, collect(ind) AS ind, collect(mdl) AS mdl, collect(moa) AS moa
WITH s, claims,
     reduce(f = [], l IN settings | f + l) AS settings,
     reduce(f = [], l IN src | f + l) AS src,
     reduce(f = [], l IN cell | f + l) AS cell,
     reduce(f = [], l IN rcd | f + l) AS rcd,
     reduce(f = [], l IN ind | f + l) AS ind,
     reduce(f = [], l IN mdl | f + l) AS mdl,
     reduce(f = [], l IN moa | f + l) AS moa
RETURN s.ref AS ref,
       s.name AS study,
       reduce(acc = [], x IN settings | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS settings,
       s.tables AS tables,
       size(claims) AS n_claims,
       all(c IN claims WHERE c.demonstrated = false) AS hypotheses_only,
       reduce(acc = [], x IN src | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS msc_sources,
       reduce(acc = [], x IN cell | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS target_cells,
       reduce(acc = [], x IN rcd | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS rcd_modes,
       reduce(acc = [], x IN ind | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS inducers,
       reduce(acc = [], x IN mdl | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS models,
       reduce(acc = [], x IN moa | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS modes_of_action
ORDER BY ref
