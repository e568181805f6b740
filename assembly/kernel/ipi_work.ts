// IPI work items (kernel/ipi.c, k_ipi_work_*): run a function in IPI context on a set of other
// CPUs. k_ipi_work_add queues the item on each target CPU's list and flags the IPIs (it does
// not send them); k_ipi_work_signal sends; each target runs the function from its scheduling
// IPI handler and posts its bit to the item's event, which k_ipi_work_wait waits for.
// Lock: kernel().ipi_lock protects the per-CPU lists and the item's bitmask.

import {
  k_ipi_work,
  sys_dnode,
  SIZEOF_SYS_DNODE,
  K_IPI_WORK_NODE,
  K_IPI_WORK_NODE_COUNT,
  MAX_CPUS,
  EBUSY,
  EAGAIN,
} from "../generated/contract";
import { arch_curr_cpu, arch_num_cpus, cpu_at, cpu_id, kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { sys_dlist_append, sys_dlist_peek_head, sys_dlist_remove } from "./dlist";
import { k_event_init, k_event_post, k_event_set, k_event_wait_all } from "./event";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { flag_ipi, signal_pending_ipi } from "./ipi";
import { CONFIG_SMP, CONFIG_SCHED_IPI_SUPPORTED } from "./config";

export type k_ipi_func_t = (work: k_ipi_work) => void;

export function k_ipi_work_init(work: k_ipi_work): void {
  k_event_init(work.event);
  for (let i = 0; i < K_IPI_WORK_NODE_COUNT; i++) work.node_at(i).next = 0;
  work.bitmask = 0;
}

/**
 * Queues `func` to run on every CPU in `cpu_bitmask` but this one, at their next scheduling
 * IPI. Returns 0, or -EBUSY if the item's previous use has not finished on every CPU.
 * The IPIs are flagged, not sent: call k_ipi_work_signal().
 */
export function k_ipi_work_add(work: k_ipi_work, cpu_bitmask: u32, func: k_ipi_func_t): i32 {
  const k = kernel();
  const key = k_spin_lock(k.ipi_lock);
  if (k_event_wait_all(work.event, work.bitmask, false, K_NO_WAIT) != work.bitmask) {
    k_spin_unlock(k.ipi_lock, key);
    return -EBUSY;
  }
  const n = arch_num_cpus();
  const all: u32 = n >= MAX_CPUS ? 0xffffffff : ((<u32>1) << (<u32>n)) - 1;
  const mask = cpu_bitmask & all & ~((<u32>1) << (<u32>cpu_id));
  k_event_set(work.event, 0);
  work.func = <u32>changetype<usize>(func);
  work.bitmask = mask;
  for (let i = 0; i < n; i++) {
    if ((mask & ((<u32>1) << (<u32>i))) == 0) continue;
    sys_dlist_append(cpu_at(i).ipi_workq, work.node_at(i));
  }
  flag_ipi(mask);
  k_spin_unlock(k.ipi_lock, key);
  return 0;
}

/** Sends the IPIs flagged by k_ipi_work_add (signal_pending_ipi). */
export function k_ipi_work_signal(): void {
  signal_pending_ipi();
}

/** Waits until every target CPU has run the item. Returns 0, or -EAGAIN on timeout. One waiter at a time. */
export function k_ipi_work_wait(work: k_ipi_work, timeout: k_timeout_t): i32 {
  const want = work.bitmask;
  return k_event_wait_all(work.event, want, false, timeout) == want ? 0 : -EAGAIN;
}

/** From the scheduling IPI handler: runs every item queued for this CPU (ipi_work_process). */
export function z_ipi_work_process(): void {
  if (!CONFIG_SMP || !CONFIG_SCHED_IPI_SUPPORTED) return;
  const k = kernel();
  const list = arch_curr_cpu().ipi_workq;
  while (true) {
    const key = k_spin_lock(k.ipi_lock);
    const n = sys_dlist_peek_head(list);
    if (n == 0) {
      k_spin_unlock(k.ipi_lock, key);
      return;
    }
    sys_dlist_remove(changetype<sys_dnode>(n));
    // node[cpu_id] is at K_IPI_WORK_NODE + cpu_id * SIZEOF_SYS_DNODE in its item.
    const work = changetype<k_ipi_work>(n - K_IPI_WORK_NODE - <usize>cpu_id * SIZEOF_SYS_DNODE);
    k_spin_unlock(k.ipi_lock, key);
    changetype<k_ipi_func_t>(work.func)(work);
    k_event_post(work.event, (<u32>1) << (<u32>cpu_id));
  }
}
