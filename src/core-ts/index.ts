// The pure-TypeScript hot path (issue #4): the AssemblyScript kernel's spinlock, run queue,
// next_up and switch-handle protocol re-implemented over the same shared-memory layout, for
// differential testing (test/differential.test.ts) and benchmarks (benchmarks/). Each module
// names the Wasm code it mirrors. Not used by the VM itself.
export { KernelMem, type CoreConfig } from "./mem.js";
export * from "./spinlock.js";
export * from "./runq.js";
export * from "./priq_rb.js";
export * from "./priq_mq.js";
export * from "./sched.js";
export * from "./switch.js";
export * from "./bench-loops.js";
