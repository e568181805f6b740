// The image's host-facing exports: the only entry points the host calls (src/cpu/core.ts).
// Everything else is internal. The image builder generates an entry file that re-exports
// these together with the application's main.

import { k_thread } from "./generated/contract";
import { arch_cpu_set, arch_curr_cpu, kernel } from "./arch/cpu";
import { z_irq_init_cpu } from "./kernel/irq";
import {
  k_thread_entry_t,
  z_thread_entry_return,
  z_thread_fault,
  z_thread_make_runnable_to_die,
} from "./kernel/thread";
import { z_heap_alloc, z_heap_free, z_heap_realloc, z_rt_alloc_failed } from "./kernel/heap";
import { LAYOUT_VERSION } from "./generated/contract";
// __wasmp_object_name, which the image builder calls after each top-level K_*_DEFINE.
import "./kernel/obj_name";
export { z_cstart, z_arch_cpu_entry, z_set_main } from "./kernel/init";

/** Address of z_kernel (the host lays out the region there). */
export function z_kernel_base(): usize {
  return changetype<usize>(kernel());
}
export function z_layout_version(): u32 {
  return LAYOUT_VERSION;
}

/** Binds this instance to CPU `id`. Called once per instance before any other export. */
export function z_cpu_init(id: i32): void {
  arch_cpu_set(id);
  z_irq_init_cpu(id);
  arch_curr_cpu().id = <u32>id;
  arch_curr_cpu().irq_masked = 1; // a CPU starts with interrupts masked (arch_cpu_start)
}

/**
 * Runs thread `t` from its entry: called by the host the first time it switches to `t`, and
 * again (in asyncify rewind state) every time `t` resumes. Returning from entry ends `t`.
 */
export function z_thread_entry(t: k_thread): void {
  arch_curr_cpu().irq_masked = 0;
  changetype<k_thread_entry_t>(t.entry)(t.p1, t.p2, t.p3);
  z_thread_entry_return();
}

/** Entered by the host on a fresh context after `t` trapped: reports and ends the thread. */
export function z_thread_fault_entry(t: k_thread, reason: i32): void {
  z_thread_fault(reason);
}

/** The redirected AssemblyScript runtime allocator (see src/image/image.ts). */
export function z_rt_alloc(size: usize): usize {
  const p = z_heap_alloc(size);
  if (p == 0) z_rt_alloc_failed(size, false);
  return p;
}
export function z_rt_realloc(p: usize, size: usize): usize {
  const q = z_heap_realloc(p, size);
  if (q == 0) z_rt_alloc_failed(size, true);
  return q;
}
export function z_rt_free(p: usize): void {
  if (!z_heap_free(p)) abort("free of a pointer that is not a live heap block");
}

/**
 * A thread whose save area overflowed while it was switched out is "dead on arrival": the
 * host calls this (outside any context) so that the thread gets scheduled once more and dies
 * through the fatal-error path instead of staying blocked forever.
 */
export function z_thread_doa(t: k_thread): void {
  z_thread_make_runnable_to_die(t);
}
