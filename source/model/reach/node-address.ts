/** The node of the input that has an address: a client or endpoint on a node's own address. */
import type { Node } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';

export function nodeWithAddress(ctx: ModelContext, ip: string): Node | undefined {
	return ctx.snapshot.nodes.find((n) => n.addresses.some((a) => a.address === ip));
}
