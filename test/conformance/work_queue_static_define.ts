// Translation of Zephyr tests/kernel/workq/work_queue/src/static_define.c, the version where
// K_WORK_QUEUE_DEFINE takes a `const struct k_work_queue_config *` (static_work_q and
// static_work_q_nocfg; the stored copy is search-index file 69082451511), part of the
// work_queue program (work_queue.ts has its main.c). Its suite is start_stop.c's
// workqueue_api, here a suite of its own. The differences:
// - SYS_INIT(submit_from_init, POST_KERNEL, 0): wasmp has no SYS_INIT levels. The function
//   runs in a static thread (K_THREAD_DEFINE, highest priority, no delay) instead: the
//   earliest application code wasmp runs, after the kernel has started the static work queues
//   (as it has before POST_KERNEL init in Zephyr) and before main().
// - K_WORK_QUEUE_DEFINE takes the queue's name as its last argument (AssemblyScript has no
//   stringizing macros); the stack is a save area the kernel allocates.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_ok,
  zassert_not_null,
  k_sem_take,
  k_sem_give,
  K_SEM_DEFINE,
  K_THREAD_DEFINE,
  k_thread_priority_get,
  k_thread_name_get,
  K_MSEC,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_HIGHEST_THREAD_PRIO,
  k_work,
  K_WORK_DEFINE,
  K_WORK_QUEUE_DEFINE,
  k_work_queue_config,
  k_work_submit_to_queue,
  k_work_queue_thread_get,
  k_work_queue_drain,
  k_work_queue_stop,
  k_work_queue_unplug,
  ENOTSUP,
} from "wasmp";

const CONFIG_TEST_EXTRA_STACK_SIZE = 0;
const STATIC_WQ_STACK_SIZE = 1024 + CONFIG_TEST_EXTRA_STACK_SIZE;
const STATIC_WQ_PRIO = K_PRIO_PREEMPT(3);
const STATIC_WQ_NOCFG_PRIO = K_PRIO_PREEMPT(5);

const static_wq_cfg = new k_work_queue_config("static_wq", true, true);

const static_work_q = K_WORK_QUEUE_DEFINE(STATIC_WQ_STACK_SIZE, STATIC_WQ_PRIO, static_wq_cfg, "static_work_q");
const static_work_q_nocfg = K_WORK_QUEUE_DEFINE(
  STATIC_WQ_STACK_SIZE,
  STATIC_WQ_NOCFG_PRIO,
  null,
  "static_work_q_nocfg",
);

const init_work_sem = K_SEM_DEFINE(0, 1);
const nocfg_work_sem = K_SEM_DEFINE(0, 1);

const init_submit_rc = memory.data<i32>([0]);

function init_work_handler(work: k_work): void {
  k_sem_give(init_work_sem);
}

function nocfg_work_handler(work: k_work): void {
  k_sem_give(nocfg_work_sem);
}

const init_work = K_WORK_DEFINE(init_work_handler);
const nocfg_work = K_WORK_DEFINE(nocfg_work_handler);

// Runs before main(): the statically defined work queue must already accept work at this point.
function submit_from_init(p1: usize, p2: usize, p3: usize): void {
  store<i32>(init_submit_rc, k_work_submit_to_queue(static_work_q, init_work));
}

K_THREAD_DEFINE(1024, submit_from_init, 0, 0, 0, K_HIGHEST_THREAD_PRIO, 0, 0, "submit_from_init");

const workqueue_api = ZTEST_SUITE("workqueue_api");

// Verify a statically defined work queue is started by the kernel.
ZTEST(workqueue_api, "test_workq_static_define", () => {
  const rc = load<i32>(init_submit_rc);
  zassert_equal<i32>(rc, 1, `Failed to submit work from POST_KERNEL init: ${rc}`);
  zassert_ok(k_sem_take(init_work_sem, K_MSEC(100)), "Work submitted from POST_KERNEL init was not processed");

  let tid = k_work_queue_thread_get(static_work_q);
  zassert_not_null(changetype<usize>(tid), "Static work queue has no thread");
  zassert_equal<i32>(k_thread_priority_get(tid!), STATIC_WQ_PRIO, "Wrong thread priority");
  zassert_true(k_thread_name_get(tid!) == "static_wq", "Wrong thread name");

  tid = k_work_queue_thread_get(static_work_q_nocfg);
  zassert_not_null(changetype<usize>(tid), "Static work queue has no thread");
  zassert_equal<i32>(k_thread_priority_get(tid!), STATIC_WQ_NOCFG_PRIO, "Wrong thread priority");
  zassert_true(k_thread_name_get(tid!) == "static_work_q_nocfg", "Wrong thread name");

  zassert_true(k_work_queue_drain(static_work_q, true) >= 0, "Failed to drain & plug work queue");
  zassert_equal<i32>(k_work_queue_stop(static_work_q, K_FOREVER), -ENOTSUP, "Stopped an essential work queue");
  zassert_ok(k_work_queue_unplug(static_work_q), "Failed to unplug work queue");

  zassert_equal<i32>(k_work_submit_to_queue(static_work_q_nocfg, nocfg_work), 1, "Failed to submit work item");
  zassert_ok(k_sem_take(nocfg_work_sem, K_MSEC(100)), "Work item was not processed");
});
