// Build-time Kconfig knobs. The image builder passes `--use KCONFIG_<NAME>=1` for each bool
// option that is enabled (src/board/kconfig.ts decides which); integer options are run-time
// values in z_kernel, written by the host. Call sites use plain `if (CONFIG_X)`: both
// branches are type-checked and the optimizer drops the dead one (Zephyr's IS_ENABLED).
// String options (CONFIG_BOARD) are run-time values in z_kernel too, read once per CPU.

import { BOARD_NAME_MAX, Z_KERNEL_BOARD_NAME } from "../generated/contract";
import { kernel } from "../arch/cpu";

// @ts-ignore: decorator
@inline export const CONFIG_SMP: bool = isDefined(KCONFIG_SMP);
// @ts-ignore: decorator
@inline export const CONFIG_TICKET_SPINLOCKS: bool = isDefined(KCONFIG_TICKET_SPINLOCKS);
/** Zephyr's mark of an emulated target (vCPUs scheduled by a host): y by default in wasmp. */
// @ts-ignore: decorator
@inline export const CONFIG_QEMU_TARGET: bool = isDefined(KCONFIG_QEMU_TARGET);
// @ts-ignore: decorator
@inline export const CONFIG_SPIN_VALIDATE: bool = isDefined(KCONFIG_SPIN_VALIDATE);
/** k_mutex_lock reports a K_FOREVER deadlock cycle with __ASSERT (kernel/mutex.c). */
// @ts-ignore: decorator
@inline export const CONFIG_MUTEX_DEADLOCK_DETECT: bool = isDefined(KCONFIG_MUTEX_DEADLOCK_DETECT);
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_IPI_SUPPORTED: bool = isDefined(KCONFIG_SCHED_IPI_SUPPORTED);
// @ts-ignore: decorator
@inline export const CONFIG_ASSERT: bool = isDefined(KCONFIG_ASSERT);
// @ts-ignore: decorator
@inline export const CONFIG_TIMESLICING: bool = isDefined(KCONFIG_TIMESLICING);
// @ts-ignore: decorator
@inline export const CONFIG_SMP_BOOT_DELAY: bool = isDefined(KCONFIG_SMP_BOOT_DELAY);
// @ts-ignore: decorator
@inline export const CONFIG_IPI_OPTIMIZE: bool = isDefined(KCONFIG_IPI_OPTIMIZE);
// @ts-ignore: decorator
@inline export const CONFIG_TRACE_SCHED_IPI: bool = isDefined(KCONFIG_TRACE_SCHED_IPI);
/** choice SCHED_ALGORITHM (src/board/kconfig.ts allows one): the run-queue backend. SIMPLE is the default. */
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_SCALABLE: bool = isDefined(KCONFIG_SCHED_SCALABLE);
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_MULTIQ: bool = isDefined(KCONFIG_SCHED_MULTIQ);
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_SIMPLE: bool =
  !isDefined(KCONFIG_SCHED_SCALABLE) && !isDefined(KCONFIG_SCHED_MULTIQ);
/** choice WAITQ_ALGORITHM: wait queues as red-black trees (kernel/wait_q.ts) instead of sorted lists. */
// @ts-ignore: decorator
@inline export const CONFIG_WAITQ_SCALABLE: bool = isDefined(KCONFIG_WAITQ_SCALABLE);
/** One run queue per CPU; a thread's mask names exactly one CPU. */
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_CPU_MASK_PIN_ONLY: bool = isDefined(KCONFIG_SCHED_CPU_MASK_PIN_ONLY);
/** CONFIG_SYS_CLOCK_TICKS_PER_SEC (an int option: the builder passes its value). */
// @ts-ignore: decorator
@inline export const CONFIG_SYS_CLOCK_TICKS_PER_SEC: i32 = isDefined(KCONFIG_SYS_CLOCK_TICKS_PER_SEC)
  ? KCONFIG_SYS_CLOCK_TICKS_PER_SEC
  : 10000;
/** Cascading IPIs: a thread displaced by a CPU-restricted thread at interrupt exit may preempt another CPU. */
// @ts-ignore: decorator
@inline export const CONFIG_SCHED_IPI_CASCADE: bool = isDefined(KCONFIG_SCHED_IPI_CASCADE);
/** wasmp is a switch-based port (arch_switch), like Zephyr's CONFIG_USE_SWITCH ports: always y. */
// @ts-ignore: decorator
@inline export const CONFIG_USE_SWITCH: bool = true;
/** Save areas are painted at creation so that k_thread_stack_space_get can measure them. */
// @ts-ignore: decorator
@inline export const CONFIG_INIT_STACKS: bool = isDefined(KCONFIG_INIT_STACKS);
/** Cycles run per thread and per CPU, counted at every context switch (kernel/usage.ts). */
// @ts-ignore: decorator
@inline export const CONFIG_THREAD_RUNTIME_STATS: bool = isDefined(KCONFIG_THREAD_RUNTIME_STATS);

/**
 * CONFIG_BOARD, the board's name (a string option: the host writes it into z_kernel.board_name
 * before any CPU starts, and each CPU's start function reads it here once).
 */
export const CONFIG_BOARD: string = String.UTF8.decodeUnsafe(
  changetype<usize>(kernel()) + Z_KERNEL_BOARD_NAME,
  z_board_name_len(changetype<usize>(kernel()) + Z_KERNEL_BOARD_NAME),
);

function z_board_name_len(p: usize): usize {
  let n: usize = 0;
  while (n < <usize>BOARD_NAME_MAX && load<u8>(p + n) != 0) n++;
  return n;
}
/** CONFIG_SYSTEM_WORKQUEUE_PRIORITY (an int option: the builder passes its value). */
// @ts-ignore: decorator
@inline export const CONFIG_SYSTEM_WORKQUEUE_PRIORITY: i32 = isDefined(KCONFIG_SYSTEM_WORKQUEUE_PRIORITY)
  ? <i32>KCONFIG_SYSTEM_WORKQUEUE_PRIORITY // a negative value comes as its two's complement (buildDefines)
  : -1;
/** CONFIG_SYSTEM_WORKQUEUE_STACK_SIZE: bytes of the system work queue thread's save area. */
// @ts-ignore: decorator
@inline export const CONFIG_SYSTEM_WORKQUEUE_STACK_SIZE: i32 = isDefined(KCONFIG_SYSTEM_WORKQUEUE_STACK_SIZE)
  ? KCONFIG_SYSTEM_WORKQUEUE_STACK_SIZE
  : 8192;
// @ts-ignore: decorator
@inline export const CONFIG_SYSTEM_WORKQUEUE_NO_YIELD: bool = isDefined(KCONFIG_SYSTEM_WORKQUEUE_NO_YIELD);
/** Work queues may abort their thread when an item runs longer than k_work_queue_config.work_timeout_ms. */
// @ts-ignore: decorator
@inline export const CONFIG_WORKQUEUE_WORK_TIMEOUT: bool = isDefined(KCONFIG_WORKQUEUE_WORK_TIMEOUT);
// @ts-ignore: decorator
@inline export const CONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS: u32 = isDefined(
  KCONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS,
)
  ? <u32>KCONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS
  : 5000;
/** CONFIG_ZTEST_CPU_HOLD_TIME_MS (an int option: the builder passes its value). */
// @ts-ignore: decorator
@inline export const CONFIG_ZTEST_CPU_HOLD_TIME_MS: u32 = isDefined(KCONFIG_ZTEST_CPU_HOLD_TIME_MS)
  ? KCONFIG_ZTEST_CPU_HOLD_TIME_MS
  : 3000;
/**
 * CONFIG_HEAP_MEM_POOL_SIZE: bytes of the system heap k_malloc draws from (mempool.ts); -1 when
 * it is not set (the builder passes -1 as its two's complement), and k_malloc uses the kernel heap.
 */
// @ts-ignore: decorator
@inline export const CONFIG_HEAP_MEM_POOL_SIZE: i32 = isDefined(KCONFIG_HEAP_MEM_POOL_SIZE)
  ? <i32>KCONFIG_HEAP_MEM_POOL_SIZE
  : -1;
