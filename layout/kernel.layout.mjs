// The one schema for every structure that lives in wasmp's shared memory.
//
// Both the AssemblyScript kernel (assembly/generated/layout.ts) and the TypeScript host
// (src/generated/layout.ts) read their offsets from code generated from this file by
// scripts/gen-layout.mjs; docs/layout.md is generated too. Field order is the ABI: never
// sort it. Offsets follow natural alignment (a field is aligned to its own size, a struct to
// its largest field or its `align`). Change a field, bump LAYOUT_VERSION, run `npm run gen`.
//
// Field types: u8 u16 u32 i32 u64 i64 f64 ptr (a 32-bit guest address), another struct's
// name (embedded), or `T[N]` (an array). `atomic` in the note means every access is atomic.

export const LAYOUT_VERSION = 10;

/** Upper bound on virtual CPUs: CPU masks and IPI masks are 32-bit words. */
export const MAX_CPUS = 32;

export const constants = {
  MAX_CPUS,
  /** Bits of _cpu.pending: the virtual interrupt lines a host or another CPU raises. */
  IRQ_IPI: 1,
  IRQ_TIMER: 2,
  /** z_kernel.magic once the host has laid out the kernel region. */
  KERNEL_MAGIC: 0x504d5357, // "WSMP"
  /** Sentinel for "no deadline programmed" in _cpu.timer_deadline. */
  NO_DEADLINE: -1,
  /** Host-visible CPU states in _cpu.state (for dumps). */
  CPU_OFF: 0,
  CPU_BOOTING: 1,
  CPU_RUNNING: 2,
  CPU_IDLE: 3,
  CPU_HALTED: 4,
  /** How many held spinlocks a CPU records under CONFIG_SPIN_VALIDATE. */
  HELD_LOCKS_MAX: 8,
};

/** Zephyr's errno values (lib/libc/minimal/include/errno.h); kernel calls return -E*. */
export const errno = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENOEXEC: 8, EBADF: 9, EAGAIN: 11,
  ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, ENODEV: 19, EINVAL: 22,
  ENOSPC: 28, ENOMSG: 35, EDEADLK: 45, ENOSYS: 88, ENOTEMPTY: 90, ETIMEDOUT: 116,
  EALREADY: 120, ENOTSUP: 134, EOVERFLOW: 139, ECANCELED: 140,
};

/** Fatal error reasons (include/zephyr/fatal_types.h, enum k_fatal_error_reason). */
export const fatalReasons = {
  K_ERR_CPU_EXCEPTION: 0, K_ERR_SPURIOUS_IRQ: 1, K_ERR_STACK_CHK_FAIL: 2,
  K_ERR_KERNEL_OOPS: 3, K_ERR_KERNEL_PANIC: 4,
};

export const structs = {
  k_spinlock: {
    doc: "Spinlock. CAS mode: owner is 0 (free) or 1. Ticket mode: free when owner == tail.",
    fields: [
      ["owner", "u32", "atomic; CAS lock word, or the ticket now served"],
      ["tail", "u32", "atomic; next ticket (ticket mode only)"],
      ["thread_cpu", "u32", "CONFIG_SPIN_VALIDATE: holder thread | cpu id, 0 when free"],
      ["parked", "u32", "atomic; host threads parked in Atomics.wait on owner"],
      ["lock_time", "u32", "CONFIG_SPIN_LOCK_TIME_LIMIT: k_cycle_get_32() when taken"],
    ],
  },
  sys_dnode: {
    doc: "Doubly linked list node; as a list head, next is the first node and prev the last.",
    fields: [
      ["next", "ptr", "sched_lock (or the owning object's lock)"],
      ["prev", "ptr", ""],
    ],
  },
  rbnode: {
    doc: "Red-black tree node (CONFIG_SCHED_SCALABLE run queue): children, parent and colour.",
    fields: [
      ["left", "ptr", "sched_lock; the rbnode of the lesser child, 0 if none"],
      ["right", "ptr", "sched_lock"],
      ["parent", "ptr", "sched_lock; 0 at the root"],
      ["color", "u32", "sched_lock; 1 = red, 0 = black (an unlinked node is all zero)"],
    ],
  },
  _priq_rb: {
    doc: "CONFIG_SCHED_SCALABLE run queue: a red-black tree ordered by (prio, order_key).",
    fields: [
      ["root", "ptr", "sched_lock; rbnode of the root, 0 when empty"],
      ["next_order_key", "u32", "sched_lock; the next thread's order_key (FIFO among equals); renumbered on wrap, 0 when the tree empties"],
    ],
  },
  _priq_mq: {
    doc: "CONFIG_SCHED_MULTIQ run queue: one FIFO list per priority and a bitmap of the non-empty ones.",
    fields: [
      ["bitmask", "u32", "sched_lock; bit prio - K_HIGHEST_THREAD_PRIO set while that list is non-empty"],
      ["pad", "u32", ""],
      ["queues", "sys_dnode[32]", "sched_lock; by prio - K_HIGHEST_THREAD_PRIO (a zero head is an empty list)"],
    ],
  },
  _timeout: {
    doc: "A timeout in the global, deadline-sorted timeout list.",
    fields: [
      ["node", "sys_dnode", "sched_lock"],
      ["fn", "u32", "sched_lock; handler (a function reference), 0 when inactive"],
      ["pad", "u32", ""],
      ["deadline", "i64", "absolute, in ticks"],
    ],
  },
  k_thread: {
    doc: "A thread. Allocated by the kernel from the shared heap; never freed (its stack is).",
    fields: [
      ["qnode", "sys_dnode", "sched_lock; run queue or wait queue link"],
      ["prio", "i32", "sched_lock"],
      ["thread_state", "u32", "sched_lock; _THREAD_* bits"],
      ["user_options", "u32", "K_ESSENTIAL etc."],
      ["sched_locked", "i32", "this thread only; k_sched_lock depth, counted downward"],
      ["cpu_mask", "u32", "sched_lock; CPUs this thread may run on"],
      ["cpu", "u32", "sched_lock; the CPU it runs or last ran on"],
      ["pended_on", "ptr", "sched_lock; the wait queue it pends on"],
      ["global_lock_count", "u32", "irq_lock() recursion count"],
      ["timeout", "_timeout", "sched_lock"],
      ["switch_handle", "ptr", "atomic; NULL while running or being saved, else the thread itself"],
      ["swap_retval", "i32", "sched_lock; what z_swap returns when the thread resumes"],
      ["swap_data", "ptr", "sched_lock"],
      ["entry", "u32", "function reference (k_thread_entry_t)"],
      ["p1", "ptr", ""],
      ["p2", "ptr", ""],
      ["p3", "ptr", ""],
      ["stack_buf", "ptr", "asyncify save area: {current, end} then frames"],
      ["stack_size", "u32", "bytes in stack_buf"],
      ["arch_started", "u32", "host: 0 until its entry has been called once"],
      ["arch_doa", "u32", "host: fault reason + 1 when its context was lost"],
      ["join_queue", "sys_dnode", "sched_lock; threads in k_thread_join"],
      ["halt_queue", "sys_dnode", "sched_lock; threads waiting for it to suspend on another CPU"],
      ["id", "u32", "unique, from 1"],
      ["next_thread", "ptr", "all-threads list (for dumps), append only"],
      ["fatal_reason", "i32", "K_ERR_* once it died of a fatal error, else -1"],
      ["custom_data", "ptr", "k_thread_custom_data_set"],
      ["name", "u8[32]", "NUL-terminated"],
      ["qnode_rb", "rbnode", "sched_lock; run-queue link under CONFIG_SCHED_SCALABLE (qnode then serves wait queues only)"],
      ["order_key", "u32", "sched_lock; CONFIG_SCHED_SCALABLE insertion order among equal priorities"],
    ],
  },
  _cpu: {
    doc: "One virtual CPU. One cache line pair per CPU so that Workers never false-share.",
    align: 64,
    fields: [
      ["id", "u32", "set at boot"],
      ["nested", "u32", "this CPU; interrupt nesting depth"],
      ["current", "ptr", "atomic; written by this CPU, read by all"],
      ["idle_thread", "ptr", ""],
      ["dummy_thread", "ptr", "the boot context's thread"],
      ["swap_ok", "u32", "this CPU; a yield or requeue allows an equal-priority switch"],
      ["irq_masked", "u32", "this CPU; 1 while local interrupts are masked"],
      ["pending", "u32", "atomic; IRQ_* bits; anyone ORs in, this CPU exchanges with 0"],
      ["timer_deadline", "i64", "atomic; host ns, NO_DEADLINE when off"],
      ["state", "u32", "atomic; CPU_* for dumps"],
      ["active", "u32", "atomic; arch_cpu_active()"],
      ["start_req", "u32", "atomic; host boot mailbox: 1 = start requested"],
      ["start_fn", "u32", "function reference for arch_cpu_start"],
      ["start_arg", "ptr", ""],
      ["ipi_count", "u32", "IPIs received"],
      ["timer_count", "u32", "timer interrupts received"],
      ["locks_held", "u32", "this CPU; spinlocks held (CONFIG_SPIN_VALIDATE)"],
      ["held", "ptr[8]", "this CPU; the locks, innermost last"],
      ["held_outer", "ptr", "this CPU; Zephyr's z_held_spinlock: set by a lock taken while it is 0, cleared when that lock is released (CONFIG_SPIN_VALIDATE)"],
      ["boot_buf", "ptr", "save area of the boot context"],
      ["scratch", "ptr", "host: where a switching context is unwound before it is copied to its save area"],
      ["scratch_size", "u32", ""],
      ["boot_buf_size", "u32", ""],
      ["console", "ptr", "this CPU's console_ring"],
      ["slice_expired", "u32", "sched_lock; this CPU's time slice ran out (CONFIG_TIMESLICING)"],
      ["ipi_workq", "sys_dnode", "ipi_lock; k_ipi_work items this CPU's next IPI runs"],
      ["slice_timeout", "_timeout", "sched_lock; this CPU's time-slice timer"],
      ["runq", "sys_dnode", "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_SIMPLE: this CPU's run queue (zero = empty)"],
      ["runq_rb", "_priq_rb", "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_SCALABLE: this CPU's run queue"],
      ["runq_mq", "_priq_mq", "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_MULTIQ: this CPU's run queue"],
      ["beat", "u32", "atomic; host clock in us when this CPU last ran (vCPU starvation check, kernel/vcpu_yield.ts)"],
      ["host_waiting", "u32", "atomic; 1 while this CPU's host thread blocks in Atomics.wait (idle, parked waiter, yield)"],
    ],
  },
  k_sem: {
    doc: "Counting semaphore (K_SEM_DEFINE / k_sem_init).",
    fields: [
      ["wait_q", "sys_dnode", "obj_lock; pended threads"],
      ["count", "u32", "obj_lock"],
      ["limit", "u32", "obj_lock"],
    ],
  },
  k_mutex: {
    doc: "Recursive mutex with an owner (K_MUTEX_DEFINE / k_mutex_init).",
    fields: [
      ["wait_q", "sys_dnode", "obj_lock; pended threads"],
      ["owner", "ptr", "obj_lock; holder thread or 0"],
      ["lock_count", "u32", "obj_lock; recursion depth"],
      ["owner_orig_prio", "i32", "obj_lock; holder's priority before inheritance"],
      ["pad", "u32", ""],
    ],
  },
  k_msgq: {
    doc: "Message queue (K_MSGQ_DEFINE / k_msgq_init): a ring of max_msgs messages of msg_size bytes.",
    fields: [
      ["wait_q", "sys_dnode", "obj_lock; readers or writers pended on it"],
      ["msg_size", "u32", ""],
      ["max_msgs", "u32", ""],
      ["buffer_start", "ptr", ""],
      ["buffer_end", "ptr", ""],
      ["read_ptr", "ptr", "obj_lock"],
      ["write_ptr", "ptr", "obj_lock"],
      ["used_msgs", "u32", "obj_lock"],
      ["pad", "u32", ""],
    ],
  },
  k_event: {
    doc: "Event object (K_EVENT_DEFINE / k_event_init): 32 event bits.",
    fields: [
      ["wait_q", "sys_dnode", "obj_lock; waiters, each with a k_event_waiter in swap_data"],
      ["events", "u32", "obj_lock"],
      ["pad", "u32", ""],
    ],
  },
  k_timer: {
    doc: "Kernel timer (K_TIMER_DEFINE / k_timer_init).",
    fields: [
      ["timeout", "_timeout", "sched_lock"],
      ["wait_q", "sys_dnode", "sched_lock; threads in k_timer_status_sync"],
      ["expiry_fn", "u32", "function reference or 0; runs in the timer interrupt"],
      ["stop_fn", "u32", "function reference or 0"],
      ["period", "i64", "ticks; 0 = one shot"],
      ["status", "u32", "sched_lock; expiries since last read"],
      ["user_data", "ptr", ""],
      ["next_expired", "ptr", "sched_lock; link in the per-CPU list of expired timers"],
      ["pending_expiry", "u32", "sched_lock; queued for its expiry function"],
    ],
  },
  k_work: {
    doc: "Work item (k_work_init / k_work_init_delayable); a delayable one also uses `timeout`.",
    fields: [
      ["node", "sys_dnode", "sched_lock; link in its queue's pending list"],
      ["handler", "u32", "function reference (k_work_handler_t)"],
      ["flags", "u32", "sched_lock; K_WORK_* busy bits"],
      ["queue", "ptr", "sched_lock; the queue it was last submitted to"],
      ["pad", "u32", ""],
      ["timeout", "_timeout", "sched_lock; delayable work only"],
    ],
  },
  k_work_q: {
    doc: "Work queue (k_work_queue_start; the system work queue lives in z_kernel).",
    fields: [
      ["pending", "sys_dnode", "sched_lock; submitted items in order"],
      ["notifyq", "sys_dnode", "sched_lock; its thread waiting for work"],
      ["drainq", "sys_dnode", "sched_lock; threads in k_work_flush"],
      ["thread", "ptr", ""],
      ["flags", "u32", ""],
    ],
  },
  k_ipi_work: {
    doc: "IPI work item (k_ipi_work_init/add/wait): a function run in IPI context on other CPUs.",
    fields: [
      ["node", "sys_dnode[32]", "ipi_lock; one link per CPU, in that CPU's ipi_workq"],
      ["func", "u32", "function reference (k_ipi_func_t)"],
      ["bitmask", "u32", "ipi_lock; the CPUs of the current use"],
      ["event", "k_event", "one bit per CPU that has run func"],
    ],
  },
  k_poll_signal: {
    doc: "Poll signal (k_poll_signal_init).",
    fields: [
      ["signaled", "u32", "obj_lock"],
      ["result", "i32", "obj_lock"],
    ],
  },
  console_ring: {
    doc: "Single-producer (its CPU) single-consumer (host) ring of UTF-16 code units, holding records {seq: u32, len: u32, text: u16[len]} (each u32 as two units, low first); seq orders records across CPUs.",
    fields: [
      ["head", "u32", "atomic; units written, written by the CPU"],
      ["tail", "u32", "atomic; units read, written by the host"],
      ["size", "u32", "capacity in units, a power of two"],
      ["pad", "u32", ""],
    ],
  },
  z_kernel: {
    doc: "The kernel's shared state, at the 64-aligned address after the image's static data.",
    align: 64,
    fields: [
      ["magic", "u32", "KERNEL_MAGIC once laid out"],
      ["layout_version", "u32", "LAYOUT_VERSION"],
      ["num_cpus", "u32", "CPUs that boot (CONFIG_MP_MAX_NUM_CPUS capped by the board)"],
      ["board_cpus", "u32", "CPUs the board has (workers)"],
      ["pending_ipi", "u32", "atomic; CPUs to interrupt at the next scheduling point"],
      ["cpus_active", "u32", "atomic; count"],
      ["sched_lock", "k_spinlock", ""],
      ["heap_lock", "k_spinlock", ""],
      ["thread_list_lock", "k_spinlock", ""],
      ["obj_lock", "k_spinlock", "kernel objects (k_sem, k_mutex)"],
      ["global_lock", "u32", "atomic; irq_lock()'s system-wide lock (SMP), 1 while some thread holds it"],
      ["poll_wq", "sys_dnode", "sched_lock; threads in k_poll, woken to re-check on any poll-able change"],
      ["ipi_lock", "k_spinlock", "the per-CPU IPI work lists"],
      ["sys_work_q", "k_work_q", "the system work queue"],
      ["runq", "sys_dnode", "sched_lock; ready threads, sorted, running ones excluded (CONFIG_SCHED_SIMPLE without PIN_ONLY)"],
      ["timeout_list", "sys_dnode", "sched_lock; sorted by deadline"],
      ["threads", "ptr", "thread_list_lock; first of the all-threads list"],
      ["threads_last", "ptr", "thread_list_lock"],
      ["next_thread_id", "u32", "atomic"],
      ["heap_start", "ptr", ""],
      ["heap_end", "ptr", ""],
      ["heap_brk", "ptr", "heap_lock"],
      ["heap_used", "u32", "heap_lock; bytes in live blocks"],
      ["heap_free", "ptr[32]", "heap_lock; free lists by size class"],
      ["main_thread", "ptr", ""],
      ["exit_code", "i32", ""],
      ["main_done", "u32", "atomic"],
      ["cpu_start_flag", "u32", "atomic; the SMP start gate"],
      ["ready_flag", "u32", "atomic; a started CPU is up"],
      ["clock_gen", "u32", "atomic; bumped to wake the host clock"],
      ["console_seq", "u32", "atomic; next printk record number (orders output across CPUs)"],
      ["main_stack_size", "u32", "CONFIG_MAIN_STACK_SIZE"],
      ["idle_stack_size", "u32", "CONFIG_IDLE_STACK_SIZE"],
      ["default_stack_size", "u32", "minimum save area for a thread"],
      ["main_prio", "i32", "CONFIG_MAIN_THREAD_PRIORITY"],
      ["spin_budget", "u32", "spins before a lock waiter parks its host thread"],
      ["spin_lock_time_limit", "u32", "CONFIG_SPIN_LOCK_TIME_LIMIT: most cycles a spinlock may be held (asserted at unlock); 0 = no limit"],
      ["vcpu_yield_us", "u32", "CONFIG_WASMP_VCPU_YIELD_US: a spinning CPU yields its host core when another CPU wants to run but has not run for this long; 0 = never"],
      ["ztest_thread_prio", "i32", "CONFIG_ZTEST_THREAD_PRIORITY"],
      ["slice_ticks", "i32", "sched_lock; time slice (ticks), 0 = off (CONFIG_TIMESLICE_SIZE, k_sched_time_slice_set)"],
      ["slice_max_prio", "i32", "sched_lock; threads of higher priority than this are not sliced"],
      ["cpus", "_cpu[32]", ""],
      ["runq_rb", "_priq_rb", "sched_lock; the run queue under CONFIG_SCHED_SCALABLE (without PIN_ONLY)"],
      ["runq_mq", "_priq_mq", "sched_lock; the run queue under CONFIG_SCHED_MULTIQ (without PIN_ONLY)"],
    ],
  },
};
