// name: molecules-via
// description: The molecules (factors, miRNAs, proteins, organelles, ions) involved when MSCs
//   rescue cells from an RCD mode through one mode of action, e.g. what EVs carry against
//   apoptosis, with their roles, the studies, and how many of those studies report each setting.
//   Demonstrated effects only. A claim naming several routes (e.g. "EVs and/or TNTs") lists its
//   molecules under each route: read the roles column.
// param: mode (term:ModeOfAction) mode of action: id, name or synonym, e.g. EVs, TNTs, paracrine
// param: rcd (term:RCDMode) RCD mode: id, name or synonym, e.g. apoptosis
// example: :param mode => 'EV transfer'
// example: :param rcd => 'apoptosis'
// returns: molecule, kind, roles, n_studies, refs, studies, in_vitro, in_vivo, clinical,
//   target_cells
MATCH (:RCDMode {id: $rcd})<-[:RESCUES_FROM]-(c:Claim)-[:VIA_MODE]->(:ModeOfAction {id: $mode})
WHERE c.demonstrated = true
MATCH (c)-[im:INVOLVES_MOLECULE]->(mol:Molecule)
MATCH (c)-[:FROM_STUDY]->(s:Study)
OPTIONAL MATCH (c)-[:TARGETS_CELL]->(cell:CellType)
UNWIND im.roles AS role
WITH mol, c, s, role, cell
ORDER BY s.ref, cell.name
WITH mol,
     collect(DISTINCT role) AS roles,
     collect(DISTINCT s.ref) AS refs,
     collect(DISTINCT s.name) AS studies,
     collect(DISTINCT CASE WHEN 'in vitro' IN c.settings THEN s.ref END) AS vitro,
     collect(DISTINCT CASE WHEN 'in vivo' IN c.settings THEN s.ref END) AS vivo,
     collect(DISTINCT CASE WHEN 'clinical' IN c.settings THEN s.ref END) AS clin,
     collect(DISTINCT cell.name) AS target_cells
RETURN mol.name AS molecule,
       mol.kind AS kind,
       roles,
       size(refs) AS n_studies,
       refs,
       studies,
       size(vitro) AS in_vitro,
       size(vivo) AS in_vivo,
       size(clin) AS clinical,
       target_cells
ORDER BY n_studies DESC, molecule
