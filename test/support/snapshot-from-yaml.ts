/** Builds a Snapshot from YAML text in a test, through the same parser and projection as files. */
import { addDocument, dropDuplicates, parseDocuments } from '../../source/cluster/files.js';
import { emptySnapshot, type Snapshot } from '../../source/cluster/snapshot.js';

export function snapshotFromYaml(text: string, file = 'test.yaml'): Snapshot {
	const snapshot = emptySnapshot({ kind: 'files', description: file }, '2026-01-01T00:00:00.000Z');
	for (const doc of parseDocuments(text, file)) addDocument(snapshot, doc, file);
	dropDuplicates(snapshot);
	return snapshot;
}
