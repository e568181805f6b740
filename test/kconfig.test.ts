import { describe, expect, it } from "vitest";
import { boardFromSettings, buildDefines, parsePrjConf, resolveKconfig } from "../src/board/kconfig.js";
import { createBoard } from "../src/board/board.js";
import { Machine } from "../src/machine/machine.js";
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
    expect(cfg.MP_MAX_NUM_CPUS).toBe(4);
    expect(buildDefines(cfg)).toEqual([
      "KCONFIG_SMP=1",
      "KCONFIG_QEMU_TARGET=1",
      "KCONFIG_SCHED_IPI_SUPPORTED=1",
      "KCONFIG_TIMESLICING=1",
      "KCONFIG_ZTEST_CPU_HOLD_TIME_MS=3000",
      "KCONFIG_SYS_CLOCK_TICKS_PER_SEC=10000",
      "KCONFIG_SYSTEM_WORKQUEUE_PRIORITY=4294967295", // -1: asc reads only unsigned literals
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
