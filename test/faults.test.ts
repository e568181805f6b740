// Faults as on an MPU target (issue 10, item 4): NULL-pointer detection, the kernel's object
// checks under CONFIG_ASSERT, and stack exhaustion. The guest apps run each fault in a thread
// pinned to CPU 1 while a ticker counts on CPU 0 (test/apps/lib/fault_harness.ts) and print,
// per fault, whether the thread died, ran past its fault, and whether CPU 1 and the ticker went on.
import { describe, expect, it } from "vitest";
import {
  buildDefines,
  kconfigDiagnostics,
  parseAssignments,
  resolveKconfig,
  resolveKconfigForImage,
} from "../src/board/kconfig.js";
import { createBoard } from "../src/board/board.js";
import { VmError } from "../src/errors.js";
import { NULL_PAGE_SIZE, SCRATCH_SIZE } from "../src/generated/contract.js";
import type { FatalReport } from "../src/cpu/messages.js";
import { runApplication } from "../src/run.js";
import { app, explain, runApp, type AppRun } from "./helpers.js";

/** The harness's line for a fault that killed its thread and left CPU 1 and the ticker running. */
const died = (name: string): string => `${name}: joined=0 state=dead after_fault=0 cpu1_runs=1 ticker_goes_on=1`;

function reportOf(r: AppRun, thread: string): FatalReport {
  const f = r.fatal.filter((x) => x.threadName === thread);
  expect(f, `one fatal report of ${thread}\n${explain(r)}`).toHaveLength(1);
  return f[0]!;
}

describe("NULL-pointer detection (CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU, on under CONFIG_ASSERT)", () => {
  it("a load, a store, a field access, an atomic read-modify-write, a compare-exchange, memcpy and memset through NULL are CPU exceptions naming the address, the access and the function; only the thread dies", async () => {
    const r = await runApp("fault_null", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("fault_null done");
    expect(r.out).not.toContain("not reached");
    const cases = [
      ["null_load", 0, "load", 4],
      ["null_store", 0, "store", 4],
      ["null_field", 0x7fe, "store", 2],
      ["null_atomic_inc", 8, "store", 4],
      ["null_atomic_cas", 0x20, "store", 4],
      ["null_memcpy_to", 0x30, "store", 1],
      ["null_memcpy_from", 0x44, "load", 1],
      ["null_memset", 0x50, "store", 1],
    ] as const;
    for (const [name, address, access, bytes] of cases) {
      expect(r.out).toContain(died(name));
      const f = reportOf(r, name);
      expect(f.reasonName).toBe("K_ERR_CPU_EXCEPTION");
      expect(f.cpu).toBe(1);
      expect(f.fault).toEqual({ kind: "null", address, access, bytes, function: `fault_null/${name}` });
      expect(f.trap).toContain(
        `MPU FAULT: data access violation at 0x${address.toString(16).padStart(8, "0")}, a ${bytes}-byte ${access} in the NULL page [0, 0x1000), in fault_null/${name}`,
      );
    }
    expect(r.fatalText.join("\n")).toMatch(
      />>> ZEPHYR FATAL ERROR 0: CPU exception on CPU 1\nCurrent thread: #\d+ 'null_load'/,
    );
  });

  it("an unoptimized image (optimize 0, the checks stay calls to Binaryen's helpers) compiles and names the same functions", async () => {
    const { result } = await runApplication({
      app: app("fault_null"),
      board: createBoard({ cpus: 2 }),
      settings: [],
      build: { optimize: 0 },
      timeoutMs: 60_000,
      onLine: () => {},
      onFatal: () => {},
    });
    expect(result.status, result.message).toBe("exit");
    expect(result.fatal.map((f) => f.fault)).toEqual([
      { kind: "null", address: 0, access: "load", bytes: 4, function: "fault_null/null_load" },
      { kind: "null", address: 0, access: "store", bytes: 4, function: "fault_null/null_store" },
      { kind: "null", address: 0x7fe, access: "store", bytes: 2, function: "fault_null/null_field" },
      // Not inlined here: the access is in the atomic API's function, which the report names.
      { kind: "null", address: 8, access: "store", bytes: 4, function: "~lib/wasmp/assembly/api/atomic/atomic_inc" },
      { kind: "null", address: 0x20, access: "store", bytes: 4, function: "~lib/wasmp/assembly/api/atomic/atomic_cas" },
      { kind: "null", address: 0x30, access: "store", bytes: 1, function: "fault_null/null_memcpy_to" },
      { kind: "null", address: 0x44, access: "load", bytes: 1, function: "fault_null/null_memcpy_from" },
      { kind: "null", address: 0x50, access: "store", bytes: 1, function: "fault_null/null_memset" },
    ]);
  });

  it("without it the same accesses go on, and nothing of the image or the kernel lives in the NULL page", async () => {
    const r = await runApp("fault_null", { cpus: 2, set: ["CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=y"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.fatal).toEqual([]);
    expect(r.out).toContain("null_load read 0");
    const names = ["null_load", "null_store", "null_field", "null_atomic_inc", "null_atomic_cas"];
    for (const name of [...names, "null_memcpy_to", "null_memcpy_from", "null_memset"]) {
      expect(r.out).toContain(`${name}: joined=0 state=dead after_fault=1 cpu1_runs=1 ticker_goes_on=1`);
    }
    // The page holds only what the app wrote there: 42 at 0, 7 at 0x7fe, 1 at 8 (atomic_inc),
    // 5 at 0x20 (atomic_cas), 1 2 3 4 at 0x30 (memcpy) and 8 times 0xab at 0x50 (memset).
    const page = new Uint8Array(r.machine.memory.buffer, 0, NULL_PAGE_SIZE);
    const written = new Map([
      [0, 42],
      [0x7fe, 7],
      [8, 1],
      [0x20, 5],
      [0x30, 1],
      [0x31, 2],
      [0x32, 3],
      [0x33, 4],
      ...Array.from({ length: 8 }, (_, i): [number, number] => [0x50 + i, 0xab]),
    ]);
    const stray = [...page.entries()].filter(([i, b]) => b !== (written.get(i) ?? 0));
    expect(stray, "bytes of the NULL page that something else wrote").toEqual([]);
  });

  it("is a choice as in Zephyr: the default follows CONFIG_ASSERT, _DWT is taken as _MPU, and an image's choice is kept", () => {
    const board = createBoard({ cpus: 2 });
    const sets = (...lines: string[]) => parseAssignments(lines.map((l) => [l, `--set ${l}`] as const));
    const detect = (...lines: string[]) => resolveKconfig(sets(...lines), board).NULL_POINTER_EXCEPTION_DETECTION_MPU;
    expect(detect()).toBe(true);
    expect(detect("CONFIG_ASSERT=n")).toBe(false);
    expect(detect("CONFIG_ASSERT=n", "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=y")).toBe(true);
    expect(detect("CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=y")).toBe(false);
    expect(detect("CONFIG_ASSERT=n", "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_DWT=y")).toBe(true);
    expect(kconfigDiagnostics(sets("CONFIG_NULL_POINTER_EXCEPTION_DETECTION_DWT=y"))).toEqual([
      expect.stringContaining(
        "note: CONFIG_NULL_POINTER_EXCEPTION_DETECTION_DWT selects the same detection as CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU",
      ),
    ]);
    expect(() =>
      resolveKconfig(
        sets("CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=y", "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=y"),
        board,
      ),
    ).toThrow(/are alternatives of choice NULL_POINTER_EXCEPTION_DETECTION: set only one/);
    // A prebuilt image keeps its choice: another one is a build-time mismatch that says to rebuild.
    const withCheck = buildDefines(resolveKconfig([], board));
    const without = buildDefines(resolveKconfig(sets("CONFIG_ASSERT=n"), board));
    const problem = (lines: string[], defines: string[]): string => {
      try {
        resolveKconfigForImage(sets(...lines), board, defines, "app.wasm");
      } catch (e) {
        expect(e).toBeInstanceOf(VmError);
        return (e as VmError).problems.join("\n");
      }
      return "accepted";
    };
    expect(problem(["CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=y"], withCheck)).toContain(
      "CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE is a build-time option and app.wasm was built with CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=n: rebuild the image",
    );
    expect(problem(["CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=y"], without)).toContain(
      "app.wasm was built with CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=n: rebuild the image",
    );
    expect(problem(["CONFIG_NULL_POINTER_EXCEPTION_DETECTION_DWT=y"], without)).toContain("rebuild the image");
    expect(problem(["CONFIG_NULL_POINTER_EXCEPTION_DETECTION_DWT=y"], withCheck)).toBe("accepted");
  });
});

describe("kernel object checks under CONFIG_ASSERT", () => {
  /** The calls of test/apps/fault_object.ts, in order, as their reports name them. */
  const CALLS = [
    ["k_sem_give", "sem"],
    ["k_sem_take", "sem"],
    ["k_mutex_lock", "mutex"],
    ["k_mutex_unlock", "mutex"],
    ["k_condvar_signal", "condvar"],
    ["k_condvar_wait", "condvar"],
    ["k_msgq_put", "msgq"],
    ["k_msgq_get", "msgq"],
    ["k_queue_append", "queue"],
    ["k_queue_get", "queue"],
    ["k_queue_append", "queue"], // k_fifo_put: k_fifo is a k_queue (a macro over it in Zephyr)
    ["k_queue_get", "queue"], // k_lifo_get
    ["k_stack_push", "stack"],
    ["k_stack_pop", "stack"],
    ["k_event_post", "event"],
    ["k_event_wait", "event"],
    ["k_timer_start", "timer"],
    ["k_timer_status_get", "timer"],
    ["k_work_submit_to_queue", "work"], // k_work_submit, as in Zephyr's work.c
    ["k_work_cancel", "work"],
    ["k_work_schedule_for_queue", "work"], // k_work_schedule
    ["k_pipe_write", "pipe"],
    ["k_pipe_read", "pipe"],
    ["k_mem_slab_alloc", "mem_slab"],
    ["k_mem_slab_free", "mem_slab"],
    ["k_heap_aligned_alloc", "kheap"], // k_heap_alloc
    ["k_heap_free", "kheap"],
  ] as const;

  it("a NULL object is a failed assertion naming the call, a kernel panic of the calling thread only (the handler returns)", async () => {
    const r = await runApp("fault_object", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain(`fault_object panics=${CALLS.length}`);
    expect(r.out).not.toContain("not reached");
    expect(r.fatal).toHaveLength(CALLS.length);
    CALLS.forEach(([call, file], i) => {
      expect(r.out).toContain(died(`null_obj_${i}`));
      const f = reportOf(r, `null_obj_${i}`);
      expect([f.reasonName, f.message, f.cpu]).toEqual(["K_ERR_KERNEL_PANIC", `${call}: NULL object`, 1]);
      expect(r.out).toMatch(
        new RegExp(`ASSERTION FAIL \\[obj != NULL\\] @ kernel/${file}\\.ts:\\d+\\n\\t${call}: NULL object`),
      );
    });
  });
});

describe("stack exhaustion is K_ERR_STACK_CHK_FAIL", () => {
  it("an unbounded recursion, a save area too small and an unwind larger than the scratch kill only their thread, with the size it had and what it needed where known", async () => {
    const r = await runApp("fault_stack", { cpus: 2 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("fault_stack done");
    expect(r.out).not.toContain("not reached");

    expect(r.out).toContain(died("recursion"));
    const rec = reportOf(r, "recursion");
    expect([rec.reasonName, rec.message, rec.cpu]).toEqual(["K_ERR_STACK_CHK_FAIL", "", 1]);
    // The reason is said once, in Zephyr's words, on the first line (the message adds nothing).
    expect(r.fatalText.join("\n")).toMatch(
      />>> ZEPHYR FATAL ERROR 2: Stack overflow on CPU 1\nCurrent thread: #\d+ 'recursion'/,
    );
    expect(rec.fault).toEqual({
      kind: "stack",
      cause: "call_stack",
      stackSize: 8192,
      function: "fault_stack/recurse",
    });
    expect(rec.trap).toContain(
      "stack overflow: the host's call stack ran out (Maximum call stack size exceeded) in fault_stack/recurse, likely an unbounded recursion; the thread's save area is 8192 bytes",
    );

    expect(r.out).toContain(died("small_save_area"));
    const small = reportOf(r, "small_save_area");
    expect([small.reasonName, small.message, small.cpu]).toEqual(["K_ERR_STACK_CHK_FAIL", "", 1]);
    // 1024 requested, raised to CONFIG_WASMP_MIN_STACK_SIZE; 2,000 frames of deep() need far more.
    expect(small.fault).toMatchObject({ kind: "stack", cause: "save_area", stackSize: 2048 });
    const needed = small.fault?.kind === "stack" ? (small.fault.needed ?? 0) : 0;
    expect(needed).toBeGreaterThan(4 * 2048); // at least a 4-byte call index per frame
    expect(small.trap).toBe(
      `stack overflow: the thread's save area of 2048 bytes overflowed while switching out (needed ${needed})`,
    );

    // A save area larger than the CPU's unwind scratch: the scratch is what runs out.
    expect(r.out).toContain(died("big_unwind"));
    const big = reportOf(r, "big_unwind");
    expect([big.reasonName, big.message, big.cpu]).toEqual(["K_ERR_STACK_CHK_FAIL", "", 1]);
    expect(big.fault).toEqual({
      kind: "stack",
      cause: "scratch",
      stackSize: 1 << 20,
      scratchSize: SCRATCH_SIZE,
      neededMoreThan: SCRATCH_SIZE,
    });
    expect(big.trap).toBe(
      `stack overflow: the thread's frames outgrew this CPU's unwind scratch area of ${SCRATCH_SIZE} bytes (SCRATCH_SIZE, the most a thread can have live at a switch) while switching out (needed more than ${SCRATCH_SIZE}); its save area is ${1 << 20} bytes`,
    );
  });
});
