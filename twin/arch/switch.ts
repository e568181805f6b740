// Mirrors the host's half of the switch-handle protocol: CpuCore.publish in src/cpu/core.ts
// (the host answers arch_switch, assembly/arch/imports.ts, by saving the old context and then
// publishing its handle). The kernel's half, z_sched_switch_spin and switch_to_locked's
// hand-over, is twin/kernel/sched.ts.
//
// The CPU that switched a thread out publishes it with Atomics.store then Atomics.notify on
// k_thread.switch_handle, only AFTER the save (Zephyr: "this store must be done AFTER all
// relevant state is saved"); a CPU waiting in z_sched_switch_spin then takes it.

import { k_thread } from "../../src/generated/contract.js";
import type { KernelMem } from "./cpu.js";

/** The host's publish: `old` is fully saved; store its handle (itself) and wake waiters. */
export function publish_switch_handle(m: KernelMem, old: number): void {
  const p = (old + k_thread.switch_handle) >> 2;
  Atomics.store(m.i32, p, old | 0);
  Atomics.notify(m.i32, p);
}
