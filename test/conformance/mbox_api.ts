// Translation of Zephyr tests/kernel/mbox/mbox_api/src/test_mbox_api.c: the newest stored
// copy (search-index file 55799343443, which the index names no commit for; it extends
// aed8107e1025f1adca252c2a41e79e29bf345a1a with test_mbox_put_timeout, a real
// ASYNC_PUT_GET_BLOCK case (the receiver takes 16 of 64 bytes, both sides see size 16) and
// the name test_mbox_enhanced_capabilities): suite mbox_api, all 19 tests.
// Same threads, priorities, timeouts (TIMEOUT 100 ms), sizes, message cases and assertions,
// with these differences:
// - Zephyr builds this suite with CONFIG_MP_NUM_CPUS=1 (prj.conf); it runs here on 1, 2 and
//   4 CPUs unchanged (the kernel's matching is SMP-safe; where a case depends on who runs
//   first, both orders reach the same assertions).
// - Tests are registered in the order Zephyr runs them: ztest's iterable sections are sorted
//   by name, so the tests run alphabetically (test_define_multi_mbox first), and a case leaves
//   the mailbox as Zephyr's does for the next one (ASYNC_MULTIPLE_PUT leaves its two messages
//   for &async_tid queued until test_mbox_kinit re-initialises `mbox`).
// - Descriptors (`struct k_mbox_msg mmsg = {0}`) and rxdata are zeroed kernel-heap blocks
//   (k_mbox_msg_alloc / k_malloc), freed when the function returns; the mailboxes, semaphores,
//   message queue and buffers are static memory.
// - Thread identities: k_thread_create allocates its thread, so tids live in static words.
//   `&async_tid` is an address in Zephyr before any thread is created in it (ASYNC_MULTIPLE_PUT
//   runs before the first k_thread_create(&async_tid, ...)): here a static placeholder block
//   until that first creation, then the created thread. random_tid is never assigned in
//   Zephyr (NULL, that is K_ANY); so here.
// - data[][] is filled with Zephyr's four strings by the suite setup.
// - CONFIG_NUM_MBOX_ASYNC_MSGS=5 (prj.conf) has no counterpart: wasmp's async descriptors come
//   from the kernel heap and are recycled, never fewer than needed.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  K_NO_WAIT,
  K_FOREVER,
  K_MSEC,
  K_PRIO_PREEMPT,
  ENOMSG,
  EAGAIN,
  k_mbox,
  K_ANY,
  K_MBOX_DEFINE,
  k_mbox_init,
  k_mbox_put,
  k_mbox_async_put,
  k_mbox_get,
  k_mbox_data_get,
  k_mbox_msg_alloc,
  SIZEOF_K_MBOX,
  K_SEM_DEFINE,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  K_MSGQ_DEFINE,
  k_msgq_init,
  k_msgq_put,
  k_thread_create,
  k_thread_abort,
  k_current_get,
  k_tid_t,
  k_malloc,
  k_free,
} from "wasmp";

const TIMEOUT = K_MSEC(100);
const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const MAIL_LEN = 64;
// Receiver buffer smaller than the sent message, to exercise size negotiation.
const TRUNCATED_SIZE = 16;

//TESTPOINT: init via K_MBOX_DEFINE
const kmbox = K_MBOX_DEFINE();

const mbox = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));

// static k_tid_t sender_tid, receiver_tid, random_tid; the tid of async_tid and waiting_get_tid[5]
const tids = memory.data(8 * 4, 4);
// @ts-ignore: decorator
@inline function SENDER_TID(): usize {
  return atomic.load<u32>(tids);
}
// @ts-ignore: decorator
@inline function RECEIVER_TID(): usize {
  return atomic.load<u32>(tids, 4);
}
// @ts-ignore: decorator
@inline function RANDOM_TID(): usize {
  return atomic.load<u32>(tids, 8);
}
// &async_tid
// @ts-ignore: decorator
@inline function ASYNC_TID(): usize {
  return atomic.load<u32>(tids, 12);
}
function waiting_get_tid(i: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tids + 16 + ((<usize>i) << 2)));
}
/** What `&async_tid` is before the first thread is created in it. */
const async_tid_placeholder = memory.data(16, 16);

const end_sema = K_SEM_DEFINE(0, 1);
const sync_sema = K_SEM_DEFINE(0, 1);

const PUT_GET_NULL = 0;
const PUT_GET_BUFFER = 1;
const ASYNC_PUT_GET_BUFFER = 2;
const ASYNC_PUT_GET_BLOCK = 3;
const TARGET_SOURCE_THREAD_BUFFER = 4;
const MAX_INFO_TYPE = 5;
const INCORRECT_RECEIVER_TID = 6;
const INCORRECT_TRANSMIT_TID = 7;
const TIMED_OUT_MBOX_GET = 8;
const MSG_TID_MISMATCH = 9;
const DISPOSE_SIZE_0_MSG = 10;
const ASYNC_PUT_TO_WAITING_GET = 11;
const GET_WAITING_PUT_INCORRECT_TID = 12;
const ASYNC_MULTIPLE_PUT = 13;
const MULTIPLE_WAITING_GET = 14;
const info_type_word = memory.data(4, 4);
// @ts-ignore: decorator
@inline function info_type(): i32 {
  return atomic.load<i32>(info_type_word);
}
function set_info_type(t: i32): void {
  atomic.store<i32>(info_type_word, t);
}

// static char data[MAX_INFO_TYPE][MAIL_LEN]
const data_area = memory.data(MAX_INFO_TYPE * MAIL_LEN, 4);
function data(i: i32): usize {
  return data_area + <usize>i * MAIL_LEN;
}
function fill_data(): void {
  const strings = [
    "send/recv an empty message",
    "send/recv msg using a buffer",
    "async send/recv msg using a memory block",
    "specify target/source thread, using a memory block",
  ];
  memory.fill(data_area, 0, MAX_INFO_TYPE * MAIL_LEN);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    for (let j = 0; j < s.length; j++) store<u8>(data(i) + j, <u8>s.charCodeAt(j));
  }
}

function async_put_sema_give(p1: usize, p2: usize, p3: usize): void {
  k_sem_give(sync_sema);
}

function create_async_tid(entry: (p1: usize, p2: usize, p3: usize) => void, prio: i32): void {
  const t = k_thread_create(STACK_SIZE, entry, 0, 0, 0, prio, 0, K_NO_WAIT);
  atomic.store<u32>(tids, changetype<u32>(t), 12);
}

function mbox_get_waiting_thread(p1: usize, p2: usize, p3: usize): void {
  const thread_number = <i32>p1;
  const pmbox = changetype<k_mbox>(p2);
  const mmsg = k_mbox_msg_alloc()!;

  switch (thread_number) {
    case 0:
      mmsg.rx_source_thread = K_ANY;
      break;
    case 1:
      mmsg.rx_source_thread = RANDOM_TID();
      break;
    case 2:
      mmsg.rx_source_thread = RECEIVER_TID();
      break;
    case 3:
      mmsg.rx_source_thread = ASYNC_TID();
      break;
    case 4:
      mmsg.rx_source_thread = K_ANY;
      break;
    default:
      break;
  }

  mmsg.size = 0;
  zassert_true(k_mbox_get(pmbox, mmsg, 0, K_FOREVER) == 0, `Failure at thread number ${thread_number}`);
  k_free(changetype<usize>(mmsg));
}

function tmbox_put(pmbox: k_mbox): void {
  const mmsg = k_mbox_msg_alloc()!;

  switch (info_type()) {
    case PUT_GET_NULL:
      //TESTPOINT: mbox sync put empty message
      mmsg.info = PUT_GET_NULL;
      mmsg.size = 0;
      mmsg.tx_data = 0;
      mmsg.tx_target_thread = K_ANY;
      k_mbox_put(pmbox, mmsg, K_FOREVER);
      break;
    case PUT_GET_BUFFER:
    // fallthrough
    case TARGET_SOURCE_THREAD_BUFFER:
      //TESTPOINT: mbox sync put buffer
      mmsg.info = PUT_GET_BUFFER;
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(info_type());
      if (info_type() == TARGET_SOURCE_THREAD_BUFFER) {
        mmsg.tx_target_thread = RECEIVER_TID();
      } else {
        mmsg.tx_target_thread = K_ANY;
      }
      k_mbox_put(pmbox, mmsg, K_FOREVER);
      break;
    case ASYNC_PUT_GET_BUFFER:
      //TESTPOINT: mbox async put buffer
      mmsg.info = ASYNC_PUT_GET_BUFFER;
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(info_type());
      mmsg.tx_target_thread = K_ANY;
      k_mbox_async_put(pmbox, mmsg, sync_sema);
      // wait for msg being taken
      k_sem_take(sync_sema, K_FOREVER);
      break;
    case ASYNC_PUT_GET_BLOCK:
      // Offer a full buffer to a receiver that accepts fewer bytes. The kernel must truncate
      // the transfer and report the negotiated (smaller) size back to the sender.
      mmsg.info = PUT_GET_BUFFER;
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(ASYNC_PUT_GET_BLOCK);
      mmsg.tx_target_thread = K_ANY;
      k_mbox_put(pmbox, mmsg, K_FOREVER);
      //TESTPOINT: sender learns the actually transferred size
      zassert_equal<u32>(mmsg.size, TRUNCATED_SIZE, `sender size not negotiated down: ${mmsg.size}`);
      break;
    case INCORRECT_TRANSMIT_TID:
      mmsg.tx_target_thread = RANDOM_TID();
      zassert_true(k_mbox_put(pmbox, mmsg, K_NO_WAIT) == -ENOMSG);
      break;
    case MSG_TID_MISMATCH:
      // keep one msg in the queue and try to get with a wrong tid
      mmsg.info = PUT_GET_NULL;
      mmsg.size = 0;
      mmsg.tx_data = 0;
      mmsg.tx_target_thread = SENDER_TID();
      // timeout because this msg won't be received with a _get
      k_mbox_put(pmbox, mmsg, TIMEOUT);
      break;
    case DISPOSE_SIZE_0_MSG:
      // Get a msg and dispose it by making the size = 0
      mmsg.size = 0;
      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = K_ANY;
      zassert_true(k_mbox_put(pmbox, mmsg, K_FOREVER) == 0);
      break;
    case ASYNC_PUT_TO_WAITING_GET:
      k_sem_take(sync_sema, K_FOREVER);
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(0);
      mmsg.tx_target_thread = K_ANY;
      k_mbox_async_put(pmbox, mmsg, null);
      break;
    case GET_WAITING_PUT_INCORRECT_TID:
      k_sem_take(sync_sema, K_FOREVER);
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(0);
      mmsg.tx_target_thread = RANDOM_TID();
      k_mbox_async_put(pmbox, mmsg, sync_sema);
      break;
    case ASYNC_MULTIPLE_PUT:
      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(0);
      mmsg.tx_target_thread = K_ANY;
      k_mbox_async_put(pmbox, mmsg, null);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = ASYNC_TID();
      k_mbox_async_put(pmbox, mmsg, null);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = RECEIVER_TID();
      k_mbox_async_put(pmbox, mmsg, null);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = ASYNC_TID();
      k_mbox_async_put(pmbox, mmsg, null);

      mmsg.tx_data = data(2);
      mmsg.tx_target_thread = RECEIVER_TID();
      k_mbox_async_put(pmbox, mmsg, sync_sema);

      k_sem_take(sync_sema, K_FOREVER);
      break;
    case MULTIPLE_WAITING_GET:
      k_sem_take(sync_sema, K_FOREVER);

      mmsg.size = MAIL_LEN;
      mmsg.tx_data = data(0);
      mmsg.tx_target_thread = K_ANY;
      k_mbox_put(pmbox, mmsg, K_NO_WAIT);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = ASYNC_TID();
      k_mbox_put(pmbox, mmsg, K_NO_WAIT);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = RECEIVER_TID();
      k_mbox_put(pmbox, mmsg, K_NO_WAIT);

      mmsg.tx_data = data(1);
      mmsg.tx_target_thread = ASYNC_TID();
      k_mbox_put(pmbox, mmsg, K_NO_WAIT);

      mmsg.tx_data = data(2);
      mmsg.tx_target_thread = RECEIVER_TID();
      k_mbox_put(pmbox, mmsg, K_NO_WAIT);
      break;
    default:
      break;
  }
  k_free(changetype<usize>(mmsg));
}

function tmbox_get(pmbox: k_mbox): void {
  const mmsg = k_mbox_msg_alloc()!;
  const rxdata = k_malloc(MAIL_LEN);

  switch (info_type()) {
    case PUT_GET_NULL:
      //TESTPOINT: mbox sync get buffer
      mmsg.size = MAIL_LEN;
      mmsg.rx_source_thread = K_ANY;
      // verify return value
      zassert_true(k_mbox_get(pmbox, mmsg, rxdata, K_FOREVER) == 0);
      // verify .info
      zassert_equal<u32>(mmsg.info, PUT_GET_NULL);
      // verify .size
      zassert_equal<u32>(mmsg.size, 0);
      break;
    case PUT_GET_BUFFER:
    // fallthrough
    case TARGET_SOURCE_THREAD_BUFFER:
      //TESTPOINT: mbox sync get buffer
      mmsg.size = MAIL_LEN;
      if (info_type() == TARGET_SOURCE_THREAD_BUFFER) {
        mmsg.rx_source_thread = SENDER_TID();
      } else {
        mmsg.rx_source_thread = K_ANY;
      }
      zassert_true(k_mbox_get(pmbox, mmsg, rxdata, K_FOREVER) == 0);
      zassert_equal<u32>(mmsg.info, PUT_GET_BUFFER);
      zassert_equal<u32>(mmsg.size, MAIL_LEN);
      // verify rxdata
      zassert_true(memory.compare(rxdata, data(info_type()), MAIL_LEN) == 0);
      break;
    case ASYNC_PUT_GET_BUFFER:
      //TESTPOINT: mbox async get buffer
      mmsg.size = MAIL_LEN;
      mmsg.rx_source_thread = K_ANY;
      zassert_true(k_mbox_get(pmbox, mmsg, 0, K_FOREVER) == 0);
      zassert_equal<u32>(mmsg.info, ASYNC_PUT_GET_BUFFER);
      zassert_equal<u32>(mmsg.size, MAIL_LEN);
      k_mbox_data_get(mmsg, rxdata);
      zassert_true(memory.compare(rxdata, data(info_type()), MAIL_LEN) == 0);
      break;
    case ASYNC_PUT_GET_BLOCK:
      // Accept fewer bytes than were sent: the message must be truncated to the receiver's
      // size and only that prefix copied.
      mmsg.size = TRUNCATED_SIZE;
      mmsg.rx_source_thread = K_ANY;
      zassert_equal<i32>(k_mbox_get(pmbox, mmsg, rxdata, K_FOREVER), 0);
      //TESTPOINT: message truncated to the receiver's size
      zassert_equal<u32>(mmsg.size, TRUNCATED_SIZE, `receiver size not truncated: ${mmsg.size}`);
      zassert_true(memory.compare(rxdata, data(ASYNC_PUT_GET_BLOCK), TRUNCATED_SIZE) == 0);
      break;
    case INCORRECT_RECEIVER_TID:
      mmsg.rx_source_thread = RANDOM_TID();
      zassert_true(k_mbox_get(pmbox, mmsg, 0, K_NO_WAIT) == -ENOMSG);
      break;
    case TIMED_OUT_MBOX_GET:
      mmsg.rx_source_thread = RANDOM_TID();
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == -EAGAIN);
      break;
    case MSG_TID_MISMATCH:
      mmsg.rx_source_thread = RANDOM_TID();
      zassert_true(k_mbox_get(pmbox, mmsg, 0, K_NO_WAIT) == -ENOMSG);
      break;
    case DISPOSE_SIZE_0_MSG:
      mmsg.rx_source_thread = K_ANY;
      mmsg.size = 0;
      zassert_true(k_mbox_get(pmbox, mmsg, rxdata, K_FOREVER) == 0);
      break;
    case ASYNC_PUT_TO_WAITING_GET:
      // Create a new thread to trigger the semaphore needed for the async put.
      create_async_tid(async_put_sema_give, K_PRIO_PREEMPT(0));
      mmsg.rx_source_thread = K_ANY;
      mmsg.size = 0;
      // Here get is blocked until the thread we created releases the semaphore and the async
      // put completes it operation.
      zassert_true(k_mbox_get(pmbox, mmsg, 0, K_FOREVER) == 0);
      break;
    case GET_WAITING_PUT_INCORRECT_TID:
      // Create a new thread to trigger the semaphore needed for the async put.
      create_async_tid(async_put_sema_give, K_PRIO_PREEMPT(0));
      mmsg.rx_source_thread = ASYNC_TID();
      mmsg.size = 0;
      // Here the get is waiting for a async put to complete but the TIDs of the msgs doesn't
      // match and hence causing a timeout.
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == -EAGAIN);
      // clean up
      mmsg.rx_source_thread = K_ANY;
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == 0);
      break;
    case ASYNC_MULTIPLE_PUT:
      // Async put has now populated the msgs. Now retrieve all the msgs from the mailbox.
      mmsg.rx_source_thread = K_ANY;
      mmsg.size = 0;
      // get K_any msg
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == 0);
      // get the msg specific to receiver_tid
      mmsg.rx_source_thread = SENDER_TID();
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == 0);
      // get msg from async or random tid
      mmsg.rx_source_thread = K_ANY;
      zassert_true(k_mbox_get(pmbox, mmsg, 0, TIMEOUT) == 0);
      break;
    case MULTIPLE_WAITING_GET:
      // Create 5 threads who will wait on a mbox_get.
      for (let i: u32 = 0; i < 5; i++) {
        const t = k_thread_create(
          STACK_SIZE,
          mbox_get_waiting_thread,
          <usize>i,
          changetype<usize>(pmbox),
          0,
          K_PRIO_PREEMPT(0),
          0,
          K_NO_WAIT,
        );
        atomic.store<u32>(tids + 16 + ((<usize>i) << 2), changetype<u32>(t));
      }
      // Create a new thread to trigger the semaphore needed for the async put. This will
      // trigger the start of the msg transfer.
      create_async_tid(async_put_sema_give, K_PRIO_PREEMPT(1));
      break;
    default:
      break;
  }
  k_free(rxdata);
  k_free(changetype<usize>(mmsg));
}

// entry of contexts
function tmbox_entry(p1: usize, p2: usize, p3: usize): void {
  tmbox_get(changetype<k_mbox>(p1));
  k_sem_give(end_sema);
}

function tmbox(pmbox: k_mbox): void {
  // test case setup
  k_sem_reset(end_sema);
  k_sem_reset(sync_sema);

  //TESTPOINT: thread-thread data passing via mbox
  atomic.store<u32>(tids, changetype<u32>(k_current_get()));
  const receiver_tid = k_thread_create(
    STACK_SIZE,
    tmbox_entry,
    changetype<usize>(pmbox),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  atomic.store<u32>(tids, changetype<u32>(receiver_tid), 4);

  tmbox_put(pmbox);
  k_sem_take(end_sema, K_FOREVER);

  // test case teardown
  k_thread_abort(receiver_tid);
}

// Suite setup: create the semaphores and the shared mailbox used by the tests.
function setup_mbox_api(): usize {
  k_sem_init(end_sema, 0, 1);
  k_sem_init(sync_sema, 0, 1);
  k_mbox_init(mbox);
  fill_data();
  atomic.store<u32>(tids, <u32>async_tid_placeholder, 12);
  return 0;
}

const mbox_api = ZTEST_SUITE("mbox_api", setup_mbox_api);

ZTEST(mbox_api, "test_define_multi_mbox", () => {
  //TESTPOINT: init via k_mbox_init
  const mbox1 = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));
  const mbox2 = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));
  const mbox3 = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));

  k_mbox_init(mbox1);
  k_mbox_init(mbox2);
  k_mbox_init(mbox3);

  // verify via send message
  set_info_type(PUT_GET_NULL);
  tmbox(mbox1);
  tmbox(mbox2);
  tmbox(mbox3);
});

ZTEST(mbox_api, "test_mbox_async_multiple_put", () => {
  set_info_type(ASYNC_MULTIPLE_PUT);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_async_put_get_block", () => {
  set_info_type(ASYNC_PUT_GET_BLOCK);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_async_put_get_buffer", () => {
  set_info_type(ASYNC_PUT_GET_BUFFER);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_async_put_to_waiting_get", () => {
  set_info_type(ASYNC_PUT_TO_WAITING_GET);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_dispose_size_0_msg", () => {
  set_info_type(DISPOSE_SIZE_0_MSG);
  tmbox(mbox);
});

// static ZTEST_BMEM char __aligned(4) buffer[8]; struct k_msgq msgq (a local in Zephyr)
const msgq_buffer = memory.data(8, 4);
const msgq = K_MSGQ_DEFINE(msgq_buffer, 4, 2);

ZTEST(mbox_api, "test_mbox_enhanced_capabilities", () => {
  set_info_type(ASYNC_PUT_GET_BUFFER);
  k_msgq_init(msgq, msgq_buffer, 4, 2);
  // send buffer with message queue
  const ret = k_msgq_put(msgq, data(info_type()), K_NO_WAIT);
  zassert_equal<i32>(ret, 0, "message queue put successful");
  // send same buffer with mailbox
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_get_waiting_put_incorrect_tid", () => {
  set_info_type(GET_WAITING_PUT_INCORRECT_TID);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_incorrect_receiver_tid", () => {
  set_info_type(INCORRECT_RECEIVER_TID);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_incorrect_transmit_tid", () => {
  set_info_type(INCORRECT_TRANSMIT_TID);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_kdefine", () => {
  set_info_type(PUT_GET_NULL);
  tmbox(kmbox);
});

ZTEST(mbox_api, "test_mbox_kinit", () => {
  //TESTPOINT: init via k_mbox_init
  k_mbox_init(mbox);
});

ZTEST(mbox_api, "test_mbox_msg_tid_mismatch", () => {
  set_info_type(MSG_TID_MISMATCH);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_multiple_waiting_get", () => {
  set_info_type(MULTIPLE_WAITING_GET);
  tmbox(mbox);
  // cleanup the sender threads
  for (let i = 0; i < 5; i++) k_thread_abort(waiting_get_tid(i));
});

ZTEST(mbox_api, "test_mbox_put_get_buffer", () => {
  set_info_type(PUT_GET_BUFFER);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_put_get_null", () => {
  set_info_type(PUT_GET_NULL);
  tmbox(mbox);
});

// Receiver that performs a single blocking empty get, used to satisfy a synchronous put within
// its timeout.
function put_timeout_receiver(p1: usize, p2: usize, p3: usize): void {
  const mmsg = k_mbox_msg_alloc()!;
  mmsg.size = 0;
  mmsg.rx_source_thread = K_ANY;
  k_mbox_get(changetype<k_mbox>(p1), mmsg, 0, K_FOREVER);
  k_free(changetype<usize>(mmsg));
}

ZTEST(mbox_api, "test_mbox_put_timeout", () => {
  const mmsg = k_mbox_msg_alloc()!;

  // No receiver waiting: a finite-timeout put must time out.
  mmsg.info = PUT_GET_NULL;
  mmsg.size = 0;
  mmsg.tx_data = 0;
  mmsg.tx_target_thread = K_ANY;
  zassert_equal<i32>(k_mbox_put(mbox, mmsg, TIMEOUT), -EAGAIN, "put with no receiver did not time out");

  // Receiver waiting: the same finite-timeout put must succeed.
  const rtid = k_thread_create(
    STACK_SIZE,
    put_timeout_receiver,
    changetype<usize>(mbox),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  mmsg.size = 0;
  mmsg.tx_data = 0;
  mmsg.tx_target_thread = K_ANY;
  zassert_equal<i32>(k_mbox_put(mbox, mmsg, TIMEOUT), 0, "put with a waiting receiver failed");
  k_thread_abort(rtid);
  k_free(changetype<usize>(mmsg));
});

ZTEST(mbox_api, "test_mbox_target_source_thread_buffer", () => {
  set_info_type(TARGET_SOURCE_THREAD_BUFFER);
  tmbox(mbox);
});

ZTEST(mbox_api, "test_mbox_timed_out_mbox_get", () => {
  set_info_type(TIMED_OUT_MBOX_GET);
  tmbox(mbox);
});
