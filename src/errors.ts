// Typed errors of the TypeScript API. Each carries a stable `code`; guest errno values never
// escape as bare numbers (checkErrno turns them into E_GUEST_ERRNO).

export type VmErrorCode =
  | "E_CONFIG"          // a bad prj.conf line, --set value or board option
  | "E_BUILD"           // the image did not compile
  | "E_IMAGE"           // a .wasm that is not a wasmp image, or of another layout version
  | "E_NO_SHARED_MEMORY"
  | "E_CPU_CRASHED"     // a worker died outside the guest's fatal-error path
  | "E_GUEST_ERRNO";

export class VmError extends Error {
  override readonly name = "VmError";
  readonly code: VmErrorCode;
  readonly cpu: number | undefined;
  readonly errno: number | undefined;
  constructor(code: VmErrorCode, message: string, opts: ErrorOptions & { cpu?: number; errno?: number } = {}) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.cpu = opts.cpu;
    this.errno = opts.errno;
  }
}

/** Throws E_GUEST_ERRNO for a negative errno return; returns `ret` otherwise. */
export function checkErrno(ret: number, what: string): number {
  if (ret < 0) throw new VmError("E_GUEST_ERRNO", `${what} failed with errno ${-ret}`, { errno: -ret });
  return ret;
}
