// Hangs on purpose: a thread spins forever holding a spinlock, and main waits for a semaphore
// nobody gives, and a third thread sleeps for an hour. `wasmp run --timeout` must end it with
// a dump naming the held lock, and the sleeper's timeout at the head of the timeout list.
import {
  K_SPINLOCK_DEFINE,
  K_SEM_DEFINE,
  k_spin_lock,
  k_sem_take,
  k_sleep,
  K_SECONDS,
  k_thread_create,
  k_thread_name_set,
  K_FOREVER,
  K_NO_WAIT,
} from "wasmp";

const lock = K_SPINLOCK_DEFINE();
const never = K_SEM_DEFINE(0, 1);

function holder(p1: usize, p2: usize, p3: usize): void {
  k_spin_lock(lock);
  while (true) {}
}

function sleeper(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_SECONDS(3600));
}

export function main(): i32 {
  const s = k_thread_create(4096, sleeper, 0, 0, 0, 1, 0, K_NO_WAIT);
  k_thread_name_set(s, "sleeper");
  const t = k_thread_create(4096, holder, 0, 0, 0, 1, 0, K_NO_WAIT);
  k_thread_name_set(t, "holder");
  k_sem_take(never, K_FOREVER);
  return 0;
}
