// Kernel API calls given a NULL object (test/faults.test.ts): under CONFIG_ASSERT each is a
// failed assertion that names the call (kernel/assert.ts, __ASSERT_OBJ), whose post action is a
// kernel panic of the calling thread; the registered k_sys_fatal_error_handler returns, so the
// thread is aborted and the machine goes on (Zephyr's z_fatal_error). changetype<T>(0) is C's NULL.
import {
  printk,
  k_sys_fatal_error_handler_set,
  k_sem,
  k_sem_give,
  k_sem_take,
  k_mutex,
  k_mutex_lock,
  k_mutex_unlock,
  k_condvar,
  k_condvar_signal,
  k_condvar_wait,
  k_msgq,
  k_msgq_put,
  k_msgq_get,
  k_queue,
  k_queue_append,
  k_queue_get,
  k_fifo,
  k_fifo_put,
  k_lifo,
  k_lifo_get,
  k_stack,
  k_stack_push,
  k_stack_pop,
  k_event,
  k_event_post,
  k_event_wait,
  k_timer,
  k_timer_start,
  k_timer_status_get,
  k_work,
  k_work_submit,
  k_work_cancel,
  k_work_delayable,
  k_work_schedule,
  k_pipe,
  k_pipe_write,
  k_pipe_read,
  k_mem_slab,
  k_mem_slab_alloc,
  k_mem_slab_free,
  k_heap,
  k_heap_alloc,
  k_heap_free,
  K_NO_WAIT,
  K_MSEC,
  K_ERR_KERNEL_PANIC,
} from "wasmp";
import { fault_harness_start, fault_harness_stop, fault_not_reached, fault_run } from "./lib/fault_harness";

const panics = memory.data(4, 4);

function handler(reason: u32, esf: usize): void {
  if (reason == <u32>K_ERR_KERNEL_PANIC) atomic.add<u32>(panics, 1);
}
k_sys_fatal_error_handler_set(handler);

const buf = memory.data(64, 8);

/** The calls, in the order the test expects their reports. */
const CALLS = 27;

function call_null(which: usize, p2: usize, p3: usize): void {
  switch (<i32>which) {
    case 0:
      k_sem_give(changetype<k_sem>(0));
      break;
    case 1:
      k_sem_take(changetype<k_sem>(0), K_NO_WAIT);
      break;
    case 2:
      k_mutex_lock(changetype<k_mutex>(0), K_NO_WAIT);
      break;
    case 3:
      k_mutex_unlock(changetype<k_mutex>(0));
      break;
    case 4:
      k_condvar_signal(changetype<k_condvar>(0));
      break;
    case 5:
      k_condvar_wait(changetype<k_condvar>(0), changetype<k_mutex>(buf), K_MSEC(1));
      break;
    case 6:
      k_msgq_put(changetype<k_msgq>(0), buf, K_NO_WAIT);
      break;
    case 7:
      k_msgq_get(changetype<k_msgq>(0), buf, K_NO_WAIT);
      break;
    case 8:
      k_queue_append(changetype<k_queue>(0), buf);
      break;
    case 9:
      k_queue_get(changetype<k_queue>(0), K_NO_WAIT);
      break;
    case 10:
      k_fifo_put(changetype<k_fifo>(0), buf);
      break;
    case 11:
      k_lifo_get(changetype<k_lifo>(0), K_NO_WAIT);
      break;
    case 12:
      k_stack_push(changetype<k_stack>(0), 1);
      break;
    case 13:
      k_stack_pop(changetype<k_stack>(0), buf, K_NO_WAIT);
      break;
    case 14:
      k_event_post(changetype<k_event>(0), 1);
      break;
    case 15:
      k_event_wait(changetype<k_event>(0), 1, false, K_NO_WAIT);
      break;
    case 16:
      k_timer_start(changetype<k_timer>(0), K_MSEC(1), K_NO_WAIT);
      break;
    case 17:
      k_timer_status_get(changetype<k_timer>(0));
      break;
    case 18:
      k_work_submit(changetype<k_work>(0));
      break;
    case 19:
      k_work_cancel(changetype<k_work>(0));
      break;
    case 20:
      k_work_schedule(changetype<k_work_delayable>(0), K_MSEC(1));
      break;
    case 21:
      k_pipe_write(changetype<k_pipe>(0), buf, 4, K_NO_WAIT);
      break;
    case 22:
      k_pipe_read(changetype<k_pipe>(0), buf, 4, K_NO_WAIT);
      break;
    case 23:
      k_mem_slab_alloc(changetype<k_mem_slab>(0), buf, K_NO_WAIT);
      break;
    case 24:
      k_mem_slab_free(changetype<k_mem_slab>(0), buf);
      break;
    case 25:
      k_heap_alloc(changetype<k_heap>(0), 16, K_NO_WAIT);
      break;
    case 26:
      k_heap_free(changetype<k_heap>(0), buf);
      break;
  }
  fault_not_reached();
}

export function main(): i32 {
  fault_harness_start();
  for (let i = 0; i < CALLS; i++) fault_run("null_obj_" + i.toString(), call_null, <usize>i);
  fault_harness_stop();
  printk("fault_object panics=" + load<u32>(panics).toString() + "\n");
  return 0;
}
