/**
 * `kubewire trace --from IP --to IP:PORT[/proto]`: one packet through the rules kube-proxy writes
 * on --node, and what becomes of it.
 */
import { UsageError } from '../errors.js';
import { canonicalIP, rulesFor, trace, type Packet } from '../model/iptables/index.js';
import { servicesOnPath } from '../model/iptables/trace.js';
import { nftRulesFor, nftTrace } from '../model/nftables/index.js';
import { kubeProxyPresence } from '../model/kube-proxy.js';
import { kubeProxyLines } from '../report/kube-proxy-presence.js';
import { traceJson, traceText } from '../report/trace.js';
import { loadSnapshot, printReportJson, type CommandContext } from './context.js';
import { resolveProxySettings } from './iptables.js';

const toForm = 'IP:PORT[/tcp|udp|sctp], e.g. 10.96.0.10:53/udp or [fd00::10]:80';

export function parseTo(value: string | undefined): { destination: string; port: number; protocol: string } {
	if (value === undefined) throw new UsageError(`trace needs --to ${toForm}`);
	const bad = (why: string) => new UsageError(`--to "${value}": ${why} (expected ${toForm})`);
	const slash = value.lastIndexOf('/');
	const address = slash >= 0 ? value.slice(0, slash) : value;
	const protocol = slash >= 0 ? value.slice(slash + 1).toLowerCase() : 'tcp';
	if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw bad(`unknown protocol "${value.slice(slash + 1)}"`);
	const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:[\]]+):(\d+)$/.exec(address);
	if (!match) throw bad('no port');
	const destination = canonicalIP(match[1]!);
	if (destination === undefined) throw bad(`"${match[1]}" is not an IP address`);
	const port = Number(match[2]);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`port ${match[2]} is not between 1 and 65535`);
	return { destination, port, protocol };
}

export function parseFrom(value: string | undefined): string {
	if (value === undefined) throw new UsageError('trace needs --from IP, the packet\'s source address');
	const source = canonicalIP(value.trim());
	if (source === undefined) throw new UsageError(`--from "${value}" is not an IP address`);
	return source;
}

export async function runTrace(ctx: CommandContext): Promise<number> {
	const source = parseFrom(ctx.flags.from);
	const to = parseTo(ctx.flags.to);
	const packet: Packet = { source, ...to };
	const snapshot = await loadSnapshot(ctx);
	const kubeProxy = kubeProxyPresence(snapshot);
	const resolved = resolveProxySettings(ctx, snapshot, kubeProxy);
	// The node's mode decides whose rules the packet meets (IPVS: iptables mode's, with a note).
	const nft = resolved.settings.mode === 'nftables';
	const rules = rulesFor(snapshot, resolved.settings);
	const result = nft ? nftTrace(nftRulesFor(snapshot, resolved.settings), packet) : trace(rules, packet);
	const mode = nft ? 'nftables' : 'iptables';
	const derived = {
		// A cluster that runs no kube-proxy, or a node where it is not Ready: the trace is of rules the node may not hold.
		kubeProxy: kubeProxyLines(kubeProxy, mode, resolved.settings.nodeName),
		// Only the Services whose rules the packet met: the others' endpoints do not bear on it.
		derived: servicesOnPath(result.path, rules.derivedEndpoints ?? []),
		notGiven: servicesOnPath(result.path, rules.endpointsNotGiven ?? []),
		// Manifests: a Service without spec.clusterIP gets one on apply (only `None` is headless).
		unassigned: snapshot.services.filter((s) => s.clusterIP === '' && s.type !== 'ExternalName').map((s) => `${s.namespace}/${s.name}`),
	};
	if (ctx.flags.output === 'json') printReportJson(ctx, traceJson(resolved, packet, result, mode, derived), snapshot);
	else ctx.out(traceText(resolved, packet, result, ctx.width, mode, derived));
	return 0;
}
