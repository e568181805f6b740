// Hangs on purpose: a thread spins forever holding a spinlock, and main waits for a semaphore
// nobody gives. `wasmp run --timeout` must end it with a dump naming the held lock.
import {
  K_SPINLOCK_DEFINE,
  K_SEM_DEFINE,
  k_spin_lock,
  k_sem_take,
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

export function main(): i32 {
  const t = k_thread_create(4096, holder, 0, 0, 0, 1, 0, K_NO_WAIT);
  k_thread_name_set(t, "holder");
  k_sem_take(never, K_FOREVER);
  return 0;
}
