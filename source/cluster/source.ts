/**
 * Picks where the snapshot comes from: files (--fixtures), the bundled demo (--demo) or the live
 * cluster of the kubeconfig. The rest of kubewire only sees the resulting SnapshotStream.
 */
import { loadDemo } from './demo.js';
import { openFiles } from './file-stream.js';
import { loadFiles } from './files.js';
import { openLive } from './live.js';
import { staticStream, type SnapshotStream } from './snapshot.js';

export interface SourceRequest {
	fixtures: string[];
	demo: boolean;
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	notify: (line: string) => void;
	/**
	 * The TUI follows the source: a live cluster is kept fresh with watches (see LiveRequest), and
	 * a large capture is read with the screen up (file-stream.ts).
	 */
	watch?: boolean;
}

export async function openSource(request: SourceRequest, env: NodeJS.ProcessEnv = process.env): Promise<SnapshotStream> {
	if (request.fixtures.length > 0) {
		// The TUI opens a large capture before it is read; a report reads it whole first.
		if (request.watch) return openFiles({ paths: request.fixtures, namespace: request.namespace });
		return staticStream(loadFiles(request.fixtures, undefined, request.namespace));
	}
	if (request.demo) return staticStream(loadDemo());
	return openLive(request, env);
}
