// name: studies
// question: Which studies match my criteria (setting, MSC source, target cells, inducer, model, RCD mode, route)?
// description: The studies with at least one claim matching every filter given (filters left null
//   are ignored). Setting, target cell, inducer and model must hold in one experiment of the claim.
//   Each term includes its narrower terms unless exact (cardiomyocytes include H9c2 cardiomyoblasts,
//   umbilical-cord MSCs include Wharton's jelly MSCs). Hypotheses only with include_hypotheses, and
//   then flagged (hypotheses_only).
// cues: studies, study, papers, paper, references, which studies, list studies, find studies,
//   publications, articles, used, tested, looked at, examined, reported
// param: setting (enum:in vitro|in vivo|clinical, default null) in vitro, in vivo or clinical
// param: msc_source (term:MSCSource, default null) MSC source, e.g. UC-MSCs
// param: target_cell (term:CellType, default null) rescued cell type, e.g. cardiomyocytes
// param: inducer (term:Inducer, default null) inducer of the death, e.g. bortezomib
// param: model (term:Model, default null) disease or animal model, e.g. acute lung injury
// param: rcd (term:RCDMode, default null) RCD mode, e.g. apoptosis
// param: mode (term:ModeOfAction, default null) route (mode of action), e.g. EVs
// param: include_hypotheses (boolean, default false) also match claims the source states only as possible
// param: evidence (enum:any|table|prose|abstract|both, default any) only claims read in a table, the prose, an abstract, or studies reported in both
// param: source (term:Source, default null) only claims of one source (its id, e.g. naji-2019)
// param: exclude_malignant (boolean, default false) leave out claims where the rescued cells are malignant
// param: exact (boolean, default false) do not include narrower terms
// example: :param setting => 'in vivo'
// example: :param msc_source => null
// example: :param target_cell => null
// example: :param inducer => null
// example: :param model => null
// example: :param rcd => null
// example: :param mode => null
// example: :param include_hypotheses => false
// example: :param evidence => 'any'
// example: :param source => null
// example: :param exclude_malignant => false
// example: :param exact => false
// returns: ref, study, settings, tables, n_claims, hypotheses_only, msc_sources, target_cells,
//   rcd_modes, inducers, models, modes_of_action
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH count(marker) > 0 AND $msc_source IS NULL AND $target_cell IS NULL AND $inducer IS NULL AND $model IS NULL
     AND $rcd IS NULL AND $mode IS NULL AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE fast
MATCH (t:Tally {scope: 'studies|' + coalesce($setting, '*')})-[:TALLIES]->(s:Study)
RETURN s.ref AS ref,
       s.name AS study,
       t.settings AS settings,
       s.tables AS tables,
       t.n_claims AS n_claims,
       t.hypotheses_only AS hypotheses_only,
       t.msc_sources AS msc_sources,
       t.target_cells AS target_cells,
       t.rcd_modes AS rcd_modes,
       t.inducers AS inducers,
       t.models AS models,
       t.modes_of_action AS modes_of_action
ORDER BY ref, study
UNION ALL
OPTIONAL MATCH (:Spelling {text: toLower(trim($msc_source))})-[:SPELLS]->(a0:MSCSource)
OPTIONAL MATCH (a:MSCSource)-[:IS_A*0..8]->(a0) WHERE $exact = false OR a = a0
WITH collect(DISTINCT a.id) AS src_ids
OPTIONAL MATCH (:Spelling {text: toLower(trim($target_cell))})-[:SPELLS]->(b0:CellType)
OPTIONAL MATCH (b:CellType)-[:IS_A*0..8]->(b0) WHERE $exact = false OR b = b0
WITH src_ids, collect(DISTINCT b.id) AS cell_ids
OPTIONAL MATCH (:Spelling {text: toLower(trim($inducer))})-[:SPELLS]->(i0:Inducer)
OPTIONAL MATCH (i:Inducer)-[:IS_A*0..8]->(i0) WHERE $exact = false OR i = i0
WITH src_ids, cell_ids, collect(DISTINCT i.id) AS ind_ids
OPTIONAL MATCH (:Spelling {text: toLower(trim($model))})-[:SPELLS]->(d0:Model)
OPTIONAL MATCH (d:Model)-[:IS_A*0..8]->(d0) WHERE $exact = false OR d = d0
WITH src_ids, cell_ids, ind_ids, collect(DISTINCT d.id) AS model_ids
OPTIONAL MATCH (:Spelling {text: toLower(trim($rcd))})-[:SPELLS]->(r0:RCDMode)
OPTIONAL MATCH (r:RCDMode)-[:IS_A*0..8]->(r0) WHERE $exact = false OR r = r0
WITH src_ids, cell_ids, ind_ids, model_ids, collect(DISTINCT r.id) AS rcd_ids
OPTIONAL MATCH (:Spelling {text: toLower(trim($mode))})-[:SPELLS]->(m0:ModeOfAction)
OPTIONAL MATCH (m:ModeOfAction)-[:IS_A*0..8]->(m0) WHERE $exact = false OR m = m0
WITH src_ids, cell_ids, ind_ids, model_ids, rcd_ids, collect(DISTINCT m.id) AS mode_ids
OPTIONAL MATCH (marker:Tally {id: 'tallies|v5'})
WITH src_ids, cell_ids, ind_ids, model_ids, rcd_ids, mode_ids,
     count(marker) > 0 AND $msc_source IS NULL AND $target_cell IS NULL AND $inducer IS NULL AND $model IS NULL
     AND $rcd IS NULL AND $mode IS NULL AND $include_hypotheses = false AND $evidence = 'any' AND $source IS NULL
     AND $exclude_malignant = false AS fast
WHERE NOT fast
MATCH (c:Claim)-[:FROM_STUDY]->(s:Study)
WHERE (c.demonstrated OR $include_hypotheses)
  AND ($evidence = 'any' OR c.evidence = $evidence OR ($evidence = 'both' AND c.in_both))
  AND ($source IS NULL OR c.source = $source)
  AND NOT ($exclude_malignant AND c.protects_malignant)
WITH c, s, src_ids, cell_ids, ind_ids, model_ids, rcd_ids, mode_ids,
     [(c)-[:USES_SOURCE]->(xs:MSCSource) | xs.id] AS c_src,
     [(c)-[:RESCUES_FROM]->(xr:RCDMode) | xr.id] AS c_rcd,
     [(c)-[:VIA_MODE]->(xm:ModeOfAction) | xm.id] AS c_mode
WHERE ($msc_source IS NULL OR any(n IN c_src WHERE n IN src_ids))
  AND ($rcd IS NULL OR any(n IN c_rcd WHERE n IN rcd_ids))
  AND ($mode IS NULL OR any(n IN c_mode WHERE n IN mode_ids))
MATCH (c)-[:IN_CONTEXT]->(x:Context)
WHERE $setting IS NULL OR x.setting = $setting
WITH c, s, x, cell_ids, ind_ids, model_ids,
     [(x)-[:TARGETS_CELL]->(n:CellType) | [n.id, n.name]] AS cells,
     [(x)-[:INDUCED_BY]->(n2:Inducer) | [n2.id, n2.name]] AS inducers,
     [(x)-[:IN_MODEL]->(n3:Model) | [n3.id, n3.name]] AS models
WHERE ($target_cell IS NULL OR any(n IN cells WHERE n[0] IN cell_ids))
  AND ($inducer IS NULL OR any(n IN inducers WHERE n[0] IN ind_ids))
  AND ($model IS NULL OR any(n IN models WHERE n[0] IN model_ids))
WITH s, c, collect(x.setting) AS settings, collect(cells) AS cells, collect(inducers) AS inducers,
     collect(models) AS models
WITH s, c, settings, cells, inducers, models,
     [(c)-[:USES_SOURCE]->(x1:MSCSource) | x1.name] AS src,
     [(c)-[:RESCUES_FROM]->(x3:RCDMode) | x3.name] AS rcd,
     [(c)-[:VIA_MODE]->(x6:ModeOfAction) | x6.name] AS moa
ORDER BY c.id
WITH s, collect(c) AS claims, collect(settings) AS settings, collect(cells) AS cells,
     collect(inducers) AS inducers, collect(models) AS models, collect(src) AS src, collect(rcd) AS rcd,
     collect(moa) AS moa
WITH s, claims,
     reduce(f = [], l IN settings | f + l) AS settings,
     reduce(f = [], l IN cells | f + l) AS cells,
     reduce(f = [], l IN inducers | f + l) AS inducers,
     reduce(f = [], l IN models | f + l) AS models,
     reduce(f = [], l IN src | f + l) AS src,
     reduce(f = [], l IN rcd | f + l) AS rcd,
     reduce(f = [], l IN moa | f + l) AS moa
WITH s, claims, settings, src, rcd, moa,
     reduce(f = [], l IN cells | f + [n IN l | n[1]]) AS cell,
     reduce(f = [], l IN inducers | f + [n IN l | n[1]]) AS ind,
     reduce(f = [], l IN models | f + [n IN l | n[1]]) AS mdl
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
ORDER BY ref, study
