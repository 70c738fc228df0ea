/**
 * The whole screen: header, the current screen's body (only the rows in the window are
 * rendered, whatever the list's length), and the footer. Always exactly `rows - 1` lines.
 */
import { Box } from 'ink';
import type { ReactElement } from 'react';
import { bodyLayout, minColumns, minRows, tooSmall, type TerminalSize } from '../frame.js';
import { displayWidth, fitLine, lineText, padLine, seg, type Line } from '../lines.js';
import type { ScreenModel, TableScreen, TextScreen } from '../screens/screen-model.js';
import { positionText } from '../chrome.js';
import { scrollTop, visibleWindow } from '../state/window.js';
import type { View } from '../state/ui-state.js';
import type { Theme } from '../theme.js';
import { LineText } from './LineText.js';

export interface FrameProps {
	size: TerminalSize;
	theme: Theme;
	header: Line;
	footer: Line;
	model: ScreenModel;
	view: View;
	/** Replaces the body (first load in progress). */
	body?: Line[];
}

/** The screen's title with the position (`12-30/400`) at the right edge; the title gives way, not the position. */
function titleWith(title: Line, position: string, width: number): Line {
	if (!position) return title;
	const room = width - position.length - 2;
	const fitted = fitLine(title, Math.max(0, room));
	const used = displayWidth(lineText(fitted));
	return [...fitted, seg(' '.repeat(Math.max(2, width - used - position.length))), seg(position, 'muted')];
}

function tableBody(model: TableScreen, view: View, size: TerminalSize) {
	const layout = bodyLayout(size, model);
	const win = visibleWindow(view.selected, view.offset, layout.window, model.count);
	const lines: { line: Line; selected?: boolean }[] = [{ line: model.header }];
	if (model.count === 0) lines.push({ line: [seg(`  ${model.empty}`, 'muted')] });
	for (let i = win.start; i < win.end; i++) lines.push({ line: model.row(i, i === win.selected), selected: i === win.selected });
	if (layout.preview > 0) {
		// Rows the table does not fill go to the preview: a long finding is read whole when there is room.
		const room = layout.preview - 1 + (1 + layout.window - lines.length);
		const preview = win.selected >= 0 && model.preview ? model.preview(win.selected, size.columns - 2) : [];
		const rule: Line = [seg('─'.repeat(size.columns), 'muted')];
		const cut = preview.length > room;
		const kept = preview.slice(0, room).map((l): Line => [seg(' '), ...l]);
		// A preview cut short says so, rather than stop mid-sentence.
		if (cut && kept.length > 0) kept[kept.length - 1] = [...kept[kept.length - 1]!, seg('…', 'muted')];
		const shown = [rule, ...kept];
		while (shown.length < room + 1) shown.push([]);
		lines.push(...shown.map((line) => ({ line })));
	}
	while (lines.length < 1 + layout.window + layout.preview) lines.push({ line: [] });
	return { lines, position: positionText(win.start, win.end, model.count) };
}

function textBody(model: TextScreen, view: View, size: TerminalSize) {
	const layout = bodyLayout(size, model);
	const top = scrollTop(view.offset, layout.window, model.lines.length);
	const end = Math.min(model.lines.length, top + layout.window);
	const lines = model.lines.slice(top, end).map((line) => ({ line, selected: false }));
	while (lines.length < layout.window) lines.push({ line: [], selected: false });
	const position = model.lines.length > layout.window ? `lines ${positionText(top, end, model.lines.length)}` : '';
	return { lines, position };
}

export function Frame({ size, theme, header, footer, model, view, body }: FrameProps): ReactElement {
	const width = size.columns;
	if (tooSmall(size)) {
		return (
			<Box flexDirection="column" width={width}>
				<LineText line={[seg(`terminal too small: kubewire needs ${minColumns}x${minRows}`, 'warning')]} width={width} theme={theme} />
			</Box>
		);
	}
	const layout = bodyLayout(size, model);
	const drawn = body
		? { lines: [...body, ...Array.from({ length: Math.max(0, layout.body - body.length) }, (): Line => [])].slice(0, layout.body).map((line) => ({ line, selected: false })), position: '' }
		: model.kind === 'table'
			? tableBody(model, view, size)
			: textBody(model, view, size);
	return (
		<Box flexDirection="column" width={width}>
			<LineText line={header} width={width} theme={theme} />
			<LineText line={titleWith(model.title, drawn.position, width)} width={width} theme={theme} />
			{drawn.lines.map(({ line, selected }, i) => (
				<LineText key={i} line={selected ? padLine(line, width) : line} width={width} theme={theme} inverse={selected} />
			))}
			<LineText line={footer} width={width} theme={theme} />
		</Box>
	);
}
