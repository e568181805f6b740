import { describe, expect, it } from "vitest";
import { buildDefines, parsePrjConf, resolveKconfig } from "../src/board/kconfig.js";

const board = { cpus: 4 };

describe("prj.conf and Kconfig", () => {
  it("parses assignments, comments, blank lines and 'is not set'", () => {
    const s = parsePrjConf("# a comment\n\nCONFIG_SMP=y\n# CONFIG_ASSERT is not set\nCONFIG_MAIN_STACK_SIZE=0x4000\n", "prj.conf");
    expect(s.map((x) => [x.name, x.value, x.where])).toEqual([
      ["SMP", true, "prj.conf:3"], ["ASSERT", false, "prj.conf:4"], ["MAIN_STACK_SIZE", 16384, "prj.conf:5"],
    ]);
  });

  const errors: [string, string][] = [
    ["CONFIG_FOO=y", "prj.conf:1: unknown option CONFIG_FOO"],
    ["CONFIG_SMP=1", "prj.conf:1: CONFIG_SMP is a bool: expected y or n, got '1'"],
    ["CONFIG_MAIN_STACK_SIZE=big", "prj.conf:1: CONFIG_MAIN_STACK_SIZE is an int: expected a number, got 'big'"],
    ["CONFIG_MP_MAX_NUM_CPUS=99", "prj.conf:1: CONFIG_MP_MAX_NUM_CPUS=99 is out of range [1, 32]"],
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
    expect(cfg["TICKET_SPINLOCKS"]).toBe(false);
    expect(cfg["SPIN_VALIDATE"]).toBe(false); // default follows ASSERT
    expect(cfg["MP_MAX_NUM_CPUS"]).toBe(4);
    expect(buildDefines(cfg)).toEqual(["KCONFIG_SMP=1", "KCONFIG_QEMU_TARGET=1", "KCONFIG_SCHED_IPI_SUPPORTED=1", "KCONFIG_TIMESLICING=1",
      "KCONFIG_SYS_CLOCK_TICKS_PER_SEC=10000"]);
  });
});
