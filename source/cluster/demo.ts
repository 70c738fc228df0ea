/**
 * The bundled demo cluster. It is found next to the installed package (dist/ and source/ are
 * both one level below the package root), so `--demo` works from any working directory.
 */
import { fileURLToPath } from 'node:url';
import { loadFiles } from './files.js';
import type { Snapshot } from './snapshot.js';

export function demoFixturesDir(): string {
	return fileURLToPath(new URL('../../demo-fixtures/', import.meta.url));
}

export function loadDemo(): Snapshot {
	return loadFiles([demoFixturesDir()], {
		kind: 'demo',
		description: 'demo cluster (bundled fixtures)',
		context: 'demo',
	});
}
