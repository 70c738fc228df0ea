// Listens on the given TCP and UDP ports on every address of the namespace it is started in (the
// node's), so a packet kube-proxy's rules leave alone and the node delivers to itself is accepted
// (and tracked) instead of being refused like a REJECT. Prints "ready" once all are listening.
import dgram from 'node:dgram';
import net from 'node:net';

const ports = JSON.parse(process.argv[2] ?? '[]');
let pending = ports.length;
const ready = () => {
	if (--pending <= 0) process.stdout.write('ready\n');
};
if (pending === 0) process.stdout.write('ready\n');
for (const { proto, port } of ports) {
	if (proto === 'udp') {
		// '::' without ipv6Only: one socket for both families.
		const socket = dgram.createSocket({ type: 'udp6', ipv6Only: false });
		socket.bind(port, '::', ready);
	} else {
		net.createServer((connection) => connection.destroy()).listen({ port, host: '::', ipv6Only: false }, ready);
	}
}
setTimeout(() => process.exit(0), 60_000).unref();
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
