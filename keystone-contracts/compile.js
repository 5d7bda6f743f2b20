#!/usr/bin/env node
// Compiles the Solidity sources with the pinned solc-js (no download: the compiler is the npm package itself) and
// writes one JSON artifact per contract: {contractName, sourceName, abi, bytecode, compiler}.
//
//   node compile.js <source dir> <output dir> [<extra source dir>...]
//
// Every *.sol file under the source dirs is compiled in one standard-JSON run; imports resolve relative to this
// module's directory. The build fails on any compiler error.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const EVM_VERSION = 'paris'; // no PUSH0/MCOPY: runs on ganache 7 and on every EVM chain in use
const moduleDir = __dirname;

function solidityFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return solidityFiles(full);
    return entry.name.endsWith('.sol') ? [full] : [];
  });
}

function main() {
  const [srcDir, outDir, ...extra] = process.argv.slice(2);
  if (!srcDir || !outDir) {
    console.error('usage: node compile.js <source dir> <output dir> [<extra source dir>...]');
    process.exit(2);
  }
  const files = [srcDir, ...extra].flatMap((dir) => solidityFiles(path.resolve(moduleDir, dir)));
  const sources = {};
  for (const file of files) {
    sources[path.relative(moduleDir, file).split(path.sep).join('/')] = {content: fs.readFileSync(file, 'utf8')};
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: {enabled: true, runs: 200},
      evmVersion: EVM_VERSION,
      outputSelection: {'*': {'*': ['abi', 'evm.bytecode.object']}},
    },
  };
  const findImports = (importPath) => {
    const full = path.resolve(moduleDir, importPath);
    return fs.existsSync(full) ? {contents: fs.readFileSync(full, 'utf8')} : {error: 'not found: ' + importPath};
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), {import: findImports}));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  for (const message of output.errors || []) {
    console.error(message.formattedMessage || message.message);
  }
  if (errors.length > 0) {
    process.exit(1);
  }
  const target = path.resolve(moduleDir, outDir);
  fs.mkdirSync(target, {recursive: true});
  const primary = path.resolve(moduleDir, srcDir);
  let written = 0;
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    // Only the sources of the first directory get artifacts; the extra ones are there to be imported.
    if (path.resolve(moduleDir, sourceName).startsWith(primary + path.sep)) {
      for (const [contractName, contract] of Object.entries(contracts)) {
        if (!contract.evm.bytecode.object) continue; // interfaces and libraries without code
        const artifact = {contractName, sourceName, abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object,
          compiler: {name: 'solc-js', version: solc.version(), evmVersion: EVM_VERSION, optimizerRuns: 200}};
        fs.writeFileSync(path.join(target, contractName + '.json'), JSON.stringify(artifact, null, 2) + '\n');
        written++;
      }
    }
  }
  console.log(`compiled ${files.length} source(s) with solc ${solc.version()}: ${written} artifact(s) in ${target}`);
}

main();
