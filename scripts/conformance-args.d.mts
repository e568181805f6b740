export declare const CONFORMANCE_USAGE: string;
export declare function parseConformanceArgs(
  argv: readonly string[],
  available: readonly string[],
): { cpus: number[]; runs: number; files: string[] };
