// The host–guest contract of wasmp: the one schema for every constant, encoding, shared-memory
// structure and host import that the AssemblyScript kernel, the TypeScript host and the docs
// share. This is the contract the embedding ABI documents.
//
// scripts/gen-contract.mjs generates from it: assembly/generated/contract.ts (constants,
// bit helpers, @unmanaged views), assembly/generated/imports.ts (the image's host imports),
// src/generated/contract.ts (the host's view: offsets, constants, import and export
// signatures) and docs/contract.md. `npm test` fails if any of them is stale. Field order is
// the ABI: never sort it. Offsets follow natural alignment (a field is aligned to its own
// size, a struct to its largest field or its `align`). Change anything here that a built image
// depends on, bump LAYOUT_VERSION, run `npm run gen`.
//
// Field types: u8 u16 u32 i32 u64 i64 f64 ptr (a 32-bit guest address), another struct's
// name (embedded), or `T[N]` (an array; N a number or a name from `constants`). `atomic` in the
// note means every access is atomic.

export const LAYOUT_VERSION = 17;

/** Upper bound on virtual CPUs: CPU masks and IPI masks are 32-bit words. */
export const MAX_CPUS = 32;

export const constants = {
  MAX_CPUS: { value: MAX_CPUS, type: "i32" },
  /** z_kernel.magic once the host has laid out the kernel region. */
  KERNEL_MAGIC: 0x504d5357, // "WSMP"
  /** Sentinel for "no deadline programmed" in _cpu.timer_deadline. */
  NO_DEADLINE: { value: -1, type: "i64" },
  /** Host-visible CPU states in _cpu.state (for dumps). */
  CPU_OFF: 0,
  CPU_BOOTING: 1,
  CPU_RUNNING: 2,
  CPU_IDLE: 3,
  CPU_HALTED: 4,
  /** How many held spinlocks a CPU records under CONFIG_SPIN_VALIDATE. */
  HELD_LOCKS_MAX: 8,
  /** Joined threads whose control blocks are kept (reading as dead) before they are freed for reuse. */
  THREAD_QUARANTINE: 256,
  /** Thread priorities (include/zephyr/kernel.h with CONFIG_NUM_COOP_PRIORITIES=16, CONFIG_NUM_PREEMPT_PRIORITIES=15). */
  CONFIG_NUM_COOP_PRIORITIES: { value: 16, type: "i32" },
  CONFIG_NUM_PREEMPT_PRIORITIES: { value: 15, type: "i32" },
  /** The highest (numerically lowest) priority: -CONFIG_NUM_COOP_PRIORITIES. */
  K_HIGHEST_THREAD_PRIO: { value: -16, type: "i32" },
  /** The lowest priority, the idle thread's: CONFIG_NUM_PREEMPT_PRIORITIES. */
  K_LOWEST_THREAD_PRIO: { value: 15, type: "i32" },
  /** Priority levels, K_HIGHEST_THREAD_PRIO..K_LOWEST_THREAD_PRIO (one MULTIQ list each). */
  K_NUM_THREAD_PRIO: { value: 32, type: "i32" },
  /** Bytes of a thread name, NUL included (CONFIG_THREAD_MAX_NAME_LEN). */
  CONFIG_THREAD_MAX_NAME_LEN: 32,
  /** Bytes of z_kernel.board_name, NUL included: the longest CONFIG_BOARD is one less. */
  BOARD_NAME_MAX: 64,
  /** The byte k_thread_create paints a save area with under CONFIG_INIT_STACKS (Zephyr's 0xaa). */
  STACK_PAINT_BYTE: 0xaa,
  /** Save area of each CPU's boot context, in bytes. */
  BOOT_BUF_SIZE: 16384,
  /**
   * Per-CPU unwind scratch, in bytes: a switching context is unwound here first and copied to
   * its own save area if it fits (asyncify checks the bound only when the unwind ends).
   */
  SCRATCH_SIZE: 65536,
  /** Smallest heap the host accepts after the kernel region, in bytes. */
  MIN_HEAP_SIZE: 1 << 20,
  /** k_stack.flags: the buffer came from k_stack_alloc_init (kernel/stack.c, K_STACK_FLAG_ALLOC). */
  K_STACK_FLAG_ALLOC: 1,
  /** sys_heap: bytes per chunk unit; chunk ids count these from the heap's first byte (lib/heap/heap.h, CHUNK_UNIT). */
  SYS_HEAP_CHUNK_UNIT: 8,
  /** k_mutex.sentinel of an initialised mutex ("MUTX"; Zephyr's K_MUTEX_MAGIC sentinel). */
  K_MUTEX_MAGIC: 0x4d555458,
  /** Entries of z_kernel.obj_names: the top-level kernel objects of an application that the dump names. */
  OBJ_NAMES_MAX: 256,
  /**
   * The NULL page, [0, NULL_PAGE_SIZE): every image's static data starts above it (asc's
   * --memoryBase), so nothing of the image or the kernel lives there; under
   * CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU a load or store in it is a CPU exception of the
   * thread (src/image/null_page.ts). Zephyr's analogue is CONFIG_CORTEX_M_NULL_POINTER_EXCEPTION_PAGE_SIZE.
   */
  NULL_PAGE_SIZE: 4096,
};

/**
 * Bit sets: each name is a bit number of a word. Generated as masks (`1 << bit`) on both sides
 * and drawn in docs/contract.md. `wasmp: true` marks a bit that Zephyr does not define.
 */
export const bitsets = {
  thread_state: {
    doc: "k_thread.thread_state (kernel/include/kthread.h).",
    bits: [
      ["_THREAD_DUMMY", 0, "a CPU's boot-context placeholder, never scheduled"],
      ["_THREAD_PENDING", 1, "waits on a wait queue (pended_on)"],
      ["_THREAD_SLEEPING", 2, "sleeps, or created and not yet started (Zephyr folded PRESTART into SLEEPING)"],
      ["_THREAD_DEAD", 3, "ended or aborted"],
      ["_THREAD_SUSPENDED", 4, "k_thread_suspend"],
      ["_THREAD_ABORTING", 5, "being aborted while it runs on another CPU"],
      ["_THREAD_SUSPENDING", 6, "being suspended while it runs on another CPU"],
      ["_THREAD_QUEUED", 7, "in the run queue, or (on a current thread) requeue at switch-out"],
    ],
  },
  user_options: {
    doc: "k_thread.user_options (include/zephyr/kernel.h, K_* thread options).",
    bits: [
      ["K_ESSENTIAL", 0, "a fatal error of this thread halts the system"],
      ["K_USER", 2, "a user-mode thread; accepted, wasmp has no userspace (k_thread_user_mode_enter sets it)"],
      ["K_INHERIT_PERMS", 3, "inherit kernel-object permissions; accepted, wasmp has no userspace"],
      ["K_IDLE_THREAD", 24, "a CPU's idle thread (Zephyr tells by address)", true],
    ],
  },
  pipe_flags: {
    doc: "k_pipe.flags (include/zephyr/kernel.h, enum pipe_flags).",
    bits: [
      ["PIPE_FLAG_OPEN", 0, "the pipe accepts writes; cleared for good by k_pipe_close"],
      ["PIPE_FLAG_RESET", 1, "k_pipe_reset is releasing the waiters; cleared by the last of them"],
    ],
  },
  irq_lines: {
    doc: "_cpu.pending: the virtual interrupt lines a host or another CPU raises.",
    bits: [
      ["IRQ_IPI", 0, "a scheduling IPI (arch_sched_directed_ipi)", true],
      ["IRQ_TIMER", 1, "this CPU's timer deadline passed", true],
    ],
  },
  msgq_flags: {
    doc: "k_msgq.flags (include/zephyr/kernel.h).",
    bits: [["K_MSGQ_FLAG_ALLOC", 0, "the buffer came from k_msgq_alloc_init: k_msgq_cleanup frees it"]],
  },
  event_options: {
    doc: "k_event_waiter.options (kernel/events.c, the options of k_event_wait_internal).",
    bits: [
      ["K_EVENT_WAIT_ALL", 0, "all of the desired events (k_event_wait_all*); else any of them"],
      ["K_EVENT_OPTION_RESET", 1, "clear every event before waiting (reset = true)"],
      ["K_EVENT_OPTION_CLEAR", 2, "clear the events that satisfied the wait (k_event_wait*_safe)"],
    ],
  },
  work_flags: {
    doc: "k_work.flags (include/zephyr/kernel.h): the busy bits k_work_busy_get reports, and K_WORK_DELAYABLE.",
    bits: [
      ["K_WORK_RUNNING", 0, "a work queue thread runs its handler"],
      ["K_WORK_CANCELING", 1, "being cancelled: submissions are rejected until the handler returns"],
      ["K_WORK_QUEUED", 2, "in a queue's pending list"],
      ["K_WORK_DELAYED", 3, "a delayable item waiting for its timeout"],
      ["K_WORK_FLUSHING", 4, "a flusher item (k_work_sync) that wakes its waiter when it completes"],
      ["K_WORK_DELAYABLE", 8, "set by k_work_init_delayable (static flag)"],
    ],
  },
  work_queue_flags: {
    doc: "k_work_q.flags (include/zephyr/kernel.h).",
    bits: [
      ["K_WORK_QUEUE_STARTED", 0, "k_work_queue_start / k_work_queue_run; submissions accepted"],
      ["K_WORK_QUEUE_BUSY", 1, "its thread runs an item"],
      ["K_WORK_QUEUE_DRAIN", 2, "k_work_queue_drain waits; only chained submissions accepted"],
      ["K_WORK_QUEUE_PLUGGED", 3, "drained with plug: submissions rejected until k_work_queue_unplug"],
      ["K_WORK_QUEUE_STOP", 4, "k_work_queue_stop: the thread returns once idle"],
      ["K_WORK_QUEUE_NO_YIELD", 8, "k_work_queue_config.no_yield: no k_yield between items"],
    ],
  },
};

/**
 * Encodings: words packed from fields (name, lowest bit, width, meaning). Generated as
 * SHIFT/MASK constants and pack/unpack helpers, and drawn in docs/contract.md.
 */
export const encodings = {
  thread_cpu: {
    doc: "k_spinlock.thread_cpu under CONFIG_SPIN_VALIDATE: who holds the lock; 0 when free.",
    fields: [
      ["cpu_plus_one", 0, 8, "the holder's CPU id + 1 (0: free)"],
      ["thread_id", 8, 24, "the holder thread's k_thread.id (0 before the first thread)"],
    ],
  },
  spinlock_key: {
    doc: "k_spinlock_key_t, returned by k_spin_lock: the lock's address tagged with the interrupt state to restore.",
    fields: [
      ["irq_masked", 0, 1, "1 if local interrupts were masked before k_spin_lock (arch_irq_lock's key)"],
      ["reserved", 1, 1, "0"],
      [
        "lock_addr_hi",
        2,
        30,
        "the lock's address >> 2 (locks are 4-aligned); the key is the lock address OR irq_masked",
      ],
    ],
  },
  null_fault_access: {
    doc: "The global wasmp_fault_access: which access the NULL-page check stopped (0: none since the host last read it).",
    fields: [
      ["bytes", 0, 8, "the access's size in bytes (1, 2, 4, 8 or 16)"],
      ["store", 8, 1, "1: a store, 0: a load"],
    ],
  },
  sys_sfnode: {
    doc: "A k_queue node's reserved first word (include/zephyr/sys/sflist.h, sys_sfnode_t): the next node's address with 2 flag bits in its low bits (nodes are 4-aligned); 0 at the end.",
    fields: [
      ["flags", 0, 2, "1: the node is a z_queue_alloc_node (k_queue_alloc_append/prepend); 0: the caller's item"],
      ["next_hi", 2, 30, "the next node's address >> 2 (the word is the address OR flags)"],
    ],
  },
};

/**
 * The console ring's record header: each printk record is {seq, len, text}, in UTF-16 code
 * units, each u32 as two units, low half first. seq orders records across CPUs.
 */
export const consoleRecord = {
  doc: "A printk record in a console_ring: header then `len` UTF-16 code units of text.",
  fields: [
    ["seq", 0, "z_kernel.console_seq when the record was written (orders CPUs' records)"],
    ["len", 2, "text length in code units"],
  ],
  HEADER_UNITS: 4,
};

/** Zephyr's errno values (lib/libc/minimal/include/errno.h); kernel calls return -E*. */
export const errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENOEXEC: 8,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ENOSPC: 28,
  ENOMSG: 35,
  EDEADLK: 45,
  ENOSYS: 88,
  ENOTEMPTY: 90,
  EADDRINUSE: 112,
  ETIMEDOUT: 116,
  EINPROGRESS: 119,
  EALREADY: 120,
  ENOTSUP: 134,
  EOVERFLOW: 139,
  ECANCELED: 140,
  EPIPE: 32,
};

/** Fatal error reasons (include/zephyr/fatal_types.h, enum k_fatal_error_reason). */
export const fatalReasons = {
  K_ERR_CPU_EXCEPTION: 0,
  K_ERR_SPURIOUS_IRQ: 1,
  K_ERR_STACK_CHK_FAIL: 2,
  K_ERR_KERNEL_OOPS: 3,
  K_ERR_KERNEL_PANIC: 4,
};

/**
 * What a pended thread waits on (k_thread.pended_kind, set with pended_on when it pends): the
 * kind of object that holds the wait queue pended_on points to. `struct` and `field` locate that
 * wait queue in the object, so that a host finds the object from pended_on (the machine dump:
 * kind, address, name, a mutex's owner, wait cycles). wasmp's own: Zephyr's debuggers find the
 * object from the wait queue's address in the symbol table.
 * Each entry: [name, value, struct, wait-queue field, what the dump calls it].
 */
export const waitKinds = [
  ["WAIT_UNKNOWN", 0, null, null, "wait queue"],
  ["WAIT_SEM", 1, "k_sem", "wait_q", "semaphore"],
  ["WAIT_MUTEX", 2, "k_mutex", "wait_q", "mutex"],
  ["WAIT_CONDVAR", 3, "k_condvar", "wait_q", "condvar"],
  ["WAIT_MSGQ", 4, "k_msgq", "wait_q", "msgq"],
  ["WAIT_EVENT", 5, "k_event", "wait_q", "event"],
  ["WAIT_TIMER", 6, "k_timer", "wait_q", "timer (k_timer_status_sync)"],
  ["WAIT_QUEUE", 7, "k_queue", "wait_q", "queue (k_queue_get)"],
  ["WAIT_STACK", 8, "k_stack", "wait_q", "stack (k_stack_pop)"],
  ["WAIT_MEM_SLAB", 9, "k_mem_slab", "wait_q", "mem_slab (k_mem_slab_alloc)"],
  ["WAIT_HEAP", 10, "k_heap", "wait_q", "heap (k_heap_alloc)"],
  ["WAIT_PIPE_READ", 11, "k_pipe", "data", "pipe (k_pipe_read)"],
  ["WAIT_PIPE_WRITE", 12, "k_pipe", "space", "pipe (k_pipe_write)"],
  ["WAIT_MBOX_SEND", 13, "k_mbox", "tx_msg_queue", "mbox (k_mbox_put, for a receiver)"],
  ["WAIT_MBOX_RECV", 14, "k_mbox", "rx_msg_queue", "mbox (k_mbox_get, for a sender)"],
  ["WAIT_MBOX_MSG", 15, null, null, "mbox (k_mbox_put, until the receiver has taken the message)"],
  ["WAIT_JOIN", 16, "k_thread", "join_queue", "thread (k_thread_join)"],
  ["WAIT_HALT", 17, "k_thread", "halt_queue", "thread (to stop on another CPU)"],
  ["WAIT_POLL", 18, "z_kernel", "poll_wq", "k_poll"],
  ["WAIT_WORK_SYNC", 19, "k_work_sync", "waitq", "work (flush or cancel)"],
  ["WAIT_WORK_QUEUE", 20, "k_work_q", "notifyq", "work queue (idle, for work)"],
  ["WAIT_WORK_DRAIN", 21, "k_work_q", "drainq", "work queue (k_work_queue_drain)"],
];

/**
 * The image's imports, by module. Parameter and result types: i32 u32 ptr f64 (a ptr is a
 * guest address, a JS number on the host side). `as` is the AssemblyScript name the kernel
 * calls it by; `unwinds` marks the only import asyncify may unwind from; `when` says when the
 * kernel calls it, `does` what the host must do.
 */
export const imports = {
  wasmp: [
    {
      name: "arch_switch",
      as: "arch_switch",
      params: [
        ["new_handle", "ptr"],
        ["old_switch_handle", "ptr"],
      ],
      result: "void",
      unwinds: true,
      when: "z_swap and interrupt exit, with the sched lock released and interrupts masked",
      does: "Saves the running context (asyncify unwind) and resumes `new_handle`; stores the old thread into *old_switch_handle only AFTER the context is fully saved (Zephyr's arch_switch contract). In rewind state it stops the rewind and returns.",
    },
    {
      name: "now_ns",
      as: "host_now_ns",
      params: [],
      result: "f64",
      when: "time reads (k_uptime_*, k_cycle_get_*, timeouts)",
      does: "Returns host monotonic time in nanoseconds since the machine's epoch.",
    },
    {
      name: "park",
      as: "host_park",
      params: [
        ["addr", "ptr"],
        ["expected", "u32"],
        ["timeout_ms", "f64"],
      ],
      result: "void",
      when: "a bounded spin ran out (spinlock, switch handle, console ring, irq_lock, yield)",
      does: "Blocks this host thread until the u32 at `addr` is notified or no longer `expected`, at most timeout_ms; sets _cpu.host_waiting around the wait and stamps _cpu.beat after it.",
    },
    {
      name: "cpu_idle",
      as: "host_cpu_idle",
      params: [],
      result: "void",
      when: "the idle thread has nothing to run",
      does: "Blocks until this CPU has a pending interrupt or its timer deadline passes; on the deadline, raises IRQ_TIMER.",
    },
    {
      name: "sched_ipi",
      as: "arch_sched_directed_ipi",
      params: [["mask", "u32"]],
      result: "void",
      when: "a scheduling point with pending IPIs (signal_pending_ipi)",
      does: "Raises IRQ_IPI on every started CPU in `mask` except the caller and wakes it.",
    },
    {
      name: "cpu_start",
      as: "host_cpu_start",
      params: [
        ["cpu", "i32"],
        ["fn", "u32"],
        ["arg", "ptr"],
      ],
      result: "void",
      when: "arch_cpu_start (z_smp_init, k_smp_cpu_start)",
      does: "Writes fn and arg into CPU `cpu`'s boot mailbox (_cpu.start_fn/start_arg), sets start_req and wakes its worker, which calls z_arch_cpu_entry.",
    },
    {
      name: "fatal",
      as: "host_fatal",
      params: [
        ["reason", "i32"],
        ["thread", "ptr"],
        ["lock", "ptr"],
        ["msg", "ptr"],
        ["msg_len", "i32"],
        ["seq", "u32"],
      ],
      result: "void",
      when: "z_fatal_error, before the thread is aborted",
      does: "Reports the fatal error (Zephyr's log format); `msg` is a detail (may be empty: the reason says it all) and `seq` a console record number taken for the report, so that the host prints it in order with the console (after every printk that completed before the error, before every later one); must return.",
    },
    {
      name: "system_halt",
      as: "host_system_halt",
      params: [["reason", "i32"]],
      result: "void",
      when: "k_panic, a fatal error of an essential thread or in an ISR",
      does: "Stops the whole machine; never returns (throws through the instance).",
    },
    {
      name: "main_exit",
      as: "host_main_exit",
      params: [["code", "i32"]],
      result: "void",
      when: "main() returned",
      does: "Ends the run with `code`.",
    },
  ],
  env: [
    {
      name: "abort",
      params: [
        ["msg", "ptr"],
        ["file", "ptr"],
        ["line", "u32"],
        ["column", "u32"],
      ],
      result: "void",
      when: "an AssemblyScript assertion or runtime error",
      does: "Throws: the host reports a K_ERR_KERNEL_OOPS of the current thread.",
    },
    {
      name: "trace",
      params: [
        ["msg", "ptr"],
        ["n", "i32"],
        ["a0", "f64"],
        ["a1", "f64"],
        ["a2", "f64"],
        ["a3", "f64"],
        ["a4", "f64"],
      ],
      result: "void",
      when: "AssemblyScript's trace()",
      does: "May print or ignore.",
    },
    { name: "seed", params: [], result: "f64", when: "Math.random's first use", does: "Returns a random seed." },
    {
      name: "console.log",
      params: [["msg", "ptr"]],
      result: "void",
      when: "AssemblyScript's console.log",
      does: "Prints the string (unordered with printk).",
    },
  ],
};

/** The image's exports that a host calls. Same types as imports. */
export const exports = [
  {
    name: "_start",
    params: [],
    result: "void",
    doc: "Top-level code (the start function): run once per instance after z_cpu_init, before any CPU runs.",
  },
  {
    name: "z_cpu_init",
    params: [["id", "i32"]],
    result: "void",
    doc: "Binds this instance to CPU `id`; the first call into a new instance.",
  },
  { name: "z_kernel_base", params: [], result: "ptr", doc: "Where the host must lay out z_kernel." },
  { name: "z_layout_version", params: [], result: "u32", doc: "The LAYOUT_VERSION the image was built with." },
  { name: "z_cstart", params: [], result: "void", doc: "CPU 0's boot context: kernel init, then the switch to main." },
  {
    name: "z_arch_cpu_entry",
    params: [],
    result: "void",
    doc: "A secondary CPU's boot context, after its boot mailbox was written.",
  },
  {
    name: "z_thread_entry",
    params: [["t", "ptr"]],
    result: "void",
    doc: "Runs thread `t` from its entry, or (in rewind state) resumes it.",
  },
  {
    name: "z_thread_fault_entry",
    params: [
      ["t", "ptr"],
      ["reason", "i32"],
    ],
    result: "void",
    doc: "Entered on a fresh context after `t` trapped: the fatal-error path.",
  },
  {
    name: "z_thread_doa",
    params: [["t", "ptr"]],
    result: "void",
    doc: "`t`'s save area overflowed while it was switched out: make it run once more to die.",
  },
  { name: "asyncify_start_unwind", params: [["data", "ptr"]], result: "void", doc: "Binaryen asyncify." },
  { name: "asyncify_stop_unwind", params: [], result: "void", doc: "Binaryen asyncify." },
  { name: "asyncify_start_rewind", params: [["data", "ptr"]], result: "void", doc: "Binaryen asyncify." },
  { name: "asyncify_stop_rewind", params: [], result: "void", doc: "Binaryen asyncify." },
  {
    name: "asyncify_get_state",
    params: [],
    result: "i32",
    doc: "Binaryen asyncify: 0 normal, 1 unwinding, 2 rewinding.",
  },
];

/**
 * Mutable globals an image may export for the host to read (one per instance: per CPU). The
 * image builder adds them (not asc), only to images built with the option `when` names.
 */
export const exportedGlobals = [
  {
    name: "wasmp_fault_addr",
    type: "u32",
    when: "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU",
    doc: "The address of the load or store that the NULL-page check stopped; set just before the check traps.",
  },
  {
    name: "wasmp_fault_access",
    type: "u32",
    when: "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU",
    doc: "0, or the stopped access (encoding null_fault_access); set just before the check traps. The host reads it after a trap and sets it back to 0.",
  },
];

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
      [
        "next_order_key",
        "u32",
        "sched_lock; the next thread's order_key (FIFO among equals); renumbered on wrap, 0 when the tree empties",
      ],
    ],
  },
  _priq_mq: {
    doc: "CONFIG_SCHED_MULTIQ run queue: one FIFO list per priority and a bitmap of the non-empty ones.",
    fields: [
      ["bitmask", "u32", "sched_lock; bit prio - K_HIGHEST_THREAD_PRIO set while that list is non-empty"],
      ["pad", "u32", ""],
      [
        "queues",
        "sys_dnode[K_NUM_THREAD_PRIO]",
        "sched_lock; by prio - K_HIGHEST_THREAD_PRIO (a zero head is an empty list)",
      ],
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
    doc: "A thread. Allocated by the kernel from the shared heap. Its save area is freed once it is dead and switched out; its control block once it has been joined and THREAD_QUARANTINE more have been since (kernel/thread.ts, z_thread_reap_locked).",
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
      [
        "next_thread",
        "ptr",
        "thread_list_lock; the list of threads that exist (Zephyr's thread monitor): k_thread_foreach, dumps",
      ],
      ["fatal_reason", "i32", "K_ERR_* once it died of a fatal error, else -1"],
      ["custom_data", "ptr", "k_thread_custom_data_set"],
      ["name", "u8[CONFIG_THREAD_MAX_NAME_LEN]", "NUL-terminated"],
      [
        "qnode_rb",
        "rbnode",
        "sched_lock; run-queue link under CONFIG_SCHED_SCALABLE (qnode then serves wait queues only)",
      ],
      ["order_key", "u32", "sched_lock; CONFIG_SCHED_SCALABLE insertion order among equal priorities"],
      [
        "started",
        "u32",
        "sched_lock; 1 once started (k_thread_start is then a no-op); kept out of thread_state, which shows Zephyr's bits only",
      ],
      [
        "resource_pool",
        "ptr",
        "the k_heap that z_thread_malloc allocates from for this thread (k_thread_heap_assign), 0 for the kernel heap; inherited from the creating thread",
      ],
      [
        "usage_total",
        "u64",
        "sched_lock; CONFIG_THREAD_RUNTIME_STATS: cycles it ran, added at every switch away from it (kernel/usage.ts)",
      ],
      [
        "held_mutexes",
        "ptr",
        "mutex_lock; first k_mutex this thread holds (list through k_mutex.held_node), 0 if none",
      ],
      ["mutex_pended_on", "ptr", "mutex_lock; the k_mutex it pends on in k_mutex_lock, else 0"],
      ["orig_prio", "i32", "mutex_lock; its priority before inheritance, taken when it went from no mutex held to one"],
      ["zombie_next", "ptr", "sched_lock; next dead thread whose save area is still to be freed (z_kernel.zombies)"],
      [
        "quarantine_next",
        "ptr",
        "sched_lock; next joined thread waiting in the quarantine before its control block is freed",
      ],
      [
        "reaped",
        "u32",
        "sched_lock; 1 once a join has claimed it (in the quarantine, or static), 2 claimed while still switching out",
      ],
      [
        "stack_unused",
        "u32",
        "sched_lock; CONFIG_INIT_STACKS: the save area's unused bytes, recorded when it was freed",
      ],
      [
        "pended_kind",
        "u32",
        "sched_lock; WAIT_* (waitKinds): the kind of object whose wait queue pended_on is, set when it pends (for dumps)",
      ],
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
      ["held", "ptr[HELD_LOCKS_MAX]", "this CPU; the locks, innermost last"],
      [
        "held_outer",
        "ptr",
        "this CPU; Zephyr's z_held_spinlock: set by a lock taken while it is 0, cleared when that lock is released (CONFIG_SPIN_VALIDATE)",
      ],
      ["boot_buf", "ptr", "save area of the boot context"],
      ["scratch", "ptr", "host: where a switching context is unwound before it is copied to its save area"],
      ["scratch_size", "u32", ""],
      ["boot_buf_size", "u32", ""],
      ["console", "ptr", "this CPU's console_ring"],
      ["slice_expired", "u32", "sched_lock; this CPU's time slice ran out (CONFIG_TIMESLICING)"],
      ["ipi_workq", "sys_dnode", "ipi_lock; k_ipi_work items this CPU's next IPI runs"],
      ["slice_timeout", "_timeout", "sched_lock; this CPU's time-slice timer"],
      [
        "runq",
        "sys_dnode",
        "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_SIMPLE: this CPU's run queue (zero = empty)",
      ],
      ["runq_rb", "_priq_rb", "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_SCALABLE: this CPU's run queue"],
      ["runq_mq", "_priq_mq", "sched_lock; CONFIG_SCHED_CPU_MASK_PIN_ONLY + SCHED_MULTIQ: this CPU's run queue"],
      ["beat", "u32", "atomic; host clock in us when this CPU last ran (vCPU starvation check, kernel/vcpu_yield.ts)"],
      [
        "host_waiting",
        "u32",
        "atomic; 1 while this CPU's host thread blocks in Atomics.wait (idle, parked waiter, yield)",
      ],
      [
        "usage0",
        "u64",
        "sched_lock; CONFIG_THREAD_RUNTIME_STATS: cycle count when its current thread was switched in, 0 = not yet",
      ],
      [
        "usage_total",
        "u64",
        "sched_lock; CONFIG_THREAD_RUNTIME_STATS: cycles it ran a thread other than its idle thread",
      ],
    ],
  },
  k_event_waiter: {
    doc: "What a thread in k_event_wait waits for (kernel/events.c keeps it on the waiter's stack); k_thread.swap_data points to it.",
    fields: [
      ["desired", "u32", "obj_lock; the events waited for"],
      ["options", "u32", "K_EVENT_WAIT_ALL and K_EVENT_OPTION_* bits (z_event_wait_block.event_options)"],
      ["matched", "u32", "obj_lock; the events that woke it"],
    ],
  },
  z_cpu_start_cb: {
    doc: "A start request for a secondary CPU (kernel/smp.c, struct cpu_start_cb): what smp_init_top runs.",
    fields: [
      ["fn", "u32", "function reference to call on the new CPU, 0 for none"],
      ["arg", "ptr", "its argument"],
      ["invoke_sched", "u32", "1: the CPU enters the scheduler afterwards"],
      ["reinit_timer", "u32", "1: reinitialise the CPU's timer (k_smp_cpu_resume)"],
    ],
  },
  z_static_thread: {
    doc: "A thread defined at top level with K_THREAD_DEFINE (Zephyr's struct _static_thread_data): created at boot, before main, by z_init_static_threads. Static memory, written identically by every CPU's start function.",
    fields: [
      ["thread", "ptr", "the k_thread, also in static memory"],
      ["entry", "u32", "function reference (k_thread_entry_t)"],
      ["p1", "ptr", ""],
      ["p2", "ptr", ""],
      ["p3", "ptr", ""],
      ["prio", "i32", ""],
      ["options", "u32", "K_* thread options"],
      ["delay_ms", "i32", "start delay in ms; 0: at once; -1 (SYS_FOREVER_MS): not until k_thread_start"],
      ["stack_size", "u32", "bytes of its save area"],
      ["name", "ptr", "AssemblyScript string in static data, or 0"],
      ["registered", "u32", "1 once in the list (registration is idempotent)"],
      ["next", "ptr", "next definition, in program order"],
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
    doc: "Recursive mutex with an owner and priority inheritance (K_MUTEX_DEFINE / k_mutex_init).",
    fields: [
      ["wait_q", "sys_dnode", "mutex_lock; pended threads"],
      ["owner", "ptr", "mutex_lock; holder thread or 0"],
      ["lock_count", "u32", "mutex_lock; recursion depth"],
      ["held_node", "ptr", "mutex_lock; next mutex in the owner's held_mutexes list"],
      ["sentinel", "u32", "K_MUTEX_MAGIC once initialised (K_MUTEX_DEFINE / k_mutex_init); Zephyr's k_mutex.magic"],
    ],
  },
  k_condvar: {
    doc: "Condition variable (K_CONDVAR_DEFINE / k_condvar_init).",
    fields: [["wait_q", "sys_dnode", "condvar_lock; waiting threads"]],
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
      ["flags", "u32", "obj_lock; K_MSGQ_FLAG_ALLOC"],
    ],
  },
  k_msgq_attrs: {
    doc: "What k_msgq_get_attrs reports (struct k_msgq_attrs).",
    fields: [
      ["msg_size", "u32", "bytes of a message (size_t)"],
      ["max_msgs", "u32", ""],
      ["used_msgs", "u32", ""],
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
    ],
  },
  k_work: {
    doc: "Work item (k_work_init); a delayable one (k_work_init_delayable, Zephyr's k_work_delayable) also uses `dqueue` and `timeout`.",
    fields: [
      ["node", "sys_dnode", "sched_lock; link in its queue's pending list"],
      ["handler", "u32", "function reference (k_work_handler_t)"],
      ["flags", "u32", "sched_lock; work_flags"],
      ["queue", "ptr", "sched_lock; the queue it was last submitted to (k_work.queue)"],
      ["dqueue", "ptr", "sched_lock; delayable: the queue its timeout submits it to (k_work_delayable.queue)"],
      ["timeout", "_timeout", "sched_lock; delayable work only"],
    ],
  },
  k_work_q: {
    doc: "Work queue (k_work_queue_init / k_work_queue_start / k_work_queue_run; the system work queue lives in z_kernel).",
    fields: [
      ["pending", "sys_dnode", "sched_lock; submitted items in order"],
      ["notifyq", "sys_dnode", "sched_lock; its thread waiting for work"],
      ["drainq", "sys_dnode", "sched_lock; threads in k_work_queue_drain"],
      ["thread_id", "ptr", "the thread that runs it (k_work_queue_thread_get)"],
      ["flags", "u32", "sched_lock; work_queue_flags"],
      ["work", "ptr", "sched_lock; CONFIG_WORKQUEUE_WORK_TIMEOUT: the item running"],
      ["finished", "u32", "sched_lock; CONFIG_WORKQUEUE_WORK_TIMEOUT: the running item returned or timed out"],
      ["pad", "u32", ""],
      ["work_timeout", "i64", "CONFIG_WORKQUEUE_WORK_TIMEOUT: ticks an item may run, K_FOREVER (-1) for no limit"],
      ["work_timeout_record", "_timeout", "sched_lock; CONFIG_WORKQUEUE_WORK_TIMEOUT"],
    ],
  },
  k_work_sync: {
    doc: "Flush or cancel state (k_work_flush, k_work_cancel_sync, ...): the flusher item queued behind the work, and the canceller record.",
    fields: [
      ["work", "k_work", "the flusher item (K_WORK_FLUSHING)"],
      ["waitq", "sys_dnode", "sched_lock; the thread waiting for the flush or cancellation"],
      ["cancel_node", "sys_dnode", "sched_lock; link in the pending-cancellations list"],
      ["cancel_work", "ptr", "sched_lock; the item being cancelled"],
      ["pad", "u32", ""],
    ],
  },
  k_work_poll: {
    doc: "Triggered work (k_work_poll_init / k_work_poll_submit_to_queue, kernel/poll.c): an item submitted to its queue once one of its poll events is ready or its timeout expires. `work` comes first, so the k_work its handler gets is the k_work_poll's address (Zephyr's CONTAINER_OF).",
    fields: [
      ["work", "k_work", "the item the queue runs (its handler is the kernel's, which calls real_handler)"],
      ["node", "sys_dnode", "sched_lock; link in the kernel's list of triggered works waiting for an event"],
      ["workq", "ptr", "sched_lock; the queue it is submitted to, 0 when not owned (Zephyr's workq)"],
      ["real_handler", "u32", "the caller's handler (a function reference)"],
      ["events", "ptr", "the caller's Array<k_poll_event> (Zephyr's events and num_events)"],
      [
        "poll_result",
        "i32",
        "sched_lock; 0 an event was ready, -EAGAIN the timeout expired, -EINPROGRESS still polling",
      ],
      ["is_polling", "u32", "sched_lock; 1 while waiting for an event (z_poller.is_polling)"],
      ["mode", "u32", "sched_lock; 0 MODE_NONE (being registered or cancelled), 2 MODE_TRIGGERED (z_poller.mode)"],
      ["timeout", "_timeout", "sched_lock; submits it with -EAGAIN when it expires"],
    ],
  },
  z_static_work_q: {
    doc: "A work queue defined at top level with K_WORK_QUEUE_DEFINE: started at boot, before static threads and main(). Static memory, written identically by every CPU's start function.",
    fields: [
      ["queue", "ptr", "the k_work_q, also in static memory"],
      ["cfg", "ptr", "its k_work_queue_config object, or 0"],
      ["stack_size", "u32", "bytes of its thread's save area"],
      ["prio", "i32", "its thread's priority"],
      ["name", "ptr", "AssemblyScript string: the queue's name, the thread's when cfg names none"],
      ["registered", "u32", "1 once in the list (registration is idempotent)"],
      ["next", "ptr", "next definition, in program order"],
      ["pad", "u32", ""],
    ],
  },
  k_ipi_work: {
    doc: "IPI work item (k_ipi_work_init/add/wait): a function run in IPI context on other CPUs.",
    fields: [
      ["node", "sys_dnode[MAX_CPUS]", "ipi_lock; one link per CPU, in that CPU's ipi_workq"],
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
  sys_slist: {
    doc: "Singly linked list (include/zephyr/sys/slist.h, sys_slist_t): each node's first word is its next pointer, 0 at the end.",
    fields: [
      ["head", "ptr", "the owner's lock; first node, 0 when empty"],
      ["tail", "ptr", "last node, 0 when empty"],
    ],
  },
  k_queue: {
    doc: "Queue of caller-owned items (K_QUEUE_DEFINE / k_queue_init; k_fifo and k_lifo are this object). data_q is a sys_sflist: each item's first word is reserved for the kernel and holds the next item's address, its low 2 bits flags (1: a z_queue_alloc_node).",
    fields: [
      ["head", "ptr", "obj_lock; first node (item or z_queue_alloc_node), 0 when empty"],
      ["tail", "ptr", "obj_lock; last node, 0 when empty"],
      ["wait_q", "sys_dnode", "obj_lock, then sched_lock; threads in k_queue_get, each handed its item in swap_data"],
    ],
  },
  z_queue_alloc_node: {
    doc: "What k_queue_alloc_append/prepend put in the queue for an item without a reserved word (kernel/queue.c, struct alloc_node): on the kernel heap, freed when the item leaves the queue.",
    fields: [
      ["node", "ptr", "obj_lock; the next node | flags (flag 1: this is an alloc node)"],
      ["data", "ptr", "the caller's item"],
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
  sys_heap: {
    doc: "A heap over a caller's buffer (include/zephyr/sys/sys_heap.h); not locked: k_heap adds the lock. kernel/sys_heap.ts.",
    fields: [
      ["heap", "ptr", "the z_heap header at the buffer's first chunk"],
      ["init_mem", "ptr", "the buffer given to sys_heap_init"],
      ["init_bytes", "u32", "its size"],
    ],
  },
  z_obj_name: {
    doc: "The name of a kernel object for dumps: `const lock_a = K_MUTEX_DEFINE()` at top level registers (lock_a's address, \"lock_a\") from every CPU's start function (src/image/transform.ts, kernel/obj_name.ts).",
    fields: [
      ["obj", "ptr", "atomic; the object's address, 0 while the entry is free"],
      [
        "name",
        "ptr",
        "atomic; an AssemblyScript string literal (static data, the same in every instance), 0 until written",
      ],
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
      [
        "obj_lock",
        "k_spinlock",
        "kernel objects (k_sem, k_msgq, k_event; k_mutex and k_condvar have their own static locks, as in Zephyr)",
      ],
      ["global_lock", "u32", "atomic; irq_lock()'s system-wide lock (SMP), 1 while some thread holds it"],
      ["poll_wq", "sys_dnode", "sched_lock; threads in k_poll, woken to re-check on any poll-able change"],
      ["ipi_lock", "k_spinlock", "the per-CPU IPI work lists"],
      ["sys_work_q", "k_work_q", "the system work queue"],
      [
        "runq",
        "sys_dnode",
        "sched_lock; ready threads, sorted, running ones excluded (CONFIG_SCHED_SIMPLE without PIN_ONLY)",
      ],
      ["timeout_list", "sys_dnode", "sched_lock; sorted by deadline"],
      [
        "threads",
        "ptr",
        "thread_list_lock; first thread of the list of threads that exist (a thread leaves it when it dies)",
      ],
      ["threads_last", "ptr", "thread_list_lock"],
      ["next_thread_id", "u32", "atomic"],
      ["heap_start", "ptr", ""],
      ["heap_end", "ptr", ""],
      [
        "zombies",
        "ptr",
        "sched_lock; dead threads whose save area is still to be freed (through k_thread.zombie_next)",
      ],
      ["quarantine_head", "ptr", "sched_lock; oldest joined thread whose control block waits to be freed"],
      ["quarantine_tail", "ptr", "sched_lock; newest one"],
      ["quarantine_count", "u32", "sched_lock; threads in the quarantine, at most THREAD_QUARANTINE"],
      [
        "heap",
        "sys_heap",
        "heap_lock; the kernel heap: a sys_heap over heap_start..heap_end, set up by the first allocation (heap.ts)",
      ],
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
      [
        "oversubscribed",
        "u32",
        "1 when the board has more CPUs than the host has cores: the paravirtual relax policy (kernel/spinlock_relax.ts) spins optimistically",
      ],
      [
        "spin_lock_time_limit",
        "u32",
        "CONFIG_SPIN_LOCK_TIME_LIMIT: most cycles a spinlock may be held (asserted at unlock); 0 = no limit",
      ],
      [
        "vcpu_yield_us",
        "u32",
        "CONFIG_WASMP_VCPU_YIELD_US: a spinning CPU yields its host core when another CPU wants to run but has not run for this long; 0 = never",
      ],
      ["ztest_thread_prio", "i32", "CONFIG_ZTEST_THREAD_PRIORITY"],
      ["slice_ticks", "i32", "sched_lock; time slice (ticks), 0 = off (CONFIG_TIMESLICE_SIZE, k_sched_time_slice_set)"],
      ["slice_max_prio", "i32", "sched_lock; threads of higher priority than this are not sliced"],
      ["cpus", "_cpu[MAX_CPUS]", ""],
      ["runq_rb", "_priq_rb", "sched_lock; the run queue under CONFIG_SCHED_SCALABLE (without PIN_ONLY)"],
      ["runq_mq", "_priq_mq", "sched_lock; the run queue under CONFIG_SCHED_MULTIQ (without PIN_ONLY)"],
      [
        "board_name",
        "u8[BOARD_NAME_MAX]",
        "CONFIG_BOARD: the board's name, UTF-8, NUL-terminated (written by the host)",
      ],
      [
        "usage_lock",
        "k_spinlock",
        "CONFIG_THREAD_RUNTIME_STATS: guards usage0/usage_total (Zephyr's usage_lock; taken inside sched_lock and thread_list_lock)",
      ],
      [
        "announcing",
        "u32",
        "sched_lock; 1 + the id of the CPU in sys_clock_announce's loop, 0 if none (kernel/timeout.c's announcing_cpu)",
      ],
      ["tick_offset", "i64", "sched_lock; added to the host clock's ticks (sys_clock_tick_set, a ztest hook)"],
      [
        "obj_names",
        "z_obj_name[OBJ_NAMES_MAX]",
        "the application's named top-level kernel objects, for dumps (kernel/obj_name.ts); an entry is claimed by a CAS on obj",
      ],
    ],
  },
  k_stack: {
    doc: "Stack of word-sized values (K_STACK_DEFINE / k_stack_init / k_stack_alloc_init): the buffer holds top - base entries.",
    fields: [
      ["wait_q", "sys_dnode", "sched_lock; threads in k_stack_pop on the empty stack"],
      ["lock", "k_spinlock", "this stack's lock (kernel/stack.c's stack->lock)"],
      ["base", "ptr", "lock; first entry"],
      ["next", "ptr", "lock; where the next push goes"],
      ["top", "ptr", "lock; one past the last entry"],
      ["flags", "u32", "K_STACK_FLAG_ALLOC when base came from z_thread_malloc"],
    ],
  },
  k_mem_slab: {
    doc: "Memory slab (K_MEM_SLAB_DEFINE / k_mem_slab_init): num_blocks fixed-size blocks; a free block's first word links the free list.",
    fields: [
      ["wait_q", "sys_dnode", "sched_lock; threads in k_mem_slab_alloc on the exhausted slab"],
      ["lock", "k_spinlock", "this slab's lock (kernel/mem_slab.c's slab->lock)"],
      ["buffer", "ptr", "the blocks, block_size apart"],
      ["free_list", "ptr", "lock; first free block, 0 when all are used"],
      ["block_size", "u32", "bytes, a multiple of the word size"],
      ["num_blocks", "u32", ""],
      ["num_used", "u32", "lock"],
      ["max_used", "u32", "lock; most blocks used at once (CONFIG_MEM_SLAB_TRACE_MAX_UTILIZATION, always on)"],
    ],
  },
  sys_memory_stats: {
    doc: "Heap or slab statistics (include/zephyr/sys/mem_stats.h): k_mem_slab_runtime_stats_get, sys_heap_runtime_stats_get.",
    fields: [
      ["free_bytes", "u32", ""],
      ["allocated_bytes", "u32", ""],
      ["max_allocated_bytes", "u32", ""],
    ],
  },
  z_heap: {
    doc: "Header of a sys_heap, in its chunk 0 (lib/heap/heap.h, struct z_heap); the free-list heads follow it, one u32 chunk id per bucket (bucket b: chunks of 2^b..2^(b+1)-1 units above the minimum).",
    fields: [
      ["chunk0_left_size", "u32", "chunk 0's z_heap_chunk.left_size: 0"],
      ["chunk0_size_and_used", "u32", "chunk 0's z_heap_chunk.size_and_used: the header's own size, used"],
      ["end_chunk", "u32", "chunk id of the end marker (a used chunk of size 0)"],
      ["avail_buckets", "u32", "bit b set while bucket b's free list is non-empty"],
      ["free_bytes", "u32", "bytes in listed free chunks, headers included"],
      ["allocated_bytes", "u32", "bytes in used chunks, headers included"],
      ["max_allocated_bytes", "u32", "most allocated_bytes so far (sys_heap_runtime_stats_reset_max)"],
    ],
  },
  z_heap_chunk: {
    doc: "Header of a sys_heap chunk, at SYS_HEAP_CHUNK_UNIT * id from the heap's start (lib/heap/heap.h, enum chunk_fields); the payload follows size_and_used, so free_prev and free_next exist only in free chunks.",
    fields: [
      ["left_size", "u32", "size in units of the chunk to the left"],
      ["size_and_used", "u32", "size in units << 1, bit 0 set while used"],
      ["free_prev", "u32", "free chunks of 2 units or more: previous in the bucket's circular list"],
      ["free_next", "u32", "next in that list"],
    ],
  },
  k_heap: {
    doc: "Kernel heap object (K_HEAP_DEFINE / k_heap_init): a sys_heap with a lock and a wait queue for blocking allocations.",
    fields: [
      ["wait_q", "sys_dnode", "sched_lock; threads waiting for memory (all are woken by every free)"],
      ["lock", "k_spinlock", "this heap's lock; protects heap"],
      ["heap", "sys_heap", "lock"],
    ],
  },
  k_pipe: {
    doc: "Pipe (K_PIPE_DEFINE / k_pipe_init): a byte stream through a ring of `size` bytes (0: none; writers then copy straight into waiting readers).",
    fields: [
      ["waiting", "u32", "obj_lock; readers and writers pended on it"],
      ["flags", "u32", "obj_lock; PIPE_FLAG_* bits"],
      ["data", "sys_dnode", "obj_lock, sched_lock; readers waiting for data, each with a pipe_buf_spec in swap_data"],
      ["space", "sys_dnode", "obj_lock, sched_lock; writers waiting for room"],
      ["buffer", "ptr", "the ring's storage"],
      ["size", "u32", "bytes of the ring"],
      ["head", "u32", "obj_lock; index of the oldest byte"],
      ["used", "u32", "obj_lock; bytes in the ring"],
    ],
  },
  pipe_buf_spec: {
    doc: "A reader's destination while it waits in k_pipe_read (kernel/pipe.c keeps it on the reader's stack); k_thread.swap_data points to it. Writers copy into it under sched_lock.",
    fields: [
      ["data", "ptr", "the reader's buffer"],
      ["len", "u32", "bytes wanted"],
      ["used", "u32", "sched_lock; bytes copied so far"],
    ],
  },
  k_mbox: {
    doc: "Mailbox (K_MBOX_DEFINE / k_mbox_init).",
    fields: [
      [
        "tx_msg_queue",
        "sys_dnode",
        "obj_lock, sched_lock; senders waiting for a receiver (async ones as dummy threads), each with its k_mbox_msg in swap_data",
      ],
      [
        "rx_msg_queue",
        "sys_dnode",
        "obj_lock, sched_lock; receivers waiting for a sender, each with its k_mbox_msg in swap_data",
      ],
    ],
  },
  k_mbox_msg: {
    doc: "Mailbox message descriptor (include/zephyr/kernel.h, struct k_mbox_msg), the caller's memory.",
    fields: [
      ["size", "u32", "bytes of data; a receiver's is the most it accepts, set to what it got"],
      ["info", "u32", "application value, exchanged between sender and receiver"],
      ["tx_data", "ptr", "the sender's data, or 0"],
      ["rx_source_thread", "ptr", "receiver: the sender wanted (K_ANY = 0), set to the sender; sender: itself"],
      ["tx_target_thread", "ptr", "sender: the receiver wanted (K_ANY = 0), set to the receiver; receiver: itself"],
      [
        "_syncing_thread",
        "ptr",
        "internal: the sending thread (a dummy for an async send) until the message is disposed of",
      ],
      ["_async_sem", "ptr", "internal: the k_sem given when an async message is disposed of, or 0"],
    ],
  },
  k_mbox_async: {
    doc: "Descriptor of an asynchronous mailbox send (kernel/mailbox.c, struct k_mbox_async): a dummy thread that pends in the sender's place, and a copy of the message. Kernel heap; reused through a free list.",
    fields: [
      ["thread", "k_thread", "the dummy sender (_THREAD_DUMMY, the sender's priority)"],
      ["tx_msg", "k_mbox_msg", "the message"],
      ["next_free", "ptr", "obj_lock; next unused descriptor while free"],
    ],
  },
};
