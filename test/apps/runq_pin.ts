// CONFIG_SCHED_CPU_MASK_PIN_ONLY (run with --cpus 4 --set CONFIG_SCHED_CPU_MASK_PIN_ONLY=y):
// threads pinned to CPUs 1..3 and one left at the default mask (CPU 0 under PIN_ONLY) run only
// on their CPU while they sleep, yield and spin; a mask change that would name two CPUs is
// -EINVAL, as is any change while the thread can run.
import {
  printk,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_join,
  k_thread_start,
  k_thread_cpu_pin,
  k_thread_cpu_mask_enable,
  k_thread_cpu_mask_enable_all,
  k_thread_cpu_mask_disable,
  k_current_get,
  k_msleep,
  k_yield,
  k_busy_wait,
  K_FOREVER,
} from "wasmp";

const ROUNDS = 40;
const stats = memory.data(64, 8); // per thread: [wrong CPU count, rounds run] as u32 pairs at i*8

function worker(idx: usize, want: usize, p3: usize): void {
  for (let i = 0; i < ROUNDS; i++) {
    if (<usize>arch_curr_cpu_id() != want) store<u32>(stats + idx * 8, load<u32>(stats + idx * 8) + 1);
    store<u32>(stats + idx * 8 + 4, i + 1);
    if (i % 3 == 0) k_msleep(1);
    else if (i % 3 == 1) k_yield();
    else k_busy_wait(200);
  }
}

export function main(): i32 {
  // A new thread's mask is CPU 0: enabling another CPU would make two.
  const t0 = k_thread_create(4096, worker, 0, 0, 0, 1, 0, K_FOREVER);
  const rcDefault = k_thread_cpu_mask_enable(t0, 1);
  const rcAll = k_thread_cpu_mask_enable_all(t0);
  const rcDisable = k_thread_cpu_mask_disable(t0, 0); // empty mask: allowed
  const rcPin = k_thread_cpu_pin(t0, 0); // back to CPU 0
  const ts = [t0];
  let two = "";
  for (let c = 1; c < 4; c++) {
    const t = k_thread_create(4096, worker, c, c, 0, 1, 0, K_FOREVER);
    k_thread_cpu_pin(t, 3); // repinning a thread that has not started is fine
    two += (c > 1 ? "," : "") + k_thread_cpu_mask_enable(t, c).toString(); // {3, c}: two CPUs unless c == 3
    if (k_thread_cpu_pin(t, c) != 0) return 2;
    ts.push(t);
  }
  for (let i = 0; i < 4; i++) k_thread_start(ts[i]);
  const rcRunning = k_thread_cpu_pin(k_current_get(), 1); // main is running
  for (let i = 0; i < 4; i++) k_thread_join(ts[i], K_FOREVER);
  let wrong: u32 = 0,
    rounds: u32 = 0;
  for (let i = 0; i < 4; i++) {
    wrong += load<u32>(stats + i * 8);
    rounds += load<u32>(stats + i * 8 + 4);
  }
  printk(
    `pin_only wrong=${wrong} rounds=${rounds} rc=${rcDefault},${rcAll},${rcDisable},${rcPin} two=${two} running=${rcRunning}\n`,
  );
  return wrong == 0 ? 0 : 1;
}
