/**
 * The numbers that shape live access, in one place. The defaults are for real clusters; tests
 * shrink them to run in milliseconds.
 */
export interface LiveTuning {
	/** Items per list page (kubectl's default chunk size). */
	pageSize: number;
	/** Connecting and answering, and each pause inside a list body. */
	requestTimeoutMs: number;
	/** Subscribers hear about watch events at most once per this many milliseconds. */
	batchMs: number;
	/**
	 * While a first read runs, its page counts reach subscribers at most this often: each one is a
	 * redraw, and at a page every 30 ms the redraws took a sixth of the thread reading the pages.
	 */
	progressMs: number;
	/**
	 * Once the Services are drawn, a first read builds a new snapshot (for the kinds read since)
	 * at most this often: each one is a new outline of every Service, a tenth of a second or more
	 * at 10,000 on the thread that reads the pods, and the rows change little until the pods and
	 * endpoints are in. Page counts still come at the progress pace.
	 */
	loadingRebuildMs: number;
	backoffBaseMs: number;
	backoffMaxMs: number;
	/** The server ends a watch after about this long (randomised ±50 %) and kubewire renews it. */
	watchTimeoutSeconds: number;
	/** A watch stream ending sooner than this counts as a failure (no hot reconnect loop). */
	minHealthyWatchMs: number;
	/** Non-interactive commands print progress lines only once loading has taken this long. */
	slowNoticeMs: number;
}

export const defaultTuning: LiveTuning = {
	pageSize: 500,
	requestTimeoutMs: 10_000,
	batchMs: 100,
	progressMs: 500,
	loadingRebuildMs: 2_000,
	backoffBaseMs: 1_000,
	backoffMaxMs: 30_000,
	watchTimeoutSeconds: 300,
	minHealthyWatchMs: 1_000,
	slowNoticeMs: 2_000,
};

export function tuningWith(overrides: Partial<LiveTuning> | undefined): LiveTuning {
	return { ...defaultTuning, ...overrides };
}
