// Pipes and mailboxes across CPUs: what the translated Zephyr suites (test/conformance/pipe_api_*.ts,
// mbox_*.ts) do not reach, because Zephyr runs them with one thread on each side at a time.
// - test_mbox_sync_handoff: a receiver waiting in k_mbox_get is matched by a synchronous
//   k_mbox_put, which readies it and then pends itself until the receiver disposes of the
//   message. On SMP the receiver can run at once on another CPU and dispose before the sender
//   has pended; Zephyr's mailbox.c (built for its tests with one CPU) then finds the sender
//   still running, does not ready it, and the sender pends forever. wasmp's receiver takes the
//   mailbox lock first, which the sender holds until it has pended. With Zephyr's unlocked
//   dispose this test hung in 4 of 4 runs on 2 and 4 CPUs.
// - test_pipe_stream_*: a writer and a reader on different CPUs move a numbered byte stream
//   through a small ring and through a pipe without one (every byte copied straight into the
//   waiting reader), in uneven chunks; the reader checks every byte.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  zassert_true,
  k_thread_create,
  k_thread_join,
  k_thread_abort,
  K_FOREVER,
  K_NO_WAIT,
  K_SECONDS,
  K_ANY,
  k_mbox,
  k_mbox_init,
  k_mbox_put,
  k_mbox_get,
  k_mbox_msg_alloc,
  SIZEOF_K_MBOX,
  k_pipe,
  k_pipe_init,
  k_pipe_write,
  k_pipe_read,
  SIZEOF_K_PIPE,
  k_free,
} from "wasmp";

const HANDOFFS: u32 = 100000;
const STREAM_BYTES: u32 = 200000;
const PRIO = 5;

const mb = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));

function mbox_receiver(p1: usize, p2: usize, p3: usize): void {
  const m = k_mbox_msg_alloc()!;
  const buf = memory.data(4, 4);
  for (let i: u32 = 0; i < HANDOFFS; i++) {
    m.size = 4;
    m.rx_source_thread = K_ANY;
    zassert_equal<i32>(k_mbox_get(mb, m, buf, K_FOREVER), 0);
    zassert_equal<u32>(load<u32>(buf), i, "messages out of order");
  }
  k_free(changetype<usize>(m));
}

function mbox_sender(p1: usize, p2: usize, p3: usize): void {
  const m = k_mbox_msg_alloc()!;
  const d = memory.data(4, 4);
  for (let i: u32 = 0; i < HANDOFFS; i++) {
    store<u32>(d, i);
    m.size = 4;
    m.tx_data = d;
    m.tx_target_thread = K_ANY;
    zassert_equal<i32>(k_mbox_put(mb, m, K_FOREVER), 0);
    zassert_equal<u32>(m.size, 4, "the receiver took the whole message");
  }
  k_free(changetype<usize>(m));
}

const pipe_mbox_smp = ZTEST_SUITE("pipe_mbox_smp");

ZTEST(pipe_mbox_smp, "test_mbox_sync_handoff", () => {
  k_mbox_init(mb);
  const r = k_thread_create(1024, mbox_receiver, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  const s = k_thread_create(1024, mbox_sender, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  const rr = k_thread_join(r, K_SECONDS(20));
  const rs = k_thread_join(s, K_SECONDS(1));
  if (rr != 0 || rs != 0) {
    k_thread_abort(r);
    k_thread_abort(s);
  }
  zassert_equal<i32>(rr, 0, "receiver stuck");
  zassert_equal<i32>(rs, 0, "sender stuck");
});

const pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));

// Chunk sizes cycle through 1..37 on the writer and 1..53 on the reader.
function pipe_writer(p1: usize, p2: usize, p3: usize): void {
  const chunk = memory.data(64);
  let next: u32 = 0;
  let n: u32 = 1;
  while (next < STREAM_BYTES) {
    const len = min(n, STREAM_BYTES - next);
    for (let j: u32 = 0; j < len; j++) store<u8>(chunk + j, <u8>(next + j));
    let sent: u32 = 0;
    while (sent < len) {
      const rc = k_pipe_write(pipe, chunk + sent, len - sent, K_FOREVER);
      zassert_true(rc > 0, `k_pipe_write returned ${rc}`);
      sent += <u32>rc;
    }
    next += len;
    n = (n % 37) + 1;
  }
}

function pipe_reader(p1: usize, p2: usize, p3: usize): void {
  const chunk = memory.data(64);
  let next: u32 = 0;
  let n: u32 = 1;
  while (next < STREAM_BYTES) {
    const want = min(n, STREAM_BYTES - next);
    const rc = k_pipe_read(pipe, chunk, want, K_FOREVER);
    zassert_true(rc > 0 && <u32>rc <= want, `k_pipe_read returned ${rc}`);
    for (let j: u32 = 0; j < <u32>rc; j++) {
      if (load<u8>(chunk + j) != <u8>(next + j))
        zassert_equal<u32>(load<u8>(chunk + j), <u8>(next + j), `byte ${next + j}`);
    }
    next += <u32>rc;
    n = (n % 53) + 1;
  }
}

function stream(ring: usize, size: usize): void {
  k_pipe_init(pipe, ring, size);
  const r = k_thread_create(1024, pipe_reader, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  const w = k_thread_create(1024, pipe_writer, 0, 0, 0, PRIO, 0, K_NO_WAIT);
  const rr = k_thread_join(r, K_SECONDS(20));
  const rw = k_thread_join(w, K_SECONDS(1));
  if (rr != 0 || rw != 0) {
    k_thread_abort(r);
    k_thread_abort(w);
  }
  zassert_equal<i32>(rr, 0, "reader stuck");
  zassert_equal<i32>(rw, 0, "writer stuck");
}

ZTEST(pipe_mbox_smp, "test_pipe_stream_ring", () => {
  stream(memory.data(24), 24);
});

ZTEST(pipe_mbox_smp, "test_pipe_stream_unbuffered", () => {
  stream(0, 0);
});
