import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  HEAP_MEM_POOL_UNSET,
  OPTIONS,
  RENAMED,
  boardFromSettings,
  buildDefines,
  buildMismatches,
  buildValuesFromDefines,
  kconfigDiagnostics,
  parseAssignments,
  parsePrjConf,
  resolveKconfig,
  resolveKconfigForImage,
} from "../src/board/kconfig.js";
import { INERT_SYMBOLS, inertSymbolsMarkdown } from "../src/board/zephyr-symbols.js";
import { createBoard } from "../src/board/board.js";
import { VmError } from "../src/errors.js";
import { appendBuildRecord, readBuildRecord } from "../src/image/record.js";
import { Machine } from "../src/machine/machine.js";
import { readPrjConf } from "../src/platform/node.js";
import { MAX_CPUS } from "../src/generated/contract.js";

const board = createBoard({ cpus: 4 });

describe("prj.conf and Kconfig", () => {
  it("parses assignments, comments, blank lines and 'is not set'", () => {
    const s = parsePrjConf(
      "# a comment\n\nCONFIG_SMP=y\n# CONFIG_ASSERT is not set\nCONFIG_MAIN_STACK_SIZE=0x4000\n",
      "prj.conf",
    );
    expect(s.map((x) => [x.name, x.value, x.where])).toEqual([
      ["SMP", true, "prj.conf:3"],
      ["ASSERT", false, "prj.conf:4"],
      ["MAIN_STACK_SIZE", 16384, "prj.conf:5"],
    ]);
  });

  const errors: [string, string][] = [
    ["CONFIG_FOO=y", "prj.conf:1: unknown option CONFIG_FOO"],
    ["CONFIG_SMP=1", "prj.conf:1: CONFIG_SMP is a bool: expected y or n, got '1'"],
    ["CONFIG_MAIN_STACK_SIZE=big", "prj.conf:1: CONFIG_MAIN_STACK_SIZE is an int: expected a number, got 'big'"],
    ["CONFIG_MP_MAX_NUM_CPUS=99", `prj.conf:1: CONFIG_MP_MAX_NUM_CPUS=99 is out of range [1, ${MAX_CPUS}]`],
    ["SMP=y", "prj.conf:1: expected CONFIG_<NAME>=<value>, got 'SMP=y'"],
    ["CONFIG_SCHED_CPU_MASK=n", "prj.conf:1: CONFIG_SCHED_CPU_MASK=n is not supported; wasmp supports only y"],
  ];
  for (const [line, msg] of errors) {
    it(`rejects '${line}' naming the line`, () => {
      expect(() => parsePrjConf(line, "prj.conf")).toThrow(msg);
    });
  }

  it("rejects combinations Zephyr rejects, saying why", () => {
    const s = parsePrjConf("CONFIG_ASSERT=n\nCONFIG_SPIN_VALIDATE=y\n", "prj.conf");
    expect(() => resolveKconfig(s, board)).toThrow("prj.conf:2: CONFIG_SPIN_VALIDATE=y needs CONFIG_ASSERT=y");
  });

  it("rejects more CPUs than the board has", () => {
    const s = parsePrjConf("CONFIG_MP_MAX_NUM_CPUS=8\n", "prj.conf");
    expect(() => resolveKconfig(s, board)).toThrow("exceeds the board's 4 CPUs");
  });

  it("later settings win, defaults fill the rest, and build defines follow the bools", () => {
    const s = parsePrjConf("CONFIG_TICKET_SPINLOCKS=y\nCONFIG_TICKET_SPINLOCKS=n\nCONFIG_ASSERT=n\n", "prj.conf");
    const cfg = resolveKconfig(s, board);
    expect(cfg.TICKET_SPINLOCKS).toBe(false);
    expect(cfg.SPIN_VALIDATE).toBe(false); // default follows ASSERT
    expect(cfg.NULL_POINTER_EXCEPTION_DETECTION_NONE).toBe(true); // so does this choice
    expect(cfg.MP_MAX_NUM_CPUS).toBe(4);
    expect(buildDefines(cfg)).toEqual([
      "KCONFIG_SMP=1",
      "KCONFIG_QEMU_TARGET=1",
      "KCONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE=1",
      "KCONFIG_SCHED_IPI_SUPPORTED=1",
      "KCONFIG_TIMESLICING=1",
      "KCONFIG_ZTEST_CPU_HOLD_TIME_MS=3000",
      "KCONFIG_SYS_CLOCK_TICKS_PER_SEC=10000",
      "KCONFIG_HEAP_MEM_POOL_SIZE=4294967295", // -1 (unset): asc reads only unsigned literals
      "KCONFIG_SYSTEM_WORKQUEUE_PRIORITY=4294967295", // -1
      "KCONFIG_SYSTEM_WORKQUEUE_STACK_SIZE=8192",
      "KCONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS=5000",
    ]);
  });

  it("the resolved configuration has typed fields and carries its board", () => {
    const cfg = resolveKconfig([], board);
    expect(cfg.board).toBe(board);
    const cpus: number = cfg.MP_MAX_NUM_CPUS;
    const smp: boolean = cfg.SMP;
    expect([cpus, smp, cfg.WASMP_MEMORY_MB]).toEqual([4, true, 64]);
  });

  it("takes the memory size from the board, and rejects another", () => {
    const big = createBoard({ cpus: 2, memoryMiB: 128 });
    expect(resolveKconfig([], big).WASMP_MEMORY_MB).toBe(128);
    const s = parsePrjConf("CONFIG_WASMP_MEMORY_MB=256\n", "prj.conf");
    expect(() => resolveKconfig(s, big)).toThrow(
      "prj.conf:1: CONFIG_WASMP_MEMORY_MB=256 does not match the board's 128 MiB",
    );
    // The command line sizes its board from the setting.
    expect(boardFromSettings({ cpus: 2 }, s)).toEqual({ name: "wasmp", cpus: 2, memoryMiB: 256 });
    expect(resolveKconfig(s, boardFromSettings({ cpus: 2 }, s)).WASMP_MEMORY_MB).toBe(256);
  });
});

describe("the board", () => {
  it("is validated once, by createBoard", () => {
    expect(() => createBoard({ cpus: 0 })).toThrow(`board: a board has 1 to ${MAX_CPUS} CPUs, got 0`);
    expect(() => createBoard({ cpus: MAX_CPUS + 1 })).toThrow(`got ${MAX_CPUS + 1}`);
    expect(() => createBoard({ cpus: 1.5 })).toThrow("got 1.5");
    expect(() => createBoard({ cpus: 2, memoryMiB: 2 })).toThrow("board: memory must be 4 to 4095 MiB, got 2");
    expect(createBoard({ cpus: MAX_CPUS })).toEqual({ name: "wasmp", cpus: MAX_CPUS, memoryMiB: 64 });
    expect(Object.isFrozen(createBoard({ cpus: 1 }))).toBe(true);
  });

  it("Machine.create rejects a configuration resolved for another board instead of capping it", async () => {
    const cfg = resolveKconfig([], createBoard({ cpus: 4 }));
    await expect(
      Machine.create({ image: new Uint8Array(), board: createBoard({ cpus: 8 }), config: cfg }),
    ).rejects.toThrow(
      "the configuration was resolved for board 'wasmp' (4 CPUs, 64 MiB), not for this machine's board 'wasmp' (8 CPUs, 64 MiB)",
    );
    const other = resolveKconfig([], createBoard({ cpus: 8, memoryMiB: 32 })); // contract-ok: 32 MiB, not a CPU count
    await expect(
      Machine.create({ image: new Uint8Array(), board: createBoard({ cpus: 8 }), config: other }),
    ).rejects.toMatchObject({ code: "E_CONFIG" });
  });
});

function configProblems(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VmError);
    expect((e as VmError).code).toBe("E_CONFIG");
    return (e as VmError).problems;
  }
  throw new Error("no configuration error");
}

const FIXTURES = "test/fixtures/zephyr"; // upstream files, unchanged (test/fixtures/zephyr/README.md)

describe("upstream prj.conf files", () => {
  it("the three samples' prj.conf files parse and resolve with only warnings, one per inert option", () => {
    const pi = readPrjConf(`${FIXTURES}/samples/arch/smp/pi/prj.conf`);
    const piCfg = resolveKconfig(pi, board);
    expect([piCfg.MAIN_THREAD_PRIORITY, piCfg.SMP]).toEqual([11, true]);
    expect(kconfigDiagnostics(pi)).toEqual([
      `${FIXTURES}/samples/arch/smp/pi/prj.conf:8: warning: CONFIG_TEST has no effect in wasmp: ${INERT_SYMBOLS.get("TEST")!.why}`,
    ]);

    const pkt = readPrjConf(`${FIXTURES}/samples/arch/smp/pktqueue/prj.conf`);
    const pktCfg = resolveKconfig(pkt, board);
    expect([pktCfg.MAIN_THREAD_PRIORITY, pktCfg.HEAP_MEM_POOL_SIZE]).toEqual([11, 4096]);
    const pktWarnings = kconfigDiagnostics(pkt);
    expect(pktWarnings.map((l) => /^(.*?: warning: CONFIG_\w+) has no effect in wasmp: /.exec(l)?.[1])).toEqual([
      `${FIXTURES}/samples/arch/smp/pktqueue/prj.conf:4: warning: CONFIG_TEST_RANDOM_GENERATOR`,
      `${FIXTURES}/samples/arch/smp/pktqueue/prj.conf:8: warning: CONFIG_CRC`,
    ]);

    const sync = readPrjConf(`${FIXTURES}/samples/synchronization/prj.conf`);
    const syncCfg = resolveKconfig(sync, board);
    expect([syncCfg.THREAD_NAME, syncCfg.SCHED_CPU_MASK]).toEqual([true, true]);
    // CONFIG_THREAD_NAME and CONFIG_SCHED_CPU_MASK are implemented (always on): no warning.
    expect(kconfigDiagnostics(sync)).toEqual([
      `${FIXTURES}/samples/synchronization/prj.conf:1: warning: CONFIG_STDOUT_CONSOLE has no effect in wasmp: ${INERT_SYMBOLS.get("STDOUT_CONSOLE")!.why}`,
    ]);
  });

  it("an inert Zephyr option is type-checked, skipped by resolution and warned about once", () => {
    const s = parsePrjConf(
      'CONFIG_LOG=y\nCONFIG_LOG_DEFAULT_LEVEL=4\nCONFIG_LOG=n\n# CONFIG_PRINTK is not set\nCONFIG_BOOT_BANNER_STRING="hi"\n',
      "prj.conf",
    );
    expect(s.map((x) => [x.name, x.value, x.inert !== undefined])).toEqual([
      ["LOG", true, true],
      ["LOG_DEFAULT_LEVEL", 4, true],
      ["LOG", false, true],
      ["PRINTK", false, true],
      ["BOOT_BANNER_STRING", "hi", true],
    ]);
    const cfg: Record<string, unknown> = resolveKconfig(s, board);
    expect("LOG" in cfg).toBe(false);
    const lines = kconfigDiagnostics(s);
    expect(lines).toHaveLength(4); // CONFIG_LOG once, at its first line
    expect(lines[0]).toBe(
      "prj.conf:1: warning: CONFIG_LOG has no effect in wasmp: wasmp has no logging subsystem (LOG_INF and the other LOG_* macros are not provided): use printk",
    );
    for (const l of lines) expect(l).not.toContain("\n");
    expect(configProblems(() => parsePrjConf("CONFIG_LOG=maybe\nCONFIG_LOG_DEFAULT_LEVEL=high\n", "p.conf"))).toEqual([
      "p.conf:1: CONFIG_LOG is a bool: expected y or n, got 'maybe'",
      "p.conf:2: CONFIG_LOG_DEFAULT_LEVEL is an int: expected a number, got 'high'",
    ]);
  });

  it("every problem of a file is reported together, each with its file and line", () => {
    const text = [
      "CONFIG_SMP=y",
      "CONFIG_TICKET_SPINLOCKS=maybe",
      "CONFIG_STDOUT_CONSOLE=y",
      "CONFIG_TICKET_SPINLOCK=y",
      "SMP=y",
      "CONFIG_NO_SUCH_THING=y",
      "CONFIG_MAIN_STACK_SIZE=big",
    ].join("\n");
    expect(configProblems(() => parsePrjConf(text, "app/prj.conf"))).toEqual([
      "app/prj.conf:2: CONFIG_TICKET_SPINLOCKS is a bool: expected y or n, got 'maybe'",
      "app/prj.conf:4: unknown option CONFIG_TICKET_SPINLOCK: did you mean CONFIG_TICKET_SPINLOCKS?",
      "app/prj.conf:5: expected CONFIG_<NAME>=<value>, got 'SMP=y'",
      "app/prj.conf:6: unknown option CONFIG_NO_SUCH_THING: not a wasmp option, nor one of the Zephyr options wasmp accepts without effect (docs/cli.md lists both)",
      "app/prj.conf:7: CONFIG_MAIN_STACK_SIZE is an int: expected a number, got 'big'",
    ]);
  });

  it.each([
    ["STDOUT_CONSOL", "STDOUT_CONSOLE"],
    ["TICKET_SPINLOKCS", "TICKET_SPINLOCKS"],
    ["THREAD_NAMES", "THREAD_NAME"],
    ["ZTEST_NEWAPI", "ZTEST_NEW_API"],
    ["SCHED_SCALEABLE", "SCHED_SCALABLE"],
  ])("a misspelt CONFIG_%s suggests CONFIG_%s (edit distance over every known name)", (typo, meant) => {
    expect(configProblems(() => parsePrjConf(`CONFIG_${typo}=y`, "prj.conf"))).toEqual([
      `prj.conf:1: unknown option CONFIG_${typo}: did you mean CONFIG_${meant}?`,
    ]);
  });

  it("a short unknown name is not 'corrected' into an unrelated one", () => {
    expect(configProblems(() => parsePrjConf("CONFIG_FOO=y", "prj.conf"))).toEqual([
      "prj.conf:1: unknown option CONFIG_FOO: not a wasmp option, nor one of the Zephyr options wasmp accepts without effect (docs/cli.md lists both)",
    ]);
    expect(configProblems(() => parsePrjConf("CONFIG_MP_NUM_CPU=1", "prj.conf"))).toEqual([
      "prj.conf:1: unknown option CONFIG_MP_NUM_CPU: did you mean CONFIG_MP_NUM_CPUS?",
    ]);
  });

  it("resolution reports all its problems together", () => {
    const s = parsePrjConf(
      "CONFIG_ASSERT=n\nCONFIG_SPIN_VALIDATE=y\nCONFIG_MUTEX_DEADLOCK_DETECT=y\nCONFIG_MP_MAX_NUM_CPUS=8\n",
      "prj.conf",
    );
    expect(configProblems(() => resolveKconfig(s, board))).toEqual([
      "prj.conf:2: CONFIG_SPIN_VALIDATE=y needs CONFIG_ASSERT=y: spinlock validation is an assertion (subsys/debug/Kconfig: inside 'if ASSERT')",
      "prj.conf:3: CONFIG_MUTEX_DEADLOCK_DETECT=y needs CONFIG_ASSERT=y: a detected deadlock is reported with __ASSERT (kernel/Kconfig: depends on ASSERT)",
      "prj.conf:4: CONFIG_MP_MAX_NUM_CPUS=8 exceeds the board's 4 CPUs",
    ]);
  });

  it("options wasmp implements differently carry a note; Zephyr's old names are taken as the new ones", () => {
    const s = parsePrjConf(
      "CONFIG_MAIN_STACK_SIZE=1024\nCONFIG_MP_NUM_CPUS=1\nCONFIG_KERNEL_COHERENCE=y\nCONFIG_SMP=y\nCONFIG_WAITQ_DUMB=y\n",
      "prj.conf",
    );
    const cfg = resolveKconfig(s, board);
    expect([cfg.MP_MAX_NUM_CPUS, cfg.WAITQ_SIMPLE, cfg.MAIN_STACK_SIZE]).toEqual([1, true, 1024]);
    const lines = kconfigDiagnostics(s);
    expect(lines.map((l) => l.slice(0, l.indexOf(" ", l.indexOf("note: ") + 6)))).toEqual([
      "prj.conf:1: note: CONFIG_MAIN_STACK_SIZE",
      "prj.conf:2: note: CONFIG_MP_NUM_CPUS",
      "prj.conf:3: note: CONFIG_KERNEL_COHERENCE",
      "prj.conf:5: note: CONFIG_WAITQ_DUMB",
    ]);
    expect(lines[0]).toContain("save area");
    expect(lines[1]).toBe(
      "prj.conf:2: note: CONFIG_MP_NUM_CPUS is Zephyr's deprecated name of CONFIG_MP_MAX_NUM_CPUS: taken as CONFIG_MP_MAX_NUM_CPUS=1",
    );
  });

  it("Zephyr options wasmp cannot honour are errors that say what it supports", () => {
    expect(
      configProblems(() =>
        parsePrjConf(
          "CONFIG_NUM_PREEMPT_PRIORITIES=30\nCONFIG_MULTITHREADING=n\nCONFIG_SCHED_DEADLINE=y\nCONFIG_NUM_METAIRQ_PRIORITIES=1\n",
          "prj.conf",
        ),
      ).map((p) => p.slice(0, p.indexOf(" ("))),
    ).toEqual([
      "prj.conf:1: CONFIG_NUM_PREEMPT_PRIORITIES=30 is not supported; wasmp supports only 15",
      "prj.conf:2: CONFIG_MULTITHREADING=n is not supported; wasmp supports only y",
      "prj.conf:3: CONFIG_SCHED_DEADLINE=y is not supported; wasmp supports only n",
      "prj.conf:4: CONFIG_NUM_METAIRQ_PRIORITIES=1 is not supported; wasmp supports only 0",
    ]);
    // Their one supported value (tests/kernel/threads/... set them) is accepted without a word.
    const s = parsePrjConf("CONFIG_MULTITHREADING=y\nCONFIG_NUM_COOP_PRIORITIES=16\n", "prj.conf");
    expect(kconfigDiagnostics(s)).toEqual([]);
  });

  it("the inert table and OPTIONS are apart, and docs/cli.md lists every accepted option", () => {
    const options = new Set<string>(OPTIONS.map((o) => o.name));
    expect([...INERT_SYMBOLS.keys()].filter((n) => options.has(n) || n in RENAMED)).toEqual([]);
    expect(INERT_SYMBOLS.size).toBeGreaterThan(250);
    const doc = readFileSync("docs/cli.md", "utf8");
    for (const name of [...options, ...Object.keys(RENAMED)]) expect(doc).toContain(`\`CONFIG_${name}\``);
    const section = /<!-- inert-symbols:begin -->\n([\s\S]*?)\n<!-- inert-symbols:end -->/.exec(doc)?.[1];
    expect(section, "docs/cli.md: replace the inert-symbols section with inertSymbolsMarkdown()").toBe(
      inertSymbolsMarkdown(),
    );
  });
});

describe("CONFIG_HEAP_MEM_POOL_SIZE", () => {
  it("is unset by default (k_malloc uses the kernel heap), 0 or more when set, and must fit the board", () => {
    expect(resolveKconfig([], board).HEAP_MEM_POOL_SIZE).toBe(HEAP_MEM_POOL_UNSET);
    expect(resolveKconfig(parsePrjConf("CONFIG_HEAP_MEM_POOL_SIZE=0\n", "prj.conf"), board).HEAP_MEM_POOL_SIZE).toBe(0);
    const set = parsePrjConf("CONFIG_HEAP_MEM_POOL_SIZE=16384\n", "prj.conf");
    expect(kconfigDiagnostics(set)).toEqual([]); // an implemented option: no warning
    expect(buildDefines(resolveKconfig(set, board))).toContain("KCONFIG_HEAP_MEM_POOL_SIZE=16384");
    expect(() => parsePrjConf("CONFIG_HEAP_MEM_POOL_SIZE=-1\n", "prj.conf")).toThrow(
      "prj.conf:1: CONFIG_HEAP_MEM_POOL_SIZE=-1 is out of range [0, 2147483647]",
    );
    expect(
      configProblems(() => resolveKconfig(parsePrjConf("CONFIG_HEAP_MEM_POOL_SIZE=0x4000000\n", "prj.conf"), board)),
    ).toEqual([
      "prj.conf:1: CONFIG_HEAP_MEM_POOL_SIZE=67108864 does not fit in the board's 64 MiB of memory (the system heap is carved from the kernel heap)",
    ]);
  });
});

describe("build-time options of a prebuilt image", () => {
  const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const defaults = resolveKconfig([], board);
  const ticket = resolveKconfig(parsePrjConf("CONFIG_TICKET_SPINLOCKS=y\nCONFIG_SMP=n\n", "b.conf"), board);

  it("the image records its defines in a custom section that bytes and modules both give back", async () => {
    const image = appendBuildRecord(EMPTY_MODULE, buildDefines(ticket));
    expect(readBuildRecord(image)).toEqual([...buildDefines(ticket)].sort());
    expect(readBuildRecord(await WebAssembly.compile(image as BufferSource))).toEqual([...buildDefines(ticket)].sort());
    expect(readBuildRecord(EMPTY_MODULE)).toBeNull();
    expect(() => readBuildRecord(new Uint8Array([1, 2, 3]))).toThrow("not a wasmp image");
    // buildValuesFromDefines inverts buildDefines, negative ints included.
    const values = buildValuesFromDefines(buildDefines(defaults));
    expect(values.get("SYSTEM_WORKQUEUE_PRIORITY")).toBe(-1);
    expect(values.get("HEAP_MEM_POOL_SIZE")).toBe(HEAP_MEM_POOL_UNSET); // a default outside the range
    expect(buildMismatches(defaults, buildDefines(defaults))).toEqual([]);
    expect(buildMismatches(defaults, buildDefines(ticket))).toEqual([
      { name: "SMP", config: true, image: false },
      { name: "TICKET_SPINLOCKS", config: false, image: true },
    ]);
  });

  it("a setting that contradicts the image's build-time option is an error naming it and saying to rebuild", () => {
    const defines = buildDefines(defaults);
    const sets = parseAssignments([
      ["CONFIG_TICKET_SPINLOCKS=y", "--set CONFIG_TICKET_SPINLOCKS=y"],
      ["CONFIG_SMP=n", "--set CONFIG_SMP=n"],
      ["CONFIG_TIMESLICE_SIZE=5", "--set CONFIG_TIMESLICE_SIZE=5"],
    ]);
    const problems = configProblems(() => resolveKconfigForImage(sets, board, defines, "app.wasm"));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      "--set CONFIG_TICKET_SPINLOCKS=y: CONFIG_TICKET_SPINLOCKS is a build-time option and app.wasm was built with CONFIG_TICKET_SPINLOCKS=n: rebuild the image with CONFIG_TICKET_SPINLOCKS=y (wasmp build <app.ts> --set CONFIG_TICKET_SPINLOCKS=y), or run the .ts application, which is built with its configuration",
    );
    expect(problems[1]).toContain(
      "--set CONFIG_SMP=n: CONFIG_SMP is a build-time option and app.wasm was built with CONFIG_SMP=y",
    );
  });

  it("without settings, a prebuilt image runs with its own build-time options; run-time options still apply", () => {
    const sets = parseAssignments([["CONFIG_TIMESLICE_SIZE=5", "--set"]]);
    const cfg = resolveKconfigForImage(sets, board, buildDefines(ticket), "app.wasm");
    expect([cfg.TICKET_SPINLOCKS, cfg.SMP, cfg.TIMESLICE_SIZE]).toEqual([true, false, 5]);
    // The same value as the image's is no conflict.
    const same = parseAssignments([["CONFIG_TICKET_SPINLOCKS=y", "--set"]]);
    expect(resolveKconfigForImage(same, board, buildDefines(ticket), "app.wasm").TICKET_SPINLOCKS).toBe(true);
  });

  it("Machine.create refuses a configuration whose build-time options are not the image's, and an image without a record", async () => {
    const image = appendBuildRecord(EMPTY_MODULE, buildDefines(ticket));
    await expect(Machine.create({ image, board, config: defaults })).rejects.toMatchObject({
      code: "E_CONFIG",
      problems: [
        expect.stringContaining("CONFIG_SMP=y but the image was built with CONFIG_SMP=n"),
        expect.stringContaining("CONFIG_TICKET_SPINLOCKS=n but the image was built with CONFIG_TICKET_SPINLOCKS=y"),
      ],
    });
    await expect(Machine.create({ image: EMPTY_MODULE, board, config: defaults })).rejects.toMatchObject({
      code: "E_IMAGE",
      message: expect.stringContaining("does not record the build-time options"),
    });
  });
});
