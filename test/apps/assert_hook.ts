// assert_post_action_set: a failed spinlock check calls the registered hook with wasmp's
// file and line, in the failing context. (1) A hook that returns lets the kernel go on after
// the check (unlocking a lock that is not held). (2) A hook that ends the thread from inside
// z_swap (switching while holding a lock, as tests/kernel/spinlock/spinlock_held_lock does)
// leaves every CPU with no spinlock recorded and the scheduler usable.
import {
  printk,
  assert_post_action_set,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  k_spin_release,
  k_spinlock_key_t,
  _sched_spinlock,
  k_sleep,
  K_MSEC,
  k_thread_create,
  k_thread_join,
  k_thread_abort,
  k_current_get,
  k_wakeup,
  k_busy_wait,
  K_FOREVER,
  K_NO_WAIT,
  arch_num_cpus,
  z_cpu,
  _cpu,
  z_spin_get_held_lock,
} from "wasmp";

const lock_a = K_SPINLOCK_DEFINE();
const never_locked = K_SPINLOCK_DEFINE();
// calls, last line, mode (1 = return, 2 = end the thread from z_swap), key_a
const vars = memory.data(16, 4);

function hook(file: string, line: u32): void {
  atomic.add<u32>(vars, 1, 0);
  atomic.store<u32>(vars, file == "kernel/spinlock_validate.ts" ? line : 0, 4);
  if (atomic.load<u32>(vars, 8) == 2) {
    k_spin_release(_sched_spinlock);
    k_spin_unlock(lock_a, atomic.load<u32>(vars, 12));
    k_wakeup(k_current_get());
    k_thread_abort(k_current_get());
  }
}
assert_post_action_set(hook);

function sleeper(p1: usize, p2: usize, p3: usize): void {
  atomic.store<u32>(vars, k_spin_lock(lock_a), 12);
  k_sleep(K_MSEC(1)); // illegal with lock_a held: the hook ends this thread
  printk("not reached\n");
}

export function main(): i32 {
  atomic.store<u32>(vars, 1, 8);
  const key: k_spinlock_key_t = k_spin_lock(lock_a);
  k_spin_unlock(never_locked, key); // check fails, hook returns, the unlock goes on
  const returned_line = atomic.load<u32>(vars, 4);
  k_spin_unlock(lock_a, key);
  atomic.store<u32>(vars, 2, 8);
  for (let i = 0; i < 3; i++) {
    k_thread_join(k_thread_create(4096, sleeper, 0, 0, 0, 1, 0, K_NO_WAIT), K_FOREVER);
  }
  k_sleep(K_MSEC(2)); // the scheduler still works
  // Another CPU may hold a lock for a moment (its timer interrupt), and its host thread may be
  // descheduled meanwhile: poll, for at most about a second.
  let clean = false;
  let detail = "";
  for (let attempt = 0; attempt < 1000 && !clean; attempt++) {
    if (attempt > 0) k_busy_wait(1000);
    clean = z_spin_get_held_lock() == null;
    detail = "";
    for (let i = 0; i < arch_num_cpus(); i++) {
      const c = changetype<_cpu>(z_cpu(i));
      if (c.locks_held != 0 || c.held_outer != 0) {
        clean = false;
        detail += ` cpu${i}:held=${c.locks_held},outer=0x${c.held_outer.toString(16)},first=0x${c.held_at(0).toString(16)}`;
      }
    }
  }
  if (!clean) printk(`not clean:${detail} (sched lock 0x${changetype<usize>(_sched_spinlock).toString(16)})\n`);
  printk(
    `assert_hook calls=${atomic.load<u32>(vars, 0)} returned_line=${returned_line > 0 ? "yes" : "no"} clean=${clean ? 1 : 0}\n`,
  );
  return clean && atomic.load<u32>(vars, 0) == 4 ? 0 : 1;
}
