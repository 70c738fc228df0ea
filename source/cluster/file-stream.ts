/**
 * Files for the TUI. Input of ordinary size is read at once, before the screen opens, exactly as
 * every command reads it. A large capture (a 10,000-Service cluster is 360 MB of JSON, and parsing
 * it takes seconds) is read with the screen up, as a live cluster is: the header says how far the
 * read has got, the Services appear with type, ClusterIP and ports as soon as a quick look has
 * found them (service-outline.ts), and endpoints and findings follow once the loader has read
 * everything. The loader is the same one (files.ts), run a slice at a time between which keys are
 * read and frames drawn; what it decides about the input is final, errors included.
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { runInSlices } from '../slices.js';
import { addDocument, filesOrigin, listFixtureFiles, loadFiles, loadInputsSteps, readError, type FileInput, type LoadProgress } from './files.js';
import { beginInput } from './input-rules.js';
import { liveKinds } from './live/kinds.js';
import { stillLoading } from '../model/readable.js';
import { ServiceScan } from './service-outline.js';
import { emptySnapshot, staticStream, type Snapshot, type SnapshotOrigin, type SnapshotStream, type StreamHealth, type Unsubscribe } from './snapshot.js';

/** From this many bytes of input on, the TUI opens before the files are read (a few hundred milliseconds of parsing). */
export const backgroundReadBytes = 16 * 1024 * 1024;

/** The size of each read: the screen can say how far it got, and the bytes arrive while earlier ones are looked at. */
const chunkBytes = 8 * 1024 * 1024;

/** How many chunks are being read at once at most: enough to keep the disk busy, few enough that quitting does not wait for them. */
const chunksAhead = 2;

/** How long one slice of reading may hold the event loop: well under a keypress's budget. */
const sliceMs = 8;

/** How often at most the header's progress is redrawn. */
const progressEveryMs = 250;

export interface FileRequest {
	paths: string[];
	/** `-n`: where objects without a namespace go. */
	namespace?: string;
	/** For tests: the size from which files are read with the screen up. */
	backgroundFrom?: number;
}

/**
 * The files as a SnapshotStream for the TUI. Missing paths fail here, before the screen opens;
 * so does everything about input below `backgroundReadBytes`, and standard input.
 */
export function openFiles(request: FileRequest): SnapshotStream {
	const files = listFixtureFiles(request.paths);
	const size = files.includes('-') ? 0 : files.reduce((sum, file) => sum + sizeOf(file), 0);
	if (size < (request.backgroundFrom ?? backgroundReadBytes)) return staticStream(loadFiles(request.paths, undefined, request.namespace));
	return new BackgroundFiles(files, filesOrigin(request.paths), request.namespace);
}

function sizeOf(file: string): number {
	try {
		return statSync(file).size;
	} catch (error) {
		throw readError(file, error);
	}
}

/** "359 MB" for the progress line (a tenth for small files, so the count visibly moves). */
function megabytes(bytes: number): string {
	const mb = bytes / 1e6;
	return mb >= 10 ? `${Math.round(mb)}` : mb.toFixed(1);
}

class BackgroundFiles implements SnapshotStream {
	readonly settled: Promise<void>;
	private snapshot: Snapshot;
	private state: 'loading' | 'loaded' | 'error' = 'loading';
	private errorMessage?: string;
	private readonly progress: Record<string, string> = {};
	private readonly listeners = new Set<() => void>();
	/** Each file's name in the progress line: its base name, the path when two files share one, '' when it is the only one. */
	private readonly labels = new Map<string, string>();
	private closed = false;
	/** Stops the loader's slices (close). */
	private stopSlices?: () => void;
	private lastNotice = 0;

	constructor(
		private readonly files: string[],
		private readonly origin: SnapshotOrigin,
		private readonly namespace: string | undefined,
	) {
		this.snapshot = emptySnapshot(origin);
		// One file needs no name: the header's room goes to how far the read has got.
		const bases = files.map((file) => path.basename(file));
		files.forEach((file, k) => this.labels.set(file, files.length === 1 ? '' : bases.indexOf(bases[k]!) === bases.lastIndexOf(bases[k]!) ? bases[k]! : file));
		for (const file of files) this.progress[this.label(file)] = 'waiting…';
		this.settled = this.run().catch((error: unknown) => {
			if (this.closed) return;
			this.state = 'error';
			this.errorMessage = error instanceof Error ? error.message.split('\n')[0] : String(error);
			this.notify();
			throw error;
		});
		// Whoever opened the stream hears of a failure through `settled` or health(); it is never unhandled.
		this.settled.catch(() => {});
	}

	current(): Snapshot {
		return this.snapshot;
	}

	subscribe(onChange: () => void): Unsubscribe {
		this.listeners.add(onChange);
		return () => {
			this.listeners.delete(onChange);
		};
	}

	health(): StreamHealth {
		if (this.state === 'loading') return { state: 'loading', message: `reading ${this.origin.description}`, progress: { ...this.progress } };
		if (this.state === 'error') return { state: 'error', message: this.errorMessage };
		return { state: 'static', updatedAt: this.snapshot.takenAt };
	}

	close(): void {
		this.closed = true;
		this.stopSlices?.();
		this.listeners.clear();
	}

	private label(file: string): string {
		return this.labels.get(file) ?? file;
	}

	private notify(): void {
		for (const listener of this.listeners) listener();
	}

	private report(file: string, text: string, force = false): void {
		this.progress[this.label(file)] = text;
		const now = performance.now();
		if (!force && now - this.lastNotice < progressEveryMs) return;
		this.lastNotice = now;
		this.notify();
	}

	private async run(): Promise<void> {
		const inputs: FileInput[] = [];
		const outline = emptySnapshot(this.origin, this.snapshot.takenAt);
		beginInput(outline, this.namespace);
		for (const file of this.files) {
			const { bytes, services } = await this.read(file);
			inputs.push({ name: file, bytes });
			for (const raw of services) addDocument(outline, raw, file);
			this.report(file, `parsing 0 of ${megabytes(bytes.length)} MB…`);
		}
		if (this.closed) return;
		// Only the Services are known yet: every other kind reads as still loading, as on a live
		// cluster's first read, so the outline shows no pods and endpoints as if there were none.
		outline.unreadable = liveKinds.filter((kind) => kind.list !== 'services').map((kind) => ({ resource: kind.resource, namespace: '', reason: stillLoading }));
		this.snapshot = outline;
		this.notify();
		// Each file's bytes are let go once the loader has read them.
		const pending = function* (): Generator<FileInput, void, void> {
			for (let next = inputs.shift(); next; next = inputs.shift()) yield next;
		};
		const loaded = await this.inSlices(loadInputsSteps(pending(), this.origin, this.namespace), (p: LoadProgress) => {
			this.report(p.file, p.at >= p.size ? 'read' : `parsing ${megabytes(p.at)} of ${megabytes(p.size)} MB…`);
		});
		if (this.closed) return;
		loaded.takenAt = this.snapshot.takenAt;
		this.snapshot = loaded;
		this.state = 'loaded';
		this.notify();
	}

	/**
	 * A file's bytes, read a chunk at a time so the header can say how far it got, and the
	 * Services found in them: each chunk is looked through while the next one is read.
	 */
	private async read(file: string): Promise<{ bytes: Buffer; services: unknown[] }> {
		let handle;
		try {
			handle = await open(file, 'r');
			const size = (await handle.stat()).size;
			const bytes = Buffer.allocUnsafe(size);
			const scan = new ServiceScan(bytes, file);
			// Several chunks are asked for ahead: they arrive while this thread is busy (starting the
			// screen, looking through earlier chunks), and the reads stay in order.
			const pending: { length: number; read: Promise<{ bytesRead: number }> }[] = [];
			let asked = 0;
			const askAhead = () => {
				while (pending.length < chunksAhead && asked < size) {
					const length = Math.min(chunkBytes, size - asked);
					pending.push({ length, read: handle!.read(bytes, asked, length, asked) });
					asked += length;
				}
			};
			let got = 0;
			askAhead();
			while (got < size && !this.closed) {
				const chunk = pending.shift()!;
				const { bytesRead } = await chunk.read;
				got += bytesRead;
				// The file shrank while it was read: what is there is the input.
				if (bytesRead < chunk.length) break;
				askAhead();
				scan.scan(got, false);
				this.report(file, `reading ${megabytes(got)} of ${megabytes(size)} MB…`);
			}
			// Reads still under way finish before the file is closed.
			await Promise.allSettled(pending.map((chunk) => chunk.read));
			scan.scan(got, true);
			return { bytes: got < size ? bytes.subarray(0, got) : bytes, services: scan.services };
		} catch (error) {
			throw error instanceof InputError ? error : readError(file, error);
		} finally {
			await handle?.close();
		}
	}

	/** Runs a stepped computation in slices (slices.ts) until it ends, the stream closes or a step throws. */
	private inSlices<Y, T>(steps: Generator<Y, T, void>, onStep: (value: Y) => void): Promise<T> {
		return new Promise((resolve, reject) => {
			this.stopSlices = runInSlices(steps, resolve, { sliceMs, onStep, immediate: true, fail: reject });
		});
	}
}
