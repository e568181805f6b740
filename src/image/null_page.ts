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
// What is checked: every plain and atomic load and store (atomic.load/store included), in
// the kernel and the application alike. Not checked: atomic read-modify-write and
// compare-exchange (atomic.add, atomic.cmpxchg), memory.copy and memory.fill, SIMD lane
// loads and stores: a NULL address there goes on silently, as it does without the option.

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
  for (let i = 0; i < mod.getNumFunctions(); i++) {
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
      mod.i32.lt_u(addr(), mod.i32.const(NULL_PAGE_SIZE)),
      mod.block(null, [
        mod.global.set(GLOBAL_NAMES.wasmp_fault_addr, addr()),
        mod.global.set(GLOBAL_NAMES.wasmp_fault_access, mod.i32.const(null_fault_access_pack(bytes, store ? 1 : 0))),
        mod.unreachable(),
      ]),
    );
    setFunctionBody(binaryen, fn, mod.block(null, [parts[0]!, check, parts[parts.length - 1]!], body.type));
    helpers++;
  }
  for (const name of SAFE_HEAP_IMPORTS) if (mod.getFunction(name)) mod.removeFunction(name);
  // SafeHeap adds a helper for every kind of access, used or not, among them atomic accesses
  // with acquire/release order (relaxed atomics), which V8 does not accept. The optimizer
  // drops the unused ones; without it (optimize 0) this does.
  mod.runPasses(["remove-unused-module-elements"]);
  return { helpers };
}

/** binaryen.Function.setBody: in binaryen.js, missing from its type declarations. */
function setFunctionBody(binaryen: Binaryen, fn: number, body: number): void {
  (binaryen as unknown as { Function: { setBody(fn: number, body: number): void } }).Function.setBody(fn, body);
}

/** True if a helper name is one of SafeHeap's (a frame to skip when naming the faulting function). */
export function isNullPageHelper(functionName: string): boolean {
  return functionName.includes(LOAD_PREFIX) || functionName.includes(STORE_PREFIX);
}
