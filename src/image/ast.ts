// Shared by the image builder's walks over asc's AST (transform.ts, app-checks.ts,
// counted-loops.ts).

/** Node fields a walk skips: back references and source positions, not child nodes. */
export const AST_SKIP_KEYS: ReadonlySet<string> = new Set(["range", "parent", "source", "flags", "decorators"]);
