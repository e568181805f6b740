// Shared by the fault apps (test/faults.test.ts): runs one faulting thread at a time pinned to
// CPU 1 while a ticker thread counts on CPU 0, and prints what happened as one line:
//
//   <name>: joined=<k_thread_join's result> state=<k_thread_state_str> after_fault=<0|1>
//     cpu1_runs=<0|1> ticker_goes_on=<0|1>
//
// after_fault is 1 if the faulting thread ran past its fault (it must not); cpu1_runs is 1 if a
// new thread pinned to CPU 1 ran after the fault; ticker_goes_on is 1 if the ticker counted on
// after the fault (waited for at most 2 s). Needs 2 CPUs.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_thread_cpu_pin,
  k_thread_start,
  k_thread_state_str,
  k_thread_entry_t,
  k_tid_t,
  k_msleep,
  K_FOREVER,
  K_MSEC,
} from "wasmp";

const ticks = memory.data(4, 4);
const ticker_stop = memory.data(4, 4);
const reached = memory.data(4, 4);
const probe_ran = memory.data(4, 4);
const state_buf = memory.data(32, 4);

const FAULTER_CPU = 1;
const TICKER_CPU = 0;
const WAIT_MS = 2000;

/** A faulting entry calls this after its fault: the harness reports it if it ever runs. */
export function fault_not_reached(): void {
  atomic.store<u32>(reached, 1);
  printk("not reached\n");
}

function ticker(p1: usize, p2: usize, p3: usize): void {
  while (atomic.load<u32>(ticker_stop) == 0) {
    atomic.add<u32>(ticks, 1);
    k_msleep(1);
  }
}

function probe(p1: usize, p2: usize, p3: usize): void {
  atomic.store<u32>(probe_ran, 1);
}

/** The ticker's k_tid_t: in memory (a top-level `let` would be one per CPU, and main migrates). */
const ticker_tid = memory.data(4, 4);

/** Starts the ticker on CPU 0. */
export function fault_harness_start(): void {
  const t = k_thread_create(4096, ticker, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t, "ticker");
  k_thread_cpu_pin(t, TICKER_CPU);
  k_thread_start(t);
  store<usize>(ticker_tid, changetype<usize>(t));
}

/** Runs `entry(p1)` in a thread named `name` with a save area of `stack` bytes on CPU 1, and reports. */
export function fault_run(name: string, entry: k_thread_entry_t, p1: usize, stack: i32 = 8192): void {
  atomic.store<u32>(reached, 0);
  atomic.store<u32>(probe_ran, 0);
  const t = k_thread_create(stack, entry, p1, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t, name);
  k_thread_cpu_pin(t, FAULTER_CPU);
  k_thread_start(t);
  const joined = k_thread_join(t, K_MSEC(WAIT_MS));
  const state = k_thread_state_str(t, state_buf, 32);
  const before = atomic.load<u32>(ticks);
  const p = k_thread_create(4096, probe, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_cpu_pin(p, FAULTER_CPU);
  k_thread_start(p);
  k_thread_join(p, K_MSEC(WAIT_MS));
  let waited = 0;
  while (atomic.load<u32>(ticks) == before && waited < WAIT_MS) {
    k_msleep(1);
    waited++;
  }
  const goes_on = atomic.load<u32>(ticks) != before ? 1 : 0;
  printk(
    name +
      ": joined=" +
      joined.toString() +
      " state=" +
      state +
      " after_fault=" +
      atomic.load<u32>(reached).toString() +
      " cpu1_runs=" +
      atomic.load<u32>(probe_ran).toString() +
      " ticker_goes_on=" +
      goes_on.toString() +
      "\n",
  );
}

/** Stops the ticker. */
export function fault_harness_stop(): void {
  atomic.store<u32>(ticker_stop, 1);
  k_thread_join(changetype<k_tid_t>(load<usize>(ticker_tid)), K_FOREVER);
}
