// K_THREAD_DEFINE: threads defined at top level start at boot before main(), after their
// delay, or (SYS_FOREVER_MS) only when k_thread_start starts them. Prints one result line.
import {
  printk,
  K_THREAD_DEFINE,
  SYS_FOREVER_MS,
  k_thread_join,
  k_thread_start,
  k_thread_name_get,
  k_thread_priority_get,
  k_uptime_get,
  K_FOREVER,
} from "wasmp";

// ran[i]: uptime in ms + 1 when thread i started (0: not yet); p1 is the index.
const ran = memory.data(4 * 8, 8);
const main_start = memory.data(8, 8);

function worker(i: usize, p2: usize, p3: usize): void {
  store<i64>(ran + i * 8, k_uptime_get() + 1);
}

const a = K_THREAD_DEFINE(4096, worker, 0, 0, 0, 3, 0, 0, "static_a");
const b = K_THREAD_DEFINE(4096, worker, 1, 0, 0, 4, 0, 50, "static_b");
const c = K_THREAD_DEFINE(4096, worker, 2, 0, 0, 5, 0, SYS_FOREVER_MS, "static_c");

export function main(): i32 {
  store<i64>(main_start, k_uptime_get());
  const created =
    k_thread_name_get(a) == "static_a" && k_thread_name_get(b) == "static_b" && k_thread_priority_get(c) == 5;
  k_thread_join(a, K_FOREVER);
  k_thread_join(b, K_FOREVER);
  const c_waited = load<i64>(ran + 16) == 0; // b started after 50 ms; c must still wait for k_thread_start
  k_thread_start(c);
  k_thread_join(c, K_FOREVER);
  const b_at = load<i64>(ran + 8) - 1;
  printk(
    "static threads: created " +
      (created ? "yes" : "no") +
      " a_ran " +
      (load<i64>(ran) != 0 ? "yes" : "no") +
      // b's delay counts from z_init_static_threads, just before main(): b starts 50 ms after
      // that, which main_start can only follow (by as much as the host stalls this vCPU: in CI
      // once more than 1 ms). Without the delay b would run when main first blocks, at once.
      " b_after_50ms " +
      (b_at >= load<i64>(main_start) + 25 ? "yes" : "no (" + (b_at - load<i64>(main_start)).toString() + " ms)") +
      " c_waited " +
      (c_waited ? "yes" : "no") +
      " c_ran " +
      (load<i64>(ran + 16) != 0 ? "yes" : "no") +
      "\n",
  );
  return 0;
}
