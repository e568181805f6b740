// Directed yield: relief for virtual CPUs that the host does not run.
//
// Virtual CPUs are host threads, and a host with fewer cores than virtual CPUs runs only some
// of them at a time. A virtual CPU that spins (a guest `while (!flag) {}`, an ISR waiting for
// another CPU, k_busy_wait) then holds a host core that a sibling needs: the CPU it waits
// for, or an idle CPU that was just sent an IPI. Hypervisors meet this with pause-loop exits
// and directed yield (KVM's kvm_vcpu_on_spin): a spinning vCPU gives its physical CPU to a
// preempted sibling. wasmp does the same at its safepoints:
//
// - every CPU that runs stamps _cpu.beat (host clock, us) at least every VCPU_CHECK_EVERY
//   safepoints; the host marks _cpu.host_waiting while the CPU's thread blocks in
//   Atomics.wait (idle, parked lock waiter, a yield);
// - a CPU is starved when it is started, not blocked, and has not stamped its beat for
//   z_kernel.vcpu_yield_us (CONFIG_WASMP_VCPU_YIELD_US), or when it has been blocked with an
//   interrupt pending (woken, not yet running) for that long;
// - at most every VCPU_SCAN_US a running CPU looks for a starved sibling and, if it finds
//   one, blocks its own host thread for VCPU_YIELD_MS (woken early by an interrupt for it),
//   so that the host can run the sibling; while every look finds one, the looks back off
//   (doubling up to VCPU_SCAN_MAX_US), which bounds what a CPU loses to a sibling that only
//   looks starved;
// - z_vcpu_catch_up: a CPU that has just seen another CPU finish something it waited for
//   (thread_halt_spin) first lets starved siblings run, for at most 2 ms.
//
// The guest sees a safepoint that took longer, as if its CPU had been descheduled, which a
// host may do at any moment anyway. Nothing else changes: no guest state is touched.

import {
  CPU_BEAT,
  CPU_HOST_WAITING,
  CPU_PENDING,
  CPU_STATE,
  CPU_RUNNING,
  CPU_IDLE,
  MAX_CPUS,
} from "../generated/contract";
import { cpu_at, cpu_id, kernel } from "../arch/cpu";
import { host_now_ns, host_park } from "../arch/imports";

/** Safepoints between two beats of a CPU that runs (app loops without kernel calls). */
// @ts-ignore: decorator
@inline export const VCPU_CHECK_EVERY: u32 = 64;
/** A running CPU looks for starved siblings at most this often... */
// @ts-ignore: decorator
@inline const VCPU_SCAN_US: u32 = 50;
/** ...and backs off, doubling the gap up to this, while every look finds one (a sibling
 *  that stays "starved" may just run long kernel code without safepoints). */
// @ts-ignore: decorator
@inline const VCPU_SCAN_MAX_US: u32 = 5000;
/** How long a yielding CPU blocks its host thread. */
// @ts-ignore: decorator
@inline const VCPU_YIELD_MS: f64 = 0.1;

/** A lock holder's CPU counts as running if it stamped its beat this recently. */
// @ts-ignore: decorator
@inline const VCPU_HOLDER_FRESH_US: u32 = 50;

/** Per CPU (a Wasm global per instance): safepoints left before the next beat. */
let vcpu_countdown: u32 = VCPU_CHECK_EVERY;
let last_scan: u32 = 0;
let scan_gap: u32 = VCPU_SCAN_US;
let yields: u32 = 0;

/** How many times this CPU has yielded its host core to a starved sibling (wasmp-specific). */
export function z_vcpu_yield_count(): u32 {
  return yields;
}

/** Called at every safepoint. */
// @ts-ignore: decorator
@inline export function z_vcpu_tick(): void {
  if (--vcpu_countdown == 0) z_vcpu_beat();
}

/** The slow path of a safepoint: stamp this CPU's beat and maybe yield. */
export function z_vcpu_beat(): void {
  vcpu_countdown = VCPU_CHECK_EVERY;
  z_vcpu_beat_at(now_us());
}

/** As z_vcpu_beat, with the host clock already read (k_busy_wait reads it anyway). */
export function z_vcpu_beat_at(now_us: u32): void {
  const me = changetype<usize>(cpu_at(cpu_id));
  atomic.store<u32>(me, now_us, CPU_BEAT);
  const limit = kernel().vcpu_yield_us;
  if (limit == 0 || now_us - last_scan < scan_gap) return;
  last_scan = now_us;
  if (!sibling_starved(now_us, limit)) {
    scan_gap = VCPU_SCAN_US;
    return;
  }
  scan_gap = min(scan_gap << 1, VCPU_SCAN_MAX_US);
  yield_host(me, true);
}

/** The host clock in microseconds (wraps; compare differences only). */
// @ts-ignore: decorator
@inline function now_us(): u32 {
  return <u32>(<u64>host_now_ns() / 1000);
}

/**
 * Blocks this CPU's host thread for VCPU_YIELD_MS with _cpu.host_waiting set, then stamps its
 * beat; returns the time stamped. With `wake_on_irq` it blocks on the pending word, so that an
 * interrupt for this CPU ends the yield; while interrupts are masked and one is already pending
 * that word is non-zero and would not block, so then (and without `wake_on_irq`) it sleeps on
 * host_waiting, which nobody notifies.
 */
function yield_host(me: usize, wake_on_irq: bool): u32 {
  yields++;
  atomic.store<u32>(me, 1, CPU_HOST_WAITING);
  if (wake_on_irq && atomic.load<u32>(me, CPU_PENDING) == 0) host_park(me + CPU_PENDING, 0, VCPU_YIELD_MS);
  else host_park(me + CPU_HOST_WAITING, 1, VCPU_YIELD_MS);
  atomic.store<u32>(me, 0, CPU_HOST_WAITING);
  const now = now_us();
  atomic.store<u32>(me, now, CPU_BEAT);
  return now;
}

/**
 * For each CPU (row) and sibling (column): when that CPU first saw the sibling woken (an
 * interrupt pending) but still blocked, in us + 1; 0 when it did not. Static memory, one row
 * per CPU, since a Wasm global cannot be an array.
 */
const woken_since = memory.data(MAX_CPUS * MAX_CPUS * 4, 4);

function sibling_starved(now_us: u32, limit: u32, woken_now: bool = false): bool {
  const n = <i32>kernel().num_cpus;
  const row = woken_since + <usize>cpu_id * <usize>MAX_CPUS * 4;
  let starved = false;
  for (let c = 0; c < n; c++) {
    if (c == cpu_id) continue;
    const o = changetype<usize>(cpu_at(c));
    const st = atomic.load<u32>(o, CPU_STATE);
    const slot = row + <usize>c * 4;
    if (st != CPU_RUNNING && st != CPU_IDLE) {
      store<u32>(slot, 0);
      continue;
    }
    if (atomic.load<u32>(o, CPU_HOST_WAITING) != 0) {
      if (atomic.load<u32>(o, CPU_PENDING) == 0) {
        store<u32>(slot, 0);
        continue;
      }
      // Woken and not running yet. A host with a free core runs it within tens of
      // microseconds, and yielding then only adds latency: it is starved once it has waited
      // for the limit too (at once for z_vcpu_catch_up, which must not go on before it ran).
      let since = load<u32>(slot);
      if (since == 0) {
        since = now_us + 1;
        store<u32>(slot, since);
      }
      if (woken_now || <i32>(now_us + 1 - since) > <i32>limit) starved = true;
      continue;
    }
    store<u32>(slot, 0);
    if (<i32>(now_us - atomic.load<u32>(o, CPU_BEAT)) > <i32>limit) starved = true;
  }
  return starved;
}

/**
 * Before a CPU acts on what it saw another CPU do (the end of a cross-CPU spin-wait), it lets
 * every starved sibling run first, for at most `max_us`: on hardware those CPUs would have
 * been running all along. Returns at once when no sibling is starved (the usual case).
 */
export function z_vcpu_catch_up(max_us: u32): void {
  const limit = kernel().vcpu_yield_us;
  if (limit == 0) return;
  const me = changetype<usize>(cpu_at(cpu_id));
  const start = now_us();
  let now = start;
  while (now - start < max_us && sibling_starved(now, limit, true)) now = yield_host(me, false);
}

/**
 * True while CPU `c` runs: its host thread is not blocked and has stamped its beat within
 * VCPU_HOLDER_FRESH_US. Lock waiters spin on (instead of parking) while the holder's CPU
 * runs, as Linux's optimistic spinning does while a mutex owner is on a CPU: parking costs a
 * futex wake-up per hand-off, and the host may then put the woken CPU on the waker's core and
 * run the two in turn. Stamps this CPU's own beat and may yield (the waiter is spinning).
 * Always false when CONFIG_WASMP_VCPU_YIELD_US is 0.
 */
export function z_vcpu_holder_running(c: i32): bool {
  const limit = kernel().vcpu_yield_us;
  if (limit == 0) return false;
  const now = now_us();
  vcpu_countdown = VCPU_CHECK_EVERY;
  z_vcpu_beat_at(now);
  const o = changetype<usize>(cpu_at(c));
  if (atomic.load<u32>(o, CPU_HOST_WAITING) != 0) return false;
  return <i32>(now - atomic.load<u32>(o, CPU_BEAT)) <= <i32>VCPU_HOLDER_FRESH_US;
}
