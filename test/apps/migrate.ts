// A thread blocks on CPU 1 and resumes on CPU 2 with its locals intact.
import {
  printk,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_join,
  k_thread_cpu_pin,
  K_FOREVER,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_msleep,
  k_thread_start,
} from "wasmp";

const go = K_SEM_DEFINE(0, 1);
const blocked = K_SEM_DEFINE(0, 1);
const out = memory.data(16, 4);

function traveller(p1: usize, p2: usize, p3: usize): void {
  const before = arch_curr_cpu_id();
  let a: i64 = 0x1234567890;
  // biome-ignore lint/style/useConst: locals the switch must carry across CPUs, kept mutable
  let b: f64 = 3.25;
  // biome-ignore lint/style/useConst: as above
  let s = "locals";
  for (let i = 0; i < 100; i++) a += i;
  k_sem_give(blocked);
  k_sem_take(go, K_FOREVER); // blocks here on CPU 1
  const after = arch_curr_cpu_id(); // resumes here on CPU 2
  store<u32>(out, before);
  store<u32>(out + 4, after);
  store<u32>(out + 8, a == 0x1234567890 + 4950 && b == 3.25 && s == "locals" ? 1 : 0);
}

export function main(): i32 {
  const t = k_thread_create(4096, traveller, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_cpu_pin(t, 1);
  k_thread_start(t);
  k_sem_take(blocked, K_FOREVER);
  k_msleep(2); // let it pend
  const r = k_thread_cpu_pin(t, 2); // allowed: it cannot run while pended
  k_sem_give(go);
  k_thread_join(t, K_FOREVER);
  printk(`before=${load<u32>(out)} after=${load<u32>(out + 4)} locals_ok=${load<u32>(out + 8)} pin=${r}\n`);
  return load<u32>(out) == 1 && load<u32>(out + 4) == 2 && load<u32>(out + 8) == 1 && r == 0 ? 0 : 1;
}
