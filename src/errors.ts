// Typed errors of the TypeScript API. Each carries a stable `code`.

export type VmErrorCode =
  | "E_USAGE" // a bad command line (src/cli/command-line.ts)
  | "E_CONFIG" // a bad prj.conf line, --set value or board, or a configuration for another board
  | "E_BUILD" // the image did not compile
  | "E_IMAGE" // a .wasm that is not a wasmp image, or of another layout version
  | "E_NO_SHARED_MEMORY"
  | "E_CPU_CRASHED"; // a worker died outside the guest's fatal-error path

export class VmError extends Error {
  override readonly name = "VmError";
  readonly code: VmErrorCode;
  readonly cpu: number | undefined;
  constructor(code: VmErrorCode, message: string, opts: ErrorOptions & { cpu?: number } = {}) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.cpu = opts.cpu;
  }
}
