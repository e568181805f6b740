// Native reference for the spinlock benchmarks: the same lock protocol as
// assembly/kernel/spinlock.ts in C11 atomics, with pthreads for CPUs and a futex where the
// Wasm kernel parks through Atomics.wait (spin `budget` times, then count ourselves in
// `parked`, re-check, FUTEX_WAIT on the owner word with a 100 ms timeout; a release stores
// first and FUTEX_WAKEs when `parked` != 0).
//
// usage: spinlock cas|ticket THREADS DURATION_MS BUDGET CHUNK   prints "ns_per_op <x>" (wall
// time of all threads / total acquisitions). Like the JS workers, each thread runs chunks of
// CHUNK acquisitions until one thread has run DURATION_MS and raised `stop`. Exits 1 if the
// protected counter differs from the acquisitions counted.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct lock { _Atomic uint32_t owner, tail, thread_cpu, parked; } __attribute__((aligned(64)));
static struct lock L;
static struct { uint32_t value; } __attribute__((aligned(64))) counter;
static _Atomic int go, stop;
static int ticket_mode;
static long chunk;
static double duration_ns;
static uint32_t budget;
static double now_ns(void);

static void park(_Atomic uint32_t *addr, uint32_t expected) {
  struct timespec ts = { 0, 100 * 1000 * 1000 };
  syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_PRIVATE, expected, &ts, NULL, 0);
}
static void wake(_Atomic uint32_t *addr, int n) { syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0); }

static void acquire(void) {
  if (ticket_mode) {
    uint32_t ticket = atomic_fetch_add(&L.tail, 1);
    uint32_t spins = 0;
    for (;;) {
      if (atomic_load(&L.owner) == ticket) return;
      if (++spins < budget) continue;
      atomic_fetch_add(&L.parked, 1);
      uint32_t now = atomic_load(&L.owner);
      if (now != ticket) park(&L.owner, now);
      atomic_fetch_sub(&L.parked, 1);
      spins = 0;
    }
  } else {
    uint32_t zero = 0;
    if (atomic_compare_exchange_strong(&L.owner, &zero, 1)) return;
    uint32_t spins = 0;
    for (;;) {
      zero = 0;
      if (atomic_load(&L.owner) == 0 && atomic_compare_exchange_strong(&L.owner, &zero, 1)) return;
      if (++spins < budget) continue;
      atomic_fetch_add(&L.parked, 1);
      if (atomic_load(&L.owner) != 0) park(&L.owner, 1);
      atomic_fetch_sub(&L.parked, 1);
      spins = 0;
    }
  }
}

static void release(void) {
  if (ticket_mode) {
    atomic_fetch_add(&L.owner, 1);
    if (atomic_load(&L.parked) != 0) wake(&L.owner, 1 << 30);
  } else {
    atomic_store(&L.owner, 0);
    if (atomic_load(&L.parked) != 0) wake(&L.owner, 1);
  }
}

static void *worker(void *arg) {
  long *ops = arg;
  while (!atomic_load(&go)) { }
  double start = now_ns();
  do {
    for (long i = 0; i < chunk; i++) {
      acquire();
      counter.value++;
      release();
    }
    *ops += chunk;
    if (now_ns() - start >= duration_ns) atomic_store(&stop, 1);
  } while (!atomic_load(&stop));
  return NULL;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: %s cas|ticket THREADS DURATION_MS BUDGET CHUNK\n", argv[0]); return 2; }
  ticket_mode = strcmp(argv[1], "ticket") == 0;
  int threads = atoi(argv[2]);
  duration_ns = atof(argv[3]) * 1e6;
  budget = (uint32_t)strtoul(argv[4], NULL, 10);
  chunk = atol(argv[5]);
  pthread_t th[64];
  static long ops[64][8]; // one cache line each
  if (threads < 1 || threads > 64 || chunk < 1) return 2;
  for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, worker, ops[i]);
  usleep(2000); // let every thread reach the start line
  double t0 = now_ns();
  atomic_store(&go, 1);
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  double t1 = now_ns();
  long total = 0;
  for (int i = 0; i < threads; i++) total += ops[i][0];
  if (counter.value != (uint32_t)total) { fprintf(stderr, "counter %u != %ld\n", counter.value, total); return 1; }
  printf("ns_per_op %.3f\n", (t1 - t0) / (double)total);
  return 0;
}
