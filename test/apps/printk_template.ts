// printk of a template literal allocates nothing that outlives the call (the build-time
// rewrite into the z_printk_fmt chain, src/image/transform.ts): one worker pinned to each CPU
// prints LINES_PER_CPU template-literal lines, and the kernel heap holds exactly the same bytes
// before and after (test/printk_template.test.ts checks every line). Before that, main prints
// edge cases twice, through printk and through a template literal that AssemblyScript formats
// itself (a string, which printk writes as it is): the two must be the same text.
import {
  printk,
  snprintk,
  arch_num_cpus,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_cpu_pin,
  k_tid_t,
  K_SEM_DEFINE,
  K_SEM_MAX_LIMIT,
  k_sem_give,
  k_sem_take,
  K_FOREVER,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  z_heap_runtime_stats_get,
  z_heap_runtime_stats_reset_max,
  ATOMIC_DEFINE,
  atomic_add,
  atomic_get,
} from "wasmp";

const LINES_PER_CPU = 25000;
/** Each worker checks an snprintk of a template literal this often. */
const SNPRINTK_EVERY = 100;
const SNPRINTK_BUF = 64;

const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 8));
const snprintk_bufs = memory.data(SNPRINTK_BUF * 32);
const snprintk_bad = ATOMIC_DEFINE();
const wrong_cpu = ATOMIC_DEFINE();
const done = K_SEM_DEFINE(0, K_SEM_MAX_LIMIT);
const release = K_SEM_DEFINE(0, K_SEM_MAX_LIMIT);

class Point {
  constructor(
    public x: i32,
    public y: i32,
  ) {}
  toString(): string {
    return "(" + this.x.toString() + "," + this.y.toString() + ")";
  }
}

function worker_name(w: i32): string {
  switch (w & 3) {
    case 0:
      return "alpha";
    case 1:
      return "beta";
    case 2:
      return "gamma";
    default:
      return "delta";
  }
}

function cstr_len(p: usize): i32 {
  let n = 0;
  while (load<u8>(p + n) != 0) n++;
  return n;
}

/** Decimal digits of `i` (>= 0). */
function digits(i: i32): i32 {
  let n = 1;
  for (let v = i; v >= 10; v /= 10) n++;
  return n;
}

function worker(p1: usize, p2: usize, p3: usize): void {
  const w = <i32>p1;
  const name = worker_name(w);
  const nul: string | null = null;
  const buf = snprintk_bufs + <usize>w * SNPRINTK_BUF;
  if (arch_curr_cpu_id() != w) atomic_add(wrong_cpu, 1);
  for (let i = 0; i < LINES_PER_CPU; i++) {
    const big: u64 = u64.MAX_VALUE - <u64>i;
    const small = <i8>(i & 0xff);
    const f: f64 = <f64>i + 0.5;
    const h: f32 = <f32>i * 0.25;
    const ok = (i & 1) == 0;
    printk(`w${w} i=${i} neg=${-i} u64=${big} i8=${small} f=${f} h=${h} ok=${ok} s=${name} n=${nul}\n`);
    if (i % SNPRINTK_EVERY == 0) {
      // "i=<i>", cut to fit: the return value is the whole length, as C's snprintf.
      const n = snprintk(buf, SNPRINTK_BUF, `i=${i}`);
      if (n != 2 + digits(i) || cstr_len(buf) != n || load<u8>(buf) != 105) atomic_add(snprintk_bad, 1);
    }
  }
  k_sem_give(done);
  k_sem_take(release, K_FOREVER); // stay alive: a thread's exit frees memory
}

/** Each case twice: the printk chain, then AssemblyScript's own template literal (a string). */
function edge_cases(): void {
  const imin: i64 = i64.MIN_VALUE;
  const umax: u64 = u64.MAX_VALUE;
  const i8min: i8 = -128;
  const u16max: u16 = 65535;
  const isz: isize = -7;
  printk(`edge1|${imin}|${umax}|${i8min}|${u16max}|${isz}|\n`);
  const s1 = `edge1|${imin}|${umax}|${i8min}|${u16max}|${isz}|\n`;
  printk(s1);
  const nan = NaN;
  const inf = Infinity;
  const ninf = -Infinity;
  const nzero = -0.0;
  const e21 = 1e21;
  const tiny = 1.2e-7;
  const third = 1.0 / 3.0;
  const two = 2.0;
  const f1: f32 = 0.1;
  const f2: f32 = 16777216.0;
  const f3: f32 = f32.MAX_VALUE;
  const f4: f32 = -1.5e-10;
  printk(`edge2|${nan}|${inf}|${ninf}|${nzero}|${e21}|${tiny}|${third}|${two}|${f1}|${f2}|${f3}|${f4}|\n`);
  const s2 = `edge2|${nan}|${inf}|${ninf}|${nzero}|${e21}|${tiny}|${third}|${two}|${f1}|${f2}|${f3}|${f4}|\n`;
  printk(s2);
  const yes = true;
  const no = false;
  const text = "na\u00efve \ud83d\ude00";
  const empty = "";
  printk(`edge3|${yes}|${no}|${text}|${empty}|\n`);
  const s3 = `edge3|${yes}|${no}|${text}|${empty}|\n`;
  printk(s3);
  const pt = new Point(30, -400);
  const arr: i32[] = [1, 2, 3];
  printk(`edge4|${pt}|${arr}|\n`);
  const s4 = `edge4|${pt}|${arr}|\n`;
  printk(s4);
  // null references print "null" (AssemblyScript's template literal does the same).
  const nstr: string | null = null;
  const npt: Point | null = null;
  printk(`null|${nstr}|${npt}|\n`);
  const s6 = `null|${nstr}|${npt}|\n`;
  printk(s6);
  // A template literal is not a format: `%` is printed as it is. What it interpolates is
  // rewritten too: `__LINE__`, a nested template literal.
  const a = 42;
  printk(`pct|${a}%d 100%|\n`);
  printk(`line|${__LINE__}|${`in${a}`}|\n`);
  // snprintk of a template literal: UTF-8, NUL-terminated, returns the bytes the text needs.
  const buf = snprintk_bufs;
  const n = snprintk(buf, SNPRINTK_BUF, `${umax}|${third}|${text}`);
  printk("edge5|%d|%s|\n", n, String.UTF8.decodeUnsafe(buf, cstr_len(buf)));
  const s5 = `${umax}|${third}|${text}`;
  printk("edge5|%d|%s|\n", String.UTF8.byteLength(s5), s5);
  const cut = snprintk(buf, 5, `${a}${a}${a}`);
  printk("cut|%d|%s|\n", cut, buf);
}

function allocated(): u32 {
  z_heap_runtime_stats_get(stats);
  return stats.allocated_bytes;
}

export function main(): i32 {
  edge_cases();
  const n = arch_num_cpus();
  const workers = new StaticArray<k_tid_t>(n);
  for (let w = 0; w < n; w++) {
    const t = k_thread_create(8192, worker, <usize>w, 0, 0, 1, 0, K_FOREVER);
    k_thread_cpu_pin(t, w);
    workers[w] = t;
  }
  // From here until `after`, only printk and snprintk run (and the scheduler).
  const before = allocated();
  z_heap_runtime_stats_reset_max();
  for (let w = 0; w < n; w++) k_thread_start(workers[w]);
  for (let w = 0; w < n; w++) k_sem_take(done, K_FOREVER);
  const after = allocated();
  const peak = stats.max_allocated_bytes;
  for (let w = 0; w < n; w++) k_sem_give(release);
  for (let w = 0; w < n; w++) k_thread_join(workers[w], K_FOREVER);
  printk(
    `heap before=${before} after=${after} peak=${peak} lines=${n * LINES_PER_CPU} snprintk_bad=${atomic_get(snprintk_bad)} wrong_cpu=${atomic_get(wrong_cpu)}\n`,
  );
  return 0;
}
