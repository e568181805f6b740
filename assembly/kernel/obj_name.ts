// Names of kernel objects, for the host's dumps (wasmp's own: Zephyr's debuggers read names
// from the symbol table, which a Wasm image does not keep for static data).
//
// The image builder (src/image/transform.ts) follows every top-level `const lock_a =
// K_MUTEX_DEFINE()` of application code with `__wasmp_object_name(lock_a, "lock_a")`, which
// records the pair in z_kernel.obj_names. Every CPU's start function runs it, so the same pair
// is registered up to once per CPU, at the same time: an entry is claimed by a CAS on its
// object word, and a CPU that finds its object already there writes the same name again. The
// name is a string literal, static data that no one writes after instantiation and that has
// the same address in every instance. A full table leaves the rest unnamed.

import { z_obj_name, OBJ_NAMES_MAX, Z_OBJ_NAME_OBJ } from "../generated/contract";
import { kernel } from "../arch/cpu";

/** Records `name` for the object `obj` (a kernel object, or its address). Not for direct use. */
// @ts-ignore: decorator
@global export function __wasmp_object_name<T>(obj: T, name: string): void {
  let a: usize;
  if (isReference<T>()) a = changetype<usize>(obj);
  else a = <usize>obj;
  if (a == 0) return;
  const k = kernel();
  for (let i = 0; i < <i32>OBJ_NAMES_MAX; i++) {
    const e: z_obj_name = k.obj_names_at(i);
    // Ordering: claim the entry first; a reader (the host) takes obj without a name as unnamed.
    const prev = atomic.cmpxchg<usize>(changetype<usize>(e), 0, a, Z_OBJ_NAME_OBJ);
    if (prev == 0 || prev == a) {
      e.name = changetype<usize>(name);
      return;
    }
  }
}
