// Sends one TCP SYN (a connect) or one UDP datagram per probe, inside whichever network namespace
// it is started in, and says what came back within the probe's wait: "connected", an error code
// (ECONNREFUSED: an ICMP port unreachable, i.e. REJECT) or "timeout" (nothing: DROP, or a DNATed
// packet sent to the node's dummy pod interface). Reads a JSON list of probes on stdin, prints results.
import dgram from 'node:dgram';
import net from 'node:net';

const probes = JSON.parse(await new Promise((resolve) => {
	let text = '';
	process.stdin.on('data', (chunk) => (text += chunk));
	process.stdin.on('end', () => resolve(text));
}));

function tcp(p) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: p.dst, port: p.dport, localAddress: p.src, localPort: p.sport });
		const done = (outcome) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(outcome);
		};
		const timer = setTimeout(() => done('timeout'), p.waitMs);
		socket.on('connect', () => done('connected'));
		socket.on('error', (error) => done(error.code ?? 'error'));
	});
}

function udp(p) {
	return new Promise((resolve) => {
		const socket = dgram.createSocket(p.dst.includes(':') ? 'udp6' : 'udp4');
		let timer;
		const done = (outcome) => {
			clearTimeout(timer);
			socket.close();
			resolve(outcome);
		};
		timer = setTimeout(() => done('timeout'), p.waitMs);
		socket.on('error', (error) => done(error.code ?? 'error'));
		socket.on('message', () => done('reply'));
		socket.bind({ address: p.src, port: p.sport }, () => {
			socket.connect(p.dport, p.dst, () => socket.send('kubewire probe'));
		});
	});
}

const results = await Promise.all(probes.map((p) => (p.proto === 'udp' ? udp(p) : tcp(p)).then((outcome) => ({ id: p.id, outcome }))));
process.stdout.write(JSON.stringify(results));
