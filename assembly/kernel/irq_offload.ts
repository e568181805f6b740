// irq_offload (include/zephyr/irq_offload.h): runs a function in interrupt context on the
// current CPU, as if an interrupt had arrived, then takes the interrupt-exit path, which may
// switch away from the interrupted thread (for example if the function aborted it).

import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock } from "../arch/cpu";
import { z_irq_exit_switch } from "./sched";

export type irq_offload_routine_t = (arg: usize) => void;

export function irq_offload(routine: irq_offload_routine_t, arg: usize): void {
  const key = arch_irq_lock();
  const cpu = arch_curr_cpu();
  cpu.nested = cpu.nested + 1;
  routine(arg);
  arch_curr_cpu().nested = arch_curr_cpu().nested - 1;
  z_irq_exit_switch();
  arch_irq_unlock(key);
}
