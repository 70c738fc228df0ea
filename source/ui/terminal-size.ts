/**
 * The terminal's size, following resizes. Ink 6 has no hook for this; reading stdout's
 * columns/rows on its 'resize' event is what Ink itself does for its own layout.
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { TerminalSize } from './frame.js';

function read(stdout: NodeJS.WriteStream): TerminalSize {
	return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	const { stdout } = useStdout();
	const [size, setSize] = useState(() => fixed ?? read(stdout));
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
