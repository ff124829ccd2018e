/** What every host project of `npm run test:hosts` needs: commands with a time limit, installs, files. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The version this repository pins (devDependencies first), so hosts test what we test with. */
export const versionOf = (name: string) => String(pkg.devDependencies[name] ?? pkg.dependencies[name]).replace(/^\^/, '');

export function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a checker that exits non-zero on type errors: its output either way. */
export function check(command: string, args: string[], cwd: string, timeoutMs = 180_000): string {
  try {
    return run(command, args, cwd, timeoutMs);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; signal?: string };
    if (e.signal) throw error; // timed out: not a checker's verdict
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/** `engineStrict`: fail when a package's `engines` excludes this Node (what `--engine-strict` users see). */
export function install(dir: string, specs: string[], { engineStrict = false } = {}): void {
  const flags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...(engineStrict ? ['--engine-strict'] : [])];
  run('npm', ['install', ...flags, ...specs], dir);
}

export interface Footprint {
  packages: number;
  bytes: number;
}

/** Packages npm installed and bytes on disk in `dir`'s node_modules. */
export function footprint(dir: string): Footprint {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/')).length;
  const size = (path: string): number => {
    const stat = statSync(path);
    return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0) : stat.size;
  };
  return { packages, bytes: size(join(dir, 'node_modules')) };
}

/** A fresh project `base/name` with a package.json and `files`. */
export function project(base: string, name: string, files: Record<string, string> = {}): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `host-${name}`, private: true, type: 'module' }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/**
 * Checks a checker's output: no error in `okFile`, and one on each line of `badFile` listed in
 * `badLines` (each line holds one wrong usage), whatever the checker's output format, as long as
 * it prints `file:line` or `file(line,`.
 */
export function expectVerdicts(colored: string, okFile: string, badFile: string, badLines: Record<number, string>): void {
  // a checker may colour its output (CI=true makes some force colours): match the plain text
  const output = stripVTControlCharacters(colored);
  const errorLines = (file: string) =>
    [...output.matchAll(new RegExp(`${file.replace(/[.]/g, '\\.')}(?::|\\()(\\d+)[:,]`, 'g'))].map((m) => Number(m[1]));
  if (errorLines(okFile).length) throw new Error(`valid usage does not compile:\n${output}`);
  const bad = errorLines(badFile);
  for (const [line, usage] of Object.entries(badLines))
    if (!bad.includes(Number(line))) throw new Error(`${usage} compiles (expected an error on ${badFile}:${line}):\n${output}`);
}

/** A host's tsconfig.json: strict, bundler resolution, our types checked (skipLibCheck off), plus its own options. */
export function hostTsconfig(compilerOptions: Record<string, unknown>, rest: Record<string, unknown>): string {
  const base = { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: false };
  return JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, ...rest });
}
