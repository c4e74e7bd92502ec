import { readFileSync } from 'node:fs';
import { checkReferenceCase, parseReferenceCase } from '../tests/helpers/reference-check';
import { useBackend, type NodeBackend } from './bench-lib/backend';

/**
 * Usage: npm run --silent cell:check -- [--backend cpu|wasm] FILE...
 * Prints one JSON line per case file; exits non-zero if any case fails or cannot be read.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let backend: NodeBackend = 'cpu';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--backend') backend = args[++i] === 'wasm' ? 'wasm' : 'cpu';
    else files.push(args[i]);
  }
  if (files.length === 0) {
    console.error('usage: cell:check [--backend cpu|wasm] FILE...');
    return 2;
  }
  await useBackend(backend);
  let ok = true;
  for (const file of files) {
    try {
      const { gradNorms: _unused, ...line } = checkReferenceCase(
        file,
        parseReferenceCase(JSON.parse(readFileSync(file, 'utf8'))),
      );
      ok &&= line.pass;
      console.log(JSON.stringify(line));
    } catch (e) {
      ok = false;
      console.log(JSON.stringify({ file, pass: false, error: e instanceof Error ? e.message : String(e) }));
    }
  }
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code));
