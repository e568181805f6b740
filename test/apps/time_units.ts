// Zephyr's time-unit conversions and k_uptime_delta: prints one line per conversion, which
// test/time.test.ts compares with the values Zephyr's z_tmcvt gives at the build's tick rate.
import {
  printk,
  k_busy_wait,
  k_uptime_get,
  k_uptime_delta,
  k_ms_to_ticks_floor32,
  k_ms_to_ticks_ceil32,
  k_ms_to_ticks_near32,
  k_us_to_ticks_floor64,
  k_us_to_ticks_ceil64,
  k_us_to_ticks_near64,
  k_ticks_to_ms_floor64,
  k_ticks_to_ms_ceil64,
  k_ticks_to_ms_near64,
  k_ticks_to_us_floor32,
  k_ticks_to_cyc_floor64,
  k_cyc_to_ticks_ceil32,
  k_cyc_to_ns_floor64,
  k_cyc_to_us_floor32,
  k_cyc_to_us_ceil32,
  k_ns_to_cyc_near64,
  k_ms_to_cyc_ceil64,
} from "wasmp";

const ref = memory.data(8, 8);

export function main(): i32 {
  printk(
    "ms_to_ticks(1) floor/ceil/near " +
      k_ms_to_ticks_floor32(1).toString() +
      " " +
      k_ms_to_ticks_ceil32(1).toString() +
      " " +
      k_ms_to_ticks_near32(1).toString() +
      "\n",
  );
  printk(
    "us_to_ticks(150) floor/ceil/near " +
      k_us_to_ticks_floor64(150).toString() +
      " " +
      k_us_to_ticks_ceil64(150).toString() +
      " " +
      k_us_to_ticks_near64(150).toString() +
      "\n",
  );
  printk(
    "ticks_to_ms(15) floor/ceil/near " +
      k_ticks_to_ms_floor64(15).toString() +
      " " +
      k_ticks_to_ms_ceil64(15).toString() +
      " " +
      k_ticks_to_ms_near64(15).toString() +
      "\n",
  );
  printk("ticks_to_us_floor32(3) " + k_ticks_to_us_floor32(3).toString() + "\n");
  printk("ticks_to_cyc_floor64(3) " + k_ticks_to_cyc_floor64(3).toString() + "\n");
  printk("cyc_to_ticks_ceil32(100001) " + k_cyc_to_ticks_ceil32(100001).toString() + "\n");
  printk("cyc_to_ns_floor64(123) " + k_cyc_to_ns_floor64(123).toString() + "\n");
  printk(
    "cyc_to_us(1999) floor/ceil " +
      k_cyc_to_us_floor32(1999).toString() +
      " " +
      k_cyc_to_us_ceil32(1999).toString() +
      "\n",
  );
  printk("ns_to_cyc_near64(7) " + k_ns_to_cyc_near64(7).toString() + "\n");
  printk("ms_to_cyc_ceil64(2) " + k_ms_to_cyc_ceil64(2).toString() + "\n");
  const first = k_uptime_delta(ref); // *ref was 0: the uptime itself
  const now = k_uptime_get();
  k_busy_wait(3000);
  const d = k_uptime_delta(ref);
  printk(
    "uptime_delta first<=now " +
      (first <= now ? "yes" : "no") +
      " second>=3 " +
      (d >= 3 ? "yes" : "no") +
      " ref_updated " +
      (load<i64>(ref) >= now + 3 ? "yes" : "no") +
      "\n",
  );
  return 0;
}
