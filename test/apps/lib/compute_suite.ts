// Compute-bound programs for the compute benchmark (benchmarks/compute.ts): plain AssemblyScript
// that uses nothing of wasmp, so the same file is built two ways and the two are timed side by
// side: by asc alone (-O3, stub runtime, one bare instance: benchmarks/compute_plain.ts) and as
// a wasmp application (test/apps/bench_compute_suite.ts: safepoints, asyncify, the shared
// kernel heap, the NULL-page check). Each program's memory is made once by its caller and
// reused, so that what is timed is the compute and not the allocator. Every program returns a
// value that depends on all of its work (the benchmark checks that both builds agree).

/** Sizes: each program runs for tens of milliseconds when built by asc alone. */
export const PRIMES_BELOW = 1_000_000;
export const MATMUL_N = 128;
export const CRC_BYTES = 1 << 20;
export const FIB_N = 32;
export const PARTICLES = 10_000;
export const PARTICLE_STEPS = 300;

function is_prime(n: i32): bool {
  if (n < 4) return n > 1;
  if ((n & 1) == 0) return false;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d == 0) return false;
  }
  return true;
}

/** The number of primes below `limit`: a loop calling a function with a loop (trial division). */
export function primes(limit: i32): i32 {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    if (is_prime(n)) count++;
  }
  return count;
}

/** Three n x n matrices of f64. */
export class Matrices {
  a: StaticArray<f64>;
  b: StaticArray<f64>;
  c: StaticArray<f64>;
  constructor(public n: i32) {
    this.a = new StaticArray<f64>(n * n);
    this.b = new StaticArray<f64>(n * n);
    this.c = new StaticArray<f64>(n * n);
    for (let i = 0; i < n * n; i++) {
      this.a[i] = <f64>(i % 7) * 0.5;
      this.b[i] = <f64>(i % 5) * 0.25;
    }
  }
}

/** c = a * b (dense, i-k-j order); returns the sum of c. */
export function matmul(m: Matrices): f64 {
  const n = m.n;
  const a = m.a,
    b = m.b,
    c = m.c;
  for (let i = 0; i < n * n; i++) c[i] = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  let sum = 0.0;
  for (let i = 0; i < n * n; i++) sum += c[i];
  return sum;
}

/** A buffer of `len` bytes with a fixed pattern. */
export function crc_buffer(len: i32): StaticArray<u8> {
  const buf = new StaticArray<u8>(len);
  let x: u32 = 12345;
  for (let i = 0; i < len; i++) {
    x = x * 1103515245 + 12345;
    buf[i] = <u8>(x >>> 16);
  }
  return buf;
}

/** CRC-32 (IEEE 802.3, reflected, bit by bit: no table) of `buf`. */
export function crc32(buf: StaticArray<u8>): u32 {
  let crc: u32 = 0xffffffff;
  for (let i = 0; i < buf.length; i++) {
    crc ^= buf[i];
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & (0 - (crc & 1)));
  }
  return ~crc;
}

/** Recursive Fibonacci: calls, nothing else. */
export function fib(n: i32): i32 {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export class Particle {
  constructor(
    public x: f64,
    public y: f64,
    public vx: f64,
    public vy: f64,
  ) {}
}

/** `n` particles, each an object on the heap. */
export function make_particles(n: i32): StaticArray<Particle> {
  const ps = new StaticArray<Particle>(n);
  for (let i = 0; i < n; i++) ps[i] = new Particle(0, 0, 0, 0);
  return ps;
}

/**
 * Puts the particles at their starting places, then moves each `steps` times inside a box,
 * bouncing off its walls; returns the sum of x + y (an integer: every step is).
 */
export function step_particles(ps: StaticArray<Particle>, steps: i32): f64 {
  const n = ps.length;
  for (let i = 0; i < n; i++) {
    const p = ps[i];
    p.x = <f64>i;
    p.y = <f64>(n - i);
    p.vx = <f64>(i % 3) - 1;
    p.vy = <f64>(i % 5) - 2;
  }
  const size = <f64>n;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      p.x += p.vx;
      p.y += p.vy;
      if (p.x < 0 || p.x > size) p.vx = -p.vx;
      if (p.y < 0 || p.y > size) p.vy = -p.vy;
    }
  }
  let sum = 0.0;
  for (let i = 0; i < ps.length; i++) sum += ps[i].x + ps[i].y;
  return sum;
}

/** The programs, by number: the order both builds run and report them. */
export const PROGRAM_NAMES = "primes matmul crc32 fib particles";
export const PROGRAM_COUNT = 5;

/** Every program's memory, made once. */
export class Workspace {
  m: Matrices = new Matrices(MATMUL_N);
  buf: StaticArray<u8> = crc_buffer(CRC_BYTES);
  ps: StaticArray<Particle> = make_particles(PARTICLES);
}

/**
 * Runs program `which` (0 to PROGRAM_COUNT - 1) once; its result as an integer, so that both
 * builds print it the same way (matmul's sum is a multiple of 1/8).
 */
export function run_program(w: Workspace, which: i32): i64 {
  switch (which) {
    case 0:
      return primes(PRIMES_BELOW);
    case 1:
      return <i64>(matmul(w.m) * 8);
    case 2:
      return <i64>crc32(w.buf);
    case 3:
      return fib(FIB_N);
    case 4:
      return <i64>step_particles(w.ps, PARTICLE_STEPS);
  }
  return -1;
}
