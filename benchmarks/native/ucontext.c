// Native reference for the context-switch benchmark: two ucontexts ping-pong with
// swapcontext on one core (glibc saves/restores the signal mask: a syscall per switch, which
// is what a portable user-level context switch costs).
// usage: ucontext ITERS   prints "ns_per_switch <x>"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>

static ucontext_t main_ctx, co_ctx;
static long iters;
static char stack[64 * 1024];

static void co(void) {
  for (;;) swapcontext(&co_ctx, &main_ctx);
}

int main(int argc, char **argv) {
  iters = argc > 1 ? atol(argv[1]) : 100000;
  getcontext(&co_ctx);
  co_ctx.uc_stack.ss_sp = stack;
  co_ctx.uc_stack.ss_size = sizeof stack;
  co_ctx.uc_link = &main_ctx;
  makecontext(&co_ctx, co, 0);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < iters; i++) swapcontext(&main_ctx, &co_ctx);
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
  printf("ns_per_switch %.3f\n", ns / (2.0 * iters));
  return 0;
}
