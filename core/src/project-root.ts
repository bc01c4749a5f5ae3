import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'mimamori';
let root: string | undefined;

/**
 * The project's root directory: the nearest one above this module holding the project's
 * package.json. Files beside the code (db/migrations, api/web/dist) are found from here, since a
 * path relative to import.meta.url differs between the sources and a bundle in dist/.
 */
export function projectRoot(): string {
  if (root) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isProjectRoot(dir)) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${start}`);
  }
}

/** An absolute path inside the project: projectPath('db', 'migrations'). */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}

function isProjectRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
