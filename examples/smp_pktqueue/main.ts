// Zephyr's samples/arch/smp/pktqueue, ported: simulated IP header validation on several CPUs.
// QUEUE_NUM "sender" queues of SIZE_OF_QUEUE random 24-byte packet headers, each with a CRC-16
// in bytes 10..11, are drained by one queue thread each, which starts THREADS_NUM workers; a
// worker takes a header from its sender queue, recomputes the CRC and moves the header to the
// receiver queue if it matches. Each queue is guarded by its own k_mutex. main checks that every
// receiver queue got every header and prints "RESULT: OK" (or "RESULT: FAIL").
//
//   wasmp run examples/smp_pktqueue/main.ts --config examples/smp_pktqueue/prj.conf --cpus 4
//
// Upstream: zephyrproject-rtos/zephyr samples/arch/smp/pktqueue/src/main.c at commit
// 2b08ff956477414445696281845c2118bd3d4aa8, src/pktqueue.c at 88ba54c9412d7313b8f832ab1032d3d0ddfa8717
// and src/pktqueue.h at 86fd97f20de6097463419e32dca0434e5846b1ff (Apache-2.0); prj.conf is
// upstream's, unchanged (commit 816ad1f27fbbef8434eead3cbc4876fb4bce75b5). Same names, queue and
// thread counts (2 queues, CONFIG_MP_MAX_NUM_CPUS + 1 workers each), queue size (5000, not
// scaled: a run takes well under a second), priorities (workers K_PRIO_PREEMPT(10), queue threads
// K_PRIO_PREEMPT(11), main at CONFIG_MAIN_THREAD_PRIORITY=11 from prj.conf), polynomial, seeds and
// loop structure. Differences:
// - CONFIG_MP_MAX_NUM_CPUS is a run-time value in wasmp: THREADS_NUM is arch_num_cpus() + 1
//   (Zephyr's arch_num_cpus() is CONFIG_MP_MAX_NUM_CPUS), and the stack array is sized for
//   MAX_CPUS. The `static struct k_thread` arrays are gone (k_thread_create allocates the
//   thread); queue_thread keeps its workers' handles to join them (next point).
// - Upstream's queue_thread decrements queues_remain as soon as the sender queue is empty, while
//   the last headers may still be in a worker between dequeue and enqueue; main then counts the
//   receiver queue short and prints RESULT: FAIL. On hardware the 1 ms sleeps hide that race; a
//   host that deschedules a virtual CPU for longer does not, so the port's queue_thread also
//   joins its workers (k_thread_join) before it decrements queues_remain.
// - queue_thread passes its workers the queue number itself as arg3, not the address of its
//   local (AssemblyScript cannot take a local's address); main passes `i` the same way (unused,
//   as upstream). Globals shared by all CPUs (queues_remain, current_queue, the arrays) are
//   static memory; the polling loops read the counts with atomic loads, where C relies on the
//   compiler reloading a global across k_sleep.
// - The walk of a receiver queue stops after SIZE_OF_QUEUE + 1 steps (a queue corrupted into a
//   cycle would hang upstream's walk).
// - Added checks, after upstream's: crc16 with POLYNOMIAL and seed 0 gives the CRC catalogue's
//   check value for "123456789" (CRC-16/UMTS, 0xfee8), so the CRCs that agree are the right
//   ones; and every header of queue i is in receiver queue i exactly once. Each failure prints a
//   line saying what is wrong; main returns 0 on RESULT: OK, 1 otherwise (upstream returns 0).

import {
  printk,
  arch_num_cpus,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_THREAD_STACK_ARRAY_DEFINE,
  K_MUTEX_DEFINE,
  k_mutex,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  SIZEOF_K_MUTEX,
  MAX_CPUS,
  K_PRIO_PREEMPT,
  K_NO_WAIT,
  K_FOREVER,
  K_MSEC,
  k_sleep,
  k_cycle_get_32,
  k_cyc_to_ns_floor64,
  crc16,
  sys_rand8_get,
} from "wasmp";

// --- pktqueue.h -----------------------------------------------------------------------------

@unmanaged
class phdr_desc {
  /** Next pkt descriptor in respective queue (a phdr_desc address, 0 for NULL). */
  next: usize;
  /** Pointer to header */
  ptr: usize;
}

@unmanaged
class phdr_desc_queue {
  /** packet headers are removed from here */
  head: usize;
  /** packet headers are added here */
  tail: usize;
  count: i32;
}

// --- pktqueue.c -----------------------------------------------------------------------------

/* Put a packet header in a queue defined in argument */
function phdr_desc_enqueue(queue: phdr_desc_queue, desc: phdr_desc, mutex: k_mutex): void {
  /* Locking queue */
  k_mutex_lock(mutex, K_FOREVER);

  if (queue.count == 0) {
    queue.head = queue.tail = changetype<usize>(desc);
  } else {
    changetype<phdr_desc>(queue.tail).next = changetype<usize>(desc);
    queue.tail = changetype<usize>(desc);
  }
  queue.count++;
  desc.next = 0;

  /* Unlocking queue */
  k_mutex_unlock(mutex);
}

/* Take a packet header from queue defined in argument */
function phdr_desc_dequeue(queue: phdr_desc_queue, mutex: k_mutex): usize {
  let return_ptr: usize = 0;
  /* Locking queue */
  k_mutex_lock(mutex, K_FOREVER);
  if (queue.count != 0) {
    queue.count--;
    return_ptr = queue.head;
    queue.head = changetype<phdr_desc>(queue.head).next;
  }

  /* Unlocking queue */
  k_mutex_unlock(mutex);

  return return_ptr;
}

// --- main.c ---------------------------------------------------------------------------------

/* Amount of parallel processed sender/receiver queues of packet headers */
const QUEUE_NUM = 2;

/* Amount of execution threads per pair of queues*/
function THREADS_NUM(): i32 {
  return arch_num_cpus() + 1; // CONFIG_MP_MAX_NUM_CPUS + 1
}

/* Amount of packet headers in a queue */
const SIZE_OF_QUEUE = 5000;

/* Size of packet header (in bytes) */
const SIZE_OF_HEADER = 24;

/* CRC16 polynomial */
const POLYNOMIAL: u16 = 0x8005;

/* CRC bytes in the packet */
const CRC_BYTE_1 = 10;
const CRC_BYTE_2 = 11;

const STACK_SIZE = 2048;

const SIZEOF_DESC = offsetof<phdr_desc>();
const SIZEOF_DESC_QUEUE = offsetof<phdr_desc_queue>();

/** The workers' handles, [queue][thread] (upstream's tthread array holds the threads themselves). */
const tthread = memory.data((MAX_CPUS + 1) * QUEUE_NUM * sizeof<usize>(), 4);

/* Each queue has its own mutex */
const sender_queue_mtx = memory.data(<i32>SIZEOF_K_MUTEX * QUEUE_NUM, 16);
const receiver_queue_mtx = memory.data(<i32>SIZEOF_K_MUTEX * QUEUE_NUM, 16);

/* Variable which indicates the amount of processed queues */
const queues_remain = memory.data<i32>([QUEUE_NUM]);
/* Variable to define current queue in thread */
const current_queue = memory.data(4, 4);

/* Array of packet header descriptors */
const descriptors = memory.data(QUEUE_NUM * SIZE_OF_QUEUE * <i32>SIZEOF_DESC, 8);

/* Arrays of receiver and sender queues */
const sender = memory.data(QUEUE_NUM * <i32>SIZEOF_DESC_QUEUE, 8);
const receiver = memory.data(QUEUE_NUM * <i32>SIZEOF_DESC_QUEUE, 8);

/* Array of packet headers */
const headers = memory.data(QUEUE_NUM * SIZE_OF_QUEUE * SIZE_OF_HEADER, 8);

const tstack = K_THREAD_STACK_ARRAY_DEFINE((MAX_CPUS + 1) * QUEUE_NUM, STACK_SIZE);
const qstack = K_THREAD_STACK_ARRAY_DEFINE(QUEUE_NUM, STACK_SIZE);

const fetch_queue_mtx = K_MUTEX_DEFINE();

/** &descriptors[q][i] */
function descriptor(q: i32, i: i32): phdr_desc {
  return changetype<phdr_desc>(descriptors + <usize>(q * SIZE_OF_QUEUE + i) * SIZEOF_DESC);
}

/** &headers[q][i] */
function header(q: i32, i: i32): usize {
  return headers + <usize>(q * SIZE_OF_QUEUE + i) * SIZE_OF_HEADER;
}

/** &sender[q], &receiver[q] */
function sender_at(q: i32): phdr_desc_queue {
  return changetype<phdr_desc_queue>(sender + <usize>q * SIZEOF_DESC_QUEUE);
}
function receiver_at(q: i32): phdr_desc_queue {
  return changetype<phdr_desc_queue>(receiver + <usize>q * SIZEOF_DESC_QUEUE);
}

/** &sender_queue_mtx[q], &receiver_queue_mtx[q] */
function sender_mtx(q: i32): k_mutex {
  return changetype<k_mutex>(sender_queue_mtx + <usize>q * SIZEOF_K_MUTEX);
}
function receiver_mtx(q: i32): k_mutex {
  return changetype<k_mutex>(receiver_queue_mtx + <usize>q * SIZEOF_K_MUTEX);
}

/* Function for initializing "sender" packet header queue */
function init_datagram_queue(queue: phdr_desc_queue, queue_num: i32): void {
  queue.head = changetype<usize>(descriptor(queue_num, 0));

  for (let i = 0; i < SIZE_OF_QUEUE; i++) {
    const desc = descriptor(queue_num, i);
    queue.tail = changetype<usize>(desc);
    desc.ptr = header(queue_num, i);
    /* Fill packet header with random values */
    for (let j = 0; j < SIZE_OF_HEADER; j++) {
      /* leave crc field zeroed */
      if (j < CRC_BYTE_1 || j > CRC_BYTE_2) {
        store<u8>(desc.ptr + j, sys_rand8_get());
      } else {
        store<u8>(desc.ptr + j, 0);
      }
    }
    /* Compute crc for further comparison */
    const crc: u16 = crc16(POLYNOMIAL, 0x0000, desc.ptr, SIZE_OF_HEADER);

    /* Save crc value in header[CRC_BYTE_1-CRC_BYTE_2] field */
    store<u8>(desc.ptr + CRC_BYTE_1, <u8>(crc >> 8));
    store<u8>(desc.ptr + CRC_BYTE_2, <u8>crc);
    queue.count++;
    desc.next = changetype<usize>(descriptor(queue_num, i + 1));
  }
}

/* Thread takes packet from "sender" queue and puts it to "receiver" queue.
 * Each queue can be accessed only by one thread in a time. */
function test_thread(arg1: usize, arg2: usize, arg3: usize): void {
  const sender_queue = changetype<phdr_desc_queue>(arg1);
  const receiver_queue = changetype<phdr_desc_queue>(arg2);
  let qin_ptr: usize = 0;
  const queue_num = <i32>arg3;

  /* Fetching one queue */
  let crc: u16, crc_orig: u16;

  qin_ptr = phdr_desc_dequeue(sender_queue, sender_mtx(queue_num));
  while (qin_ptr != 0) {
    const ptr = changetype<phdr_desc>(qin_ptr).ptr;
    /* Store original crc value from header */
    crc_orig = (<u16>load<u8>(ptr + CRC_BYTE_1)) << 8;
    crc_orig |= load<u8>(ptr + 11);

    /* Crc field should be zero before crc calculation */
    store<u8>(ptr + CRC_BYTE_1, 0);
    store<u8>(ptr + CRC_BYTE_2, 0);
    crc = crc16(POLYNOMIAL, 0x0000, ptr, SIZE_OF_HEADER);

    /* Compare computed crc with crc from phdr_desc->crc */
    if (crc == crc_orig) {
      phdr_desc_enqueue(receiver_queue, changetype<phdr_desc>(qin_ptr), receiver_mtx(queue_num));
    }
    /* Take next element from "sender queue" */
    qin_ptr = phdr_desc_dequeue(sender_queue, sender_mtx(queue_num));
  }
}

/* Thread that processes one pair of sender/receiver queue */
function queue_thread(arg1: usize, arg2: usize, arg3: usize): void {
  let queue_num: i32;

  /* Fetching one queue */
  k_mutex_lock(fetch_queue_mtx, K_FOREVER);
  queue_num = load<i32>(current_queue);
  store<i32>(current_queue, queue_num + 1);
  k_mutex_unlock(fetch_queue_mtx);

  const threads = THREADS_NUM();
  for (let i = 0; i < threads; i++) {
    const t = k_thread_create(
      tstack[i + threads * queue_num],
      test_thread,
      changetype<usize>(sender_at(queue_num)),
      changetype<usize>(receiver_at(queue_num)),
      <usize>queue_num,
      K_PRIO_PREEMPT(10),
      0,
      K_NO_WAIT,
    );
    store<usize>(tthread + <usize>(i + threads * queue_num) * sizeof<usize>(), changetype<usize>(t));
  }

  /* Wait until sender queue is not empty */
  while (atomic.load<i32>(changetype<usize>(sender_at(queue_num)), offsetof<phdr_desc_queue>("count")) != 0) {
    k_sleep(K_MSEC(1));
  }

  // Added (see the header): the last headers may still be in a worker; wait for all of them.
  for (let i = 0; i < threads; i++) {
    k_thread_join(
      changetype<k_tid_t>(load<usize>(tthread + <usize>(i + threads * queue_num) * sizeof<usize>())),
      K_FOREVER,
    );
  }

  /* Decrementing queue counter */
  k_mutex_lock(fetch_queue_mtx, K_FOREVER);
  store<i32>(queues_remain, load<i32>(queues_remain) - 1);
  k_mutex_unlock(fetch_queue_mtx);
}

/** CRC-16/UMTS (poly 0x8005, seed 0, not reflected) of "123456789", from the CRC catalogue. */
const CRC16_UMTS_CHECK: u16 = 0xfee8;
const CHECK_INPUT = memory.data<u8>([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);

/** Added: crc16 with POLYNOMIAL and seed 0 is CRC-16/UMTS; 0 if it gives the check value. */
function check_crc16(): i32 {
  const got = crc16(POLYNOMIAL, 0x0000, CHECK_INPUT, 9);
  if (got == CRC16_UMTS_CHECK) return 0;
  printk(
    'CRC check: FAILED: crc16(0x%04x, 0, "123456789") is 0x%04x, expected 0x%04x\n',
    POLYNOMIAL,
    got,
    CRC16_UMTS_CHECK,
  );
  return 1;
}

/** The headers check_receiver has met (one byte each). */
const seen = memory.data(SIZE_OF_QUEUE);

/** Added: every header of queue i is in receiver queue i exactly once; 0 if so. */
function check_receiver(i: i32, seen: usize): i32 {
  memory.fill(seen, 0, SIZE_OF_QUEUE);
  let tmp = receiver_at(i).head;
  let steps = 0;
  while (tmp != 0 && steps <= SIZE_OF_QUEUE) {
    const k = <i32>((tmp - changetype<usize>(descriptor(i, 0))) / SIZEOF_DESC);
    if (tmp < changetype<usize>(descriptor(i, 0)) || k >= SIZE_OF_QUEUE) {
      printk("Check: FAILED: receiver queue %d holds a descriptor of another queue (%p)\n", i, tmp);
      return 1;
    }
    if (load<u8>(seen + k) != 0) {
      printk("Check: FAILED: receiver queue %d holds header %d twice\n", i, k);
      return 1;
    }
    store<u8>(seen + k, 1);
    tmp = changetype<phdr_desc>(tmp).next;
    steps++;
  }
  if (steps != SIZE_OF_QUEUE) {
    printk("Check: FAILED: receiver queue %d holds %d of its %d headers\n", i, steps, SIZE_OF_QUEUE);
    return 1;
  }
  return 0;
}

export function main(): i32 {
  store<i32>(current_queue, 0);
  printk("Simulating IP header validation on multiple cores.\n");
  printk(
    "Each of %d parallel queues is processed by %d threads on %d cores and contain %d packet headers.\n",
    QUEUE_NUM,
    THREADS_NUM(),
    arch_num_cpus(),
    SIZE_OF_QUEUE,
  );
  printk("Bytes in packet header: %d\n\n", SIZE_OF_HEADER);

  /* initializing "sender" queue */
  for (let i = 0; i < QUEUE_NUM; i++) {
    init_datagram_queue(sender_at(i), i);
    k_mutex_init(sender_mtx(i));
    k_mutex_init(receiver_mtx(i));
  }

  /* Capture initial time stamp */
  const start_time: u32 = k_cycle_get_32();

  for (let i = 0; i < QUEUE_NUM; i++) {
    k_thread_create(
      qstack[i],
      queue_thread,
      changetype<usize>(sender_at(i)),
      changetype<usize>(receiver_at(i)),
      <usize>i,
      K_PRIO_PREEMPT(11),
      0,
      K_NO_WAIT,
    );
  }

  /* Wait until all queues are not processed */
  while (atomic.load<i32>(queues_remain) > 0) {
    k_sleep(K_MSEC(1));
  }

  /* Capture final time stamp */
  const stop_time: u32 = k_cycle_get_32();
  const cycles_spent: u32 = stop_time - start_time;
  const nanoseconds_spent = <u32>k_cyc_to_ns_floor64(cycles_spent);

  /* Verify result of packet transmission
   * The counter of correct receiver queues */
  let correct = 0;
  let tmp: usize;
  /* Iterate and count amount of packages in receiver queues */
  for (let i = 0; i < QUEUE_NUM; i++) {
    let count = 0;

    tmp = receiver_at(i).head;
    while (tmp != 0 && count <= SIZE_OF_QUEUE) {
      tmp = changetype<phdr_desc>(tmp).next;
      count++;
    }
    if (receiver_at(i).count == SIZE_OF_QUEUE && count == SIZE_OF_QUEUE) {
      correct++;
    }
  }
  if (correct == QUEUE_NUM) {
    printk(
      "RESULT: OK\nApplication ran successfully.\nAll %d headers were processed in %d msec\n",
      SIZE_OF_QUEUE * QUEUE_NUM,
      nanoseconds_spent / 1000 / 1000,
    );
  } else {
    printk("RESULT: FAIL\nApplication failed.\nThe amount of packets in receiver queue is less than expected.\n");
  }

  // Added checks (see the header).
  let failed = correct == QUEUE_NUM ? 0 : 1;
  failed |= check_crc16();
  for (let i = 0; i < QUEUE_NUM; i++) failed |= check_receiver(i, seen);
  if (failed == 0) printk("Check: OK: CRC-16/UMTS check value right, every header received exactly once\n");

  k_sleep(K_MSEC(10));
  return failed;
}
