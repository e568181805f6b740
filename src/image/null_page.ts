// NULL-pointer detection (CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU): a link step that makes
// every load and store whose address falls in the NULL page, [0, NULL_PAGE_SIZE), a trap, as
// an MPU region without access rights over the first page does on a Cortex-M (Zephyr's
// arch/arm/core/mpu: the "unmap_region" at 0x0). The host turns that trap into the thread's
// K_ERR_CPU_EXCEPTION naming the address and the function (src/cpu/core.ts).
//
// Binaryen's SafeHeap pass does the rewriting: it replaces each load and store with a call to
// a helper of its kind (SAFE_HEAP_LOAD_i32_4_4(ptr, offset), SAFE_HEAP_STORE_i32_4_4(ptr,
// offset, value), ...) that computes the address, checks it and then makes the access.
// SafeHeap's own checks do not fit wasmp: the lower bound is address 0 alone (1024 with
// low-memory-unused), the upper bound calls emscripten_get_sbrk_ptr, and misaligned accesses
// (legal in Wasm) call alignfault. So each helper's body is rebuilt here from its parts:
//
//   (local.set $addr (i32.add ptr offset))           SafeHeap's first statement, kept
//   (if (i32.lt_u $addr NULL_PAGE_SIZE)               the check
//     (global.set wasmp_fault_addr $addr)
//     (global.set wasmp_fault_access <bytes|store>)
//     (unreachable))
//   (the load or store at $addr)                      SafeHeap's last statement, kept
//
// and SafeHeap's three imports (env.segfault, env.alignfault, env.emscripten_get_sbrk_ptr) and
// its unused helpers are removed. The helpers make no call, so the optimizer inlines them
// (Binaryen inlines small functions without calls at -O3): in an optimized image the check is
// a compare and a branch in the accessing function, and the trap's innermost frame is that
// function.
//
// Order: this runs before asyncify. Asyncify then sees the helpers as functions that cannot
// unwind (they call nothing) and adds nothing around their calls, and its own accesses to the
// save areas (always far above the NULL page) stay unchecked.
//
// SafeHeap covers plain and atomic loads and stores (atomic.load/store). The rest of memory's
// instructions get a check here, by a walk over every function's body (checkOtherAccesses):
//
// - atomic read-modify-write and compare-exchange (atomic.add, atomic.cmpxchg, …, the atomic
//   API and the spinlocks), memory.atomic.notify and .wait: the address operand becomes
//   `call $wasmp_null_check_ptr(ptr, offset, access)`, which traps as above if ptr + offset
//   is in the NULL page and returns ptr (evaluated once, in its place);
// - memory.copy and memory.fill (memory.init too): the address operands are teed to two new
//   locals and the size, evaluated last, becomes `call $wasmp_null_check_copy(dst, src, size)`
//   (or _fill(dst, size)), which traps if the size is not 0 and a range starts in the NULL
//   page (the source is read first: its fault is reported first), and returns the size. A
//   range that starts above the NULL page cannot reach it (the page is at address 0).
//
// One load is left unchecked: a safepoint's atomic load of this CPU's pending word (a kernel
// address, in every loop iteration of application code) calls the load helper's unchecked
// twin; the build fails if the image polls that word but no such load is found.
//
// A read-modify-write reports a store (it writes), a range a 1-byte access at its first
// address (where an MPU faults). SIMD instructions are not built (wasmp's images do not
// enable the feature), so none is left unchecked. What is checked is the same in the kernel
// and the application.

import {
  GLOBAL_NAMES,
  NULL_PAGE_SIZE,
  null_fault_access_pack,
  null_fault_access_bytes,
} from "../generated/contract.js";
import { VmError } from "../errors.js";

type Binaryen = typeof import("binaryen").default;
type Module = InstanceType<Binaryen["Module"]>;

const LOAD_PREFIX = "SAFE_HEAP_LOAD_";
const STORE_PREFIX = "SAFE_HEAP_STORE_";
/** SafeHeap's imports (module "env"), unused once the helpers are rebuilt. */
const SAFE_HEAP_IMPORTS = ["segfault", "alignfault", "emscripten_get_sbrk_ptr"];
/** A helper's name: SAFE_HEAP_{LOAD,STORE}_<type>_<bytes>_<sign/align/A>. */
const HELPER_NAME = /^SAFE_HEAP_(LOAD|STORE)_[a-z0-9]+_(\d+)_/;

/** What instrumentNullPage did: the helpers it rebuilt (one per kind of access in the image). */
export interface NullPageStats {
  helpers: number;
  /** The atomic read-modify-writes, waits, notifies and memory.copy/fill/init given a check. */
  others: number;
}

/** Instruments `mod` (see the file header). Run before asyncify. */
export function instrumentNullPage(binaryen: Binaryen, mod: Module): NullPageStats {
  mod.runPasses(["safe-heap"]);
  const i32 = binaryen.i32;
  mod.addGlobal(GLOBAL_NAMES.wasmp_fault_addr, i32, true, mod.i32.const(0));
  mod.addGlobal(GLOBAL_NAMES.wasmp_fault_access, i32, true, mod.i32.const(0));
  mod.addGlobalExport(GLOBAL_NAMES.wasmp_fault_addr, GLOBAL_NAMES.wasmp_fault_addr);
  mod.addGlobalExport(GLOBAL_NAMES.wasmp_fault_access, GLOBAL_NAMES.wasmp_fault_access);
  let helpers = 0;
  // Each load helper's twin without the check, for loads whose address is known not to be NULL.
  const unchecked: { name: string; params: number; results: number; vars: number[]; body: number }[] = [];
  const helperCount = mod.getNumFunctions();
  for (let i = 0; i < helperCount; i++) {
    const fn = mod.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    const m = HELPER_NAME.exec(info.name);
    if (!m) continue;
    const store = m[1] === "STORE";
    const bytes = Number(m[2]);
    const body = binaryen.getExpressionInfo(info.body) as { id: number; type: number; children?: number[] };
    const parts = body.id === binaryen.BlockId ? (body.children ?? []) : [];
    if (parts.length < 3 || null_fault_access_bytes(bytes) !== bytes) {
      throw new VmError(
        "E_BUILD",
        `NULL-page check: Binaryen's ${info.name} does not have the shape this builder knows`,
      );
    }
    // The helper's locals: (ptr, offset) for a load, (ptr, offset, value) for a store, then $addr.
    const addrLocal = binaryen.expandType(info.params).length;
    const addr = (): number => mod.local.get(addrLocal, i32);
    const check = mod.if(
      inNullPage(mod, addr()),
      nullFault(mod, addr, mod.i32.const(null_fault_access_pack(bytes, store ? 1 : 0))),
    );
    if (!store) {
      unchecked.push({
        name: `${info.name}${UNCHECKED_SUFFIX}`,
        params: info.params,
        results: info.results,
        vars: info.vars,
        body: mod.block(null, [mod.copyExpression(parts[0]!), mod.copyExpression(parts[parts.length - 1]!)], body.type),
      });
    }
    setFunctionBody(binaryen, fn, mod.block(null, [parts[0]!, check, parts[parts.length - 1]!], body.type));
    helpers++;
  }
  for (const u of unchecked) mod.addFunction(u.name, u.params, u.results, u.vars, u.body);
  for (const name of SAFE_HEAP_IMPORTS) if (mod.getFunction(name)) mod.removeFunction(name);
  const others = checkOtherAccesses(binaryen, mod);
  // SafeHeap adds a helper for every kind of access, used or not, among them atomic accesses
  // with acquire/release order (relaxed atomics), which V8 does not accept. The optimizer
  // drops the unused ones; without it (optimize 0) this does.
  mod.runPasses(["remove-unused-module-elements"]);
  return { helpers, others };
}

/** Whether address `e` is in the NULL page. */
function inNullPage(mod: Module, e: number): number {
  return mod.i32.lt_u(e, mod.i32.const(NULL_PAGE_SIZE));
}

/** The fault: the address and the access (null_fault_access_pack) for the host, then a trap. */
function nullFault(mod: Module, addr: () => number, access: number): number {
  return mod.block(null, [
    mod.global.set(GLOBAL_NAMES.wasmp_fault_addr, addr()),
    mod.global.set(GLOBAL_NAMES.wasmp_fault_access, access),
    mod.unreachable(),
  ]);
}

/** The unchecked twin of a SafeHeap load helper (a name that isNullPageHelper recognises). */
const UNCHECKED_SUFFIX = "_unchecked";
/** The global that holds the address of this CPU's pending-interrupt word (assembly/kernel/irq.ts). */
const PENDING_WORD_GLOBAL = "~lib/wasmp/assembly/kernel/irq/pending_word";

/** The helpers of checkOtherAccesses (names start with CHECK_PREFIX). */
const CHECK_PREFIX = "wasmp_null_check_";
const CHECK_PTR = `${CHECK_PREFIX}ptr`;
const CHECK_COPY = `${CHECK_PREFIX}copy`;
const CHECK_FILL = `${CHECK_PREFIX}fill`;

/**
 * Adds the check of the file header to every atomic read-modify-write, compare-exchange,
 * wait, notify, memory.copy, memory.fill and memory.init in `mod`. Returns how many.
 */
function checkOtherAccesses(binaryen: Binaryen, mod: Module): number {
  const i32 = binaryen.i32;
  const B = binaryen as unknown as Record<string, Record<string, (...a: number[]) => void>> &
    Record<string, number> & {
      _BinaryenFunctionAddVar(fn: number, type: number): number;
    };
  const inPage = (e: number): number => inNullPage(mod, e);
  const fault = (addr: () => number, access: number): number => nullFault(mod, addr, access);
  const get = (i: number): number => mod.local.get(i, i32);
  const load1 = mod.i32.const(null_fault_access_pack(1, 0));
  const store1 = (): number => mod.i32.const(null_fault_access_pack(1, 1));
  // (ptr, offset, access) -> ptr; local 3 is ptr + offset.
  mod.addFunction(
    CHECK_PTR,
    binaryen.createType([i32, i32, i32]),
    i32,
    [i32],
    mod.block(
      null,
      [
        mod.local.set(3, mod.i32.add(get(0), get(1))),
        mod.if(
          inPage(get(3)),
          fault(() => get(3), get(2)),
        ),
        get(0),
      ],
      i32,
    ),
  );
  // (dst, src, size) -> size
  mod.addFunction(
    CHECK_COPY,
    binaryen.createType([i32, i32, i32]),
    i32,
    [],
    mod.block(
      null,
      [
        mod.if(
          get(2),
          mod.block(null, [
            mod.if(
              inPage(get(1)),
              fault(() => get(1), load1),
            ),
            mod.if(
              inPage(get(0)),
              fault(() => get(0), store1()),
            ),
          ]),
        ),
        get(2),
      ],
      i32,
    ),
  );
  // (dst, size) -> size
  mod.addFunction(
    CHECK_FILL,
    binaryen.createType([i32, i32]),
    i32,
    [],
    mod.block(
      null,
      [
        mod.if(
          mod.i32.and(mod.i32.ne(get(1), mod.i32.const(0)), inPage(get(0))),
          fault(() => get(0), store1()),
        ),
        get(1),
      ],
      i32,
    ),
  );

  const id = (name: string): number => B[`${name}Id`] as unknown as number;
  /** Each expression kind's operands (binaryen.getExpressionInfo's fields); [] for a leaf. */
  const operands = new Map<number, string[]>([
    [id("Block"), ["children"]],
    [id("If"), ["condition", "ifTrue", "ifFalse"]],
    [id("Loop"), ["body"]],
    [id("Break"), ["condition", "value"]],
    [id("Switch"), ["condition", "value"]],
    [id("Call"), ["operands"]],
    [id("CallIndirect"), ["target", "operands"]],
    [id("LocalSet"), ["value"]],
    [id("GlobalSet"), ["value"]],
    [id("Load"), ["ptr"]],
    [id("Store"), ["ptr", "value"]],
    [id("AtomicRMW"), ["ptr", "value"]],
    [id("AtomicCmpxchg"), ["ptr", "expected", "replacement"]],
    [id("AtomicWait"), ["ptr", "expected", "timeout"]],
    [id("AtomicNotify"), ["ptr", "notifyCount"]],
    [id("MemoryInit"), ["dest", "offset", "size"]],
    [id("MemoryCopy"), ["dest", "source", "size"]],
    [id("MemoryFill"), ["dest", "value", "size"]],
    [id("Unary"), ["value"]],
    [id("Binary"), ["left", "right"]],
    [id("Select"), ["ifTrue", "ifFalse", "condition"]],
    [id("Drop"), ["value"]],
    [id("Return"), ["value"]],
    [id("MemoryGrow"), ["delta"]],
    [id("TupleMake"), ["operands"]],
    [id("TupleExtract"), ["tuple"]],
    [id("RefIsNull"), ["value"]],
    [id("RefAs"), ["value"]],
    [id("RefEq"), ["left", "right"]],
    [id("TableGet"), ["index"]],
    [id("TableSet"), ["index", "value"]],
    [id("TableGrow"), ["value", "delta"]],
    [id("Throw"), ["operands"]],
    [id("Try"), ["body", "catchBodies"]],
    ...[
      "Nop",
      "LocalGet",
      "GlobalGet",
      "Const",
      "MemorySize",
      "Unreachable",
      "AtomicFence",
      "DataDrop",
      "RefNull",
      "RefFunc",
      "TableSize",
      "Pop",
      "Rethrow",
    ].map((n): [number, string[]] => [id(n), []]),
  ]);
  const ptrAccess = new Map<number, (info: Record<string, number>) => number>([
    [id("AtomicRMW"), (x) => null_fault_access_pack(x.bytes!, 1)],
    [id("AtomicCmpxchg"), (x) => null_fault_access_pack(x.bytes!, 1)],
    [id("AtomicWait"), (x) => null_fault_access_pack(x.expectedType === binaryen.i64 ? 8 : 4, 0)],
    [id("AtomicNotify"), () => null_fault_access_pack(4, 0)],
  ]);
  const classOf = new Map<number, string>([
    [id("AtomicRMW"), "AtomicRMW"],
    [id("AtomicCmpxchg"), "AtomicCmpxchg"],
    [id("AtomicWait"), "AtomicWait"],
    [id("AtomicNotify"), "AtomicNotify"],
    [id("MemoryCopy"), "MemoryCopy"],
    [id("MemoryFill"), "MemoryFill"],
    [id("MemoryInit"), "MemoryInit"],
  ]);

  let checked = 0;
  let uncheckedLoads = 0;
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const fn = mod.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    if (!info.body || isNullPageHelper(info.name)) continue;
    const visit = (e: number): void => {
      const kind = binaryen.getExpressionId(e);
      const fields = operands.get(kind);
      if (fields === undefined) {
        throw new VmError(
          "E_BUILD",
          `NULL-page check: ${info.name} has an expression of kind ${kind} that this builder does not know`,
        );
      }
      if (fields.length === 0) return; // a leaf (binaryen.js has no info for some of them)
      const x = binaryen.getExpressionInfo(e) as unknown as Record<string, number | number[]> & { id: number };
      if (x.id === id("Call")) {
        // A safepoint's load of this CPU's pending word (kernel/irq.ts): the address is the
        // kernel's, never NULL, and the load runs in every loop iteration: no check.
        const target = (x as unknown as { target: string }).target;
        const ops = x.operands as number[];
        if (
          target.startsWith(LOAD_PREFIX) &&
          ops.length > 0 &&
          binaryen.getExpressionId(ops[0]!) === id("GlobalGet") &&
          (binaryen.getExpressionInfo(ops[0]!) as unknown as { name: string }).name === PENDING_WORD_GLOBAL &&
          mod.getFunction(`${target}${UNCHECKED_SUFFIX}`)
        ) {
          B.Call!.setTarget!(e, `${target}${UNCHECKED_SUFFIX}` as unknown as number);
          uncheckedLoads++;
          return;
        }
      }
      for (const f of fields) {
        const v = x[f];
        if (Array.isArray(v)) v.forEach(visit);
        else if (typeof v === "number" && v !== 0) visit(v);
      }
      const cls = classOf.get(x.id);
      if (cls === undefined) return;
      const set = B[cls]!;
      const n = x as unknown as Record<string, number>;
      const access = ptrAccess.get(x.id);
      if (access) {
        const offset = n.offset ?? 0;
        set.setPtr!(e, mod.call(CHECK_PTR, [n.ptr!, mod.i32.const(offset), mod.i32.const(access(n))], i32));
      } else if (x.id === id("MemoryCopy")) {
        const d = B._BinaryenFunctionAddVar(fn, i32);
        const s = B._BinaryenFunctionAddVar(fn, i32);
        set.setDest!(e, mod.local.tee(d, n.dest!, i32));
        set.setSource!(e, mod.local.tee(s, n.source!, i32));
        set.setSize!(e, mod.call(CHECK_COPY, [get(d), get(s), n.size!], i32));
      } else {
        const d = B._BinaryenFunctionAddVar(fn, i32);
        set.setDest!(e, mod.local.tee(d, n.dest!, i32));
        set.setSize!(e, mod.call(CHECK_FILL, [get(d), n.size!], i32));
      }
      checked++;
    };
    visit(info.body);
  }
  if (uncheckedLoads === 0 && mod.getGlobal(PENDING_WORD_GLOBAL)) {
    // The image polls its pending word, but not through the load this recognises: its shape
    // changed, and every safepoint would pay for a check it does not need.
    throw new VmError("E_BUILD", `NULL-page check: no safepoint load of ${PENDING_WORD_GLOBAL} found`);
  }
  return checked;
}

/** binaryen.Function.setBody: in binaryen.js, missing from its type declarations. */
function setFunctionBody(binaryen: Binaryen, fn: number, body: number): void {
  (binaryen as unknown as { Function: { setBody(fn: number, body: number): void } }).Function.setBody(fn, body);
}

/** True if a helper name is one of SafeHeap's (a frame to skip when naming the faulting function). */
export function isNullPageHelper(functionName: string): boolean {
  return (
    functionName.includes(LOAD_PREFIX) || functionName.includes(STORE_PREFIX) || functionName.includes(CHECK_PREFIX)
  );
}
