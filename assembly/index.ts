// wasmp's guest API: Zephyr's kernel API for AssemblyScript applications.
// `import { k_thread_create, k_sem_take, printk, ... } from "wasmp";`
// docs/api.md lists every call and each deviation from Zephyr.

export {
  k_spinlock,
  k_thread,
  k_sem,
  k_mutex,
  _cpu,
  k_msgq,
  k_event,
  k_timer,
  k_work,
  k_work_q,
  k_poll_signal,
} from "./generated/contract";
export {
  EPERM,
  ENOENT,
  ESRCH,
  EINTR,
  EIO,
  ENOEXEC,
  EBADF,
  EAGAIN,
  ENOMEM,
  EACCES,
  EFAULT,
  EBUSY,
  EEXIST,
  ENODEV,
  EINVAL,
  ENOSPC,
  ENOMSG,
  EDEADLK,
  ENOSYS,
  ENOTEMPTY,
  ETIMEDOUT,
  EALREADY,
  ENOTSUP,
  EOVERFLOW,
  ECANCELED,
  K_ERR_CPU_EXCEPTION,
  K_ERR_SPURIOUS_IRQ,
  K_ERR_STACK_CHK_FAIL,
  K_ERR_KERNEL_OOPS,
  K_ERR_KERNEL_PANIC,
} from "./generated/contract";
export {
  CONFIG_SMP,
  CONFIG_TICKET_SPINLOCKS,
  CONFIG_SPIN_VALIDATE,
  CONFIG_SCHED_IPI_SUPPORTED,
  CONFIG_ASSERT,
} from "./kernel/config";
export { arch_num_cpus, arch_irq_lock, arch_irq_unlocked, arch_curr_cpu } from "./arch/cpu";
export {
  k_spin_lock,
  k_spin_unlock,
  k_spin_trylock,
  k_spinlock_key_t,
  K_SPINLOCK_DEFINE,
  K_SPINLOCK,
  arch_irq_unlock,
  irq_unlock,
  k_spin_release,
  z_spin_get_held_lock,
  _sched_spinlock,
} from "./api/spinlock";
export {
  spinlock_pool,
  SPINLOCK_POOL_DEFINE,
  K_SPINLOCK_SIZE,
  spinlock_find,
  z_spinlock_index,
} from "./api/spinlock_pool";
export {
  assert_post_action_set,
  assert_post_action_set as zassert_post_action_set,
  assert_post_action_t,
} from "./kernel/assert";
export { CONFIG_USE_SWITCH, CONFIG_QEMU_TARGET } from "./kernel/config";
export {
  k_thread_create,
  k_thread_start,
  k_thread_abort,
  k_thread_suspend,
  k_thread_resume,
  k_thread_join,
  k_current_get,
  k_sleep,
  k_msleep,
  k_usleep,
  k_wakeup,
  k_yield,
  k_thread_priority_get,
  k_thread_priority_set,
  k_sched_lock,
  k_sched_unlock,
  k_thread_name_set,
  k_thread_name_get,
  arch_curr_cpu_id,
  k_thread_custom_data_set,
  k_thread_custom_data_get,
  k_thread_entry_t,
  k_tid_t,
  K_TICKS_FOREVER,
  k_thread_essential_set,
  k_thread_essential_clear,
  k_thread_is_essential,
} from "./kernel/thread";
export {
  K_ESSENTIAL,
  _THREAD_DEAD,
  _THREAD_PENDING,
  _THREAD_SLEEPING,
  _THREAD_SUSPENDED,
  MAX_CPUS,
} from "./generated/contract";
export { K_IDLE_PRIO } from "./api/misc";
export { z_is_thread_prevented_from_running } from "./kernel/kthread";
export { z_spin_is_locked } from "./kernel/spinlock";
export { z_spin_lock_time_limit } from "./kernel/spinlock_validate";
export {
  k_thread_cpu_mask_clear,
  k_thread_cpu_mask_enable_all,
  k_thread_cpu_mask_enable,
  k_thread_cpu_mask_disable,
  k_thread_cpu_pin,
} from "./kernel/cpu_mask";
export {
  k_timeout_t,
  K_FOREVER,
  K_NO_WAIT,
  K_MSEC,
  K_USEC,
  K_SECONDS,
  K_TICKS,
  k_uptime_get,
  k_uptime_get_32,
  k_uptime_ticks,
  k_cycle_get_32,
  k_cycle_get_64,
  k_busy_wait,
  k_uptime_delta,
  sys_clock_hw_cycles_per_sec,
} from "./kernel/timeout";
export {
  K_SEM_DEFINE,
  K_SEM_MAX_LIMIT,
  k_sem_init,
  k_sem_alloc,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  k_sem_count_get,
} from "./kernel/sem";
export { K_MUTEX_DEFINE, k_mutex_init, k_mutex_alloc, k_mutex_lock, k_mutex_unlock } from "./kernel/mutex";
export { printk } from "./kernel/printk";
export { k_oops, k_panic } from "./kernel/fatal";
export { __ASSERT } from "./kernel/assert";
export { k_malloc, k_calloc, k_free, k_aligned_alloc, k_realloc, k_thread_system_pool_assign } from "./kernel/mempool";
export { CONFIG_HEAP_MEM_POOL_SIZE } from "./kernel/config";
export {
  z_heap_runtime_stats_get,
  z_heap_runtime_stats_reset_max,
  z_heap_largest_free,
  z_heap_validate,
  wasmp_free,
} from "./kernel/heap";
export {
  K_PRIO_COOP,
  K_PRIO_PREEMPT,
  K_HIGHEST_THREAD_PRIO,
  K_LOWEST_APPLICATION_THREAD_PRIO,
} from "./api/misc";
export {
  atomic_t,
  atomic_val_t,
  ATOMIC_BITS,
  ATOMIC_BITMAP_SIZE,
  ATOMIC_MASK,
  ATOMIC_ELEM,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  atomic_clear,
  atomic_add,
  atomic_sub,
  atomic_inc,
  atomic_dec,
  atomic_or,
  atomic_xor,
  atomic_and,
  atomic_nand,
  atomic_cas,
  atomic_test_bit,
  atomic_test_and_clear_bit,
  atomic_test_and_set_bit,
  atomic_clear_bit,
  atomic_set_bit,
  atomic_set_bit_to,
} from "./api/atomic";
export {
  crc16,
  crc16_reflect,
  crc16_ccitt,
  crc16_itu_t,
  crc16_ansi,
  crc32_ieee,
  crc32_ieee_update,
  crc8,
  crc8_ccitt,
} from "./api/crc";
export { sys_rand32_get, sys_rand8_get, sys_rand_get } from "./api/random";
export {
  ZTEST_SUITE,
  ZTEST,
  ZTEST_F,
  ztest_suite_node,
  ztest_test_fail,
  ztest_test_skip,
  ztest_test_pass,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_not_equal,
  zassert_not_null,
  zassert_is_null,
  zassert_ok,
  zassert_unreachable,
  zassert_between_inclusive,
  ztest_run_all,
} from "./ztest";
export { irq_offload, irq_offload_routine_t } from "./kernel/irq_offload";
export { arch_is_in_isr as k_is_in_isr } from "./arch/cpu";
export { k_sched_time_slice_set } from "./kernel/timeslicing";
export { CONFIG_TIMESLICING } from "./kernel/config";
export { irq_lock } from "./kernel/irq_lock";
export { k_smp_cpu_start, k_smp_cpu_resume, z_smp_start_cpu } from "./kernel/init";
export { CONFIG_SMP_BOOT_DELAY } from "./kernel/config";
export { z_trace_sched_ipi_set, arch_sched_broadcast_ipi } from "./kernel/ipi";
export { arch_sched_directed_ipi } from "./arch/imports";
export { arch_spin_relax } from "./arch/cpu";
export { z_thread_is_ready as z_is_thread_ready, z_is_thread_pending } from "./kernel/kthread";
export { CONFIG_IPI_OPTIMIZE, CONFIG_TRACE_SCHED_IPI, CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "./kernel/config";
export { CPU_CURRENT as CPU_CURRENT_OFFSET } from "./generated/contract";
/** The address of _kernel.cpus[id] (a _cpu), for tests that read another CPU's state. */
export { cpu_addr as z_cpu } from "./arch/cpu";
export { k_sys_fatal_error_handler_set, k_sys_fatal_error_handler_t } from "./kernel/fatal_handler";
// IPI work items
export { k_ipi_work_init, k_ipi_work_add, k_ipi_work_signal, k_ipi_work_wait, k_ipi_func_t } from "./kernel/ipi_work";
export { k_ipi_work } from "./generated/contract";
// kernel objects: message queues, events, timers, work queues, polling
export {
  k_msgq_init,
  K_MSGQ_DEFINE,
  k_msgq_alloc,
  k_msgq_put,
  k_msgq_get,
  k_msgq_peek,
  k_msgq_purge,
  k_msgq_num_used_get,
  k_msgq_num_free_get,
} from "./kernel/msgq";
export {
  k_event_init,
  K_EVENT_DEFINE,
  k_event_alloc,
  k_event_post,
  k_event_set,
  k_event_set_masked,
  k_event_clear,
  k_event_test,
  k_event_wait,
  k_event_wait_all,
} from "./kernel/event";
export {
  k_timer_init,
  K_TIMER_DEFINE,
  k_timer_alloc,
  k_timer_start,
  k_timer_stop,
  k_timer_status_get,
  k_timer_status_sync,
  k_timer_remaining_get,
  k_timer_remaining_ticks,
  k_timer_expires_ticks,
  k_timer_user_data_set,
  k_timer_user_data_get,
  k_timer_expiry_t,
  k_timer_stop_t,
} from "./kernel/timer";
export {
  k_work_handler_t,
  k_work_delayable,
  k_work_init,
  k_work_init_delayable,
  K_WORK_DEFINE,
  K_WORK_DELAYABLE_DEFINE,
  k_work_queue_start,
  k_work_queue_alloc,
  k_work_submit,
  k_work_submit_to_queue,
  k_work_busy_get,
  k_work_is_pending,
  k_work_flush,
  k_work_cancel,
  k_work_cancel_sync,
  k_work_schedule,
  k_work_schedule_for_queue,
  k_work_reschedule,
  k_work_reschedule_for_queue,
  k_work_cancel_delayable,
  k_work_delayable_is_pending,
} from "./kernel/work";
export {
  k_poll,
  k_poll_event,
  k_poll_event_init,
  k_poll_signal_init,
  k_poll_signal_raise,
  k_poll_signal_reset,
  k_poll_signal_check,
  K_POLL_SIGNAL_DEFINE,
  K_POLL_TYPE_IGNORE,
  K_POLL_TYPE_SIGNAL,
  K_POLL_TYPE_SEM_AVAILABLE,
  K_POLL_TYPE_MSGQ_DATA_AVAILABLE,
  K_POLL_STATE_NOT_READY,
  K_POLL_STATE_SIGNALED,
  K_POLL_STATE_SEM_AVAILABLE,
  K_POLL_STATE_MSGQ_DATA_AVAILABLE,
  K_POLL_MODE_NOTIFY_ONLY,
} from "./kernel/poll";
// ipi cascade / conformance helpers
export { CONFIG_SCHED_CPU_MASK_PIN_ONLY, CONFIG_SCHED_IPI_CASCADE } from "./kernel/config";

export * from "./generated/time_units";
export { K_THREAD_DEFINE, SYS_FOREVER_MS } from "./kernel/static_threads";

// message queues and events: the rest of Zephyr's k_msgq and k_event API, and the ztest
// pieces their suites use (1cpu suites, zexpect)
export {
  k_msgq_put_front,
  k_msgq_alloc_init,
  k_msgq_cleanup,
  k_msgq_get_attrs,
  k_msgq_peek_at,
  K_MSGQ_DEFINE_STATIC,
  K_MSGQ_DEFINE_TYPE,
  K_MSGQ_DEFINE_STATIC_TYPE,
} from "./kernel/msgq";
export {
  k_msgq_attrs,
  SIZEOF_K_MSGQ_ATTRS,
  K_MSGQ_FLAG_ALLOC,
  SIZEOF_K_SEM,
  SIZEOF_K_MSGQ,
  SIZEOF_K_EVENT,
} from "./generated/contract";
export { k_event_wait_safe, k_event_wait_all_safe } from "./kernel/event";
export { z_waitq_head } from "./kernel/wait_q";
export {
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  z_test_1cpu_start,
  z_test_1cpu_stop,
  zexpect_equal,
} from "./ztest";
// Queues, FIFOs and LIFOs (kernel/queue.c), sys_slist, and the k_poll events on them
export { k_queue, sys_slist, SIZEOF_K_QUEUE } from "./generated/contract";
export {
  k_fifo,
  k_lifo,
  k_queue_init,
  K_QUEUE_DEFINE,
  k_queue_alloc,
  k_queue_cancel_wait,
  k_queue_insert,
  k_queue_append,
  k_queue_prepend,
  k_queue_alloc_append,
  k_queue_alloc_prepend,
  k_queue_append_list,
  k_queue_merge_slist,
  k_queue_get,
  k_queue_remove,
  k_queue_unique_append,
  k_queue_is_empty,
  k_queue_peek_head,
  k_queue_peek_tail,
  k_fifo_init,
  K_FIFO_DEFINE,
  k_fifo_alloc,
  k_fifo_cancel_wait,
  k_fifo_put,
  k_fifo_alloc_put,
  k_fifo_put_list,
  k_fifo_put_slist,
  k_fifo_get,
  k_fifo_is_empty,
  k_fifo_peek_head,
  k_fifo_peek_tail,
  k_lifo_init,
  K_LIFO_DEFINE,
  k_lifo_alloc,
  k_lifo_put,
  k_lifo_alloc_put,
  k_lifo_get,
  sys_slist_init,
  SYS_SLIST_STATIC_INIT,
  sys_slist_is_empty,
  sys_slist_peek_head,
  sys_slist_peek_tail,
  sys_slist_peek_next,
  sys_slist_append,
  sys_slist_prepend,
  sys_slist_get,
} from "./kernel/queue";
export {
  K_POLL_TYPE_DATA_AVAILABLE,
  K_POLL_TYPE_FIFO_DATA_AVAILABLE,
  K_POLL_STATE_DATA_AVAILABLE,
  K_POLL_STATE_FIFO_DATA_AVAILABLE,
  K_POLL_STATE_CANCELLED,
  K_POLL_EVENT_INITIALIZER,
  K_POLL_EVENT_STATIC_INITIALIZER,
  K_POLL_TYPE_PIPE_DATA_AVAILABLE,
  K_POLL_STATE_PIPE_DATA_AVAILABLE,
  k_work_poll_init,
  k_work_poll_submit,
  k_work_poll_submit_to_queue,
  k_work_poll_cancel,
} from "./kernel/poll";
export { k_work_poll, SIZEOF_K_WORK_POLL, SIZEOF_K_POLL_SIGNAL, EINPROGRESS, EADDRINUSE } from "./generated/contract";
// kernel objects: stacks, memory slabs, kernel heaps (sys_heap), thread resource pools
export {
  k_stack,
  k_mem_slab,
  k_heap,
  sys_heap,
  sys_memory_stats,
  SIZEOF_K_STACK,
  SIZEOF_K_MEM_SLAB,
  SIZEOF_K_HEAP,
  SIZEOF_SYS_HEAP,
  SIZEOF_SYS_MEMORY_STATS,
} from "./generated/contract";
export {
  stack_data_t,
  k_stack_init,
  K_STACK_DEFINE,
  k_stack_alloc_init,
  k_stack_alloc,
  k_stack_cleanup,
  k_stack_push,
  k_stack_pop,
} from "./kernel/stack";
export {
  WB_UP,
  k_mem_slab_init,
  K_MEM_SLAB_DEFINE,
  K_MEM_SLAB_DEFINE_STATIC,
  k_mem_slab_alloc,
  k_mem_slab_free,
  k_mem_slab_num_used_get,
  k_mem_slab_num_free_get,
  k_mem_slab_max_used_get,
  k_mem_slab_runtime_stats_get,
  k_mem_slab_runtime_stats_reset_max,
} from "./kernel/mem_slab";
export {
  Z_HEAP_MIN_SIZE,
  sys_heap_init,
  sys_heap_alloc,
  sys_heap_aligned_alloc,
  sys_heap_free,
  sys_heap_realloc,
  sys_heap_aligned_realloc,
  sys_heap_usable_size,
  sys_heap_validate,
  sys_heap_runtime_stats_get,
  sys_heap_runtime_stats_reset_max,
} from "./kernel/sys_heap";
export {
  k_heap_init,
  K_HEAP_DEFINE,
  k_heap_alloc,
  k_heap_aligned_alloc,
  k_heap_calloc,
  k_heap_realloc,
  k_heap_free,
  k_thread_heap_assign,
} from "./kernel/kheap";
// kernel objects: pipes and mailboxes (kernel/pipe.c, kernel/mailbox.c)
export {
  k_pipe,
  k_mbox,
  k_mbox_msg,
  EPIPE,
  PIPE_FLAG_OPEN,
  PIPE_FLAG_RESET,
  SIZEOF_K_PIPE,
  SIZEOF_K_MBOX,
  SIZEOF_K_MBOX_MSG,
} from "./generated/contract";
export {
  k_pipe_init,
  K_PIPE_DEFINE,
  k_pipe_alloc,
  k_pipe_write,
  k_pipe_read,
  k_pipe_reset,
  k_pipe_close,
} from "./kernel/pipe";
export {
  K_ANY,
  k_mbox_init,
  K_MBOX_DEFINE,
  k_mbox_alloc,
  k_mbox_msg_alloc,
  k_mbox_put,
  k_mbox_async_put,
  k_mbox_get,
  k_mbox_data_get,
} from "./kernel/mbox";
// threads (thread_apis): stacks, stack space, runtime stats, state strings, the thread list;
// printk formats; CONFIG_BOARD
export {
  k_thread_stack_t,
  K_THREAD_STACK_DEFINE,
  K_KERNEL_STACK_DEFINE,
  K_THREAD_STACK_ARRAY_DEFINE,
  K_KERNEL_STACK_ARRAY_DEFINE,
  K_THREAD_STACK_SIZEOF,
  K_KERNEL_STACK_SIZEOF,
  k_thread_stack_space_get,
  k_thread_state_str,
  k_thread_user_cb_t,
  k_thread_foreach,
  k_thread_foreach_unlocked,
  k_thread_name_copy,
  k_thread_user_mode_enter,
  k_thread_timeout_remaining_ticks,
  k_thread_timeout_expires_ticks,
} from "./kernel/thread";
export {
  k_thread_runtime_stats_t,
  k_thread_runtime_stats_get,
  k_thread_runtime_stats_all_get,
} from "./kernel/usage";
export { K_USER, K_INHERIT_PERMS, _THREAD_DUMMY, _THREAD_QUEUED, _THREAD_ABORTING } from "./generated/contract";
export { z_is_idle_thread_object } from "./kernel/kthread";
export { CONFIG_BOARD, CONFIG_INIT_STACKS, CONFIG_THREAD_RUNTIME_STATS } from "./kernel/config";
export { snprintk, z_printk_fmt } from "./kernel/printk";
export { zassert_str_equal } from "./ztest";
export { SIZEOF_K_THREAD, THREAD_QUARANTINE, K_THREAD_ZOMBIE_NEXT, K_THREAD_STACK_UNUSED } from "./generated/contract";

// work queues (kernel/work.c): flags, k_work_sync, queue control, delayable queries
export {
  k_work_sync,
  SIZEOF_K_WORK,
  SIZEOF_K_WORK_Q,
  SIZEOF_K_WORK_SYNC,
  K_WORK_RUNNING,
  K_WORK_CANCELING,
  K_WORK_QUEUED,
  K_WORK_DELAYED,
  K_WORK_FLUSHING,
  K_WORK_DELAYABLE,
  K_WORK_QUEUE_STARTED,
  K_WORK_QUEUE_BUSY,
  K_WORK_QUEUE_DRAIN,
  K_WORK_QUEUE_PLUGGED,
  K_WORK_QUEUE_STOP,
  K_WORK_QUEUE_NO_YIELD,
} from "./generated/contract";
export {
  K_WORK_MASK,
  K_WORK_QUEUE_DEFINE,
  k_work_queue_config,
  k_work_queue_init,
  k_work_queue_run,
  k_work_queue_thread_get,
  k_work_queue_drain,
  k_work_queue_unplug,
  k_work_queue_stop,
  k_sys_work_q,
  k_work_flush_delayable,
  k_work_cancel_delayable_sync,
  k_work_delayable_busy_get,
  k_work_delayable_remaining_get,
  k_work_delayable_expires_get,
  k_work_delayable_from_work,
} from "./kernel/work";
export {
  CONFIG_SYSTEM_WORKQUEUE_PRIORITY,
  CONFIG_SYSTEM_WORKQUEUE_NO_YIELD,
  CONFIG_WORKQUEUE_WORK_TIMEOUT,
} from "./kernel/config";
export { zassert_mem_equal } from "./ztest";
// time: absolute timeouts and timepoints (CONFIG_TIMEOUT_64BIT), sys_clock.h
export {
  k_ticks_t,
  K_NSEC,
  K_CYC,
  K_TIMEOUT_EQ,
  K_TIMEOUT_ABS_TICKS,
  K_TIMEOUT_ABS_MS,
  K_TIMEOUT_ABS_US,
  K_TIMEOUT_ABS_NS,
  K_TIMEOUT_ABS_CYC,
  Z_TICK_ABS,
  Z_IS_TIMEOUT_RELATIVE,
  k_timepoint_t,
  sys_timepoint_calc,
  sys_timepoint_timeout,
  sys_timepoint_cmp,
  sys_timepoint_expired,
  sys_clock_tick_get,
  sys_clock_tick_get_32,
  sys_clock_tick_set,
} from "./kernel/timeout";
// condition variables, mutexes (priority-inheritance state), sys_mutex
export { k_condvar } from "./generated/contract";
export {
  K_CONDVAR_DEFINE,
  k_condvar_init,
  k_condvar_alloc,
  k_condvar_signal,
  k_condvar_broadcast,
  k_condvar_wait,
} from "./kernel/condvar";
export {
  sys_mutex,
  SYS_MUTEX_DEFINE,
  sys_mutex_init,
  sys_mutex_alloc,
  sys_mutex_lock,
  sys_mutex_unlock,
} from "./kernel/mutex";
export { K_MUTEX_MAGIC, SIZEOF_K_MUTEX, SIZEOF_K_CONDVAR } from "./generated/contract";
export { CONFIG_MUTEX_DEADLOCK_DETECT } from "./kernel/config";
