/**
 * Offline snapshots: reads YAML and JSON files (multi-document YAML, `kind: List`, typed lists
 * such as kubectl's `-o json` output) into a Snapshot. A file that cannot be read or parsed is an
 * InputError naming the file and, where the parser knows it, the line.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { runSteps } from '../model/steps.js';
import { applyCaptureRecord, captureRecordOf } from './capture-record.js';
import {
	beginInput,
	countUnused,
	endFile,
	fileOf,
	finishInput,
	heldObjects,
	helmTemplateError,
	HelmTemplateError,
	isHelmTestHook,
	noteListKind,
	noteObject,
	placeObject,
	readStdin,
	restoreCounts,
	stdinName,
	templatedIdentity,
	countsMark,
} from './input-rules.js';
import { isBlank, textStart } from './byte-codes.js';
import { walkJsonListSteps, type ListVisitor } from './json-list.js';
import { parseJsonText } from './json-text.js';
import { addObject, ownKind, readableKinds } from './normalize.js';
import { isObject, str, type RawObject } from './raw.js';
import { emptySnapshot, recordLists, type Meta, type RecordListKey, type Snapshot, type SnapshotOrigin, type UnmodelledRoute } from './snapshot.js';
import { isListKind, listItemKind, readYamlSteps, yamlDocuments } from './yaml-reader.js';

const fixtureExtensions = new Set(['.yaml', '.yml', '.json', '.jsonl', '.ndjson']);

/** Every fixture file under the given paths, directories read recursively, in a stable order. */
export function listFixtureFiles(paths: string[]): string[] {
	const files: string[] = [];
	for (const given of paths) {
		if (given === '-') {
			files.push(given);
			continue;
		}
		let stat;
		try {
			stat = statSync(given);
		} catch (error) {
			throw new InputError(`${given}: ${describeFsError(error)}`);
		}
		if (!stat.isDirectory()) {
			files.push(given);
			continue;
		}
		const found = walk(given, new Set());
		// A directory with nothing to read is a wrong path, not an empty cluster.
		if (found.length === 0) throw new InputError(`${given}: no YAML or JSON files in it (${[...fixtureExtensions].join(', ')})`);
		files.push(...found);
	}
	return files;
}

/**
 * The YAML and JSON files under `dir`, in name order. Symbolic links are followed (a symlink farm,
 * a ConfigMap mounted as a volume), each real file and directory read once (`seen`: real paths),
 * and Kubernetes' own `..data` / `..2024_…` entries of a mounted volume are skipped: the files
 * beside them are the same files.
 */
function walk(dir: string, seen: Set<string>): string[] {
	let entries;
	try {
		const real = realpathSync(dir);
		if (seen.has(real)) return [];
		seen.add(real);
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (error) {
		throw new InputError(`${dir}: ${describeFsError(error)}`);
	}
	const out: string[] = [];
	for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		if (entry.name.startsWith('..')) continue;
		const full = path.join(dir, entry.name);
		let isDirectory = entry.isDirectory();
		let isFile = entry.isFile();
		if (entry.isSymbolicLink()) {
			try {
				const target = statSync(full);
				isDirectory = target.isDirectory();
				isFile = target.isFile();
			} catch {
				continue; // a dangling link holds nothing to read
			}
		}
		if (isDirectory) out.push(...walk(full, seen));
		else if (isFile && fixtureExtensions.has(path.extname(entry.name).toLowerCase())) {
			const real = realpathSync(full);
			if (seen.has(real)) continue;
			seen.add(real);
			out.push(full);
		}
	}
	return out;
}

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file or directory';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'EISDIR') return 'is a directory';
	return (error as Error).message.split('\n')[0] ?? 'cannot be read';
}

/** Parses one file's text into its top-level documents (plain JS values; lists not unwrapped). */
export function parseDocuments(text: string, file: string): unknown[] {
	if (text.includes('\u0000')) throw new InputError(`${file}: binary data, not YAML or JSON`);
	const bytes = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
	const json = parseJsonText(bytes, 0, file);
	if ('value' in json) return [json.value];
	if ('values' in json) return Array.from(json.values, (v) => v.value);
	try {
		return yamlDocuments(bytes, 0, file);
	} catch (error) {
		throw json.broken ?? error;
	}
}

/**
 * Adds every Kubernetes object found in a parsed document to the snapshot. Lists (`kind: List`
 * and typed lists like `ServiceList`, whose items may omit `kind`) are unwrapped.
 */
export function addDocument(snapshot: Snapshot, doc: unknown, file: string, impliedKind = ''): void {
	if (doc === null || doc === undefined) return;
	if (!isObject(doc)) {
		snapshot.skipped.push({ origin: file, kind: '', name: '', reason: typeof doc === 'string' && kubectlTable.test(doc) ? tableReason : 'not a Kubernetes object' });
		return;
	}
	const kind = ownKind(str(doc['kind']) || impliedKind, doc);
	if (kind !== '') noteObject(snapshot);
	if (Array.isArray(doc['items']) && isListKind(kind)) {
		const itemKind = listItemKind(kind);
		noteListKind(snapshot, itemKind);
		for (const item of doc['items']) addDocument(snapshot, item, file, itemKind);
		return;
	}
	if (isKustomization(doc, file)) {
		snapshot.skipped.push({ origin: file, kind: 'Kustomization', name: '', reason: kustomizationReason(file) });
		return;
	}
	if (kind === '') {
		snapshot.skipped.push({ origin: file, kind: '', name: nameOf(doc), reason: 'it has no kind' });
		return;
	}
	if (isHelmTestHook(doc)) {
		countUnused(snapshot, `Helm test hook ${kind}`);
		return;
	}
	placeObject(snapshot, kind, doc);
	const reason = addObject(snapshot, kind, doc);
	if (reason) snapshot.skipped.push({ origin: file, kind, name: nameOf(doc), reason });
}

/** `NAME   TYPE   CLUSTER-IP …`: kubectl's table output, which YAML reads as one long string. */
const kubectlTable = /^NAME(SPACE)?\s{2,}[A-Z]/;
const tableReason = "not a Kubernetes object: kubectl's table output (use -o yaml or -o json)";

/**
 * A kustomize kustomization (kubectl's `kustomization.yaml`, kind-less or kustomize.config.k8s.io),
 * not an object to apply. Flux's `kind: Kustomization` is a custom resource of another group and is
 * counted as one.
 */
function isKustomization(doc: RawObject, file: string): boolean {
	if (str(doc['apiVersion']).startsWith('kustomize.config.k8s.io/')) return true;
	return doc['kind'] === undefined && /^(kustomization\.ya?ml|Kustomization)$/.test(path.basename(file));
}

/** Read as they are, the files beside a kustomization are what it starts from, not what it applies. */
function kustomizationReason(file: string): string {
	const dir = path.dirname(file);
	return `not applied: the files beside it are read as they are, before its patches, names and labels; to check what it applies, kubectl kustomize ${dir} | kubewire check --fixtures -`;
}

function nameOf(doc: RawObject): string {
	return isObject(doc['metadata']) ? str(doc['metadata']['name']) : '';
}

export function readTextFile(file: string): string {
	return decodeText(readBytes(file), file);
}

function readBytes(file: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		throw readError(file, error);
	}
}

function decodeText(bytes: Buffer, file: string): string {
	try {
		return bytes.toString('utf8');
	} catch (error) {
		// Past Node's longest string (512 MiB): the item-by-item JSON reader has no such limit.
		throw new InputError(`${file}: ${describeFsError(error)}`);
	}
}

/** Loads every fixture under `paths` (`-` is standard input) into one Snapshot; `namespace` is `-n`. */
export function loadFiles(paths: string[], origin?: SnapshotOrigin, namespace?: string): Snapshot {
	return runSteps(loadInputsSteps(readInputs(listFixtureFiles(paths)), origin ?? filesOrigin(paths), namespace));
}

/** The one-line error for a file that cannot be read (missing, a directory, no permission). */
export function readError(file: string, error: unknown): InputError {
	return new InputError(`${file}: ${describeFsError(error)}`);
}

/** One input's name (a path, or `stdin`) and its bytes. */
export interface FileInput {
	name: string;
	bytes: Buffer;
}

/** Where a stepped load has got to: the input it is reading and how many of its bytes are behind. */
export interface LoadProgress {
	file: string;
	at: number;
	size: number;
}

/** The inputs of `files`, each read when the loader comes to it, so only one file's bytes are held at a time. */
function* readInputs(files: string[]): Generator<FileInput, void, void> {
	for (const file of files) yield file === '-' ? { name: stdinName, bytes: readStdin() } : { name: file, bytes: readBytes(file) };
}

/** What a set of files is called in the header and reports. */
export function filesOrigin(paths: string[]): SnapshotOrigin {
	return { kind: 'files', description: describePaths(paths) };
}

/**
 * The loader a step at a time: yields every few hundred kilobytes how far it got, so the TUI can
 * open a large capture with the screen up (cluster/file-stream.ts); `loadFiles` runs it at once.
 */
export function* loadInputsSteps(inputs: Iterable<FileInput>, origin: SnapshotOrigin, namespace?: string): Generator<LoadProgress, Snapshot, void> {
	const snapshot = emptySnapshot(origin);
	beginInput(snapshot, namespace);
	const names: string[] = [];
	let empty = 0;
	const templates: HelmTemplateError[] = [];
	for (const { name, bytes } of inputs) {
		const size = bytes.length;
		names.push(name);
		if (isBlank(bytes)) empty++;
		const mark = markOf(snapshot);
		try {
			for (const steps = addFileSteps(snapshot, bytes, name); ; ) {
				const step = steps.next();
				if (step.done) break;
				yield { file: name, at: step.value, size };
			}
		} catch (error) {
			if (!(error instanceof HelmTemplateError)) throw error;
			// Left out, with a note; the other files are judged (a chart's templates beside manifests).
			rollBack(snapshot, mark);
			templates.push(error);
			snapshot.skipped.push({ origin: error.where, kind: 'Helm template', name: '', reason: `unrendered ({{ … }}), left out: ${HelmTemplateError.advice}` });
		}
		endFile(snapshot, name);
	}
	dropDuplicates(snapshot);
	finishInput(snapshot);
	// Nothing but templates: the template is the one thing to say.
	if (templates[0] && heldObjects(snapshot) === false) throw templates[0];
	requireObjects(snapshot, names, empty);
	return snapshot;
}

/**
 * Refuses an input with no Kubernetes object or list at all (`empty` of the `names` read were
 * blank), in one line: an empty pipe (the command before it failed: `helm template` with an
 * error writes nothing to stdout), kubectl's table output, an error message saved as a file.
 * Judging it would print "no problems found" and exit 0, which a CI job would take for a pass.
 */
export function requireObjects(snapshot: Snapshot, names: string[], empty: number): void {
	if (heldObjects(snapshot) === false) throw nothingHeld(snapshot, names, empty);
}

function nothingHeld(snapshot: Snapshot, names: string[], empty: number): InputError {
	const where = names.length <= 1 ? (names[0] ?? 'the input') : `${names[0]} and ${names.length - 1} more`;
	const them = names.length <= 1 ? 'it' : 'them';
	if (empty === names.length) {
		const before = names.includes(stdinName) ? ' (did the command before the pipe fail?)' : '';
		return new InputError(`${where}: empty: no YAML or JSON in ${them}${before}`);
	}
	const why = snapshot.skipped.find((s) => s.reason === tableReason) ? ": kubectl's table output; use -o yaml or -o json" : ' (no document with a kind)';
	return new InputError(`${where}: no Kubernetes object in ${them}${why}`);
}

/**
 * Adds one file's objects (the bytes of a file or of standard input): a JSON list item by item
 * when it is one, other JSON whole, YAML document by document and list item by item. Yields the
 * byte it has reached.
 */
function* addFileSteps(snapshot: Snapshot, bytes: Buffer, file: string): Generator<number, void, void> {
	const fromCapture = (members: unknown) => {
		const record = captureRecordOf(members);
		if (record) applyCaptureRecord(snapshot, record);
	};
	if (yield* addJsonListSteps(snapshot, bytes, file, fromCapture)) return;
	if (bytes.indexOf(0) >= 0) throw new InputError(`${file}: binary data, not YAML or JSON`);
	const from = textStart(bytes);
	const json = parseJsonText(bytes, from, file);
	if ('value' in json) {
		addDocument(snapshot, json.value, file);
		return;
	}
	if ('values' in json) {
		for (const { value, end } of json.values) {
			addDocument(snapshot, value, file);
			yield end;
		}
		return;
	}
	// An unrendered Helm template is named as one, not as the YAML error its `{{ … }}` causes.
	const mayBeTemplate = bytes.includes('{{');
	const helm = (docs?: unknown[]) => (mayBeTemplate ? helmTemplateError(decodeText(bytes, file), file, docs) : undefined);
	let templated: unknown;
	let mark = markOf(snapshot);
	try {
		yield* readYamlSteps(bytes, from, file, {
			startDocument: () => {
				mark = markOf(snapshot);
			},
			undoDocument: () => rollBack(snapshot, mark),
			object: (value, impliedKind) => {
				if (mayBeTemplate && templated === undefined && templatedIdentity(value)) templated = value;
				addDocument(snapshot, value, file, impliedKind);
			},
			list: (kind) => {
				if (kind !== '') noteObject(snapshot);
				noteListKind(snapshot, listItemKind(kind));
			},
		});
	} catch (error) {
		// Text meant as JSON that YAML cannot read either: JSON's position is the precise one.
		throw helm() ?? json.broken ?? error;
	}
	const unrendered = templated === undefined ? undefined : helm([templated]);
	if (unrendered) throw unrendered;
}


/**
 * The fast path for `kubectl get … -o json` dumps: each item is parsed and projected on its own,
 * so the raw tree of the whole list never exists at once. Returns false, having added nothing,
 * when the file is not such a list or is not valid JSON; the caller then reads the file as
 * before, so errors are reported exactly as the whole-document reader reports them.
 */
export function addJsonList(snapshot: Snapshot, bytes: Buffer, file: string, onMembers?: (members: unknown) => void): boolean {
	return runSteps(addJsonListSteps(snapshot, bytes, file, onMembers));
}

/** `addJsonList` a step at a time: yields the byte it has reached. */
function* addJsonListSteps(snapshot: Snapshot, bytes: Buffer, file: string, onMembers?: (members: unknown) => void): Generator<number, boolean, void> {
	const from = textStart(bytes);
	if (bytes.indexOf(0) >= 0) return false;
	const mark = markOf(snapshot);
	// The item kind is known before the items when the list states its kind first (the API
	// server's order); kubectl writes it after them, and always writes `kind: List`, so until the
	// end says otherwise the items are read as a List's.
	let itemKind = '';
	let stated = false;
	const visitor: ListVisitor = {
		beforeItems(head) {
			if (stated) return true;
			const kind = topKind(head);
			if (kind === undefined || kind === '') return true;
			if (!isListKind(kind)) return false;
			itemKind = listItemKind(kind);
			return true;
		},
		item: (item) => addDocument(snapshot, item, file, itemKind),
	};
	let rest = yield* walkJsonListSteps(bytes, from, visitor);
	let kind = rest === undefined ? undefined : topKind(rest);
	if (kind !== undefined && isListKind(kind) && listItemKind(kind) !== itemKind) {
		// A typed list that names its kind only after its items: read them again, typed.
		rollBack(snapshot, mark);
		itemKind = listItemKind(kind);
		stated = true;
		rest = yield* walkJsonListSteps(bytes, from, visitor);
		kind = rest === undefined ? undefined : topKind(rest);
	}
	if (kind === undefined || !isListKind(kind)) {
		rollBack(snapshot, mark);
		return false;
	}
	noteListKind(snapshot, listItemKind(kind));
	// The list's other members (a `kubewire capture` says there what it could not read).
	if (onMembers && rest !== undefined) onMembers(JSON.parse(rest));
	if (kind !== '') noteObject(snapshot);
	return true;
}

/** The top-level kind the members give ('' when they give none); undefined when they do not parse. */
function topKind(members: string): string | undefined {
	try {
		const top: unknown = JSON.parse(members);
		return isObject(top) ? str(top['kind']) : '';
	} catch {
		return undefined;
	}
}

type RecordList = RecordListKey | 'skipped';
const recordListKeys: RecordList[] = [...(Object.keys(recordLists) as RecordListKey[]), 'skipped'];

/**
 * The optional Snapshot fields a file read may set or replace (never change in place: they are
 * copied on append), so a mark can restore them by reference.
 */
const markedFields = ['proxyConfig', 'ciliumKubeProxyReplacement', 'serviceCIDRs', 'podMakers', 'secretMakers', 'removedApis', 'unmodelledRoutes'] as const;
type MarkedField = (typeof markedFields)[number];

interface Mark {
	lengths: number[];
	fields: Partial<Pick<Snapshot, MarkedField>>;
	counts: ReturnType<typeof countsMark>;
}

function markOf(snapshot: Snapshot): Mark {
	const fields: Partial<Pick<Snapshot, MarkedField>> = {};
	for (const field of markedFields) if (snapshot[field] !== undefined) Object.assign(fields, { [field]: snapshot[field] });
	return { lengths: recordListKeys.map((list) => snapshot[list].length), fields, counts: countsMark(snapshot) };
}

/** Undoes what a file added, so the whole-document reader can start over. */
function rollBack(snapshot: Snapshot, mark: Mark): void {
	recordListKeys.forEach((list, k) => {
		snapshot[list].length = mark.lengths[k]!;
	});
	restoreCounts(snapshot, mark.counts);
	for (const field of markedFields) delete snapshot[field];
	Object.assign(snapshot, mark.fields);
}

/**
 * A cluster holds one object per kind, namespace and name; captures read together often repeat
 * one. The last one read is kept (as applying the files in order leaves it), the others reported
 * as skipped.
 */
export function dropDuplicates(snapshot: Snapshot): void {
	for (const [key, kind] of Object.entries(recordLists)) {
		const list: Meta[] = snapshot[key as RecordListKey];
		// Namespace → name → where the copy kept so far sits: the records' own strings as keys, no key text built per object.
		const seen = new Map<string, Map<string, { at: number; index: number }>>();
		let kept = 0;
		for (let i = 0; i < list.length; i++) {
			const item = list[i]!;
			let names = seen.get(item.namespace);
			if (!names) seen.set(item.namespace, (names = new Map()));
			const earlier = names.get(item.name);
			if (earlier !== undefined) {
				// `kubectl apply` applies the files in order: the later copy is what the cluster ends with.
				snapshot.skipped.push(duplicateNote(snapshot, key as RecordListKey, kind, item, earlier.index, i));
				list[earlier.at] = item;
				earlier.index = i;
				continue;
			}
			names.set(item.name, { at: kept, index: i });
			list[kept++] = item;
		}
		list.length = kept;
	}
	dropDuplicateUnmodelledRoutes(snapshot);
}

/**
 * TCPRoutes, TLSRoutes and UDPRoutes are listed, not modelled, but one read twice is still one
 * object in the cluster: the later copy is kept, as for the kinds above (Istio's tcp-echo sample
 * applies tcp-echo-all-v1.yaml, then tcp-echo-20-v2.yaml with the same TCPRoute).
 */
function dropDuplicateUnmodelledRoutes(snapshot: Snapshot): void {
	const routes = snapshot.unmodelledRoutes;
	if (!routes || routes.length < 2) return;
	const at = new Map<string, number>();
	const kept: UnmodelledRoute[] = [];
	for (const route of routes) {
		const key = `${route.kind}\n${route.namespace}\n${route.name}`;
		const earlier = at.get(key);
		if (earlier === undefined) {
			at.set(key, kept.length);
			kept.push(route);
			continue;
		}
		kept[earlier] = route;
		snapshot.skipped.push({ origin: snapshot.origin.description, kind: route.kind, name: `${route.namespace}/${route.name}`, reason: 'read twice: the later copy is used, as kubectl apply leaves it' });
	}
	// Replaced, not changed in place: a mark taken during the read holds the old list by reference.
	if (kept.length < routes.length) snapshot.unmodelledRoutes = kept;
}

/** A duplicate names the file whose copy lost (the earlier one) and the one whose copy is used. */
function duplicateNote(snapshot: Snapshot, key: RecordListKey, kind: string, item: Meta, earlier: number, later: number): Snapshot['skipped'][number] {
	const lost = fileOf(snapshot, key, earlier);
	const won = fileOf(snapshot, key, later);
	const reason =
		won === undefined ? 'read twice: the later copy is used, as kubectl apply leaves it' : won === lost ? `read twice in ${won}: the later copy is used, as kubectl apply leaves it` : `read twice: the copy in ${won} is used (read later, as kubectl apply leaves it)`;
	return { origin: lost ?? snapshot.origin.description, kind, name: `${item.namespace}/${item.name}`, reason };
}

function describePaths(paths: string[]): string {
	const first = paths[0] === '-' ? stdinName : paths[0];
	return paths.length === 1 ? `files: ${first}` : `files: ${first} and ${paths.length - 1} more`;
}

export { readableKinds };
