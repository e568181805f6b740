// The atomic API (include/zephyr/sys/atomic.h): atomic_t values and bitmaps in shared memory.
//
// An atomic_t here is the address of a 32-bit word (Zephyr's atomic_t is the word itself; its
// functions take `atomic_t *`, so the calls read the same). Every operation is one Wasm atomic
// instruction, or a compare-and-swap loop where Wasm has none (nand, set_bit_to). Values are
// atomic_val_t (i32); every read-modify-write returns the previous value, as Zephyr's do.
//
// ATOMIC_DEFINE(num_bits) reserves ATOMIC_BITMAP_SIZE(num_bits) zeroed words of static memory,
// one bitmap every CPU shares: `const flags = ATOMIC_DEFINE(64)` is Zephyr's
// `ATOMIC_DEFINE(flags, 64)`. The image builder's transform turns the call into a memory.data
// reservation, so num_bits must be an integer literal (src/image/transform.ts).

/** atomic_t: the address of a 32-bit word in shared memory (or of a bitmap's first word). */
export type atomic_t = usize;
export type atomic_val_t = i32;

/** Bits in one atomic_t. */
// @ts-ignore: decorator
@inline export const ATOMIC_BITS: i32 = 32;

/** Words in a bitmap of `num_bits` bits. */
// @ts-ignore: decorator
@inline export function ATOMIC_BITMAP_SIZE(num_bits: i32): i32 {
  return (num_bits + ATOMIC_BITS - 1) / ATOMIC_BITS;
}
/** The bit of `bit` within its word. */
// @ts-ignore: decorator
@inline export function ATOMIC_MASK(bit: i32): u32 {
  return (<u32>1) << (<u32>(bit & (ATOMIC_BITS - 1)));
}
/** The word of a bitmap that holds `bit`. */
// @ts-ignore: decorator
@inline export function ATOMIC_ELEM(addr: atomic_t, bit: i32): atomic_t {
  return addr + ((<usize>(bit / ATOMIC_BITS)) << 2);
}

/**
 * ATOMIC_DEFINE(num_bits): a zeroed bitmap of `num_bits` bits (default one word) in static memory
 * shared by every CPU. Call it at top level with an integer literal; the image builder replaces
 * the call, so this body never runs in an image it built.
 */
export function ATOMIC_DEFINE(num_bits: i32 = ATOMIC_BITS): atomic_t {
  abort("ATOMIC_DEFINE(" + num_bits.toString() + ") was not rewritten: build the image with the wasmp image builder");
  return 0;
}

export function atomic_get(target: atomic_t): atomic_val_t {
  return atomic.load<i32>(target);
}
/** Sets the value; returns the previous one. */
export function atomic_set(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.xchg<i32>(target, value);
}
/** Sets the value to 0; returns the previous one. */
export function atomic_clear(target: atomic_t): atomic_val_t {
  return atomic.xchg<i32>(target, 0);
}
/** Adds; returns the previous value. */
export function atomic_add(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.add<i32>(target, value);
}
/** Subtracts; returns the previous value. */
export function atomic_sub(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.sub<i32>(target, value);
}
export function atomic_inc(target: atomic_t): atomic_val_t {
  return atomic.add<i32>(target, 1);
}
export function atomic_dec(target: atomic_t): atomic_val_t {
  return atomic.sub<i32>(target, 1);
}
/** Bitwise or; returns the previous value. */
export function atomic_or(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.or<i32>(target, value);
}
/** Bitwise exclusive or; returns the previous value. */
export function atomic_xor(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.xor<i32>(target, value);
}
/** Bitwise and; returns the previous value. */
export function atomic_and(target: atomic_t, value: atomic_val_t): atomic_val_t {
  return atomic.and<i32>(target, value);
}
/** Stores ~(old & value); returns the previous value (a CAS loop: Wasm has no atomic nand). */
export function atomic_nand(target: atomic_t, value: atomic_val_t): atomic_val_t {
  let old = atomic.load<i32>(target);
  while (true) {
    const seen = atomic.cmpxchg<i32>(target, old, ~(old & value));
    if (seen == old) return old;
    old = seen;
  }
}
/** Compare and set: true if the value was `old_value` and is now `new_value`. */
export function atomic_cas(target: atomic_t, old_value: atomic_val_t, new_value: atomic_val_t): bool {
  return atomic.cmpxchg<i32>(target, old_value, new_value) == old_value;
}

/** True if `bit` of the bitmap at `target` is set. */
export function atomic_test_bit(target: atomic_t, bit: i32): bool {
  return (<u32>atomic.load<i32>(ATOMIC_ELEM(target, bit)) & ATOMIC_MASK(bit)) != 0;
}
/** Clears `bit`; returns whether it was set. */
export function atomic_test_and_clear_bit(target: atomic_t, bit: i32): bool {
  const mask = ATOMIC_MASK(bit);
  return (<u32>atomic.and<i32>(ATOMIC_ELEM(target, bit), <i32>~mask) & mask) != 0;
}
/** Sets `bit`; returns whether it was set. */
export function atomic_test_and_set_bit(target: atomic_t, bit: i32): bool {
  const mask = ATOMIC_MASK(bit);
  return (<u32>atomic.or<i32>(ATOMIC_ELEM(target, bit), <i32>mask) & mask) != 0;
}
export function atomic_clear_bit(target: atomic_t, bit: i32): void {
  atomic.and<i32>(ATOMIC_ELEM(target, bit), <i32>~ATOMIC_MASK(bit));
}
export function atomic_set_bit(target: atomic_t, bit: i32): void {
  atomic.or<i32>(ATOMIC_ELEM(target, bit), <i32>ATOMIC_MASK(bit));
}
/** Sets `bit` to `val`. */
export function atomic_set_bit_to(target: atomic_t, bit: i32, val: bool): void {
  if (val) atomic_set_bit(target, bit);
  else atomic_clear_bit(target, bit);
}
