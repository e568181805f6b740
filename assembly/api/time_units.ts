// Time-unit conversion (include/zephyr/sys/time_units.h): z_tmcvt and the rates it converts
// between. The named conversions (k_ms_to_ticks_ceil32 … k_cyc_to_ns_floor64) are generated
// over it into ../generated/time_units.ts by scripts/gen-time-units.mjs.
import { CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "../kernel/config";

/** The tick rate (CONFIG_SYS_CLOCK_TICKS_PER_SEC). */
// @ts-ignore: decorator
@inline export const TICKS_HZ: u64 = <u64>CONFIG_SYS_CLOCK_TICKS_PER_SEC;
/** The cycle counter's rate: host nanoseconds (sys_clock_hw_cycles_per_sec). */
// @ts-ignore: decorator
@inline export const CYC_HZ: u64 = 1000000000;

// @ts-ignore: decorator
@inline export const Z_TMCVT_FLOOR: i32 = 0;
// @ts-ignore: decorator
@inline export const Z_TMCVT_CEIL: i32 = 1;
// @ts-ignore: decorator
@inline export const Z_TMCVT_NEAR: i32 = 2;

/**
 * Converts `t` from units of `from_hz` to units of `to_hz`, rounding down, up or to nearest,
 * with Zephyr's z_tmcvt arithmetic: an integer ratio when one rate divides the other, else
 * (t * to_hz + offset) / from_hz in 64 bits.
 */
// @ts-ignore: decorator
@inline export function z_tmcvt(t: u64, from_hz: u64, to_hz: u64, mode: i32): u64 {
  if (from_hz == to_hz) return t;
  if (from_hz > to_hz && from_hz % to_hz == 0) {
    const div = from_hz / to_hz;
    const off: u64 = mode == Z_TMCVT_CEIL ? div - 1 : mode == Z_TMCVT_NEAR ? div / 2 : 0;
    return (t + off) / div;
  }
  if (to_hz > from_hz && to_hz % from_hz == 0) return t * (to_hz / from_hz);
  const off: u64 = mode == Z_TMCVT_CEIL ? from_hz - 1 : mode == Z_TMCVT_NEAR ? from_hz / 2 : 0;
  return (t * to_hz + off) / from_hz;
}
