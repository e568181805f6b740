// Fatal errors (kernel/fatal.c, include/zephyr/fatal.h).
//
// z_fatal_error reports the error to the host (which prints Zephyr's ">>> ZEPHYR FATAL ERROR"
// lines with the reason, CPU and thread, in order with the console output). If the application registered a
// k_sys_fatal_error_handler, it is called; when it returns, the faulting thread is aborted
// (in an interrupt too, as Zephyr does), unless it is essential (then the machine halts).
// Without one, wasmp's default policy applies:
// - K_ERR_KERNEL_PANIC, a fault in interrupt context, or a fault of an essential thread
//   (main, idle) halts the whole machine, as Zephyr's default handler does;
// - any other fault (a trap, k_oops, a stack overflow) aborts only the faulting thread and
//   the rest of the machine goes on — Zephyr's behaviour under a handler that returns.

import {
  k_spinlock,
  k_thread,
  K_ERR_KERNEL_OOPS,
  K_ERR_KERNEL_PANIC,
  K_ESSENTIAL,
  K_IDLE_THREAD,
  _THREAD_DUMMY,
  Z_KERNEL_CONSOLE_SEQ,
} from "../generated/contract";
import { arch_curr_cpu, kernel } from "../arch/cpu";
import { host_fatal, host_system_halt } from "../arch/imports";
import { z_spin_release_all_held } from "./spinlock_validate";
import { z_thread_exit } from "./thread";
import { k_sys_fatal_error_handler_t, z_fatal_error_handler } from "./fatal_handler";

/**
 * Reports a fatal error of the current thread and ends it (or the machine). Never returns.
 * `msg` adds to what the reason says ("k_thread_create: out of memory"), or is empty.
 */
export function z_fatal_error(reason: i32, msg: string, lock: usize = 0): void {
  z_fatal_error_text(reason, changetype<usize>(msg), msg.length, lock);
}

/**
 * z_fatal_error with its message as `len` UTF-16 code units at `text` rather than a string, for
 * a message built where nothing can be allocated (an out-of-memory report: heap.ts). The host
 * reads it before this returns from host_fatal. Never returns.
 */
export function z_fatal_error_text(reason: i32, text: usize, len: i32, lock: usize = 0): void {
  const cpu = arch_curr_cpu();
  const t = changetype<k_thread>(cpu.current);
  // Ordering: the report is a console record too. Its number, taken as printk takes one,
  // puts it after every printk that completed before the error and before every later one
  // (the host prints records in number order; see printk.ts).
  const seq = atomic.add<u32>(changetype<usize>(kernel()), 1, Z_KERNEL_CONSOLE_SEQ);
  host_fatal(reason, changetype<usize>(t), lock, text, len, seq);
  const essential =
    t == null || (t.user_options & (K_ESSENTIAL | K_IDLE_THREAD)) != 0 || (t.thread_state & _THREAD_DUMMY) != 0;
  const h = z_fatal_error_handler();
  if (h != 0) {
    changetype<k_sys_fatal_error_handler_t>(h)(<u32>reason, 0);
    if (essential) {
      host_system_halt(reason);
      unreachable();
    }
  } else if (reason == K_ERR_KERNEL_PANIC || cpu.nested != 0 || essential) {
    host_system_halt(reason);
    unreachable();
  }
  t.fatal_reason = reason;
  arch_curr_cpu().nested = 0; // an aborted ISR does not return: leave interrupt context
  // The thread may die holding spinlocks (a trap inside a critical section): release them so
  // that the rest of the machine can go on. What they protected may be inconsistent.
  z_spin_release_all_held();
  cpu.irq_masked = 1;
  z_thread_exit();
}

/** A CONFIG_SPIN_VALIDATE assertion: a kernel panic that names the lock. */
export function z_spin_validate_fail(l: k_spinlock, msg: string): void {
  z_fatal_error(K_ERR_KERNEL_PANIC, msg, changetype<usize>(l));
}

/** k_oops: a fatal error of the calling thread (K_ERR_KERNEL_OOPS). */
export function k_oops(): void {
  z_fatal_error(K_ERR_KERNEL_OOPS, "k_oops");
}

/** k_panic: a fatal error that halts the machine (K_ERR_KERNEL_PANIC). */
export function k_panic(): void {
  z_fatal_error(K_ERR_KERNEL_PANIC, "k_panic");
}
