// The overridable k_sys_fatal_error_handler. Zephyr lets an application define the function;
// AssemblyScript has no weak symbols, so the application registers it instead:
// `k_sys_fatal_error_handler_set(handler)` at top level (each CPU's start function runs it).

/** (reason, esf) => void. wasmp has no exception stack frame: esf is always 0. */
export type k_sys_fatal_error_handler_t = (reason: u32, esf: usize) => void;

let handler: usize = 0;

export function k_sys_fatal_error_handler_set(fn: k_sys_fatal_error_handler_t): void {
  handler = changetype<usize>(fn);
}

/** The registered handler, or 0 for wasmp's default policy. */
export function z_fatal_error_handler(): usize {
  return handler;
}
