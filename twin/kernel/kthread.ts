// Mirrors assembly/kernel/kthread.ts (kernel/include/kthread.h): the thread-state predicates
// and field accessors the twin's scheduler uses (current, thread_of_qnode,
// z_is_idle_thread_object, z_sched_prio_cmp, z_is_thread_ready, z_is_thread_queued,
// thread_is_preemptible). The thread-state and option bits themselves come from the contract
// (src/generated/contract.ts), as the kernel's do.

import {
  _cpu,
  k_thread,
  K_IDLE_THREAD,
  K_LOWEST_THREAD_PRIO,
  _THREAD_DEAD,
  _THREAD_DUMMY,
  _THREAD_PENDING,
  _THREAD_QUEUED,
  _THREAD_SLEEPING,
  _THREAD_SUSPENDED,
} from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";

/** The idle threads' priority: the lowest (assembly/kernel/init.ts gives it to every idle thread). */
export const K_IDLE_PRIO = K_LOWEST_THREAD_PRIO;

/** The bits that prevent a thread from running: pending, sleeping, dead, dummy or suspended. */
const NOT_READY = _THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED;

// --- field access ---------------------------------------------------------------------------

export const thread_state = (m: KernelMem, t: number): number => m.u32[(t + k_thread.thread_state) >> 2]!;
export const set_thread_state = (m: KernelMem, t: number, v: number): void => {
  m.u32[(t + k_thread.thread_state) >> 2] = v >>> 0;
};
export const thread_prio = (m: KernelMem, t: number): number => m.i32[(t + k_thread.prio) >> 2]!;
/** _current: this CPU's current thread. */
export const current = (m: KernelMem): number => m.u32[(m.cpuBase + _cpu.current) >> 2]!;
/** arch_curr_cpu().swap_ok = v. */
export const set_swap_ok = (m: KernelMem, v: number): void => {
  m.u32[(m.cpuBase + _cpu.swap_ok) >> 2] = v;
};

// --- predicates -----------------------------------------------------------------------------

/** thread_of_qnode: the qnode is embedded in k_thread at offset k_thread.qnode. */
export function thread_of_qnode(n: number): number {
  return n - k_thread.qnode;
}

export function z_is_thread_ready(m: KernelMem, t: number): boolean {
  return (thread_state(m, t) & NOT_READY) === 0;
}
export function z_is_thread_queued(m: KernelMem, t: number): boolean {
  return (thread_state(m, t) & _THREAD_QUEUED) !== 0;
}
export function z_is_idle_thread_object(m: KernelMem, t: number): boolean {
  return (m.u32[(t + k_thread.user_options) >> 2]! & K_IDLE_THREAD) !== 0;
}
/** memcmp-style: > 0 if t1 has the higher priority (numerically lower); i32 arithmetic. */
export function z_sched_prio_cmp(m: KernelMem, t1: number, t2: number): number {
  return (thread_prio(m, t2) - thread_prio(m, t1)) | 0;
}
/** Preemptible: non-negative priority and not holding k_sched_lock. */
export function thread_is_preemptible(m: KernelMem, t: number): boolean {
  return thread_prio(m, t) >= 0 && m.i32[(t + k_thread.sched_locked) >> 2] === 0;
}
