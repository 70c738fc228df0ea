/**
 * An entry point used only by bundle.test.ts: it touches every heavy runtime dependency the way
 * kubewire does (Ink with yoga's WebAssembly, React, client-node over HTTP), so the
 * bundling recipe is proven on them even while the commands that use them are still stubs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { Box, Text, renderToString } from 'ink';

const server = createServer((_request, response) => {
	response.setHeader('content-type', 'application/json');
	response.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'from-fake-server' } }] }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const config = new KubeConfig();
config.loadFromOptions({
	clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
	users: [{ name: 'nobody' }],
	contexts: [{ name: 'fake', cluster: 'fake', user: 'nobody' }],
	currentContext: 'fake',
});
try {
	const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
	console.log(`client-node listed: ${namespaces.items.map((item) => item.metadata?.name).join(',')}`);
} finally {
	server.close();
}

console.log(
	renderToString(
		<Box flexDirection="column" borderStyle="single" width={40}>
			<Text>ink rendered</Text>
			<Text>web 80</Text>
		</Box>,
		{ columns: 60 },
	),
);
