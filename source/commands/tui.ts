import { notLanded } from './not-landed.js';

/** The interactive TUI. STUB until the TUI issue lands. */
export const runTui = notLanded('kubewire', 'the interactive TUI (use `kubewire check` or `kubewire services`)');
