// Typed errors of the TypeScript API. Each carries a stable `code`.

export type VmErrorCode =
  | "E_USAGE" // a bad command line (src/cli/command-line.ts)
  | "E_CONFIG" // a bad prj.conf line, --set value or board, or a configuration for another board or image
  | "E_BUILD" // the image did not compile
  | "E_IMAGE" // a .wasm that is not a wasmp image, or of another layout version
  | "E_NO_SHARED_MEMORY"
  | "E_CPU_CRASHED"; // a worker died outside the guest's fatal-error path

export class VmError extends Error {
  override readonly name = "VmError";
  readonly code: VmErrorCode;
  readonly cpu: number | undefined;
  /**
   * Every problem found, one line each ("prj.conf:3: ..."): a configuration error reports all
   * the problems of its input together. Otherwise the message alone.
   */
  readonly problems: readonly string[];
  constructor(
    code: VmErrorCode,
    message: string,
    opts: ErrorOptions & { cpu?: number; problems?: readonly string[] } = {},
  ) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.cpu = opts.cpu;
    this.problems = opts.problems ?? [message];
  }
}

/** An E_CONFIG error that reports all of `problems` (its message: one line each). */
export function configError(problems: readonly string[]): VmError {
  return new VmError("E_CONFIG", problems.join("\n"), { problems: [...problems] });
}
