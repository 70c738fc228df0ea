/**
 * The bundled demo cluster. The tsc build reads demo-fixtures/ next to the installed package
 * (dist/ and source/ are both one level below the package root), so `--demo` works from any
 * working directory; the one-file bundle carries the same files' text (see demo-embedded.ts).
 * Both are parsed by the same code and named the same way, so the demo is identical either way.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedDemoFiles, type EmbeddedFile } from './demo-embedded.js';
import { addDocument, dropDuplicates, listFixtureFiles, parseDocuments, readTextFile } from './files.js';
import { emptySnapshot, type Snapshot } from './snapshot.js';

/** The prefix under which demo files are named in messages, whether read from disk or embedded. */
export const demoFilePrefix = 'demo-fixtures/';

export function demoFixturesDir(): string {
	return fileURLToPath(new URL('../../demo-fixtures/', import.meta.url));
}

/** The demo files on disk, named relative to the package root like the embedded ones. */
function readDemoFiles(): EmbeddedFile[] {
	const dir = demoFixturesDir();
	return listFixtureFiles([dir]).map((file) => ({
		path: demoFilePrefix + path.relative(dir, file).split(path.sep).join('/'),
		text: readTextFile(file),
	}));
}

export function loadDemo(): Snapshot {
	const files = embeddedDemoFiles ?? readDemoFiles();
	const snapshot = emptySnapshot({
		kind: 'demo',
		description: 'demo cluster (bundled fixtures)',
		context: 'demo',
	});
	for (const file of files) {
		for (const doc of parseDocuments(file.text, file.path)) addDocument(snapshot, doc, file.path);
	}
	dropDuplicates(snapshot);
	return snapshot;
}
