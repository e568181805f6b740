// Boot (kernel/init.c, kernel/smp.c, kernel/idle.c).
//
// CPU 0: z_cstart creates every CPU's idle and dummy threads and the main thread, then
// switches from its boot context (the dummy thread) to main. bg_thread_main runs z_smp_init,
// which starts the other CPUs one at a time through arch_cpu_start (the host routes the
// request to that CPU's worker) and then opens the start gate for all of them together,
// and finally calls the application's main().
//
// Other CPUs: the host calls z_arch_cpu_entry on the CPU's boot context, which runs the
// function passed to arch_cpu_start (smp_init_top): report ready, wait for the gate, start
// the local timer, enter the scheduler from the dummy thread.

import { z_init_static_threads } from "./static_threads";
import { z_init_work_queues } from "./work";
import { z_system_heap_init } from "./mempool";
import {
  k_thread,
  NO_DEADLINE,
  CPU_RUNNING,
  CPU_IDLE,
  K_ERR_KERNEL_PANIC,
  Z_KERNEL_READY_FLAG,
  Z_KERNEL_CPUS_ACTIVE,
  Z_KERNEL_CPU_START_FLAG,
  K_ESSENTIAL,
  K_IDLE_THREAD,
  _THREAD_DUMMY,
} from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, arch_num_cpus, cpu_at, kernel } from "../arch/cpu";
import { host_cpu_idle, host_cpu_start, host_main_exit, host_park } from "../arch/imports";
import { CONFIG_SMP, CONFIG_SCHED_IPI_SUPPORTED, CONFIG_SMP_BOOT_DELAY } from "./config";
import { sys_dlist_init } from "./dlist";
import { ready_thread_locked, sched_lock, z_swap_unlocked } from "./sched";
import { K_IDLE_PRIO } from "../api/misc";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { k_spinlock, SIZEOF_K_SPINLOCK } from "../generated/contract";
import { k_thread_entry_t, k_thread_name_set, z_thread_alloc } from "./thread";
import { k_busy_wait } from "./timeout";
import { z_irq_poll } from "./irq";
import { z_fatal_error } from "./fatal";

/** The application's main(), registered by the image's generated entry file. */
let app_main: (() => i32) | null = null;

export function z_set_main(fn: () => i32): void {
  app_main = fn;
}

/**
 * The smallest save area z_thread_alloc can be asked for (it allocates at least the default
 * stack size): the dummy thread never uses its own, it saves into the CPU's boot buffer.
 */
// @ts-ignore: decorator
@inline const DUMMY_STACK_SIZE: i32 = 16;
/** A CPU waiting for a boot flag re-checks it this often if never notified. */
// @ts-ignore: decorator
@inline const BOOT_FLAG_PARK_MS: f64 = 10;
/** Without IPIs, an idle CPU looks for new work this often (microseconds). */
// @ts-ignore: decorator
@inline const IDLE_POLL_US: u32 = 100;

/** Creates `id`'s idle thread and its boot context's dummy thread (z_init_cpu). */
function z_init_cpu(id: i32): void {
  const cpu = cpu_at(id);
  const k = kernel();
  const idle_t = z_thread_alloc(<i32>k.idle_stack_size);
  const dummy = z_thread_alloc(DUMMY_STACK_SIZE);
  if (idle_t == null || dummy == null) {
    z_fatal_error(K_ERR_KERNEL_PANIC, "out of memory creating the idle thread");
    return;
  }
  idle_t.entry = <u32>changetype<usize>(<k_thread_entry_t>idle);
  idle_t.prio = K_IDLE_PRIO;
  idle_t.user_options = K_IDLE_THREAD | K_ESSENTIAL;
  idle_t.cpu_mask = (<u32>1) << (<u32>id);
  idle_t.cpu = <u32>id;
  idle_t.thread_state = 0;
  idle_t.started = 1;
  k_thread_name_set(idle_t, "idle " + id.toString());
  // The dummy thread stands for the boot context: its save area is the CPU's boot buffer.
  dummy.thread_state = _THREAD_DUMMY;
  dummy.stack_buf = cpu.boot_buf;
  dummy.stack_size = cpu.boot_buf_size;
  dummy.cpu = <u32>id;
  dummy.cpu_mask = 0;
  k_thread_name_set(dummy, "dummy " + id.toString());
  cpu.idle_thread = changetype<usize>(idle_t);
  cpu.dummy_thread = changetype<usize>(dummy);
}

/** Marks this CPU as running its boot context (the dummy thread) with its timer off. */
function z_cpu_online(): void {
  const cpu = arch_curr_cpu();
  cpu.current = cpu.dummy_thread;
  cpu.timer_deadline = NO_DEADLINE;
  cpu.state = CPU_RUNNING;
  cpu.active = 1;
  atomic.add<u32>(changetype<usize>(kernel()) + Z_KERNEL_CPUS_ACTIVE, 1);
}

/** CPU 0's kernel entry (z_cstart). Never returns: it switches to main. */
export function z_cstart(): void {
  const k = kernel();
  sys_dlist_init(k.runq);
  sys_dlist_init(k.timeout_list);
  const n = CONFIG_SMP ? arch_num_cpus() : 1;
  for (let i = 0; i < n; i++) z_init_cpu(i);
  z_cpu_online();
  z_system_heap_init(); // CONFIG_HEAP_MEM_POOL_SIZE (Zephyr sets _system_heap up at PRE_KERNEL)
  const main_t = z_thread_alloc(<i32>k.main_stack_size);
  if (main_t == null) {
    z_fatal_error(K_ERR_KERNEL_PANIC, "out of memory creating main");
    return;
  }
  main_t.entry = <u32>changetype<usize>(<k_thread_entry_t>bg_thread_main);
  main_t.prio = k.main_prio;
  main_t.user_options = K_ESSENTIAL;
  k_thread_name_set(main_t, "main");
  k.main_thread = changetype<usize>(main_t);
  const key = k_spin_lock(sched_lock());
  main_t.thread_state = 0;
  main_t.started = 1;
  ready_thread_locked(main_t);
  k_spin_unlock(sched_lock(), key);
  z_swap_unlocked();
}

function bg_thread_main(p1: usize, p2: usize, p3: usize): void {
  // Zephyr: k_sys_work_q_init and K_WORK_QUEUE_DEFINE queues are POST_KERNEL init, which runs
  // before the other CPUs start: the work queue thread runs and pends on this CPU, and main
  // goes on here.
  z_init_work_queues();
  if (CONFIG_SMP && !CONFIG_SMP_BOOT_DELAY) z_smp_init();
  z_init_static_threads(); // Zephyr: after the SMP start, before main()
  const fn = app_main;
  const code = fn != null ? fn() : 0;
  const k = kernel();
  k.exit_code = code;
  k.main_done = 1;
  host_main_exit(code);
  // As Zephyr's bg_thread_main: main is essential only while main() runs.
  changetype<k_thread>(k.main_thread).user_options &= ~K_ESSENTIAL;
}

// --- SMP start ---------------------------------------------------------------------------

function wait_flag(offset: usize): void {
  const p = changetype<usize>(kernel()) + offset;
  while (atomic.load<u32>(p) == 0) host_park(p, 0, BOOT_FLAG_PARK_MS);
}

function set_flag(offset: usize, v: u32): void {
  const p = changetype<usize>(kernel()) + offset;
  atomic.store<u32>(p, v);
  atomic.notify(p, -1);
}

// struct cpu_start_cb { fn, arg, invoke_sched, reinit_timer } (kernel/smp.c): what
// smp_init_top runs, four u32 at these offsets. Only CPUs and this file read it, never the host.
// @ts-ignore: decorator
@inline const CPU_START_CB_FN: usize = 0;
// @ts-ignore: decorator
@inline const CPU_START_CB_ARG: usize = 4;
// @ts-ignore: decorator
@inline const CPU_START_CB_INVOKE_SCHED: usize = 8;
// @ts-ignore: decorator
@inline const CPU_START_CB_REINIT_TIMER: usize = 12;
// @ts-ignore: decorator
@inline const SIZEOF_CPU_START_CB: usize = 16;
const cpu_start_cb = memory.data(SIZEOF_CPU_START_CB, 4);
const cpu_start_lock = changetype<k_spinlock>(memory.data(SIZEOF_K_SPINLOCK, 16));

/** Starts CPU `id` and waits until it is up (start_cpu). `csc` is 0 for a boot-time start. */
function start_cpu(id: i32, csc: usize): void {
  set_flag(Z_KERNEL_READY_FLAG, 0);
  host_cpu_start(id, <u32>changetype<usize>(<(arg: usize) => void>smp_init_top), csc);
  wait_flag(Z_KERNEL_READY_FLAG);
}

/** z_smp_init: brings up CPUs 1..n-1, then releases them together. */
export function z_smp_init(): void {
  set_flag(Z_KERNEL_CPU_START_FLAG, 0);
  for (let i = 1; i < arch_num_cpus(); i++) start_cpu(i, 0);
  set_flag(Z_KERNEL_CPU_START_FLAG, 1);
}

/** Runs on the new CPU, in its boot context. */
function smp_init_top(arg: usize): void {
  // Copy the request: the starter may reuse cpu_start_cb once we report ready.
  const fn = arg != 0 ? load<u32>(arg, CPU_START_CB_FN) : 0;
  const fn_arg = arg != 0 ? load<u32>(arg, CPU_START_CB_ARG) : 0;
  const invoke_sched = arg == 0 || load<u32>(arg, CPU_START_CB_INVOKE_SCHED) != 0;
  set_flag(Z_KERNEL_READY_FLAG, 1); // "this CPU has powered up"
  wait_flag(Z_KERNEL_CPU_START_FLAG);
  if (invoke_sched) z_cpu_online();
  if (fn != 0) changetype<(a: usize) => void>(fn)(fn_arg);
  if (!invoke_sched) return; // resume without scheduling: the CPU stops
  z_swap_unlocked(); // let the scheduler pick a thread
}

function cpu_start_request(id: i32, fn: usize, arg: usize, reinit_timer: bool, invoke_sched: bool): void {
  const key = k_spin_lock(cpu_start_lock);
  store<u32>(cpu_start_cb, <u32>fn, CPU_START_CB_FN);
  store<u32>(cpu_start_cb, <u32>arg, CPU_START_CB_ARG);
  store<u32>(cpu_start_cb, invoke_sched ? 1 : 0, CPU_START_CB_INVOKE_SCHED);
  store<u32>(cpu_start_cb, reinit_timer ? 1 : 0, CPU_START_CB_REINIT_TIMER);
  set_flag(Z_KERNEL_CPU_START_FLAG, 1); // a single CPU: no need to gate
  start_cpu(id, cpu_start_cb);
  k_spin_unlock(cpu_start_lock, key);
}

/**
 * Starts CPU `id` at run time (CONFIG_SMP_BOOT_DELAY): it runs `fn(arg)` (if fn is not null)
 * and then enters the scheduler. Returns once the CPU is up.
 */
export function k_smp_cpu_start(id: i32, fn: ((arg: usize) => void) | null, arg: usize): void {
  cpu_start_request(id, fn != null ? changetype<usize>(fn) : 0, arg, true, true);
}

/**
 * Restarts CPU `id` (after it stopped): runs `fn(arg)`, then enters the scheduler only if
 * `invoke_sched`; otherwise the CPU stops again when fn returns. Its idle thread is kept.
 */
export function k_smp_cpu_resume(
  id: i32,
  fn: ((arg: usize) => void) | null,
  arg: usize,
  reinit_timer: bool,
  invoke_sched: bool,
): void {
  cpu_start_request(id, fn != null ? changetype<usize>(fn) : 0, arg, reinit_timer, invoke_sched);
}

/** The ≤ v3.4 form of k_smp_cpu_start(id, NULL, NULL). */
export function z_smp_start_cpu(id: i32): void {
  k_smp_cpu_start(id, null, 0);
}

/** The host's entry on a started secondary CPU: runs the arch_cpu_start function. */
export function z_arch_cpu_entry(): void {
  const cpu = arch_curr_cpu();
  const fn = changetype<(arg: usize) => void>(cpu.start_fn);
  fn(cpu.start_arg);
}

// --- idle --------------------------------------------------------------------------------

/** k_cpu_idle: sleeps until an interrupt, then takes it (interrupts end up unmasked). */
export function k_cpu_idle(): void {
  const cpu = arch_curr_cpu();
  cpu.state = CPU_IDLE;
  host_cpu_idle();
  cpu.state = CPU_RUNNING;
  arch_irq_unlock(0);
  z_irq_poll();
}

function idle(p1: usize, p2: usize, p3: usize): void {
  while (true) {
    if (CONFIG_SMP && !CONFIG_SCHED_IPI_SUPPORTED) {
      // Without IPIs an idle CPU cannot be told about new work: poll the scheduler.
      k_busy_wait(IDLE_POLL_US);
      z_swap_unlocked();
      continue;
    }
    arch_irq_lock();
    k_cpu_idle();
  }
}
