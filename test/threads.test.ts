import { describe, expect, it } from "vitest";
import { readCpuStates } from "../src/machine/dump.js";
import { explain, runApp } from "./helpers.js";

describe("threads across CPUs", () => {
  it("a thread that blocks on CPU 1 resumes on CPU 2 with its locals intact", async () => {
    const r = await runApp("migrate", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("before=1 after=2 locals_ok=1 pin=0");
  });

  it("a while(true) thread is preempted by a higher-priority thread made ready by an IPI", async () => {
    const r = await runApp("preempt", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("urgent ran on the spinner's CPU: yes, spinner spun=1");
    expect(readCpuStates(r.machine.memory, r.kernelBase)[1]!.ipis).toBeGreaterThan(0);
  });

  it("an abort from another CPU wins over the target suspending itself (3,000 races)", async () => {
    const r = await runApp("abort_race", { cpus: 3, timeoutMs: 120_000 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("abort_race rounds=3000 lost=0");
  });

  it("guest allocations on every CPU at once come from one shared heap", async () => {
    const r = await runApp("heap", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("heap corrupt=0");
  });
});

describe("static threads (K_THREAD_DEFINE)", () => {
  for (const [cpus, set] of [
    [1, []],
    [4, []],
    [1, ["CONFIG_SMP=n"]],
  ] as const) {
    it(`start before main(), after their delay, or at k_thread_start (${cpus} CPUs${set.length ? ", " + set.join(" ") : ""})`, async () => {
      const r = await runApp("static_threads", { cpus, set: [...set] });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toContain("static threads: created yes a_ran yes b_after_50ms yes c_waited yes c_ran yes");
    });
  }
});

describe("faults", () => {
  it("a guest trap kills only its thread, reported with reason, CPU and thread", async () => {
    const r = await runApp("trap", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.result.mainReturn).toBe(0);
    expect(r.out).toContain("joins=0,0 progress=20");
    const byName = Object.fromEntries(r.fatal.map((f) => [f.threadName, f]));
    expect(byName.oob?.reasonName).toBe("K_ERR_CPU_EXCEPTION");
    expect(byName.oob?.trap).toContain("memory access out of bounds");
    expect(byName.bad?.trap).toContain("unreachable");
    expect(r.fatalText.join("\n")).toMatch(/>>> ZEPHYR FATAL ERROR 0: CPU exception on CPU \d/);
  });

  it("a save-area overflow is the thread's stack-check failure, and the machine goes on", async () => {
    const r = await runApp("overflow", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("joined=0,0");
    expect(r.fatal).toHaveLength(1);
    expect(r.fatal[0]!.reasonName).toBe("K_ERR_STACK_CHK_FAIL");
    expect(r.fatal[0]!.threadName).toBe("greedy");
  });
});

describe("time slicing and irq_lock", () => {
  it("CONFIG_TIMESLICING rotates two compute-bound equal-priority threads on one CPU", async () => {
    const on = await runApp("timeslice", { cpus: 2 });
    expect(on.result.status, explain(on)).toBe("exit");
    expect(on.out).toContain("a=ran b=ran");
    const off = await runApp("timeslice", { cpus: 2, set: ["CONFIG_TIMESLICING=n"] });
    expect(off.out).toContain("a=ran b=starved");
    const zero = await runApp("timeslice", { cpus: 2, set: ["CONFIG_TIMESLICE_SIZE=0"] });
    expect(zero.out).toContain("a=ran b=starved");
  });

  // The holder yields inside irq_lock(): Zephyr's legacy global-lock hand-off, which its
  // CONFIG_SPIN_VALIDATE forbids (z_assert_can_swap, "Context switching with irq_lock held").
  for (const cpus of [1, 4]) {
    it(`irq_lock is one global recursive lock that follows its thread (${cpus} CPUs, SPIN_VALIDATE=n)`, async () => {
      const r = await runApp("irq_lock", { cpus, set: ["CONFIG_SPIN_VALIDATE=n"] });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toContain("irq_lock counter=300000 handoff=1,1");
    });
  }
  it("with CONFIG_SPIN_VALIDATE, switching inside irq_lock() is an assertion (kernel panic)", async () => {
    const r = await runApp("irq_lock", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("halt");
    expect(r.out).toContain(
      "ASSERTION FAIL [arch_irq_unlocked(key) || dummy or dead thread] @ kernel/spinlock_validate.ts:",
    );
    expect(r.fatal.map((f) => f.message)).toEqual(["Context switching with irq_lock held"]);
  });
});

describe("k_sys_fatal_error_handler", () => {
  it("a registered handler sees each fatal error; the faulting thread is aborted and the machine goes on", async () => {
    const r = await runApp("fatal_handler", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("handler saw oops=1 panic=1 exception=1");
    expect(r.out).not.toContain("not reached");
    expect(r.fatal.map((f) => f.reasonName).sort()).toEqual([
      "K_ERR_CPU_EXCEPTION",
      "K_ERR_KERNEL_OOPS",
      "K_ERR_KERNEL_PANIC",
    ]);
  });
});

describe("mutex priority inheritance and essential threads", () => {
  it("a low-priority mutex owner inherits a waiter's priority until it unlocks", async () => {
    const r = await runApp("pi", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("owner prio before=10 while_waited=2 after=10");
  });

  it("an essential thread that ends halts the machine with a kernel panic", async () => {
    const r = await runApp("essential", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("halt");
    expect(r.fatal[0]?.message).toBe("Essential thread returned");
    expect(r.out).not.toContain("not reached");
  });
});

describe("interrupts pending while masked", () => {
  it("are taken the moment k_spin_unlock unmasks them, before the thread's next statement", async () => {
    const r = await runApp("unmask_irq", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("urgent ran before the holder's next statement: 1");
  });
});

// Retried: 1 run in about 5 failed on 2026-12-02 with a sibling CPU neither idle nor pending
// for 5 s at boot (waiting=0 pending=0), not reproduced in 30 runs since; see issue 9's note.
describe("directed yield on an oversubscribed host", { retry: 2 }, () => {
  it("a spinning CPU yields only while another CPU wants to run and does not", async () => {
    const r = await runApp("vcpu_yield", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("yields: idle siblings 0, starved sibling some");
    // The catch-up at the end of a cross-CPU wait (thread_halt_spin) waits for a starved
    // sibling, and gives up after its bound when the sibling never runs.
    expect(r.out).toContain("catch-up: idle siblings 0, starved sibling some");
  });

  it("CONFIG_WASMP_VCPU_YIELD_US=0 turns it off", async () => {
    const r = await runApp("vcpu_yield", { cpus: 4, set: ["CONFIG_WASMP_VCPU_YIELD_US=0"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("yields: idle siblings 0, starved sibling none");
    expect(r.out).toContain("catch-up: idle siblings 0, starved sibling none");
  });
});

describe("wait queues (CONFIG_WAITQ_SIMPLE, CONFIG_WAITQ_SCALABLE)", () => {
  for (const [cpus, set] of [
    [1, []],
    [2, []],
    [1, ["CONFIG_WAITQ_SCALABLE=y"]],
    [2, ["CONFIG_WAITQ_SCALABLE=y"]],
    [4, ["CONFIG_WAITQ_SCALABLE=y", "CONFIG_SCHED_SCALABLE=y"]],
  ] as const) {
    it(`wake in priority order, FIFO among equals (${cpus} CPUs${set.length ? ", " + set.join(" ") : ""})`, async () => {
      const r = await runApp("waitq", { cpus, set: [...set] });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toMatch(/^waitq order: 3,1,4,0,2,5$/m);
      expect(r.out).toMatch(/^waitq reprioritised: 4,1,2,3,0$/m);
      expect(r.out).toMatch(/^waitq after timeouts: 5,4,3$/m);
      expect(r.out).toMatch(/^waitq many: 2000 woken in order$/m);
    });
  }
});
