// Mirrors z_abort_timeout_locked of assembly/kernel/timeout.ts (kernel/timeout.c): the one
// timeout operation the twin needs (halt_thread_locked and z_sched_wake_locked cancel a
// thread's timeout). Lock: the caller holds sched_lock, as in the kernel.

import { errno, _timeout } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import { sys_dlist_remove, sys_dnode_is_linked } from "./dlist.js";

/** Unlinks the timeout at `to` from the timeout list. @returns 0, or -EINVAL if it was not linked. */
export function z_abort_timeout_locked(m: KernelMem, to: number): number {
  if (!sys_dnode_is_linked(m, to + _timeout.node)) return -errno.EINVAL;
  sys_dlist_remove(m, to + _timeout.node);
  m.u32[(to + _timeout.fn) >> 2] = 0;
  return 0;
}
