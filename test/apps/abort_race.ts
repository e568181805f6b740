// k_thread_abort from another CPU racing with the target suspending itself (k_sleep(K_FOREVER)
// is a self-suspend): the abort must win. It used to be lost when the target was flagged
// _THREAD_ABORTING while running and then suspended itself; the aborter then waited on the
// target's join queue forever.
import {
  printk,
  arch_num_cpus,
  k_busy_wait,
  k_sleep,
  k_thread_create,
  k_thread_join,
  k_thread_abort,
  k_thread_cpu_pin,
  k_thread_start,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  K_SECONDS,
} from "wasmp";

const ROUNDS = 3000;
const target_slot = memory.data(4, 4);

function target(p1: usize, p2: usize, p3: usize): void {
  k_busy_wait(<u32>p1); // 0..19 us, so that the abort lands before, during and after the suspend
  k_sleep(K_FOREVER);
}

function aborter(p1: usize, p2: usize, p3: usize): void {
  k_busy_wait(<u32>p1);
  k_thread_abort(changetype<k_tid_t>(load<usize>(target_slot)));
}

export function main(): i32 {
  if (arch_num_cpus() < 3) {
    printk("needs 3 CPUs\n");
    return 1;
  }
  let lost = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t = k_thread_create(1024, target, <usize>(i % 20), 0, 0, 1, 0, K_FOREVER);
    k_thread_cpu_pin(t, 1);
    store<usize>(target_slot, changetype<usize>(t));
    const a = k_thread_create(1024, aborter, <usize>((i * 7) % 20), 0, 0, 1, 0, K_FOREVER);
    k_thread_cpu_pin(a, 2);
    k_thread_start(t);
    k_thread_start(a);
    if (k_thread_join(a, K_SECONDS(1)) != 0) {
      lost++;
      k_thread_abort(t); // release the aborter
      k_thread_join(a, K_FOREVER);
    }
    k_thread_join(t, K_FOREVER);
  }
  printk(`abort_race rounds=${ROUNDS} lost=${lost}\n`);
  return lost == 0 ? 0 : 1;
}
