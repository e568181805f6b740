// Translation of Zephyr tests/kernel/mbox/mbox_usage/src/main.c: the newest stored copy
// (search-index file 764618571, which the index names no commit for; the ZTEST API version
// with suites mbox_usage and mbox_usage_1cpu; the last copy with a commit,
// 0d81eae336470fb8ee55f0f44b5eb14e506182f7, is the older ztest_test_suite form without
// test_multi_thread_send_get): all 3 tests.
// Same threads, priorities (K_PRIO_PREEMPT(0), HIGH_PRIO 1, LOW_PRIO 8), timeouts and
// assertions, with these differences:
// - The 1cpu suite uses the harness's ztest_simple_1cpu_before/after, which run in the
//   runner before the test's thread is created (Zephyr: in the test's thread).
// - test_msg_receiver's sender is pinned to the test thread's CPU (created with K_FOREVER,
//   k_thread_cpu_pin, k_thread_start). Its k_mbox_put is K_NO_WAIT, so it succeeds only if the
//   test thread already waits in k_mbox_get: on one CPU that is certain (the preemptible
//   sender runs only once the cooperative test thread blocks), on SMP it is a race that the
//   sender, started at once on another CPU, won in 2 of 16 runs on 2 CPUs (-ENOMSG). Pinned,
//   the two threads keep the one-CPU order on any number of CPUs; the assertions are unchanged.
// - The static descriptors and rxdata of msg_sender, msg_receiver and the two receivers are
//   static memory; `&multi_tmbox` and `&mbox` too. TC_PRINT is printk.
// - Suites and tests are registered in the order Zephyr runs them (alphabetically: ztest's
//   iterable sections are sorted by name).
// No prj.conf is stored for this test: no .conf.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_false,
  zassert_equal,
  zassert_ok,
  printk,
  K_NO_WAIT,
  K_FOREVER,
  K_MSEC,
  K_PRIO_PREEMPT,
  k_timeout_t,
  k_mbox,
  k_mbox_msg,
  K_ANY,
  k_mbox_init,
  k_mbox_put,
  k_mbox_get,
  SIZEOF_K_MBOX,
  SIZEOF_K_MBOX_MSG,
  K_SEM_DEFINE,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  k_thread_create,
  k_thread_abort,
  k_current_get,
  arch_curr_cpu_id,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_thread_cpu_pin,
  k_thread_start,
} from "wasmp";

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const MAIL_LEN = 64;
const HIGH_PRIO = 1;
const LOW_PRIO = 8;

const mbox = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));
const multi_tmbox = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));
const sync_sema = K_SEM_DEFINE(0, 2);
// static k_tid_t tid1, receiver_tid
const tids = memory.data(8, 4);
// static char msg_data[2][MAIL_LEN] = { "send to high prio", "send to low prio" }
const msg_data = memory.data(2 * MAIL_LEN, 4);

const PUT_GET_NULL = 0;
const info_type = memory.data(4, 4);

function put_string(dst: usize, s: string): void {
  for (let j = 0; j < s.length; j++) store<u8>(dst + j, <u8>s.charCodeAt(j));
}

function msg_sender(pmbox: k_mbox, timeout: k_timeout_t): void {
  const mmsg = changetype<k_mbox_msg>(memory.data(SIZEOF_K_MBOX_MSG, 4)); // static struct k_mbox_msg mmsg
  memory.fill(changetype<usize>(mmsg), 0, SIZEOF_K_MBOX_MSG);

  switch (atomic.load<i32>(info_type)) {
    case PUT_GET_NULL: {
      // mbox sync put empty message
      mmsg.info = PUT_GET_NULL;
      mmsg.size = 0;
      mmsg.tx_data = 0;

      const ret = k_mbox_put(pmbox, mmsg, timeout);
      zassert_ok(ret, `k_mbox_put() failed, ret ${ret}`);
      break;
    }
    default:
      break;
  }
}

function msg_receiver(pmbox: k_mbox, thd_id: usize, timeout: k_timeout_t): void {
  const mmsg = changetype<k_mbox_msg>(memory.data(SIZEOF_K_MBOX_MSG, 4)); // static
  const rxdata = memory.data(MAIL_LEN); // static char rxdata[MAIL_LEN]

  switch (atomic.load<i32>(info_type)) {
    case PUT_GET_NULL: {
      mmsg.size = MAIL_LEN;
      mmsg.rx_source_thread = thd_id;

      const ret = k_mbox_get(pmbox, mmsg, rxdata, timeout);
      if (timeout == K_FOREVER) {
        zassert_ok(ret, `k_mbox_get() ret ${ret}`);
      } else if (timeout == K_NO_WAIT) {
        zassert_false(ret == 0, `k_mbox_get() ret ${ret}`);
      } else {
        zassert_ok(ret, `k_mbox_get() ret ${ret}`);
      }
      break;
    }
    default:
      break;
  }
}

function test_mbox_init(): void {
  k_mbox_init(mbox);
  k_mbox_init(multi_tmbox);
  k_sem_init(sync_sema, 0, 2);
}

function test_send(p1: usize, p2: usize, p3: usize): void {
  msg_sender(changetype<k_mbox>(p1), K_NO_WAIT);
}

function test_send_un(p1: usize, p2: usize, p3: usize): void {
  printk("Sender UNLIMITED\n");
  msg_sender(changetype<k_mbox>(p1), K_FOREVER);
}

function thread_low_prio(p1: usize, p2: usize, p3: usize): void {
  const mmsg = changetype<k_mbox_msg>(memory.data(SIZEOF_K_MBOX_MSG, 4)); // static ... = {0}
  const rxdata = memory.data(MAIL_LEN);

  mmsg.rx_source_thread = K_ANY;
  mmsg.size = MAIL_LEN;
  const ret = k_mbox_get(multi_tmbox, mmsg, rxdata, K_FOREVER);

  zassert_equal<i32>(ret, 0, "low prio get msg failed");
  zassert_equal<i32>(memory.compare(rxdata, msg_data + MAIL_LEN, MAIL_LEN), 0, "low prio data error");

  k_sem_give(sync_sema);
}

function thread_high_prio(p1: usize, p2: usize, p3: usize): void {
  const mmsg = changetype<k_mbox_msg>(memory.data(SIZEOF_K_MBOX_MSG, 4)); // static ... = {0}
  const rxdata = memory.data(MAIL_LEN);

  mmsg.rx_source_thread = K_ANY;
  mmsg.size = MAIL_LEN;
  const ret = k_mbox_get(multi_tmbox, mmsg, rxdata, K_FOREVER);

  zassert_equal<i32>(ret, 0, "high prio get msg failed");
  zassert_equal<i32>(memory.compare(rxdata, msg_data, MAIL_LEN), 0, "high prio data error");

  k_sem_give(sync_sema);
}

function setup_mbox_usage(): usize {
  test_mbox_init();
  put_string(msg_data, "send to high prio");
  put_string(msg_data + MAIL_LEN, "send to low prio");
  return 0;
}

// --- suites ----------------------------------------------------------------------------------

const mbox_usage = ZTEST_SUITE("mbox_usage", setup_mbox_usage);
const mbox_usage_1cpu = ZTEST_SUITE(
  "mbox_usage_1cpu",
  setup_mbox_usage,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

// Receive message from any thread with no wait
ZTEST(mbox_usage, "test_msg_receiver", () => {
  atomic.store<i32>(info_type, PUT_GET_NULL);
  msg_receiver(mbox, K_ANY, K_NO_WAIT);

  // Pinned to this CPU, see the header (Zephyr: K_NO_WAIT, no pinning).
  const tid = k_thread_create(STACK_SIZE, test_send, changetype<usize>(mbox), 0, 0, K_PRIO_PREEMPT(0), 0, K_FOREVER);
  k_thread_cpu_pin(tid, arch_curr_cpu_id());
  k_thread_start(tid);

  msg_receiver(mbox, K_ANY, K_MSEC(2));
  k_thread_abort(tid);
});

// Receive message from thread tid1
ZTEST(mbox_usage, "test_msg_receiver_unlimited", () => {
  atomic.store<i32>(info_type, PUT_GET_NULL);

  atomic.store<u32>(tids, changetype<u32>(k_current_get()), 4);
  const tid1 = k_thread_create(
    STACK_SIZE,
    test_send_un,
    changetype<usize>(mbox),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  atomic.store<u32>(tids, changetype<u32>(tid1));

  msg_receiver(mbox, changetype<usize>(tid1), K_FOREVER);
  k_thread_abort(tid1);
});

ZTEST(mbox_usage_1cpu, "test_multi_thread_send_get", () => {
  const mmsg = changetype<k_mbox_msg>(memory.data(SIZEOF_K_MBOX_MSG, 4)); // struct k_mbox_msg mmsg = {0}
  memory.fill(changetype<usize>(mmsg), 0, SIZEOF_K_MBOX_MSG);

  k_sem_reset(sync_sema);
  // Create diff priority thread to receive msg with same mbox
  const low_prio = k_thread_create(
    STACK_SIZE,
    thread_low_prio,
    changetype<usize>(multi_tmbox),
    0,
    0,
    LOW_PRIO,
    0,
    K_NO_WAIT,
  );
  const high_prio = k_thread_create(
    STACK_SIZE,
    thread_high_prio,
    changetype<usize>(multi_tmbox),
    0,
    0,
    HIGH_PRIO,
    0,
    K_NO_WAIT,
  );

  mmsg.size = MAIL_LEN;
  mmsg.tx_data = msg_data;
  mmsg.tx_target_thread = K_ANY;
  k_mbox_put(multi_tmbox, mmsg, K_FOREVER);

  mmsg.size = MAIL_LEN;
  mmsg.tx_data = msg_data + MAIL_LEN;
  mmsg.tx_target_thread = K_ANY;
  k_mbox_put(multi_tmbox, mmsg, K_FOREVER);

  // Sync with threads to ensure process end
  k_sem_take(sync_sema, K_FOREVER);
  k_sem_take(sync_sema, K_FOREVER);

  k_thread_abort(low_prio);
  k_thread_abort(high_prio);
});
