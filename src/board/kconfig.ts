// Kconfig for wasmp: the options an application may set in prj.conf or with --set, their
// types, defaults and dependencies, and the parser for Zephyr's prj.conf format.
//
// Bool options marked `build` select code in the image (the builder passes
// `--use KCONFIG_<NAME>=1` for each enabled one); the others are run-time values that the
// host writes into z_kernel before boot.
//
// A configuration is resolved against a board (src/board/board.ts): defaults such as
// CONFIG_MP_MAX_NUM_CPUS come from it, values it cannot honour are errors, and the result
// carries the board so that a machine can refuse a configuration made for another one.
// The resolved configuration has one typed field per option (the type `Kconfig` is derived
// from the OPTIONS table). Reading a prj.conf file is the Node side's job (readPrjConf in
// src/platform/node.ts); parsePrjConf here only parses text.
//
// Upstream prj.conf files are accepted as they are: a Zephyr symbol that wasmp has no use for
// (INERT_SYMBOLS, src/board/zephyr-symbols.ts) parses into a setting marked `inert` that
// resolveKconfig skips and kconfigDiagnostics turns into one warning; an option that wasmp
// implements differently from Zephyr carries a `note`; Zephyr's old names (RENAMED) are taken
// as the new ones, with a note. Anything else is an error with a "did you mean" suggestion.
// Every parse and resolve error lists all the problems of its input together (VmError.problems).

import {
  CONFIG_NUM_COOP_PRIORITIES,
  CONFIG_NUM_PREEMPT_PRIORITIES,
  K_HIGHEST_THREAD_PRIO,
  K_LOWEST_THREAD_PRIO,
  MAX_CPUS,
} from "../generated/contract.js";
import { configError } from "../errors.js";
import { INERT_SYMBOLS, type ZephyrSymbolType } from "./zephyr-symbols.js";
import { createBoard, MAX_MEMORY_MIB, MIN_MEMORY_MIB, type Board, type BoardSpec } from "./board.js";

export type KconfigValue = boolean | number | string;

/** The options resolved so far, while defaults are being filled in. */
export type KconfigDraft = Readonly<Record<string, KconfigValue | undefined>>;

export interface KconfigOption {
  readonly name: string;
  readonly type: "bool" | "int" | "string";
  readonly default: KconfigValue | ((cfg: KconfigDraft, board: Board) => KconfigValue);
  /** Compiled into the image (a different image per value). */
  readonly build?: boolean;
  readonly range?: readonly [number, number];
  /** Other options this one needs enabled: [name, why]; `!NAME` means NAME must not be y. */
  readonly dependsOn?: readonly (readonly [string, string])[];
  /** Only this value is supported (a Zephyr option wasmp accepts but does not vary). */
  readonly fixed?: KconfigValue;
  /**
   * How wasmp implements this option differently from Zephyr: setting it prints this note
   * (it completes "CONFIG_<NAME> ...").
   */
  readonly note?: string;
  readonly help: string;
}

/**
 * CONFIG_HEAP_MEM_POOL_SIZE's value when nothing sets it: k_malloc draws from the whole kernel
 * heap (assembly/kernel/mempool.ts). Outside the option's range, so that no prj.conf can write it.
 */
export const HEAP_MEM_POOL_UNSET = -1;
const MIB = 1 << 20;

/** Zephyr's K_LOWEST_APPLICATION_THREAD_PRIO: the lowest priority is the idle threads' (K_IDLE_PRIO). */
const K_LOWEST_APPLICATION_THREAD_PRIO = K_LOWEST_THREAD_PRIO - 1;

export const OPTIONS = [
  {
    name: "SMP",
    type: "bool",
    default: true,
    build: true,
    help: "One kernel scheduling threads on all CPUs. n builds a uniprocessor kernel that runs on CPU 0 only.",
  },
  {
    name: "SMP_BOOT_DELAY",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [["SMP", "there are no other CPUs to start later without SMP (kernel/Kconfig.smp: depends on SMP)"]],
    help: "Boot only CPU 0; start the others at run time with k_smp_cpu_start().",
  },
  {
    name: "KERNEL_COHERENCE",
    type: "bool",
    default: false,
    note: "changes nothing in wasmp: its shared memory is always coherent (Zephyr's y asks the kernel to manage incoherent caches)",
    help: "In Zephyr, y means the CPUs' caches are not coherent and the kernel must manage them. wasmp's shared memory is always coherent: n is the true value; y is accepted (Zephyr test configurations set it) and changes nothing.",
  },
  {
    name: "MP_MAX_NUM_CPUS",
    type: "int",
    default: (_c, b) => b.cpus,
    range: [1, MAX_CPUS],
    help: "CPUs that boot; the board's other CPUs stay off. Capped by the board's CPU count.",
  },
  {
    name: "QEMU_TARGET",
    type: "bool",
    default: true,
    build: true,
    help: "Zephyr marks emulated targets with this; code guarded by it (timing and fairness that an emulator's host-scheduled vCPUs cannot guarantee) takes the emulated branch. wasmp is such a target: y by default.",
  },
  {
    name: "TICKET_SPINLOCKS",
    type: "bool",
    default: false,
    build: true,
    help: "FIFO ticket spinlocks instead of compare-and-swap locks.",
  },
  {
    name: "ASSERT",
    type: "bool",
    default: true,
    build: true,
    help: "Kernel assertions (on by default in wasmp, as in every ztest build).",
  },
  {
    name: "NULL_POINTER_EXCEPTION_DETECTION_NONE",
    type: "bool",
    default: (c) => c.ASSERT !== true,
    build: true,
    help: "No NULL-pointer detection (choice NULL_POINTER_EXCEPTION_DETECTION; the default without ASSERT): a load or store in the NULL page reads or writes memory that nothing else uses.",
  },
  {
    name: "NULL_POINTER_EXCEPTION_DETECTION_MPU",
    type: "bool",
    default: (c) => c.ASSERT === true,
    build: true,
    help: "NULL-pointer detection (choice NULL_POINTER_EXCEPTION_DETECTION; the default with ASSERT): a load or store below NULL_PAGE_SIZE (4 KiB) is a K_ERR_CPU_EXCEPTION of the thread that names the address and the function. The image builder adds the check to every load and store (Binaryen's SafeHeap pass); docs/api.md gives what it checks and its cost.",
  },
  {
    name: "NULL_POINTER_EXCEPTION_DETECTION_DWT",
    type: "bool",
    default: false,
    note: "selects the same detection as CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU: wasmp has one mechanism, a check the image builder adds to every load and store (Zephyr's DWT variant uses a data watchpoint unit)",
    help: "Zephyr's DWT-based variant of NULL-pointer detection; wasmp takes it as NULL_POINTER_EXCEPTION_DETECTION_MPU.",
  },
  {
    name: "SPIN_VALIDATE",
    type: "bool",
    default: (c) => c.ASSERT === true,
    build: true,
    dependsOn: [["ASSERT", "spinlock validation is an assertion (subsys/debug/Kconfig: inside 'if ASSERT')"]],
    help: "Fatal errors for recursive locking, unlocking a lock not held or with a wrong key, and switching while holding a lock.",
  },
  {
    name: "MUTEX_DEADLOCK_DETECT",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [["ASSERT", "a detected deadlock is reported with __ASSERT (kernel/Kconfig: depends on ASSERT)"]],
    help: "k_mutex_lock with K_FOREVER fails an assertion when its priority-inheritance chain walk comes back to the caller through owners that all wait forever.",
  },
  {
    name: "SPIN_LOCK_TIME_LIMIT",
    type: "int",
    default: 0,
    range: [0, 0xffffffff],
    note: "counts wasmp's cycles, which are nanoseconds (a 1 GHz cycle counter), whatever the host",
    dependsOn: [
      [
        "SPIN_VALIDATE",
        "the hold-time check is part of spinlock validation (kernel/Kconfig: depends on SPIN_VALIDATE)",
      ],
    ],
    help: "Most hardware cycles (1 GHz: nanoseconds) a spinlock may be held; unlocking later fails an assertion. 0: no limit.",
  },
  {
    name: "SCHED_IPI_SUPPORTED",
    type: "bool",
    default: true,
    build: true,
    help: "Inter-processor interrupts. n makes idle CPUs poll the scheduler instead of sleeping.",
  },
  {
    name: "TIMESLICING",
    type: "bool",
    default: true,
    build: true,
    help: "Round-robin among preemptible threads of equal priority, one slice timer per CPU.",
  },
  {
    name: "TIMESLICE_SIZE",
    type: "int",
    default: 20,
    range: [0, 1 << 30],
    help: "Time slice in milliseconds; 0 turns slicing off (k_sched_time_slice_set changes it at run time).",
  },
  {
    name: "TIMESLICE_PRIORITY",
    type: "int",
    default: 0,
    range: [0, K_LOWEST_THREAD_PRIO],
    help: "Threads of higher priority (numerically lower) than this are not sliced.",
  },
  {
    name: "SCHED_CPU_MASK",
    type: "bool",
    default: true,
    fixed: true,
    help: "CPU affinity API (k_thread_cpu_mask_*, k_thread_cpu_pin). Always on in wasmp: the run queue honours masks.",
  },
  {
    name: "SCHED_SIMPLE",
    type: "bool",
    default: (c) => c.SCHED_SCALABLE !== true && c.SCHED_MULTIQ !== true,
    help: "Run queue: a sorted doubly linked list (choice SCHED_ALGORITHM, the default). O(1) best, O(n) insert.",
  },
  {
    name: "SCHED_DUMB",
    type: "bool",
    default: false,
    note: "is Zephyr's deprecated name of CONFIG_SCHED_SIMPLE, taken as it",
    help: "Deprecated name of SCHED_SIMPLE (Zephyr keeps it as an alias); y selects SCHED_SIMPLE.",
  },
  {
    name: "SCHED_SCALABLE",
    type: "bool",
    default: false,
    build: true,
    help: "Run queue: a red-black tree ordered by priority, then insertion order (choice SCHED_ALGORITHM). O(log n) insert and remove.",
  },
  {
    name: "SCHED_MULTIQ",
    type: "bool",
    default: false,
    build: true,
    help: "Run queue: one list per priority plus a bitmap (choice SCHED_ALGORITHM). O(1) insert, remove and best.",
  },
  {
    name: "WAITQ_SIMPLE",
    type: "bool",
    default: (c) => c.WAITQ_SCALABLE !== true,
    help: "Wait queues: a sorted doubly linked list (choice WAITQ_ALGORITHM, the default). O(1) wake, O(n) pend.",
  },
  {
    name: "WAITQ_DUMB",
    type: "bool",
    default: false,
    note: "is Zephyr's deprecated name of CONFIG_WAITQ_SIMPLE, taken as it",
    help: "Deprecated name of WAITQ_SIMPLE (Zephyr keeps it as an alias); y selects WAITQ_SIMPLE.",
  },
  {
    name: "WAITQ_SCALABLE",
    type: "bool",
    default: false,
    build: true,
    help: "Wait queues: a red-black tree ordered by priority, then pend order (choice WAITQ_ALGORITHM). O(log n) pend, wake and timeout, for objects with many waiters.",
  },
  {
    name: "SCHED_CPU_MASK_PIN_ONLY",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [["SMP", "per-CPU run queues need SMP (kernel/Kconfig: depends on SMP && SCHED_CPU_MASK)"]],
    help: "One run queue per CPU; a thread's CPU mask names exactly one CPU (default CPU 0) and is fixed while the thread can run.",
  },
  {
    name: "MAIN_STACK_SIZE",
    type: "int",
    default: 16384,
    range: [512, 1 << 24],
    note: "sizes the main thread's save area (the asyncify stack: the frames live at a context switch, copied out of the CPU), not a C stack: Zephyr's sizes for C stacks are no guide, and a save area too small is a stack overflow of that thread",
    help: "Bytes of the main thread's save area (its asyncify stack).",
  },
  {
    name: "IDLE_STACK_SIZE",
    type: "int",
    default: 4096,
    range: [512, 1 << 24],
    note: "sizes each idle thread's save area (the asyncify stack: the frames live at a context switch, copied out of the CPU), not a C stack: Zephyr's sizes for C stacks are no guide, and a save area too small is a stack overflow of that thread",
    help: "Bytes of each idle thread's save area.",
  },
  {
    name: "WASMP_MIN_STACK_SIZE",
    type: "int",
    default: 2048,
    range: [256, 1 << 24],
    help: "Smallest save area a thread gets; k_thread_create raises smaller stack sizes to this.",
  },
  {
    name: "MAIN_THREAD_PRIORITY",
    type: "int",
    default: 0,
    range: [K_HIGHEST_THREAD_PRIO, K_LOWEST_APPLICATION_THREAD_PRIO],
    help: "Priority of the main thread.",
  },
  {
    name: "ZTEST",
    type: "bool",
    default: false,
    note: "does not select the test harness in wasmp: `wasmp test` runs a file's ZTEST tests whatever its value, and `wasmp run` runs main()",
    help: "Accepted for Zephyr test prj.conf files; `wasmp test` provides the ztest harness whatever its value.",
  },
  {
    name: "MULTITHREADING",
    type: "bool",
    default: true,
    fixed: true,
    help: "Threads and a scheduler; always in wasmp (Zephyr's n leaves main alone, which wasmp does not build).",
  },
  {
    name: "NUM_COOP_PRIORITIES",
    type: "int",
    default: CONFIG_NUM_COOP_PRIORITIES,
    fixed: CONFIG_NUM_COOP_PRIORITIES,
    range: [0, 128],
    help: "Cooperative priorities (-N..-1); fixed in wasmp, so K_HIGHEST_THREAD_PRIO and K_PRIO_COOP() have Zephyr's default values.",
  },
  {
    name: "NUM_PREEMPT_PRIORITIES",
    type: "int",
    default: CONFIG_NUM_PREEMPT_PRIORITIES,
    fixed: CONFIG_NUM_PREEMPT_PRIORITIES,
    range: [0, 127],
    help: "Preemptible priorities (0..N-1; N is the idle threads'); fixed in wasmp, Zephyr's default.",
  },
  {
    name: "NUM_METAIRQ_PRIORITIES",
    type: "int",
    default: 0,
    fixed: 0,
    range: [0, CONFIG_NUM_COOP_PRIORITIES],
    help: "Meta-IRQ priorities; wasmp has none (a thread at the highest priority is an ordinary cooperative thread).",
  },
  {
    name: "SCHED_DEADLINE",
    type: "bool",
    default: false,
    fixed: false,
    help: "Earliest-deadline-first ordering within a priority (k_thread_deadline_set); not in wasmp.",
  },
  {
    name: "POLL",
    type: "bool",
    default: true,
    fixed: true,
    help: "k_poll; always available in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "EVENTS",
    type: "bool",
    default: true,
    fixed: true,
    help: "k_event; always available in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "THREAD_MONITOR",
    type: "bool",
    default: true,
    fixed: true,
    help: "The kernel's list of threads (k_thread_foreach); always kept in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "THREAD_NAME",
    type: "bool",
    default: true,
    fixed: true,
    help: "Thread names (k_thread_name_set); always available in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "THREAD_CUSTOM_DATA",
    type: "bool",
    default: true,
    fixed: true,
    help: "k_thread_custom_data_set/get; always available in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "THREAD_STACK_INFO",
    type: "bool",
    default: true,
    fixed: true,
    help: "Each thread knows its save area's start and size; always in wasmp (accepted for Zephyr prj.conf files).",
  },
  {
    name: "INIT_STACKS",
    type: "bool",
    default: false,
    build: true,
    help: "Paint each thread's save area with 0xaa at creation, so that k_thread_stack_space_get can measure how much of it was never used.",
  },
  {
    name: "THREAD_RUNTIME_STATS",
    type: "bool",
    default: false,
    build: true,
    help: "Count the cycles each thread and CPU runs, measured at every context switch (k_thread_runtime_stats_get, k_thread_runtime_stats_all_get).",
  },
  {
    name: "BOARD",
    type: "string",
    default: (_c, b) => b.name,
    help: "The board's name, as the guest reads it (Zephyr's CONFIG_BOARD). The command line takes the board's name from this option; a value other than the board's is an error.",
  },
  {
    name: "ZTEST_THREAD_PRIORITY",
    type: "int",
    default: -1,
    range: [K_HIGHEST_THREAD_PRIO, K_LOWEST_APPLICATION_THREAD_PRIO],
    help: "Priority of the threads ztest runs tests in (cooperative by default, as in Zephyr).",
  },
  {
    name: "ZTEST_CPU_HOLD_TIME_MS",
    type: "int",
    default: 3000,
    build: true,
    range: [1, 0x7fffffff],
    help: "Longest a 1cpu test may hold the other CPUs (ztest_simple_1cpu_before/after) before it fails, in ms (subsys/testsuite/ztest/Kconfig).",
  },
  {
    name: "SYS_CLOCK_TICKS_PER_SEC",
    type: "int",
    default: 10000,
    build: true,
    range: [1, 1000000],
    help: "Tick rate of the (tickless) kernel clock: timeouts are whole ticks.",
  },
  {
    name: "IPI_OPTIMIZE",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [
      ["SMP", "IPIs need more than one CPU (kernel/Kconfig.smp)"],
      ["SCHED_IPI_SUPPORTED", "there are no IPIs to optimize"],
    ],
    help: "Send a scheduling IPI only to CPUs running a preemptible thread of lower priority that the readied thread may run on; directed IPIs go to one CPU.",
  },
  {
    name: "SCHED_IPI_CASCADE",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [
      ["SMP", "cascading IPIs go to other CPUs"],
      [
        "!SCHED_CPU_MASK_PIN_ONLY",
        "a pinned thread can run nowhere else (kernel/Kconfig: depends on SCHED_CPU_MASK && !SCHED_CPU_MASK_PIN_ONLY)",
      ],
    ],
    help: "At interrupt exit, a thread preempted by a thread restricted by its CPU mask sends IPIs to the CPUs running a thread it should preempt, so that the CPUs settle on a valid set of highest-priority threads.",
  },
  {
    name: "TRACE_SCHED_IPI",
    type: "bool",
    default: false,
    build: true,
    dependsOn: [
      ["SMP", "kernel/Kconfig.smp"],
      ["SCHED_IPI_SUPPORTED", "kernel/Kconfig.smp"],
    ],
    help: "Call the hook registered with z_trace_sched_ipi_set() from every scheduling IPI handler.",
  },
  {
    name: "WASMP_MEMORY_MB",
    type: "int",
    default: (_c, b) => b.memoryMiB,
    range: [MIN_MEMORY_MIB, MAX_MEMORY_MIB],
    help: "Size of the machine's shared memory in MiB (static data, kernel, heap): the board's memory, which the command line takes from this option. A value other than the board's is an error.",
  },
  {
    name: "HEAP_MEM_POOL_SIZE",
    type: "int",
    default: HEAP_MEM_POOL_UNSET,
    build: true,
    range: [0, 0x7fffffff],
    help: "Bytes of the system heap that k_malloc, k_calloc, k_aligned_alloc and k_realloc draw from (a k_heap carved from the kernel heap at boot, as Zephyr's _system_heap); 0: none, and they return NULL. Unset: they draw from the whole kernel heap. AssemblyScript's new, strings and kernel objects always use the kernel heap.",
  },
  {
    name: "WASMP_SPIN_BUDGET",
    type: "int",
    default: 0,
    range: [0, 1 << 30],
    help: "Spins before a lock waiter parks its host thread; 0 picks one from the host's core count.",
  },
  {
    name: "WASMP_VCPU_YIELD_US",
    type: "int",
    default: 500,
    range: [0, 1 << 30],
    help: "A spinning CPU yields its host core when another CPU wants to run but has not run for this many microseconds (directed yield); 0 turns it off.",
  },
  {
    name: "WASMP_CONSOLE_RING_SIZE",
    type: "int",
    default: 65536,
    range: [256, 1 << 24],
    help: "printk ring per CPU, in UTF-16 code units (rounded up to a power of two).",
  },
  {
    name: "SYSTEM_WORKQUEUE_PRIORITY",
    type: "int",
    default: -1,
    build: true,
    range: [K_HIGHEST_THREAD_PRIO, K_LOWEST_APPLICATION_THREAD_PRIO],
    help: "Priority of the system work queue's thread (k_sys_work_q); cooperative by default, as in Zephyr.",
  },
  {
    name: "SYSTEM_WORKQUEUE_STACK_SIZE",
    type: "int",
    default: 8192,
    build: true,
    range: [512, 1 << 24],
    note: "sizes the system work queue thread's save area (the asyncify stack: the frames live at a context switch, copied out of the CPU), not a C stack: Zephyr's sizes for C stacks are no guide, and a save area too small is a stack overflow of that thread",
    help: "Bytes of the system work queue thread's save area (its asyncify stack).",
  },
  {
    name: "SYSTEM_WORKQUEUE_NO_YIELD",
    type: "bool",
    default: false,
    build: true,
    help: "The system work queue runs its items back to back instead of yielding between them (k_work_queue_config.no_yield).",
  },
  {
    name: "WORKQUEUE_WORK_TIMEOUT",
    type: "bool",
    default: false,
    build: true,
    help: "A work queue started with k_work_queue_config.work_timeout_ms aborts its thread when an item runs longer than that.",
  },
  {
    name: "SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS",
    type: "int",
    default: 5000,
    build: true,
    range: [0, 1 << 30],
    help: "With WORKQUEUE_WORK_TIMEOUT: the system work queue's work_timeout_ms (0: no limit).",
  },
] as const satisfies readonly KconfigOption[];

type Option = (typeof OPTIONS)[number];
type ValueOfType<T extends KconfigOption["type"]> = T extends "bool" ? boolean : T extends "int" ? number : string;

/** The name of an option, without CONFIG_. */
export type KconfigName = Option["name"];

/** One typed field per option. */
export type KconfigValues = { readonly [O in Option as O["name"]]: ValueOfType<O["type"]> };

/** A resolved configuration: every option's value, and the board it was resolved for. */
export type Kconfig = KconfigValues & { readonly board: Board };

/** OPTIONS as plain options, for code that handles every option alike. */
const OPTION_LIST: readonly KconfigOption[] = OPTIONS;
const BY_NAME = new Map(OPTION_LIST.map((o) => [o.name, o]));

/**
 * Zephyr's old names of wasmp options: a setting of the old name is taken as the new one (with
 * a note). CONFIG_MP_NUM_CPUS was deprecated for CONFIG_MP_MAX_NUM_CPUS and then removed; older
 * tests/kernel prj.conf files still set it.
 */
export const RENAMED: Readonly<Record<string, KconfigName>> = { MP_NUM_CPUS: "MP_MAX_NUM_CPUS" };

/** Kconfig choices: exactly one member is y. `aliases` are deprecated names of a member. */
export interface KconfigChoice {
  name: string;
  members: string[];
  /** The member chosen when no setting picks one: a name, or one computed from the other options. */
  default: string | ((cfg: KconfigDraft) => string);
  aliases: Record<string, string>;
  why: string;
}

export const CHOICES: KconfigChoice[] = [
  {
    name: "SCHED_ALGORITHM",
    members: ["SCHED_SIMPLE", "SCHED_SCALABLE", "SCHED_MULTIQ"],
    default: "SCHED_SIMPLE",
    aliases: { SCHED_DUMB: "SCHED_SIMPLE" },
    why: "the kernel has one run queue implementation (kernel/Kconfig: choice SCHED_ALGORITHM)",
  },
  {
    name: "NULL_POINTER_EXCEPTION_DETECTION",
    members: ["NULL_POINTER_EXCEPTION_DETECTION_NONE", "NULL_POINTER_EXCEPTION_DETECTION_MPU"],
    // On in assertion (debug) builds, as Zephyr's test builds default to a detection
    // (TEST_ARM_CORTEX_M); docs/api.md gives the cost that makes this affordable.
    default: (c) =>
      c.ASSERT === true ? "NULL_POINTER_EXCEPTION_DETECTION_MPU" : "NULL_POINTER_EXCEPTION_DETECTION_NONE",
    // wasmp has one mechanism for both of Zephyr's (an MPU region, a DWT watchpoint).
    aliases: { NULL_POINTER_EXCEPTION_DETECTION_DWT: "NULL_POINTER_EXCEPTION_DETECTION_MPU" },
    why: "one NULL-pointer detection at most (arch/arm/core/cortex_m/Kconfig: choice NULL_POINTER_EXCEPTION_DETECTION)",
  },
  {
    name: "WAITQ_ALGORITHM",
    members: ["WAITQ_SIMPLE", "WAITQ_SCALABLE"],
    default: "WAITQ_SIMPLE",
    aliases: { WAITQ_DUMB: "WAITQ_SIMPLE" },
    why: "the kernel has one wait queue implementation (kernel/Kconfig: choice WAITQ_ALGORITHM)",
  },
];

/** The choice member that `name` is an alias of, if it is one. */
function choiceAlias(name: string): string | undefined {
  for (const ch of CHOICES) if (name in ch.aliases) return ch.aliases[name];
  return undefined;
}

/**
 * Resolves each choice from the explicit settings: two different members set to y is a
 * problem; none set picks the default; an alias counts as its member. Writes the result into cfg.
 */
function resolveChoices(cfg: Record<string, KconfigValue>, explicit: Map<string, string>, problems: string[]): void {
  for (const ch of CHOICES) {
    const picked = new Map<string, string>(); // member -> the option that set it
    for (const name of explicit.keys()) {
      // in the order they were set
      if ((ch.members.includes(name) || name in ch.aliases) && cfg[name] === true) {
        const member = ch.aliases[name] ?? name;
        if (!picked.has(member)) picked.set(member, name);
      }
    }
    if (picked.size > 1) {
      const names = [...picked.values()];
      const at = explicit.get(names[names.length - 1]!) ?? "configuration";
      problems.push(
        `${at}: ${names.map((n) => "CONFIG_" + n + "=y").join(" and ")} are alternatives of choice ${ch.name}: set only one (${ch.why})`,
      );
    }
    const fallback = typeof ch.default === "function" ? ch.default(cfg) : ch.default;
    const chosen = picked.size >= 1 ? [...picked.keys()][0]! : fallback;
    if (picked.size === 0 && explicit.has(fallback) && cfg[fallback] === false) {
      problems.push(
        `${explicit.get(fallback)}: CONFIG_${fallback}=n leaves choice ${ch.name} empty: set one of ${ch.members
          .filter((m) => m !== fallback)
          .map((m) => "CONFIG_" + m)
          .join(", ")} to y instead`,
      );
    }
    for (const m of ch.members) cfg[m] = m === chosen;
    for (const a of Object.keys(ch.aliases)) cfg[a] = cfg[ch.aliases[a]!] === true;
  }
}

export interface ConfigSetting {
  /** The option (without CONFIG_): a wasmp option, or for an inert setting the Zephyr symbol. */
  name: string;
  value: KconfigValue;
  /** Where it was set, for messages: "prj.conf:3", "--set CONFIG_X=y". */
  where: string;
  /**
   * Set for a Zephyr symbol that has no effect in wasmp (INERT_SYMBOLS): why. resolveKconfig
   * skips such a setting; kconfigDiagnostics warns about it.
   */
  inert?: string;
  /** The name as written, when it was Zephyr's old name of `name` (RENAMED). */
  renamedFrom?: string;
}

/** A value as prj.conf writes it. */
function show(v: KconfigValue): string {
  return typeof v === "boolean" ? (v ? "y" : "n") : typeof v === "string" ? `"${v}"` : String(v);
}

/** Parses a value of `type`; a bad one is a problem (and undefined). */
function parseValue(
  name: string,
  type: KconfigOption["type"] | ZephyrSymbolType,
  raw: string,
  where: string,
  problems: string[],
  range?: readonly [number, number],
): KconfigValue | undefined {
  if (type === "bool") {
    if (raw === "y") return true;
    if (raw === "n") return false;
    problems.push(`${where}: CONFIG_${name} is a bool: expected y or n, got '${raw}'`);
    return undefined;
  }
  if (type === "int" || type === "hex") {
    const v = /^-?(0x[0-9a-fA-F]+|\d+)$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(v)) {
      problems.push(
        `${where}: CONFIG_${name} is ${type === "hex" ? "a hex" : "an int"}: expected a number, got '${raw}'`,
      );
      return undefined;
    }
    if (range && (v < range[0] || v > range[1])) {
      problems.push(`${where}: CONFIG_${name}=${v} is out of range [${range[0]}, ${range[1]}]`);
      return undefined;
    }
    return v;
  }
  const m = /^"(.*)"$/.exec(raw);
  if (!m) {
    problems.push(`${where}: CONFIG_${name} is a string: expected "..."`);
    return undefined;
  }
  return m[1]!;
}

/** Every name a prj.conf may set: wasmp's options, Zephyr's old names of them, the inert symbols. */
export function knownNames(): string[] {
  return [...BY_NAME.keys(), ...Object.keys(RENAMED), ...INERT_SYMBOLS.keys()];
}

/** The share of a name's characters a typo may get wrong (suggestName). */
const TYPO_FRACTION = 0.4;

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known name closest to `name` (edit distance over every known name), if it is close
 * enough to be a likely typo: at most 40% of the name's length in edits (at least one), so
 * that a short unknown name (CONFIG_FOO) is not "corrected" into an unrelated one (CONFIG_LOG).
 */
export function suggestName(name: string): string | undefined {
  const limit = Math.max(1, Math.floor(name.length * TYPO_FRACTION));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const known of knownNames()) {
    const d = editDistance(name, known, Math.min(limit, bestDistance));
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Parses one `CONFIG_X=value` (or `# CONFIG_X is not set`) line; problems are pushed, not thrown. */
function parseLine(text: string, where: string, problems: string[]): ConfigSetting | null {
  const line = text.trim();
  const unset = /^#\s*CONFIG_(\w+) is not set$/.exec(line);
  const m = unset ? null : /^CONFIG_(\w+)\s*=\s*(.*?)\s*$/.exec(line);
  if (!unset && (line === "" || line.startsWith("#"))) return null;
  if (!unset && !m) {
    problems.push(`${where}: expected CONFIG_<NAME>=<value>, got '${line}'`);
    return null;
  }
  const written = unset ? unset[1]! : m![1]!;
  const raw = unset ? "n" : m![2]!.replace(/\s+#.*$/, "");
  const renamed = RENAMED[written];
  const name = renamed ?? written;
  const opt = BY_NAME.get(name);
  const inert = opt ? undefined : INERT_SYMBOLS.get(name);
  const type = opt?.type ?? inert?.type;
  if (type === undefined) {
    const near = suggestName(written);
    problems.push(
      near
        ? `${where}: unknown option CONFIG_${written}: did you mean CONFIG_${near}?`
        : `${where}: unknown option CONFIG_${written}: not a wasmp option, nor one of the Zephyr options wasmp accepts without effect (docs/cli.md lists both)`,
    );
    return null;
  }
  if (unset && type !== "bool") {
    problems.push(`${where}: CONFIG_${written} is not a bool`);
    return null;
  }
  const value = parseValue(written, type, raw, where, problems, opt?.range);
  if (value === undefined) return null;
  if (opt?.fixed !== undefined && value !== opt.fixed) {
    problems.push(
      `${where}: CONFIG_${written}=${show(value)} is not supported; wasmp supports only ${show(opt.fixed)} (${opt.help})`,
    );
    return null;
  }
  return {
    name,
    value,
    where,
    ...(inert ? { inert: inert.why } : {}),
    ...(renamed ? { renamedFrom: written } : {}),
  };
}

/**
 * Parses `CONFIG_X=value` assignments, each with where it comes from; every problem of every
 * one is reported together (a VmError E_CONFIG whose `problems` lists them, in order).
 */
export function parseAssignments(lines: readonly (readonly [text: string, where: string])[]): ConfigSetting[] {
  const problems: string[] = [];
  const out: ConfigSetting[] = [];
  for (const [text, where] of lines) {
    const s = parseLine(text, where, problems);
    if (s) out.push(s);
  }
  if (problems.length > 0) throw configError(problems);
  return out;
}

/** Parses one `CONFIG_X=value` (or `# CONFIG_X is not set`) assignment; null for a comment or blank. */
export function parseAssignment(text: string, where: string): ConfigSetting | null {
  return parseAssignments([[text, where]])[0] ?? null;
}

/** Parses prj.conf text; `file` names the source in errors ("prj.conf:3: ..."), all reported together. */
export function parsePrjConf(text: string, file: string): ConfigSetting[] {
  return parseAssignments(text.split(/\r?\n/).map((line, i) => [line, `${file}:${i + 1}`] as const));
}

/**
 * The warnings and notes `settings` call for, one line each, once per option (at its first
 * setting): "prj.conf:3: warning: CONFIG_LOG has no effect in wasmp: …" for an inert Zephyr
 * symbol, "prj.conf:5: note: CONFIG_MAIN_STACK_SIZE sizes …" for an option wasmp implements
 * differently or a Zephyr name it takes as another. The CLI prints them to stderr.
 */
export function kconfigDiagnostics(settings: readonly ConfigSetting[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of settings) {
    const written = s.renamedFrom ?? s.name;
    if (seen.has(written)) continue;
    seen.add(written);
    if (s.inert !== undefined) {
      out.push(`${s.where}: warning: CONFIG_${s.name} has no effect in wasmp: ${s.inert}`);
    } else if (s.renamedFrom !== undefined) {
      out.push(
        `${s.where}: note: CONFIG_${s.renamedFrom} is Zephyr's deprecated name of CONFIG_${s.name}: taken as CONFIG_${s.name}=${show(s.value)}`,
      );
    } else {
      const note = BY_NAME.get(s.name)?.note;
      if (note !== undefined) out.push(`${s.where}: note: CONFIG_${s.name} ${note}`);
    }
  }
  return out;
}

/** The value the last of `settings` gives option `name`, if any sets it. */
export function lastSetting(settings: readonly ConfigSetting[], name: KconfigName): KconfigValue | undefined {
  for (let i = settings.length - 1; i >= 0; i--) {
    const s = settings[i]!;
    if (s.name === name && s.inert === undefined) return s.value;
  }
  return undefined;
}

/**
 * The board a command line describes: `spec`, with the memory size CONFIG_WASMP_MEMORY_MB
 * and the name CONFIG_BOARD ask for when `settings` set them (the CLI's way to size and name
 * the machine).
 */
export function boardFromSettings(spec: BoardSpec, settings: readonly ConfigSetting[]): Board {
  const memory = lastSetting(settings, "WASMP_MEMORY_MB");
  const name = lastSetting(settings, "BOARD");
  return createBoard({
    ...spec,
    ...(typeof memory === "number" ? { memoryMiB: memory } : {}),
    ...(typeof name === "string" ? { name } : {}),
  });
}

/**
 * Applies settings (later ones win) over the defaults for `board` and checks dependencies and
 * what the board can honour; every problem is reported together. Inert settings (Zephyr
 * symbols without effect) are skipped. A BoardSpec is made into a board first (createBoard).
 */
export function resolveKconfig(settings: readonly ConfigSetting[], boardOrSpec: Board | BoardSpec): Kconfig {
  const board = createBoard(boardOrSpec);
  const problems: string[] = [];
  const cfg: Record<string, KconfigValue> = {};
  const where = new Map<string, string>();
  for (const s of settings) {
    if (s.inert !== undefined) continue;
    if (!BY_NAME.has(s.name)) {
      problems.push(`${s.where}: unknown option CONFIG_${s.name}`);
      continue;
    }
    cfg[s.name] = s.value;
    where.set(s.name, s.where);
  }
  for (const opt of OPTION_LIST) {
    if (!(opt.name in cfg)) cfg[opt.name] = typeof opt.default === "function" ? opt.default(cfg, board) : opt.default;
  }
  resolveChoices(cfg, where, problems);
  for (const opt of OPTION_LIST) {
    if (opt.type !== "bool" || cfg[opt.name] !== true || !opt.dependsOn) continue;
    for (const [dep, why] of opt.dependsOn) {
      const not = dep.startsWith("!");
      const name = not ? dep.slice(1) : dep;
      if ((cfg[name] === true) === not) {
        const at = where.get(opt.name) ?? where.get(name) ?? "configuration";
        problems.push(`${at}: CONFIG_${opt.name}=y ${not ? "conflicts with" : "needs"} CONFIG_${name}=y: ${why}`);
      }
    }
  }
  // Every option now has a value of its declared type (parseValue checked the explicit ones).
  const resolved = Object.freeze({ ...cfg, board }) as Kconfig;
  if (resolved.MP_MAX_NUM_CPUS > board.cpus) {
    problems.push(
      `${where.get("MP_MAX_NUM_CPUS") ?? "configuration"}: CONFIG_MP_MAX_NUM_CPUS=${resolved.MP_MAX_NUM_CPUS} exceeds the board's ${board.cpus} CPUs`,
    );
  }
  if (resolved.BOARD !== board.name) {
    problems.push(
      `${where.get("BOARD") ?? "configuration"}: CONFIG_BOARD="${resolved.BOARD}" does not match the board's name '${board.name}'`,
    );
  }
  if (resolved.HEAP_MEM_POOL_SIZE >= board.memoryMiB * MIB) {
    problems.push(
      `${where.get("HEAP_MEM_POOL_SIZE") ?? "configuration"}: CONFIG_HEAP_MEM_POOL_SIZE=${resolved.HEAP_MEM_POOL_SIZE} does not fit in the board's ${board.memoryMiB} MiB of memory (the system heap is carved from the kernel heap)`,
    );
  }
  if (resolved.WASMP_MEMORY_MB !== board.memoryMiB) {
    problems.push(
      `${where.get("WASMP_MEMORY_MB") ?? "configuration"}: CONFIG_WASMP_MEMORY_MB=${resolved.WASMP_MEMORY_MB} does not match the board's ${board.memoryMiB} MiB`,
    );
  }
  if (problems.length > 0) throw configError(problems);
  return resolved;
}

/** asc reads only unsigned literals: a negative int goes as its 32-bit two's complement. */
const U32_WRAP = 2 ** 32;
const I32_MAX = 2 ** 31 - 1;

/**
 * The `--use` flags for the image build: one per enabled build-time bool, one per build-time int.
 * asc reads only unsigned literals, so a negative int goes as its 32-bit two's complement
 * (config.ts reads it back with `<i32>`).
 */
export function buildDefines(cfg: KconfigValues): string[] {
  const values: Readonly<Record<string, KconfigValue>> = cfg;
  const literal = (v: KconfigValue): string => String(typeof v === "number" && v < 0 ? v >>> 0 : v);
  return OPTION_LIST.filter((o) => o.build && ((o.type === "bool" && values[o.name] === true) || o.type === "int")).map(
    (o) => `KCONFIG_${o.name}=${o.type === "int" ? literal(values[o.name]!) : "1"}`,
  );
}

/**
 * The build-time options' values that `defines` (buildDefines' output, as an image records it:
 * src/image/record.ts) stand for: a bool is y when its define is there, an int has its define's
 * value, or the option's default if the define is missing (as assembly/kernel/config.ts reads it).
 */
export function buildValuesFromDefines(defines: readonly string[]): Map<KconfigName, KconfigValue> {
  const given = new Map<string, string>();
  for (const d of defines) {
    const m = /^KCONFIG_(\w+)=(.*)$/.exec(d);
    if (m) given.set(m[1]!, m[2]!);
  }
  const out = new Map<KconfigName, KconfigValue>();
  for (const o of OPTIONS) {
    const opt: KconfigOption = o;
    if (!opt.build) continue;
    const raw = given.get(o.name);
    if (opt.type === "bool") out.set(o.name, raw !== undefined);
    else if (raw !== undefined) {
      const v = Number(raw);
      // A negative value came as its two's complement: options that may be negative (their
      // range, or a default outside it such as HEAP_MEM_POOL_UNSET) read it back signed.
      const signed = (opt.range && opt.range[0] < 0) || (typeof opt.default === "number" && opt.default < 0);
      out.set(o.name, signed && v > I32_MAX ? v - U32_WRAP : v);
    } else if (typeof opt.default !== "function") out.set(o.name, opt.default);
  }
  return out;
}

/** A build-time option whose value in a configuration differs from an image's. */
export interface BuildMismatch {
  name: KconfigName;
  config: KconfigValue;
  image: KconfigValue;
}

/** The build-time options on which `cfg` and an image built with `defines` disagree. */
export function buildMismatches(cfg: KconfigValues, defines: readonly string[]): BuildMismatch[] {
  const values: Readonly<Record<string, KconfigValue>> = cfg;
  const out: BuildMismatch[] = [];
  for (const [name, image] of buildValuesFromDefines(defines)) {
    if (values[name] !== image) out.push({ name, config: values[name]!, image });
  }
  return out;
}

/**
 * The configuration to run a prebuilt image with: its build-time options are the image's own
 * (recorded as `defines`), and `settings` may set the run-time ones. A setting of a build-time
 * option to another value than the image's is a problem, naming the option and saying to
 * rebuild; all are reported together. `image` names the image in messages.
 */
export function resolveKconfigForImage(
  settings: readonly ConfigSetting[],
  boardOrSpec: Board | BoardSpec,
  defines: readonly string[],
  image: string,
): Kconfig {
  const built = buildValuesFromDefines(defines);
  const problems: string[] = [];
  const reported = new Set<string>();
  for (let i = settings.length - 1; i >= 0; i--) {
    const s = settings[i]!;
    if (s.inert !== undefined || reported.has(s.name)) continue;
    reported.add(s.name); // the last setting of each option is the one that counts
    // A choice member's alias is checked as its member (CONFIG_..._DWT as CONFIG_..._MPU).
    const was = built.get((choiceAlias(s.name) ?? s.name) as KconfigName);
    if (was !== undefined && s.value !== was) {
      problems.unshift(
        `${s.where}: CONFIG_${s.name} is a build-time option and ${image} was built with CONFIG_${s.name}=${show(was)}: ` +
          `rebuild the image with CONFIG_${s.name}=${show(s.value)} (wasmp build <app.ts> --set CONFIG_${s.name}=${show(s.value)}), ` +
          `or run the .ts application, which is built with its configuration`,
      );
    }
  }
  if (problems.length > 0) throw configError(problems);
  const base = [...built].map(([name, value]) => ({ name, value, where: `${image} (built with it)` }));
  return resolveKconfig([...base, ...settings], boardOrSpec);
}
