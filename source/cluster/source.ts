/**
 * Picks where the snapshot comes from: files (--fixtures), the bundled demo (--demo) or the live
 * cluster of the kubeconfig. The rest of kubewire only sees the resulting SnapshotStream.
 */
import { loadDemo } from './demo.js';
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
	/** Live only: keep the snapshot fresh with watches (the TUI); see LiveRequest. */
	watch?: boolean;
}

export async function openSource(request: SourceRequest, env: NodeJS.ProcessEnv = process.env): Promise<SnapshotStream> {
	if (request.fixtures.length > 0) return staticStream(loadFiles(request.fixtures, undefined, request.namespace));
	if (request.demo) return staticStream(loadDemo());
	return openLive(request, env);
}
