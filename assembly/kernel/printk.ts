// printk: console output through a per-CPU ring in shared memory (single producer: this CPU;
// single consumer: the host). Each call is one record {seq, len, text}; seq comes from one
// kernel-wide counter taken after the text is copied, so the host prints records from all
// CPUs in the order the calls completed, as one UART behind a lock would. A full ring parks
// the writer until the host has drained it: output is never dropped.

import {
  console_ring,
  SIZEOF_CONSOLE_RING,
  CONSOLE_RING_HEAD,
  CONSOLE_RING_TAIL,
  Z_KERNEL_CONSOLE_SEQ,
  CONSOLE_RECORD_SEQ,
  CONSOLE_RECORD_LEN,
  CONSOLE_RECORD_HEADER_UNITS,
} from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { z_safepoint } from "./irq";
import { z_heap_calloc, z_heap_free, z_heap_realloc } from "./heap";
import { dtoa_buffered, itoa_buffered, MAX_DOUBLE_LENGTH } from "~lib/util/number";

// A record in the ring, in u16 code units (the contract's console record header, docs/contract.md):
// seq (2 units, low half first) at CONSOLE_RECORD_SEQ, len (2 units) at CONSOLE_RECORD_LEN,
// then len units of text; the header is CONSOLE_RECORD_HEADER_UNITS long.
// @ts-ignore: decorator
@inline const HDR_UNITS: u32 = CONSOLE_RECORD_HEADER_UNITS;

/** A writer waiting for room re-checks the ring this often if the host's drain does not notify. */
// @ts-ignore: decorator
@inline const RING_FULL_PARK_MS: f64 = 1;

/** Waits until `units` more code units fit in the ring (the host drains it). */
function reserve(r: usize, head: u32, size: u32, units: u32): void {
  while (head + units - atomic.load<u32>(r, CONSOLE_RING_TAIL) > size) {
    host_park(r + CONSOLE_RING_TAIL, atomic.load<u32>(r, CONSOLE_RING_TAIL), RING_FULL_PARK_MS);
  }
}

/**
 * Writes `s` to the console. A call with a format and arguments, `printk("%d items\n", n)`, or
 * with a template literal, ``printk(`${n} items\n`)``, is rewritten at build time into a
 * z_printk_fmt chain (src/image/transform.ts) that allocates nothing that outlives the call; a
 * lone string literal loses its `%%` escapes there; any other single string (a variable) is
 * written as it is.
 */
export function printk(s: string): void {
  z_printk_units(changetype<usize>(s), <u32>s.length);
}

/** Writes the `n` UTF-16 code units at `units` to the console as one printk. */
function z_printk_units(units: usize, n: u32): void {
  z_safepoint();
  const key = arch_irq_lock(); // a thread cannot migrate between CPUs in the middle of a record
  const ring = changetype<console_ring>(arch_curr_cpu().console);
  const r = changetype<usize>(ring);
  const data = r + SIZEOF_CONSOLE_RING;
  const size = ring.size;
  const mask = size - 1;
  // Long strings go out as several records of at most half the ring.
  let off: u32 = 0;
  do {
    const len = min(n - off, (size >> 1) - HDR_UNITS);
    const head = ring.head;
    reserve(r, head, size, len + HDR_UNITS);
    for (let i: u32 = 0; i < len; i++) {
      store<u16>(data + (((head + HDR_UNITS + i) & mask) << 1), load<u16>(units + ((<usize>(off + i)) << 1)));
    }
    const seq = atomic.add<u32>(changetype<usize>(kernel()), 1, Z_KERNEL_CONSOLE_SEQ);
    store<u16>(data + (((head + CONSOLE_RECORD_SEQ) & mask) << 1), <u16>seq);
    store<u16>(data + (((head + CONSOLE_RECORD_SEQ + 1) & mask) << 1), <u16>(seq >>> 16));
    store<u16>(data + (((head + CONSOLE_RECORD_LEN) & mask) << 1), <u16>len);
    store<u16>(data + (((head + CONSOLE_RECORD_LEN + 1) & mask) << 1), <u16>(len >>> 16));
    atomic.store<u32>(r, head + HDR_UNITS + len, CONSOLE_RING_HEAD); // publish after the data
    off += len;
  } while (off < n);
  // Wake the host's console drain (it waits on the sequence word instead of polling).
  atomic.notify(changetype<usize>(kernel()) + Z_KERNEL_CONSOLE_SEQ, 1);
  arch_irq_unlock(key);
}

// --- formatted output: Zephyr's cbprintf subset ---------------------------------------------
//
// AssemblyScript has no varargs, so the image builder rewrites
//   printk("%d items, %s\n", n, name)
// into a chain over this builder, one typed call per conversion, its flags, width, precision
// and length modifier parsed (and checked) at build time:
//   __wasmp_printk_begin().d(n, 0, 0, 0, 0).lit(" items, ").s(name, 0, 0, 0, 0).lit("\n").printk()
// Each conversion method checks its argument's type at compile time and formats the value
// by its own type: an i64 needs no `ll`, while `h`/`hh` narrow as C's do. A template literal
// becomes the same chain, ``printk(`${n} items\n`)`` → `...begin().tpl(n).lit(" items\n")
// .printk()`. The builder and its text live on the kernel heap for the one call (a thread may
// switch, even migrate, while evaluating an argument) and are freed when the chain ends: the
// heap holds what it held before.

/** Code units itoa_buffered may write: a sign and the 20 digits of u64.MAX_VALUE, rounded up for its 8-byte stores. */
// @ts-ignore: decorator
@inline const MAX_INTEGER_UNITS: u32 = 24;
/** Code units dtoa_buffered may write (its MAX_DOUBLE_LENGTH), rounded up for its 8-byte stores. */
// @ts-ignore: decorator
@inline const MAX_FLOAT_UNITS: u32 = ((<u32>MAX_DOUBLE_LENGTH + 3) >> 2) << 2;

/** Conversion flags, as the build-time rewrite encodes them. */
// @ts-ignore: decorator
@inline const F_MINUS: u32 = 1;
// @ts-ignore: decorator
@inline const F_PLUS: u32 = 2;
// @ts-ignore: decorator
@inline const F_SPACE: u32 = 4;
// @ts-ignore: decorator
@inline const F_ZERO: u32 = 8;
// @ts-ignore: decorator
@inline const F_HASH: u32 = 16;
/** The width (F_STAR_W) or precision (F_STAR_P) came from the argument before (`%*d`). */
// @ts-ignore: decorator
@inline const F_STAR_W: u32 = 32;
// @ts-ignore: decorator
@inline const F_STAR_P: u32 = 64;
/** Length modifiers: none, hh, h, l, ll, and j/z/t. Only hh and h change a value (they narrow it). */
// @ts-ignore: decorator
@inline const LEN_HH: u32 = 1;
// @ts-ignore: decorator
@inline const LEN_H: u32 = 2;

/** Text of a formatted printk while it is being built (kernel heap, UTF-16 code units). */
@unmanaged
export class z_printk_fmt {
  buf: usize = 0;
  len: u32 = 0;
  cap: u32 = 0;
  /** `*` width and precision (from starw/starp), for the next conversion. */
  star_w: i32 = 0;
  star_p: i32 = 0;

  /** Makes room for `n` more code units; false when the heap is out of memory. */
  private reserve(n: u32): bool {
    if (this.len + n <= this.cap) return true;
    let cap = this.cap == 0 ? <u32>64 : this.cap;
    while (cap < this.len + n) cap <<= 1;
    const nb = z_heap_realloc(this.buf, (<usize>cap) << 1);
    if (nb == 0) return false; // the text is cut short rather than lost
    this.buf = nb;
    this.cap = cap;
    return true;
  }

  private put(u: u32): void {
    if (!this.reserve(1)) return;
    store<u16>(this.buf + ((<usize>this.len) << 1), <u16>u);
    this.len++;
  }

  private pad(n: i32, u: u32): void {
    for (let i = 0; i < n; i++) this.put(u);
  }

  /** Literal text between conversions (the build step already turned `%%` into `%`). */
  lit(s: string): z_printk_fmt {
    for (let i = 0; i < s.length; i++) this.put(<u32>s.charCodeAt(i));
    return this;
  }

  /** The argument of a `*` width. A negative width means left-justified, as in C. */
  starw<T>(v: T): z_printk_fmt {
    if (!isInteger<T>()) ERROR("printk: a `*` width takes an integer argument");
    this.star_w = <i32>v;
    return this;
  }

  /** The argument of a `*` precision. A negative precision means none, as in C. */
  starp<T>(v: T): z_printk_fmt {
    if (!isInteger<T>()) ERROR("printk: a `*` precision takes an integer argument");
    this.star_p = <i32>v;
    return this;
  }

  /** Width and flags after `*`: a negative star width left-justifies. */
  private width_of(flags: u32, width: i32): i32 {
    return (flags & F_STAR_W) != 0 ? this.star_w : width;
  }

  /** Precision (-1 for none) from the encoded `prec1` (0 = none, n + 1 = n) or the star. */
  private prec_of(flags: u32, prec1: i32): i32 {
    if ((flags & F_STAR_P) != 0) return this.star_p < 0 ? -1 : this.star_p;
    return prec1 - 1;
  }

  /** Emits one integer conversion: sign/prefix, precision zeros, digits, width padding. */
  private integer(
    neg: bool,
    mag: u64,
    base: u32,
    upper: bool,
    signed: bool,
    conv: u32,
    flags0: u32,
    w0: i32,
    prec: i32,
  ): void {
    let flags = flags0;
    let width = w0;
    if (width < 0) {
      flags |= F_MINUS;
      width = -width;
    }
    let nd = 0;
    for (let m = mag; m != 0; m /= <u64>base) nd++;
    const zero_digit = nd == 0 && prec < 0; // "0"; with a precision of 0, 0 prints no digit
    if (zero_digit) nd = 1;
    let zeros = prec > nd ? prec - nd : 0;
    // Prefix: sign for signed conversions, 0x/0 for '#'.
    let prefix: u32 = 0; // up to two code units, low first
    let np = 0;
    if (signed) {
      if (neg) {
        prefix = 45;
        np = 1;
      } else if ((flags & F_PLUS) != 0) {
        prefix = 43;
        np = 1;
      } else if ((flags & F_SPACE) != 0) {
        prefix = 32;
        np = 1;
      }
    } else if ((flags & F_HASH) != 0) {
      if (base == 16 && mag != 0) {
        prefix = 48 | ((upper ? <u32>88 : <u32>120) << 16);
        np = 2;
      } else if (base == 8 && zeros == 0 && !zero_digit) {
        zeros = 1; // '#' makes an octal number start with 0
      }
    }
    if (conv == 112) {
      // %p: "0x" before the significant digits
      prefix = 48 | ((<u32>120) << 16);
      np = 2;
    }
    const body = np + zeros + nd;
    const fill = width > body ? width - body : 0;
    const zero_pad = (flags & F_ZERO) != 0 && (flags & F_MINUS) == 0 && prec < 0;
    if ((flags & F_MINUS) == 0 && !zero_pad) this.pad(fill, 32);
    if (np > 0) this.put(prefix & 0xffff);
    if (np > 1) this.put(prefix >>> 16);
    if (zero_pad) this.pad(fill, 48);
    this.pad(zeros, 48);
    if (this.reserve(<u32>nd)) {
      // Most significant digit first: fill the reserved units from the right.
      let m = mag;
      for (let i = nd - 1; i >= 0; i--) {
        const d = <u32>(m % <u64>base);
        m /= <u64>base;
        store<u16>(this.buf + ((<usize>(this.len + <u32>i)) << 1), <u16>(d < 10 ? 48 + d : (upper ? 55 : 87) + d));
      }
      this.len += <u32>nd;
    }
    if ((flags & F_MINUS) != 0) this.pad(fill, 32);
  }

  /** `v` as a signed value of its own width, narrowed by h/hh. */
  private static signed_of<T>(v: T, len: u32): i64 {
    let x: i64;
    if (isBoolean<T>()) x = <bool>v ? 1 : 0;
    else if (sizeof<T>() == 8) x = <i64>v;
    else if (sizeof<T>() == 4) x = <i64>(<i32>v);
    else if (sizeof<T>() == 2) x = <i64>(<i16>v);
    else x = <i64>(<i8>v);
    if (len == LEN_HH) x = <i64>(<i8>x);
    else if (len == LEN_H) x = <i64>(<i16>x);
    return x;
  }

  /** `v` as an unsigned value of its own width, narrowed by h/hh. */
  private static unsigned_of<T>(v: T, len: u32): u64 {
    let x: u64;
    if (isBoolean<T>()) x = <bool>v ? 1 : 0;
    else if (sizeof<T>() == 8) x = <u64>v;
    else if (sizeof<T>() == 4) x = <u64>(<u32>v);
    else if (sizeof<T>() == 2) x = <u64>(<u16>v);
    else x = <u64>(<u8>v);
    if (len == LEN_HH) x = <u64>(<u8>x);
    else if (len == LEN_H) x = <u64>(<u16>x);
    return x;
  }

  /** %d, %i */
  d<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %d and %i take an integer (or bool) argument");
    const x = z_printk_fmt.signed_of<T>(v, len);
    const mag = x < 0 ? <u64>-x : <u64>x; // i64.MIN_VALUE: -x wraps to itself, read as unsigned it is right
    this.integer(x < 0, mag, 10, false, true, 100, flags, this.width_of(flags, width), this.prec_of(flags, prec1));
    return this;
  }

  /** %u */
  u<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %u takes an integer (or bool) argument");
    const x = z_printk_fmt.unsigned_of<T>(v, len);
    this.integer(false, x, 10, false, false, 117, flags, this.width_of(flags, width), this.prec_of(flags, prec1));
    return this;
  }

  /** %o */
  o<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %o takes an integer (or bool) argument");
    const x = z_printk_fmt.unsigned_of<T>(v, len);
    this.integer(false, x, 8, false, false, 111, flags, this.width_of(flags, width), this.prec_of(flags, prec1));
    return this;
  }

  /** %x */
  x<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %x takes an integer (or bool) argument");
    const x = z_printk_fmt.unsigned_of<T>(v, len);
    this.integer(false, x, 16, false, false, 120, flags, this.width_of(flags, width), this.prec_of(flags, prec1));
    return this;
  }

  /** %X */
  X<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %X takes an integer (or bool) argument");
    const x = z_printk_fmt.unsigned_of<T>(v, len);
    this.integer(false, x, 16, true, false, 88, flags, this.width_of(flags, width), this.prec_of(flags, prec1));
    return this;
  }

  /** %p: "0x" and the address's significant hex digits, "(nil)" for 0. */
  p<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() && !isReference<T>()) ERROR("printk: %p takes a pointer (an address or an object)");
    let a: usize;
    if (isReference<T>()) a = changetype<usize>(v);
    else a = <usize>v;
    if (a == 0) return this.text_units(changetype<usize>("(nil)"), 5, flags, this.width_of(flags, width), -1);
    this.integer(false, <u64>a, 16, false, false, 112, flags, this.width_of(flags, width), -1);
    return this;
  }

  /** %c: one character (a code unit). */
  c<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    if (!isInteger<T>() || isReference<T>()) ERROR("printk: %c takes an integer (a character code) argument");
    let w = this.width_of(flags, width);
    const left = w < 0 || (flags & F_MINUS) != 0;
    if (w < 0) w = -w;
    if (!left) this.pad(w - 1, 32);
    this.put(<u32>v & 0xffff);
    if (left) this.pad(w - 1, 32);
    return this;
  }

  /**
   * %s: a string; an integer is the address of a NUL-terminated byte string (a C string, as a
   * k_thread_name_copy buffer); null is "(null)". The precision caps the characters printed.
   */
  s<T>(v: T, flags: u32, width: i32, prec1: i32, len: u32): z_printk_fmt {
    const w = this.width_of(flags, width);
    const prec = this.prec_of(flags, prec1);
    if (isString<T>()) {
      if (changetype<usize>(v) == 0) return this.text_units(changetype<usize>("(null)"), 6, flags, w, prec);
      const str = changetype<string>(v);
      return this.text_units(changetype<usize>(str), <u32>str.length, flags, w, prec);
    } else if (isInteger<T>() && !isBoolean<T>()) {
      const p = <usize>v;
      if (p == 0) return this.text_units(changetype<usize>("(null)"), 6, flags, w, prec);
      let n: u32 = 0;
      while (load<u8>(p + n) != 0 && (prec < 0 || n < <u32>prec)) n++;
      let fill = w < 0 ? -w : w;
      fill = fill > <i32>n ? fill - <i32>n : 0;
      const left = w < 0 || (flags & F_MINUS) != 0;
      if (!left) this.pad(fill, 32);
      for (let i: u32 = 0; i < n; i++) this.put(load<u8>(p + i));
      if (left) this.pad(fill, 32);
      return this;
    } else {
      ERROR("printk: %s takes a string (or the address of a NUL-terminated byte string)");
      return this;
    }
  }

  /**
   * One `${v}` of a template literal passed to printk or snprintk: `v` formatted as
   * AssemblyScript's template literal formats it, straight into the text (no string is made):
   * an integer (any width, signed or not) in decimal, a float as its toString does (the
   * shortest text that reads back as the same f32 or f64: "0.1", "2.0", "1e+21", "NaN",
   * "-Infinity"), a bool as true or false, a string as it is and a null reference as "null".
   * Another object is printed by calling its toString(), whose result is not freed: it may be
   * one of the object's own fields (docs/api.md, "Memory").
   */
  tpl<T>(v: T): z_printk_fmt {
    if (isBoolean<T>()) return this.lit(<bool>v ? "true" : "false");
    if (isInteger<T>()) {
      if (this.reserve(MAX_INTEGER_UNITS)) this.len += itoa_buffered<T>(this.buf + ((<usize>this.len) << 1), v);
      return this;
    }
    if (isFloat<T>()) {
      if (this.reserve(MAX_FLOAT_UNITS)) this.len += dtoa_buffered<T>(this.buf + ((<usize>this.len) << 1), v);
      return this;
    }
    if (isString<T>()) {
      if (changetype<usize>(v) == 0) return this.lit("null");
      const str = changetype<string>(v);
      return this.text_units(changetype<usize>(str), <u32>str.length, 0, 0, -1);
    }
    if (isReference<T>() && !isFunction<T>()) {
      if (changetype<usize>(v) == 0) return this.lit("null");
      if (!isDefined(changetype<NonNullable<T>>(v).toString)) {
        ERROR(
          "printk: an interpolation in a template literal takes a number, a bool, a string or an object with a toString() method",
        );
      }
      const str = changetype<NonNullable<T>>(v).toString();
      return this.text_units(changetype<usize>(str), <u32>str.length, 0, 0, -1);
    }
    ERROR(
      "printk: an interpolation in a template literal takes a number, a bool, a string or an object with a toString() method",
    );
    return this;
  }

  /** Emits `n` code units at `units`, cut to `prec` (-1: all), padded to `width`. */
  private text_units(units: usize, n0: u32, flags: u32, width: i32, prec: i32): z_printk_fmt {
    const n = prec >= 0 && <u32>prec < n0 ? <u32>prec : n0;
    let fill = width < 0 ? -width : width;
    fill = fill > <i32>n ? fill - <i32>n : 0;
    const left = width < 0 || (flags & F_MINUS) != 0;
    if (!left) this.pad(fill, 32);
    for (let i: u32 = 0; i < n; i++) this.put(load<u16>(units + ((<usize>i) << 1)));
    if (left) this.pad(fill, 32);
    return this;
  }

  private free(): void {
    if (this.buf != 0) z_heap_free(this.buf);
    z_heap_free(changetype<usize>(this));
  }

  /** Ends a printk: writes the text as one console record. */
  printk(): void {
    z_printk_units(this.buf, this.len);
    this.free();
  }

  /**
   * Ends an snprintk: writes at most `size - 1` bytes of the text (UTF-8) and a NUL to `out`
   * (nothing when `size` is 0). Returns the bytes the whole text takes, NUL excluded, as C's
   * snprintf: a result >= `size` means it was cut.
   */
  snprintk(out: usize, size: usize): i32 {
    let n: usize = 0; // bytes the whole text takes
    let w: usize = 0; // bytes written
    let full = size == 0; // no more room: C never writes a partial character
    for (let i: u32 = 0; i < this.len; i++) {
      let c = <u32>load<u16>(this.buf + ((<usize>i) << 1));
      // A surrogate pair is one code point.
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < this.len) {
        const lo = <u32>load<u16>(this.buf + ((<usize>(i + 1)) << 1));
        if (lo >= 0xdc00 && lo < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      const bytes: usize = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (!full && w + bytes <= size - 1) {
        if (bytes == 1) store<u8>(out + w, <u8>c);
        else if (bytes == 2) {
          store<u8>(out + w, <u8>(0xc0 | (c >> 6)));
          store<u8>(out + w + 1, <u8>(0x80 | (c & 63)));
        } else if (bytes == 3) {
          store<u8>(out + w, <u8>(0xe0 | (c >> 12)));
          store<u8>(out + w + 1, <u8>(0x80 | ((c >> 6) & 63)));
          store<u8>(out + w + 2, <u8>(0x80 | (c & 63)));
        } else {
          store<u8>(out + w, <u8>(0xf0 | (c >> 18)));
          store<u8>(out + w + 1, <u8>(0x80 | ((c >> 12) & 63)));
          store<u8>(out + w + 2, <u8>(0x80 | ((c >> 6) & 63)));
          store<u8>(out + w + 3, <u8>(0x80 | (c & 63)));
        }
        w += bytes;
      } else {
        full = true;
      }
      n += bytes;
    }
    if (size > 0) store<u8>(out + w, 0);
    this.free();
    return <i32>n;
  }
}

/** Starts a formatted printk/snprintk (the build-time rewrite's entry; not for direct use). */
// @ts-ignore: decorator
@global export function __wasmp_printk_begin(): z_printk_fmt {
  const f = changetype<z_printk_fmt>(z_heap_calloc(offsetof<z_printk_fmt>()));
  if (changetype<usize>(f) == 0) abort("printk: out of memory");
  return f;
}

/**
 * One `${v}` of a template literal that is not printk's text (the build-time rewrite joins
 * the parts with `+`, src/image/transform.ts 2.): AssemblyScript's own conversion, `v`'s
 * toString(), and "null" for a null reference, as asc's template literal has it. A string is
 * used as it is; a number or an object makes a new string (there is no garbage collector).
 */
// @ts-ignore: decorator
@global export function __wasmp_template_part<T>(v: T): string {
  if (isString<T>()) return changetype<usize>(v) == 0 ? "null" : changetype<string>(v);
  if (isReference<T>()) {
    if (changetype<usize>(v) == 0) return "null";
    return changetype<NonNullable<T>>(v).toString();
  }
  // @ts-ignore: every number and bool has a toString()
  return v.toString();
}

/**
 * snprintk(buf, size, fmt, ...): formats into the `size` bytes at `buf` (UTF-8, NUL-terminated,
 * cut to fit) and returns the bytes the whole text needs. Every call is rewritten at build time
 * (see printk); this body only serves a call the rewrite did not see, with no arguments.
 */
export function snprintk(buf: usize, size: usize, fmt: string): i32 {
  return __wasmp_printk_begin().lit(fmt).snprintk(buf, size);
}
