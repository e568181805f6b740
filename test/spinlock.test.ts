import { describe, expect, it } from "vitest";
import { EXIT_HALT } from "../src/machine/exit-codes.js";
import { explain, runApp } from "./helpers.js";

describe("spinlocks", () => {
  for (const cpus of [1, 2, 4, 8]) {
    it(`trylock, nesting, interrupt masking, K_SPINLOCK and an exact counter on ${cpus} CPUs`, async () => {
      const r = await runApp("spin_semantics", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toContain(`spin_semantics cpus=${cpus} failures=0`);
      expect(r.result.mainReturn).toBe(0);
    });
  }

  it("ticket spinlocks (CONFIG_TICKET_SPINLOCKS) pass the same checks on 4 CPUs", async () => {
    const r = await runApp("spin_semantics", { cpus: 4, set: ["CONFIG_TICKET_SPINLOCKS=y"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("failures=0");
  });

  for (const cpus of [1, 2, 4, 8]) {
    it(`assert_post_action_set: the hook runs with wasmp's file:line, may return, or may end the thread from z_swap leaving no lock recorded (${cpus} CPUs)`, async () => {
      const r = await runApp("assert_hook", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toMatch(
        /ASSERTION FAIL \[z_spin_unlock_valid\(l\)\] @ kernel\/spinlock_validate\.ts:\d+\n\tUnlock of a spinlock that is not held/,
      );
      expect(r.out).toContain("assert_hook calls=4 returned_line=yes clean=1");
      expect(r.out).not.toContain("not reached");
      expect(r.fatal).toHaveLength(0);
      expect(r.result.mainReturn).toBe(0);
    });
  }

  const cases: [string, string][] = [
    ["spin_recursive", "Recursive spinlock: this CPU already holds it"],
    ["spin_not_held", "Unlock of a spinlock that is not held"],
    ["spin_wrong_key", "Spinlock unlocked with the key of another lock"],
    ["spin_switch", "Context switching while holding lock"],
  ];
  for (const [appName, message] of cases) {
    for (const cpus of [1, 2, 4, 8]) {
      it(`${appName}: CONFIG_SPIN_VALIDATE reports '${message}' naming the lock, CPU and thread (${cpus} CPUs)`, async () => {
        const r = await runApp(appName, { cpus });
        expect(r.result.status, explain(r)).toBe("halt");
        expect(r.result.exitCode).toBe(EXIT_HALT);
        expect(r.fatal).toHaveLength(1);
        const f = r.fatal[0]!;
        const lock = Number.parseInt(/lock at 0x([0-9a-f]+)/.exec(r.out)![1]!, 16);
        expect(f.message).toBe(message);
        expect(f.lock).toBe(lock);
        expect(f.reasonName).toBe("K_ERR_KERNEL_PANIC");
        expect(f.threadName).toBe("main");
        expect(f.cpu).toBeGreaterThanOrEqual(0);
        expect(r.fatalText[0]).toContain(`on CPU ${f.cpu}`);
        // The lock by the application's name for it (its top-level variable) and address.
        expect(r.fatalText[0]).toMatch(new RegExp(`^spinlock: \\w+ \\(0x${lock.toString(16)}\\)$`, "m"));
        expect(r.fatalText[0]).toContain("'main'");
      });
    }
  }
});
