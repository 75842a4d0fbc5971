#!/usr/bin/env node
// Offline Neo4j 5 linter for .cypher files: Neo4j's own Cypher parser and
// semantic analysis (@neo4j-cypher/language-support), always as Cypher 5.
//
//   node .ci/cypher-lint/lint.mjs [--warnings-as-errors] [--no-registry] FILE...
//
// Prints FILE:LINE:COL: severity: message (1-based) for each diagnostic and
// exits 1 if any error was found (or any warning, with --warnings-as-errors),
// 2 on bad usage or an unreadable file. Needs `npm ci` in this folder first.
//
// - `$param`s are declared from the query itself: no server, no values, so
//   an "undefined parameter" is never reported.
// - `//` comment lines (file headers, Browser `:param` lines inside them) are
//   plain Cypher comments. A bare `:param` line is an error: console commands
//   are off, the files must be pure Cypher.
// - Several statements separated by `;` are linted one by one. A file of
//   comments only gets a warning.
// - Functions and procedures are checked against the built-in ones of Neo4j 5
//   (name and signature; APOC/GDS left out, so they are reported as unknown).
//   --no-registry turns that off.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The package's ESM build has extensionless imports that Node cannot load:
// use its CommonJS build.
const require = createRequire(import.meta.url);
const { lintCypherQuery, parserWrapper, testData } = require(
  '@neo4j-cypher/language-support',
);

const CYPHER = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function builtinRegistry(kind) {
  // The package's mock schema is a dump of a Neo4j 5 server's SHOW FUNCTIONS /
  // SHOW PROCEDURES, plugins included: keep Neo4j's own entries only.
  const all = testData.mockSchema[kind][CYPHER];
  return Object.fromEntries(
    Object.entries(all).filter(
      ([name]) => !name.startsWith('apoc.') && !name.startsWith('gds.'),
    ),
  );
}

function declaredParameters(query) {
  const params = {};
  for (const stmt of parserWrapper.parse(query).statementsParsing) {
    for (const p of stmt.collectedParameters ?? []) {
      params[p.name.replace(/^`|`$/g, '')] = null;
    }
  }
  return params;
}

function isBlank(query) {
  // only comments and whitespace (the parser would call that a syntax error)
  return query.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').trim() === '';
}

function main(argv) {
  const files = [];
  let warningsAsErrors = false;
  let registry = true;
  for (const arg of argv) {
    if (arg === '--warnings-as-errors') warningsAsErrors = true;
    else if (arg === '--no-registry') registry = false;
    else if (arg === '-h' || arg === '--help') {
      console.log(
        'usage: node lint.mjs [--warnings-as-errors] [--no-registry] FILE...',
      );
      return 0;
    } else if (arg.startsWith('--')) {
      console.error(`cypher-lint: unknown option ${arg}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    console.error('usage: node lint.mjs [--warnings-as-errors] [--no-registry] FILE...');
    return 2;
  }

  const base = { defaultLanguage: CYPHER };
  if (registry) {
    base.functions = { [CYPHER]: builtinRegistry('functions') };
    base.procedures = { [CYPHER]: builtinRegistry('procedures') };
  }

  let errors = 0;
  let warnings = 0;
  let unreadable = 0;
  for (const file of files) {
    let query;
    try {
      query = readFileSync(file, 'utf8');
    } catch (e) {
      console.log(`${file}:0:0: error: cannot read: ${e.message}`);
      unreadable += 1;
      continue;
    }
    if (isBlank(query)) {
      console.log(`${file}:1:1: warning: no Cypher statement in file`);
      warnings += 1;
      continue;
    }
    const schema = { ...base, parameters: declaredParameters(query) };
    for (const d of lintCypherQuery(query, schema, false)) {
      const severity = SEVERITY[d.severity] ?? 'error';
      if (severity === 'error') errors += 1;
      else if (severity === 'warning') warnings += 1;
      const { line, character } = d.range.start;
      const message = d.message.replace(/\s*\n\s*/g, ' ');
      console.log(`${file}:${line + 1}:${character + 1}: ${severity}: ${message}`);
    }
  }
  console.error(
    `cypher-lint (${CYPHER}): ${files.length} file(s), ${errors} error(s), ${warnings} warning(s)`,
  );
  if (unreadable > 0) return 2;
  if (errors > 0 || (warningsAsErrors && warnings > 0)) return 1;
  return 0;
}

process.exitCode = main(process.argv.slice(2));
