/**
 * The bytes of a stream (standard input for `--fixtures -`), for the loader in files.ts, which
 * reads them exactly as a file's: a JSON list item by item, YAML document by document and list
 * item by item. The chunks are kept as they come and joined once, into a Buffer rather than a
 * string, so a 400 MB capture piped in costs what the same file costs.
 */
import { InputError } from '../errors.js';

export async function readStreamBytes(stream: AsyncIterable<Buffer | string>, name: string): Promise<Buffer> {
	const chunks: Buffer[] = [];
	try {
		for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
	} catch (error) {
		throw new InputError(`${name}: ${(error as Error).message.split('\n')[0] ?? 'cannot be read'}`);
	}
	return Buffer.concat(chunks);
}
