import { gatewayApiRelease } from '../model/gateway/refs.js';
import type { RemovedApi } from '../cluster/snapshot.js';

/** How a report speaks about what the files did not hold, and what they held but kubewire does not use. */

/** "not used: 40 objects of 12 kinds: CustomResourceDefinition (12), ClusterRole (8), …" */
export function unusedLine(unused: Record<string, number>): string {
	const entries = Object.entries(unused).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const total = entries.reduce((n, [, c]) => n + c, 0);
	// Eight kinds and the count of the rest; a ninth is named rather than counted as "1 more".
	const cut = entries.length > 9 ? 8 : entries.length;
	const shown = entries.slice(0, cut).map(([kind, n]) => `${kind} (${n})`);
	const more = cut < entries.length ? `, … (${entries.length - cut} more kinds)` : '';
	return `not used: ${total} object${total === 1 ? '' : 's'} of ${entries.length} kind${entries.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`;
}

/** The API version that replaces a removed one, by kind (PodSecurityPolicy has none). */
const current: Readonly<Record<string, string>> = {
	Ingress: 'networking.k8s.io/v1',
	IngressClass: 'networking.k8s.io/v1',
	NetworkPolicy: 'networking.k8s.io/v1',
	Deployment: 'apps/v1',
	DaemonSet: 'apps/v1',
	ReplicaSet: 'apps/v1',
	StatefulSet: 'apps/v1',
	EndpointSlice: 'discovery.k8s.io/v1',
	CronJob: 'batch/v1',
	PodDisruptionBudget: 'policy/v1',
	HorizontalPodAutoscaler: 'autoscaling/v2',
};

/**
 * "removed API versions (kubectl apply refuses them on Kubernetes 1.22 and later): Ingress shop/web
 * extensions/v1beta1 → networking.k8s.io/v1, …", then the Gateway API versions the installed CRDs
 * decide about in a sentence of their own.
 */
export function removedApisLine(removed: readonly RemovedApi[]): string {
	const gateway = removed.filter((r) => r.removedIn.startsWith(gatewayApiRelease));
	const kube = removed.filter((r) => !r.removedIn.startsWith(gatewayApiRelease));
	return [kube.length > 0 ? kubernetesLine(kube) : '', gateway.length > 0 ? gatewayApiLine(gateway) : ''].filter(Boolean).join(' ');
}

/** Gateway API objects of a version the CRDs stopped serving: refused where the CRDs are that release or later. */
function gatewayApiLine(removed: readonly RemovedApi[]): string {
	const release = (r: RemovedApi) => r.removedIn.slice(gatewayApiRelease.length);
	const oldest = [...new Set(removed.map(release))].sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]) || Number(a.split('.')[1]) - Number(b.split('.')[1]))[0];
	const shown = removed.slice(0, 6).map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${r.apiVersion} (not served since ${r.removedIn}) → gateway.networking.k8s.io/v1`);
	const more = removed.length > 6 ? `, … (${removed.length - 6} more)` : '';
	return `Gateway API versions its CRDs no longer serve: kubectl apply refuses ${removed.length === 1 ? 'this object' : `these ${removed.length} objects`} where the Gateway API CRDs are v${oldest} or later: ${shown.join(', ')}${more}`;
}

function kubernetesLine(removed: readonly RemovedApi[]): string {
	const oldest = [...new Set(removed.map((r) => r.removedIn))].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))[0];
	const shown = removed.slice(0, 6).map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${r.apiVersion} (removed in ${r.removedIn})${current[r.kind] ? ` → ${current[r.kind]}` : ''}`);
	const more = removed.length > 6 ? `, … (${removed.length - 6} more)` : '';
	return `removed API versions: kubectl apply refuses ${removed.length === 1 ? 'this object' : `these ${removed.length} objects`} on Kubernetes ${oldest} and later, so nothing ${removed.length === 1 ? 'it describes' : 'they describe'} runs there: ${shown.join(', ')}${more}`;
}
