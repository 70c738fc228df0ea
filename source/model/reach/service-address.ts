/**
 * An egress rule written for a Service's own address: an ipBlock that covers its ClusterIP on the
 * Service port. Policy is judged on the connection kube-proxy has already rewritten to an
 * endpoint's address and container port (netpol-spec.md section 7), so such a rule admits
 * nothing there. A common slip with the API server's `kubernetes` Service (10.96.0.1:443 in
 * front of the control plane's addresses on 6443); the refusal names it.
 */
import type { NetworkPolicy, Pod, Service, ServicePort } from '../../cluster/snapshot.js';
import { peerMatches } from '../netpol/peers.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
import { rulePortsMatch } from '../netpol/ports.js';

const noContainers = { containers: [] };

/** The first egress rule of the clients' policies that admits the Service's ClusterIP on its port. */
export function serviceAddressRule(index: NetworkPolicyIndex, clients: readonly Pod[], service: Service, port: ServicePort): { policy: NetworkPolicy; address: string } | undefined {
	const addresses = (service.clusterIPs.length > 0 ? service.clusterIPs : [service.clusterIP]).filter((ip) => ip !== '' && ip !== 'None');
	for (const client of clients) {
		for (const policy of index.forEgress().selecting(client)) {
			for (const rule of policy.egress) {
				if (!rulePortsMatch(rule.ports, noContainers, port.port, port.protocol)) continue;
				for (const address of addresses) {
					if (rule.peers.some((peer) => peer.ipBlock && peerMatches(peer, { ip: address }, policy.namespace, index))) return { policy, address };
				}
			}
		}
	}
	return undefined;
}
