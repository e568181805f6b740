// printk and snprintk with a format string (Zephyr's cbprintf subset): one line per case,
// "name|output|", which test/printk.test.ts compares with what C's printf prints for the same
// format and values. Also CONFIG_BOARD.
import { printk, snprintk, CONFIG_BOARD, k_current_get } from "wasmp";

const buf = memory.data(64);

function cstr(p: usize): string {
  let n = 0;
  while (load<u8>(p + n) != 0) n++;
  return String.UTF8.decodeUnsafe(p, n);
}

export function main(): i32 {
  const a: i32 = 42;
  const neg: i32 = -42;
  const big: i64 = -1234567890123;
  const ubig: u64 = 18446744073709551615;
  const u: u32 = 0xdeadbeef;
  const name = "wasmp";
  printk("brief|%d items, %s, %x|\n", a, name, 255);
  printk("d|%d %i %d|\n", a, neg, 0);
  printk("u|%u %u|\n", u, neg);
  printk("x|%x %X %08x %#x %#X %#o %o|\n", u, u, 0xab, 255, 255, 8, 8);
  printk("ll|%lld %llu %ld %lu %zu|\n", big, ubig, neg, u, <usize>7);
  printk("width|%5d|%-5d|%05d|%+d|% d|%+d|\n", a, a, neg, a, a, neg);
  printk("prec|%.3d|%.0d|%8.3d|%-8.3d|%.3s|%8.2s|\n", 7, 0, 7, 7, name, name);
  printk("s|%s|%5s|%-7s|%s|\n", name, "ab", "ab", "");
  printk("c|%c%c%c|%3c|%-3c|\n", 72, 105, 33, 65, 66);
  printk("pct|100%%|%d%%|\n", a);
  printk("star|%*d|%-*d|%.*d|%*.*d|\n", 6, a, 6, a, 4, a, 7, 4, a);
  printk("h|%hd %hu %hhd %hhx|\n", 70000, 70000, 300, 0x1ff);
  printk("p|%p|%p|\n", <usize>0x1234, <usize>0);
  printk("bool|%d %d|\n", true, false);
  printk("min|%d %lld|\n", i32.MIN_VALUE, i64.MIN_VALUE);
  printk("zero|%#o %#.0o %.0x| %#x|\n", 0, 0, 0, 0);
  printk("literal only: 100%% done\n");
  printk(`template|${a}%d|\n`);
  // snprintk: returns the length the whole text needs; writes at most size - 1 bytes and a NUL
  const n = snprintk(buf, 64, "%s-%03d", name, 7);
  printk("snprintk|%d|%s|\n", n, cstr(buf));
  const m = snprintk(buf, 4, "%d", 123456);
  printk("snprintk_cut|%d|%s|\n", m, cstr(buf));
  const z = snprintk(buf, 0, "abc");
  printk("snprintk_zero|%d|\n", z);
  printk("cstr|%s|%.2s|\n", buf, buf);
  printk("thread|%s|\n", k_current_get() != null ? "main" : "none");
  printk("board|%s|\n", CONFIG_BOARD);
  return 0;
}
