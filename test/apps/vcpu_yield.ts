// Directed yield (assembly/kernel/vcpu_yield.ts): a spinning CPU gives its host core away only
// while another CPU wants to run and is not running. CPU 1 is idle (blocked in its host wait)
// throughout; raising an interrupt bit on it WITHOUT the host's wake-up makes it a CPU that
// wants to run and does not: a starved sibling, by construction.
import { printk, k_busy_wait, arch_sched_directed_ipi, arch_num_cpus } from "wasmp";
import { cpu_addr } from "wasmp/assembly/arch/cpu";
import { CPU_PENDING, IRQ_IPI } from "wasmp/assembly/generated/layout";
import { z_vcpu_yield_count } from "wasmp/assembly/kernel/vcpu_yield";

const sink = memory.data(4, 4);

function spin(iterations: i32): u32 {
  const before = z_vcpu_yield_count();
  for (let i = 0; i < iterations; i++) atomic.add<u32>(sink, 1); // an app loop: safepoints
  return z_vcpu_yield_count() - before;
}

export function main(): i32 {
  if (arch_num_cpus() < 2) return 1;
  k_busy_wait(2000); // every other CPU has been blocked in its idle wait for a while
  const idle_siblings = spin(2000000);
  atomic.or<u32>(cpu_addr(1) + CPU_PENDING, IRQ_IPI); // pending, but CPU 1 was not woken
  const starved_sibling = spin(2000000);
  arch_sched_directed_ipi(1 << 1); // now wake it properly
  printk("yields: idle siblings " + idle_siblings.toString() + ", starved sibling " +
    (starved_sibling > 0 ? "some" : "none") + "\n");
  return 0;
}
