// Every host import of the image, in one place. The host side is src/cpu/imports.ts; the
// module name "wasmp" is the ABI. Only arch_switch may unwind (asyncify-imports).

/** Saves the running context and resumes `new_handle`. The host stores the old context's
 *  handle through `old_switch_handle` AFTER the context is fully saved (Zephyr's contract). */
// @ts-ignore: decorator
@external("wasmp", "arch_switch")
export declare function arch_switch(new_handle: usize, old_switch_handle: usize): void;

/** Host monotonic time in nanoseconds since the machine's epoch. */
// @ts-ignore: decorator
@external("wasmp", "now_ns")
export declare function host_now_ns(): f64;

/** Parks this host thread until the u32 at `addr` is notified or no longer `expected`. */
// @ts-ignore: decorator
@external("wasmp", "park")
export declare function host_park(addr: usize, expected: u32, timeout_ms: f64): void;

/** Low-power idle: blocks until this CPU has a pending interrupt or its timer deadline. */
// @ts-ignore: decorator
@external("wasmp", "cpu_idle")
export declare function host_cpu_idle(): void;

/** Raises IRQ_IPI on every CPU in `mask` (the calling CPU is skipped) and wakes them. */
// @ts-ignore: decorator
@external("wasmp", "sched_ipi")
export declare function arch_sched_directed_ipi(mask: u32): void;

/** Asks the host to start CPU `cpu`, which will call the function-table entry `fn`(arg). */
// @ts-ignore: decorator
@external("wasmp", "cpu_start")
export declare function host_cpu_start(cpu: i32, fn: u32, arg: usize): void;

/** Reports a fatal error (Zephyr's z_fatal_error log). */
// @ts-ignore: decorator
@external("wasmp", "fatal")
export declare function host_fatal(reason: i32, thread: usize, lock: usize, msg: usize, msg_len: i32): void;

/** Stops the whole machine (arch_system_halt). Never returns. */
// @ts-ignore: decorator
@external("wasmp", "system_halt")
export declare function host_system_halt(reason: i32): void;

/** main() returned `code`: the run is over. */
// @ts-ignore: decorator
@external("wasmp", "main_exit")
export declare function host_main_exit(code: i32): void;
