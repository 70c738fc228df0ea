/**
 * Live clusters through @kubernetes/client-node.
 * STUB: the live-cluster issue fills this in. Until then a found kubeconfig is reported as not
 * yet supported, never silently ignored.
 */
import { InputError } from '../errors.js';
import { findKubeconfig } from './kubeconfig-presence.js';
import type { SnapshotStream } from './snapshot.js';

export interface LiveRequest {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	/** One-line notices for the user (scope fallback, progress) while loading. */
	notify: (line: string) => void;
}

export async function openLive(request: LiveRequest, env: NodeJS.ProcessEnv = process.env): Promise<SnapshotStream> {
	findKubeconfig(request.kubeconfig, env);
	throw new InputError('live cluster access has not landed yet; use --fixtures PATH or --demo');
}
