/** Scoping lives in the model (model/scope.ts); re-exported for the reports that import it from here. */
export { inScope, type Scope } from '../model/scope.js';
