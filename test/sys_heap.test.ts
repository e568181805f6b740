// sys_heap (assembly/kernel/sys_heap.ts) and k_heap (kheap.ts) beyond the conformance suite:
// test/apps/sys_heap.ts churns random sizes with sys_heap_validate after every 16 operations,
// checks coalescing step by step, and exercises k_heap's blocking allocations and one k_heap
// shared by every CPU.
import { describe, expect, it } from "vitest";
import { explain, runApp } from "./helpers.js";

describe("sys_heap and k_heap", () => {
  for (const cpus of [1, 4]) {
    it(`random churn stays valid and coalesces; k_heap waiters wake on free (${cpus} CPUs)`, async () => {
      const r = await runApp("sys_heap", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).not.toContain("FAIL");
      expect(r.out.match(/^churn seed=\d+ ops=4000 /gm)).toHaveLength(4);
      expect(r.out).toContain("sys_heap: 0 failures");
      expect(r.result.exitCode, explain(r)).toBe(0);
    });
  }
});
