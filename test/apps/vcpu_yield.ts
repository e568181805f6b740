// Directed yield (assembly/kernel/vcpu_yield.ts): a spinning CPU gives its host core away only
// while another CPU wants to run and is not running. CPU 1 is idle (blocked in its host wait)
// throughout; raising an interrupt bit on it WITHOUT the host's wake-up makes it a CPU that
// wants to run and does not: a starved sibling, by construction.
import { printk, k_busy_wait, k_uptime_get, arch_sched_directed_ipi, arch_num_cpus } from "wasmp";
import { cpu_addr } from "wasmp/assembly/arch/cpu";
import { CPU_PENDING, CPU_HOST_WAITING, IRQ_IPI } from "wasmp/assembly/generated/contract";
import { z_vcpu_yield_count, z_vcpu_catch_up } from "wasmp/assembly/kernel/vcpu_yield";

const sink = memory.data(4, 4);

function spin(iterations: i32): u32 {
  const before = z_vcpu_yield_count();
  for (let i = 0; i < iterations; i++) atomic.add<u32>(sink, 1); // an app loop: safepoints
  return z_vcpu_yield_count() - before;
}

/** True once every other CPU blocks in its host wait with nothing pending (bounded: 5 s). */
function siblings_blocked(): bool {
  const end = k_uptime_get() + 5000;
  while (k_uptime_get() < end) {
    let all = true;
    for (let c = 1; c < arch_num_cpus(); c++) {
      if (atomic.load<u32>(cpu_addr(c) + CPU_HOST_WAITING) == 0 || atomic.load<u32>(cpu_addr(c) + CPU_PENDING) != 0)
        all = false;
    }
    if (all) return true;
    k_busy_wait(100);
  }
  return false;
}

export function main(): i32 {
  if (arch_num_cpus() < 2) return 1;
  if (!siblings_blocked()) {
    printk("the other CPUs never went idle\n");
    return 2;
  }
  k_busy_wait(1000); // their beats are now older than the 500 us limit, as a starved CPU's
  const idle_siblings = spin(2000000);
  let y = z_vcpu_yield_count();
  z_vcpu_catch_up(2000);
  const catch_up_idle = z_vcpu_yield_count() - y;
  atomic.or<u32>(cpu_addr(1) + CPU_PENDING, IRQ_IPI); // pending, but CPU 1 was not woken
  const starved_sibling = spin(2000000);
  // An idle CPU with no deadline still wakes every second (the idle wait's timeout) and would
  // take the bit: raise it again right before the catch-up.
  atomic.or<u32>(cpu_addr(1) + CPU_PENDING, IRQ_IPI);
  y = z_vcpu_yield_count();
  z_vcpu_catch_up(2000); // bounded: CPU 1 stays starved until we wake it
  const catch_up_starved = z_vcpu_yield_count() - y;
  arch_sched_directed_ipi(1 << 1); // now wake it properly
  printk(
    "yields: idle siblings " +
      idle_siblings.toString() +
      ", starved sibling " +
      (starved_sibling > 0 ? "some" : "none") +
      "\n",
  );
  printk(
    "catch-up: idle siblings " +
      catch_up_idle.toString() +
      ", starved sibling " +
      (catch_up_starved > 0 ? "some" : "none") +
      "\n",
  );
  return 0;
}
