// k_poll on pipes and triggered work (k_work_poll_*): what the translated Zephyr suites
// (test/conformance/poll.ts, work_queue.ts) do not reach. The poll suite read has no pipe
// events, and work_queue's triggered tests fire each item from the thread that submitted it,
// on signals only.
// - test_poll_pipe: K_POLL_TYPE_PIPE_DATA_AVAILABLE is ready only while the pipe's ring holds
//   bytes, and a writer on another thread makes a waiting k_poll return.
// - test_triggered_by_sem_and_fifo: a triggered work watching a semaphore and a FIFO runs once,
//   with poll_result 0 and the ready event's state, when another thread gives the semaphore.
// - test_triggered_ownership: -EADDRINUSE while another queue owns the item; submitting again
//   to the same queue re-arms it (the old registration is cancelled); cancel then succeeds.
// - test_triggered_reinit: k_work_poll_init on an item that still waits forgets it (Zephyr
//   leaves it registered on its object; wasmp unlinks it so that the kernel's list stays
//   sound), so its event no longer runs it, and other items still trigger.
// - test_triggered_ping_pong: ROUNDS hand-offs between a thread and a handler that re-arms its
//   own item each time, across CPUs: a lost registration or a double run fails the count.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  zassert_true,
  k_msleep,
  k_thread_create,
  k_thread_join,
  K_FOREVER,
  K_NO_WAIT,
  K_SECONDS,
  K_MSEC,
  k_pipe,
  k_pipe_init,
  k_pipe_write,
  k_pipe_read,
  SIZEOF_K_PIPE,
  k_poll,
  k_poll_event,
  k_poll_signal,
  SIZEOF_K_POLL_SIGNAL,
  k_poll_signal_init,
  k_poll_signal_raise,
  k_poll_signal_reset,
  K_POLL_EVENT_INITIALIZER,
  K_POLL_TYPE_PIPE_DATA_AVAILABLE,
  K_POLL_STATE_PIPE_DATA_AVAILABLE,
  K_POLL_TYPE_SEM_AVAILABLE,
  K_POLL_TYPE_FIFO_DATA_AVAILABLE,
  K_POLL_TYPE_SIGNAL,
  K_POLL_STATE_NOT_READY,
  K_POLL_STATE_SEM_AVAILABLE,
  K_POLL_MODE_NOTIFY_ONLY,
  k_sem,
  K_SEM_DEFINE,
  k_sem_give,
  k_sem_take,
  k_sem_count_get,
  K_FIFO_DEFINE,
  k_work,
  k_work_q,
  SIZEOF_K_WORK_Q,
  k_work_queue_start,
  k_work_poll,
  SIZEOF_K_WORK_POLL,
  k_work_poll_init,
  k_work_poll_submit,
  k_work_poll_submit_to_queue,
  k_work_poll_cancel,
  EAGAIN,
  EADDRINUSE,
  EINVAL,
} from "wasmp";

const PRIO = 5;
const ROUNDS: i32 = 20000;

// --- k_poll on a pipe ---------------------------------------------------------------------

const pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));
const pipe_ring = memory.data(16, 4);
const pipe_bytes = memory.data(8, 4);

function pipe_writer(p1: usize, p2: usize, p3: usize): void {
  k_msleep(20);
  store<u32>(pipe_bytes, 0x11223344);
  zassert_equal<i32>(k_pipe_write(pipe, pipe_bytes, 4, K_NO_WAIT), 4);
}

const poll_pipe = ZTEST_SUITE("poll_pipe");

ZTEST(poll_pipe, "test_poll_pipe", () => {
  k_pipe_init(pipe, pipe_ring, 16);
  const events = [
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_PIPE_DATA_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(pipe)),
  ];
  zassert_equal<i32>(k_poll(events, K_NO_WAIT), -EAGAIN, "an empty pipe has no data");
  zassert_equal<u32>(events[0].state, K_POLL_STATE_NOT_READY);

  const t = k_thread_create(1024, pipe_writer, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  zassert_equal<i32>(k_poll(events, K_SECONDS(2)), 0, "the writer's bytes make the pipe ready");
  zassert_equal<u32>(events[0].state, K_POLL_STATE_PIPE_DATA_AVAILABLE);
  k_thread_join(t, K_FOREVER);

  store<u32>(pipe_bytes + 4, 0);
  zassert_equal<i32>(k_pipe_read(pipe, pipe_bytes + 4, 4, K_NO_WAIT), 4);
  zassert_equal<u32>(load<u32>(pipe_bytes + 4), 0x11223344);
  events[0].state = K_POLL_STATE_NOT_READY;
  zassert_equal<i32>(k_poll(events, K_NO_WAIT), -EAGAIN, "a drained pipe has no data");
});

// --- triggered work -----------------------------------------------------------------------

const tw = changetype<k_work_poll>(memory.data(SIZEOF_K_WORK_POLL, 16));
const tw2 = changetype<k_work_poll>(memory.data(SIZEOF_K_WORK_POLL, 16));
const runs = memory.data(4, 4);
const last_result = memory.data(4, 4);
const last_state = memory.data(4, 4);
const events_of_tw = memory.data(4, 4);
const ran = K_SEM_DEFINE(0, 1000000);
const sem = K_SEM_DEFINE(0, 1);
const fifo = K_FIFO_DEFINE();
const sig = changetype<k_poll_signal>(memory.data(SIZEOF_K_POLL_SIGNAL, 4));
const sig2 = changetype<k_poll_signal>(memory.data(SIZEOF_K_POLL_SIGNAL, 4));
const other_q = changetype<k_work_q>(memory.data(SIZEOF_K_WORK_Q, 16));

function counting_handler(work: k_work): void {
  const w = changetype<k_work_poll>(changetype<usize>(work));
  store<i32>(last_result, w.poll_result);
  const events = changetype<k_poll_event[]>(load<usize>(events_of_tw));
  store<u32>(last_state, events[0].state);
  atomic.add<i32>(runs, 1);
  k_sem_give(ran);
}

function reset_counts(): void {
  store<i32>(runs, 0);
  store<i32>(last_result, 1);
  store<u32>(last_state, 0xffffffff);
  while (k_sem_take(ran, K_NO_WAIT) == 0) {}
}

function sem_giver(p1: usize, p2: usize, p3: usize): void {
  k_msleep(20);
  k_sem_give(sem);
}

const triggered = ZTEST_SUITE("triggered_work");

ZTEST(triggered, "test_triggered_by_sem_and_fifo", () => {
  reset_counts();
  k_work_poll_init(tw, counting_handler);
  const events = [
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sem)),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_FIFO_DATA_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(fifo)),
  ];
  store<usize>(events_of_tw, changetype<usize>(events));
  zassert_equal<i32>(k_work_poll_submit(tw, events, K_SECONDS(5)), 0);
  const t = k_thread_create(1024, sem_giver, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  zassert_equal<i32>(k_sem_take(ran, K_SECONDS(5)), 0, "the semaphore did not trigger the work");
  k_thread_join(t, K_FOREVER);
  zassert_equal<i32>(load<i32>(runs), 1);
  zassert_equal<i32>(load<i32>(last_result), 0, "poll_result is 0 for an event");
  zassert_equal<u32>(load<u32>(last_state), K_POLL_STATE_SEM_AVAILABLE);
  zassert_equal<u32>(events[1].state, K_POLL_STATE_NOT_READY, "the FIFO stayed empty");
  // The handler does not take the semaphore: it is still there, and the item ran once.
  zassert_equal<u32>(k_sem_count_get(sem), 1);
  zassert_equal<i32>(k_sem_take(sem, K_NO_WAIT), 0);
  k_msleep(20);
  zassert_equal<i32>(load<i32>(runs), 1, "the item ran more than once");
});

ZTEST(triggered, "test_triggered_ownership", () => {
  reset_counts();
  k_work_queue_start(other_q, 2048, PRIO, null);
  k_poll_signal_init(sig);
  k_work_poll_init(tw, counting_handler);
  const events = [K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sig))];
  store<usize>(events_of_tw, changetype<usize>(events));
  zassert_equal<i32>(k_work_poll_submit_to_queue(other_q, tw, events, K_FOREVER), 0);
  zassert_equal<i32>(k_work_poll_submit(tw, events, K_FOREVER), -EADDRINUSE, "another queue owns it");
  // Again to its own queue: re-armed, now with a timeout that must not fire before the signal.
  zassert_equal<i32>(k_work_poll_submit_to_queue(other_q, tw, events, K_SECONDS(5)), 0);
  zassert_equal<i32>(k_poll_signal_raise(sig, 7), 0);
  zassert_equal<i32>(k_sem_take(ran, K_SECONDS(5)), 0, "the signal did not trigger the work");
  zassert_equal<i32>(load<i32>(last_result), 0);
  zassert_equal<i32>(load<i32>(runs), 1, "re-arming left a second registration");
  zassert_equal<i32>(k_work_poll_cancel(tw), -EINVAL, "it ran: nothing to cancel");
  // Armed again and cancelled: the signal no longer runs it.
  k_poll_signal_reset(sig);
  events[0].state = K_POLL_STATE_NOT_READY;
  zassert_equal<i32>(k_work_poll_submit_to_queue(other_q, tw, events, K_FOREVER), 0);
  zassert_equal<i32>(k_work_poll_cancel(tw), 0);
  zassert_equal<i32>(k_poll_signal_raise(sig, 8), 0);
  zassert_true(k_sem_take(ran, K_MSEC(50)) != 0, "a cancelled item ran");
  // Cancelled, it has no owner: the system queue may take it.
  zassert_equal<i32>(k_work_poll_submit(tw, events, K_FOREVER), 0, "ran at once: the signal is raised");
  zassert_equal<i32>(k_sem_take(ran, K_SECONDS(5)), 0);
});

ZTEST(triggered, "test_triggered_reinit", () => {
  reset_counts();
  k_poll_signal_init(sig);
  k_poll_signal_init(sig2);
  k_work_poll_init(tw, counting_handler);
  k_work_poll_init(tw2, counting_handler);
  const events = [K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sig))];
  const events2 = [K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sig2))];
  store<usize>(events_of_tw, changetype<usize>(events2));
  zassert_equal<i32>(k_work_poll_submit(tw, events, K_SECONDS(1)), 0);
  zassert_equal<i32>(k_work_poll_submit(tw2, events2, K_FOREVER), 0);
  k_work_poll_init(tw, counting_handler); // while it waits
  zassert_equal<i32>(k_poll_signal_raise(sig, 1), 0);
  zassert_true(k_sem_take(ran, K_MSEC(50)) != 0, "a re-initialised item ran");
  zassert_equal<i32>(k_poll_signal_raise(sig2, 1), 0);
  zassert_equal<i32>(k_sem_take(ran, K_SECONDS(5)), 0, "the other item did not trigger");
  // tw's old timeout (1 s) was dropped with it.
  zassert_true(k_sem_take(ran, K_SECONDS(1) + K_MSEC(50)) != 0, "a re-initialised item's timeout ran it");
  zassert_equal<i32>(load<i32>(runs), 1);
});

const ping = K_SEM_DEFINE(0, 1);
const pp_events = memory.data(4, 4);

function ping_pong_handler(work: k_work): void {
  const n = atomic.add<i32>(runs, 1) + 1;
  if (n < ROUNDS) {
    k_poll_signal_reset(sig);
    const events = changetype<k_poll_event[]>(load<usize>(pp_events));
    events[0].state = K_POLL_STATE_NOT_READY;
    zassert_equal<i32>(k_work_poll_submit(tw, events, K_FOREVER), 0);
  }
  k_sem_give(ping);
}

function pinger(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ROUNDS; i++) {
    zassert_equal<i32>(k_poll_signal_raise(sig, i), 0);
    zassert_equal<i32>(k_sem_take(ping, K_SECONDS(5)), 0, `round ${i}: the handler did not run`);
  }
}

ZTEST(triggered, "test_triggered_ping_pong", () => {
  reset_counts();
  k_poll_signal_init(sig);
  k_work_poll_init(tw, ping_pong_handler);
  const events = [K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sig))];
  store<usize>(pp_events, changetype<usize>(events));
  zassert_equal<i32>(k_work_poll_submit(tw, events, K_FOREVER), 0);
  const t = k_thread_create(1024, pinger, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  k_thread_join(t, K_FOREVER);
  zassert_equal<i32>(load<i32>(runs), ROUNDS);
  k_msleep(10);
  zassert_equal<i32>(load<i32>(runs), ROUNDS, "an item ran after its last round");
});
