// Translation of Zephyr tests/kernel/msgq/msgq_usage/src/main.c (zephyrproject-rtos/zephyr at
// 184b2de71c29e26e2e484c166cda470d79056de3, the newest copy the search index holds in full;
// later versions move it to the ZTEST(msgq_usage, test_msgq_usage) API unchanged): a service
// manager, two services and a client talking through message queues; test_msgq_usage.
// Same queues, semaphores, threads (all at the test thread's priority), timeouts (100 ms
// client waits, 10 ms sleeps, the test's two 500 ms semaphore timeouts) and assertions, with
// these differences:
// - `unsigned long` is u32 (as on Zephyr's 32-bit targets): messages of the manager and the
//   client are two words, pointers to queues included.
// - struct k_msgq objects are zeroed static memory; the `static unsigned long` arrays of each
//   thread function, services[], pclient and the *_run flags are words in static memory
//   (shared by every CPU); the thread ids are the test's locals, except the manager's, which
//   the test only aborts.
// - Z_TIMEOUT_MS(500) is K_MSEC(500); TC_PRINT is printk.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  printk,
  k_msgq,
  SIZEOF_K_MSGQ,
  K_MSGQ_DEFINE,
  k_msgq_init,
  k_msgq_put,
  k_msgq_get,
  k_msgq_purge,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_thread_abort,
  k_thread_join,
  k_thread_priority_get,
  k_current_get,
  k_tid_t,
  k_msleep,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
} from "wasmp";

const MSGQ_LEN: u32 = 2;
const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const NUM_SERVICES = 2;
const TIMEOUT_MS = 100;
const SIZEOF_ULONG: u32 = 4;

const manager_q = K_MSGQ_DEFINE(memory.data(SIZEOF_ULONG * 2 * 4, 4), SIZEOF_ULONG * 2, 4);
const service1_msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const service2_msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const client_msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const service_sema = K_SEM_DEFINE(2, 2);
const service_started = K_SEM_DEFINE(0, 2);
const test_continue = K_SEM_DEFINE(0, 1);
const service1_buf = memory.data(4 * MSGQ_LEN, 4);
const service2_buf = memory.data(4 * MSGQ_LEN, 4);
const client_buf = memory.data(4 * MSGQ_LEN * 2, 4);
// struct k_msgq *services[NUM_SERVICES]; struct k_msgq *pclient; bool service1_run, service2_run
const services = memory.data(4 * NUM_SERVICES, 4);
const pclient = memory.data(4, 4);
const service1_run = memory.data(4, 4);
const service2_run = memory.data(4, 4);

// enum message_info
const QUERRY_SERVICE: u32 = 1;
const REGISTER_SERVICE1: u32 = 2;
const REGISTER_SERVICE2: u32 = 3;
const GET_SERVICE: u32 = 4;
const SERVICE1_RUNNING: u32 = 5;
const SERVICE2_RUNNING: u32 = 6;
const SERVICE_QUIT: u32 = 7;

function service_at(i: i32): u32 {
  return atomic.load<u32>(services + 4 * <usize>i);
}
function set_service(i: i32, q: u32): void {
  atomic.store<u32>(services + 4 * <usize>i, q);
}

function service_manager_entry(p1: usize, p2: usize, p3: usize): void {
  const data = memory.data(8, 4); // static unsigned long data[2]

  while (true) {
    k_msgq_get(manager_q, data, K_FOREVER);
    switch (load<u32>(data)) {
      case QUERRY_SERVICE:
        atomic.store<u32>(pclient, load<u32>(data, 4));
        k_msgq_put(changetype<k_msgq>(atomic.load<u32>(pclient)), services, K_NO_WAIT);
        break;
      case REGISTER_SERVICE1:
        set_service(0, load<u32>(data, 4));
        k_sem_give(service_started);
        break;
      case REGISTER_SERVICE2:
        set_service(1, load<u32>(data, 4));
        k_sem_give(service_started);
        break;
      case SERVICE_QUIT:
        for (let i = 0; i < NUM_SERVICES; i++) {
          if (service_at(i) == load<u32>(data, 4)) {
            set_service(i, 0);
          }
        }
        /* wake up threads waiting for this queue */
        k_msgq_purge(changetype<k_msgq>(load<u32>(data, 4)));
        break;
      default:
        printk(`Unknown message ${load<u32>(data)}\n`);
        break;
    }
    k_msleep(10);
  }
}

function start_service_manager(): k_tid_t {
  const pri = k_thread_priority_get(k_current_get());

  return k_thread_create(STACK_SIZE, service_manager_entry, 0, 0, 0, pri, 0, K_NO_WAIT);
}

function service1_entry(p1: usize, p2: usize, p3: usize): void {
  const service_data = memory.data(8, 4); // static unsigned long service_data[2]

  store<u32>(service_data, REGISTER_SERVICE1);
  store<u32>(service_data, <u32>changetype<usize>(service1_msgq), 4);

  k_msgq_init(service1_msgq, service1_buf, 4 * MSGQ_LEN, 1);
  const ret = k_msgq_put(manager_q, service_data, K_NO_WAIT);
  zassert_equal(ret, 0, "Can't register service");

  k_sem_take(service_sema, K_NO_WAIT);
  while (atomic.load<u32>(service1_run) != 0) {
    k_msgq_get(service1_msgq, service_data, K_FOREVER);
    if (load<u32>(service_data) == GET_SERVICE) {
      const client = changetype<k_msgq>(load<u32>(service_data, 4));
      store<u32>(service_data, SERVICE1_RUNNING);
      k_msgq_put(client, service_data, K_NO_WAIT);
    }
    k_msleep(10);
  }

  /* inform services manager */
  store<u32>(service_data, SERVICE_QUIT);
  store<u32>(service_data, <u32>changetype<usize>(service1_msgq), 4);
  k_msgq_put(manager_q, service_data, K_NO_WAIT);
}

function service2_entry(p1: usize, p2: usize, p3: usize): void {
  const service_data = memory.data(8, 4); // static unsigned long service_data[2]

  store<u32>(service_data, REGISTER_SERVICE2);
  store<u32>(service_data, <u32>changetype<usize>(service2_msgq), 4);

  k_msgq_init(service2_msgq, service2_buf, 4 * MSGQ_LEN, 1);
  const ret = k_msgq_put(manager_q, service_data, K_NO_WAIT);
  zassert_equal(ret, 0, "Can't register service");

  k_sem_take(service_sema, K_NO_WAIT);
  while (atomic.load<u32>(service2_run) != 0) {
    k_msgq_get(service2_msgq, service_data, K_FOREVER);
    if (load<u32>(service_data) == GET_SERVICE) {
      const client = changetype<k_msgq>(load<u32>(service_data, 4));
      store<u32>(service_data, SERVICE2_RUNNING);
      k_msgq_put(client, service_data, K_NO_WAIT);
    }
    k_msleep(10);
  }

  /* inform services manager */
  store<u32>(service_data, SERVICE_QUIT);
  store<u32>(service_data, <u32>changetype<usize>(service2_msgq), 4);
  k_msgq_put(manager_q, service_data, K_NO_WAIT);
}

function register_service(tids: k_tid_t[]): void {
  const pri = k_thread_priority_get(k_current_get());

  atomic.store<u32>(service1_run, 1);
  tids[0] = k_thread_create(STACK_SIZE, service1_entry, 0, 0, 0, pri, 0, K_NO_WAIT);

  atomic.store<u32>(service2_run, 1);
  tids[1] = k_thread_create(STACK_SIZE, service2_entry, 0, 0, 0, pri, 0, K_NO_WAIT);
}

function client_entry(p1: usize, p2: usize, p3: usize): void {
  const client_data = memory.data(8, 4); // static unsigned long client_data[2]
  const service_data = memory.data(8, 4); // static unsigned long service_data[2]
  let service1q: u32;
  let service2q: u32;
  let query_service = false;

  k_msgq_init(client_msgq, client_buf, SIZEOF_ULONG * 2, 2);
  store<u32>(client_data, QUERRY_SERVICE);
  store<u32>(client_data, <u32>changetype<usize>(client_msgq), 4);

  /* wait all services started */
  k_sem_take(service_started, K_FOREVER);
  k_sem_take(service_started, K_FOREVER);

  /* query services */
  k_msgq_put(manager_q, client_data, K_NO_WAIT);
  let ret = k_msgq_get(client_msgq, service_data, K_FOREVER);
  zassert_equal(ret, 0);

  service1q = load<u32>(service_data);
  service2q = load<u32>(service_data, 4);
  /* all services should be running */
  zassert_equal(service1q, <u32>changetype<usize>(service1_msgq));
  zassert_equal(service2q, <u32>changetype<usize>(service2_msgq));
  /* let the test thread continue */
  k_sem_give(test_continue);

  while (true) {
    /* service might quit */
    if (query_service) {
      store<u32>(client_data, QUERRY_SERVICE);
      store<u32>(client_data, <u32>changetype<usize>(client_msgq), 4);
      k_msgq_put(manager_q, client_data, K_NO_WAIT);
      k_msgq_get(client_msgq, service_data, K_FOREVER);
      service1q = load<u32>(service_data);
      service2q = load<u32>(service_data, 4);
      query_service = false;
    }

    if (service1q == 0 && service2q == 0) {
      break;
    }

    store<u32>(client_data, GET_SERVICE);
    store<u32>(client_data, <u32>changetype<usize>(client_msgq), 4);

    if (service1q != 0) {
      k_msgq_put(changetype<k_msgq>(service1q), client_data, K_NO_WAIT);
      ret = k_msgq_get(client_msgq, service_data, K_MSEC(TIMEOUT_MS));
      if (ret == 0) {
        zassert_equal(load<u32>(service_data), SERVICE1_RUNNING);
      } else {
        /* service might down, query in next loop */
        query_service = true;
      }
    }

    if (service2q != 0) {
      k_msgq_put(changetype<k_msgq>(service2q), client_data, K_NO_WAIT);
      ret = k_msgq_get(client_msgq, service_data, K_MSEC(TIMEOUT_MS));
      if (ret == 0) {
        zassert_equal(load<u32>(service_data), SERVICE2_RUNNING);
      } else {
        query_service = true;
      }
    }
    k_msleep(10);
  }
}

function start_client(): k_tid_t {
  const pri = k_thread_priority_get(k_current_get());

  return k_thread_create(STACK_SIZE, client_entry, 0, 0, 0, pri, 0, K_NO_WAIT);
}

function test_msgq_usage(): void {
  const tservice_manager = start_service_manager();
  const tservice = new Array<k_tid_t>(2);
  register_service(tservice);
  const tclient = start_client();
  /* waiting to continue */
  k_sem_take(test_continue, K_FOREVER);

  /* rather than schedule this thread by k_msleep(), use semaphore with
   * a timeout value, so there is no give operation over service_sema
   */
  printk("try to kill service1\n");
  k_sem_take(service_sema, K_MSEC(500));
  atomic.store<u32>(service1_run, 0);

  printk("try to kill service2\n");
  k_sem_take(service_sema, K_MSEC(500));
  atomic.store<u32>(service2_run, 0);

  k_thread_join(tservice[0], K_FOREVER);
  k_thread_join(tservice[1], K_FOREVER);
  k_thread_join(tclient, K_FOREVER);
  k_thread_abort(tservice_manager);
}

const msgq_usage = ZTEST_SUITE("msgq_usage");
ZTEST(msgq_usage, "test_msgq_usage", test_msgq_usage);
