// Exit codes of `wasmp run` (docs/cli.md). A normal run exits with main()'s return value
// (its low 8 bits); the others are chosen not to collide with small application codes.

/** Bad command line, prj.conf or --set value. */
export const EXIT_USAGE = 2;
/** The application did not compile. */
export const EXIT_BUILD = 3;
/** --timeout expired: the run hung; a dump of every CPU was printed. */
export const EXIT_TIMEOUT = 124;
/** The kernel halted the machine: k_panic, a fatal error in an essential thread or ISR. */
export const EXIT_HALT = 125;
/** The VM itself failed (a worker crashed outside the guest's fatal-error path). */
export const EXIT_CRASH = 126;

/** The exit code of a run whose main() returned `mainReturn`: its low 8 bits, as a process's. */
export function exitCodeOf(mainReturn: number): number {
  return mainReturn & 0xff;
}
