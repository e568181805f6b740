// The random number API (include/zephyr/random/random.h) with a non-cryptographic generator,
// as Zephyr's CONFIG_TEST_RANDOM_GENERATOR: one SplitMix64 sequence every CPU shares, advanced
// by an atomic add (so no two calls on any CPUs get the same state) and seeded on first use
// from the cycle counter. Never use it for keys.
import { k_cycle_get_64 } from "../kernel/timeout";

/** The shared generator: its 64-bit state (0 until seeded). */
const rand_state = memory.data(8, 8);

// @ts-ignore: decorator
@inline const GOLDEN_GAMMA: u64 = 0x9e3779b97f4a7c15;

function next64(): u64 {
  if (atomic.load<u64>(rand_state) == 0) atomic.cmpxchg<u64>(rand_state, 0, k_cycle_get_64() | 1);
  let z = atomic.add<u64>(rand_state, GOLDEN_GAMMA) + GOLDEN_GAMMA;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** A 32-bit random value. */
export function sys_rand32_get(): u32 {
  return <u32>(next64() >> 32);
}

/** An 8-bit random value. */
export function sys_rand8_get(): u8 {
  return <u8>(next64() >> 56);
}

/** Fills `len` bytes at `dst` with random values. */
export function sys_rand_get(dst: usize, len: usize): void {
  let i: usize = 0;
  while (i < len) {
    let v = next64();
    for (let b = 0; b < 8 && i < len; b++, i++) {
      store<u8>(dst + i, <u8>v);
      v >>= 8;
    }
  }
}
