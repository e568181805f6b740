// The TypeScript twin of the kernel's hot path: the AssemblyScript kernel's spinlocks, run
// queues, next_up and switch-handle protocol re-implemented over the same shared-memory layout
// (src/generated/contract.ts), for differential testing (test/differential.test.ts,
// test/runq.test.ts) and benchmarks (benchmarks/). One file per kernel file, with the same
// name: twin/arch/cpu.ts mirrors assembly/arch/cpu.ts, twin/kernel/sched.ts mirrors
// assembly/kernel/sched.ts, and so on; each file's header names what it mirrors and what it
// leaves out. twin/arch/switch.ts mirrors the host's switch-handle publication
// (src/cpu/core.ts). Not part of the VM: nothing under src/ imports it.
export { KernelMem, type CoreConfig } from "./arch/cpu.js";
export * from "./arch/switch.js";
export * from "./kernel/dlist.js";
export * from "./kernel/kthread.js";
export * from "./kernel/runq.js";
export * from "./kernel/priq_rb.js";
export * from "./kernel/priq_mq.js";
export * from "./kernel/sched.js";
export * from "./kernel/ipi.js";
export * from "./kernel/thread.js";
export * from "./kernel/timeout.js";
export * from "./kernel/spinlock.js";
export * from "./kernel/spinlock_relax.js";
