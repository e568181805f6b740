// CONFIG_SCHED_SCALABLE run queue (kernel/include/priority_q.h, z_priq_rb_*): a red-black
// tree of ready threads ordered by priority, then by order_key (insertion order), so threads
// of equal priority come out FIFO like the SIMPLE list.
//
// Zephyr's lib/os/rb.c keeps no parent pointers (it walks with a stack); this tree is the
// textbook one (CLRS, with null leaves) with a parent pointer in every node, so that removal
// and the in-order successor need no stack. Observable order is the same: best = minimum,
// mask_best = first eligible node of an in-order walk (PR #110149's z_priq_rb_mask_best).
//
// Invariants, all under sched_lock (callers hold it; nothing here locks):
// - every linked node is in exactly one tree (k_thread.qnode_rb); an unlinked node is all zero;
// - no red node has a red child; every root-to-null path has the same number of black nodes;
// - order_keys are distinct within a tree and increase in insertion order (on wrap of
//   next_order_key the tree is renumbered 0..n-1 in tree order, see z_priq_rb_add);
// - next_order_key is reset to 0 when the tree becomes empty.

import { _priq_rb, k_thread, rbnode, K_THREAD_QNODE_RB } from "../generated/contract";

// @ts-ignore: decorator
@inline const RED: u32 = 1;
// @ts-ignore: decorator
@inline const BLACK: u32 = 0;

// @ts-ignore: decorator
@inline function N(n: usize): rbnode {
  return changetype<rbnode>(n);
}
// @ts-ignore: decorator
@inline export function thread_of_rbnode(n: usize): k_thread {
  return changetype<k_thread>(n - K_THREAD_QNODE_RB);
}
/** A null leaf is black. */
// @ts-ignore: decorator
@inline function color_of(n: usize): u32 {
  return n == 0 ? BLACK : N(n).color;
}

/** z_priq_rb_lessthan: a sorts before b (higher priority, or equal and inserted earlier). */
function rb_lessthan(a: usize, b: usize): bool {
  const ta = thread_of_rbnode(a),
    tb = thread_of_rbnode(b);
  if (ta.prio != tb.prio) return ta.prio < tb.prio;
  return ta.order_key < tb.order_key;
}

function rotate_left(pq: _priq_rb, x: usize): void {
  const y = N(x).right;
  const yl = N(y).left;
  N(x).right = yl;
  if (yl != 0) N(yl).parent = x;
  const p = N(x).parent;
  N(y).parent = p;
  if (p == 0) pq.root = y;
  else if (x == N(p).left) N(p).left = y;
  else N(p).right = y;
  N(y).left = x;
  N(x).parent = y;
}

function rotate_right(pq: _priq_rb, x: usize): void {
  const y = N(x).left;
  const yr = N(y).right;
  N(x).left = yr;
  if (yr != 0) N(yr).parent = x;
  const p = N(x).parent;
  N(y).parent = p;
  if (p == 0) pq.root = y;
  else if (x == N(p).right) N(p).right = y;
  else N(p).left = y;
  N(y).right = x;
  N(x).parent = y;
}

/** Leftmost node under `n` (n != 0). */
function rb_min_from(n: usize): usize {
  let l = N(n).left;
  while (l != 0) {
    n = l;
    l = N(n).left;
  }
  return n;
}

/** In-order successor of `n`, or 0. */
function rb_next(n: usize): usize {
  const r = N(n).right;
  if (r != 0) return rb_min_from(r);
  let p = N(n).parent;
  while (p != 0 && n == N(p).right) {
    n = p;
    p = N(p).parent;
  }
  return p;
}

function rb_insert(pq: _priq_rb, z: usize): void {
  let y: usize = 0;
  let x = pq.root;
  while (x != 0) {
    y = x;
    x = rb_lessthan(z, x) ? N(x).left : N(x).right;
  }
  N(z).parent = y;
  N(z).left = 0;
  N(z).right = 0;
  N(z).color = RED;
  if (y == 0) pq.root = z;
  else if (rb_lessthan(z, y)) N(y).left = z;
  else N(y).right = z;
  // Fix-up: only a red node under a red parent can break the invariants.
  while (color_of(N(z).parent) == RED) {
    let p = N(z).parent;
    const g = N(p).parent; // p is red, so not the root: g exists
    if (p == N(g).left) {
      const u = N(g).right;
      if (color_of(u) == RED) {
        N(p).color = BLACK;
        N(u).color = BLACK;
        N(g).color = RED;
        z = g;
      } else {
        if (z == N(p).right) {
          z = p;
          rotate_left(pq, z);
          p = N(z).parent;
        }
        N(p).color = BLACK;
        N(g).color = RED;
        rotate_right(pq, g);
      }
    } else {
      const u = N(g).left;
      if (color_of(u) == RED) {
        N(p).color = BLACK;
        N(u).color = BLACK;
        N(g).color = RED;
        z = g;
      } else {
        if (z == N(p).left) {
          z = p;
          rotate_right(pq, z);
          p = N(z).parent;
        }
        N(p).color = BLACK;
        N(g).color = RED;
        rotate_left(pq, g);
      }
    }
  }
  N(pq.root).color = BLACK;
}

/** Puts `v` (may be 0) where `u` hangs. */
function transplant(pq: _priq_rb, u: usize, v: usize): void {
  const p = N(u).parent;
  if (p == 0) pq.root = v;
  else if (u == N(p).left) N(p).left = v;
  else N(p).right = v;
  if (v != 0) N(v).parent = p;
}

function rb_remove(pq: _priq_rb, z: usize): void {
  let x: usize, xp: usize;
  let removed_color = N(z).color;
  if (N(z).left == 0) {
    x = N(z).right;
    xp = N(z).parent;
    transplant(pq, z, x);
  } else if (N(z).right == 0) {
    x = N(z).left;
    xp = N(z).parent;
    transplant(pq, z, x);
  } else {
    const y = rb_min_from(N(z).right);
    removed_color = N(y).color;
    x = N(y).right;
    if (N(y).parent == z) {
      xp = y;
    } else {
      xp = N(y).parent;
      transplant(pq, y, x);
      N(y).right = N(z).right;
      N(N(y).right).parent = y;
    }
    transplant(pq, z, y);
    N(y).left = N(z).left;
    N(N(y).left).parent = y;
    N(y).color = N(z).color;
  }
  N(z).left = 0;
  N(z).right = 0;
  N(z).parent = 0;
  N(z).color = 0;
  if (removed_color != BLACK) return;
  // Fix-up: x (possibly a null leaf under xp) carries an extra black.
  while (x != pq.root && color_of(x) == BLACK) {
    if (x == N(xp).left) {
      let w = N(xp).right; // non-null: its side has black height >= 1
      if (N(w).color == RED) {
        N(w).color = BLACK;
        N(xp).color = RED;
        rotate_left(pq, xp);
        w = N(xp).right;
      }
      if (color_of(N(w).left) == BLACK && color_of(N(w).right) == BLACK) {
        N(w).color = RED;
        x = xp;
        xp = N(x).parent;
      } else {
        if (color_of(N(w).right) == BLACK) {
          N(N(w).left).color = BLACK;
          N(w).color = RED;
          rotate_right(pq, w);
          w = N(xp).right;
        }
        N(w).color = N(xp).color;
        N(xp).color = BLACK;
        N(N(w).right).color = BLACK;
        rotate_left(pq, xp);
        x = pq.root;
        break;
      }
    } else {
      let w = N(xp).left;
      if (N(w).color == RED) {
        N(w).color = BLACK;
        N(xp).color = RED;
        rotate_right(pq, xp);
        w = N(xp).left;
      }
      if (color_of(N(w).right) == BLACK && color_of(N(w).left) == BLACK) {
        N(w).color = RED;
        x = xp;
        xp = N(x).parent;
      } else {
        if (color_of(N(w).left) == BLACK) {
          N(N(w).right).color = BLACK;
          N(w).color = RED;
          rotate_left(pq, w);
          w = N(xp).left;
        }
        N(w).color = N(xp).color;
        N(xp).color = BLACK;
        N(N(w).left).color = BLACK;
        rotate_right(pq, xp);
        x = pq.root;
        break;
      }
    }
  }
  if (x != 0) N(x).color = BLACK;
}

/**
 * z_priq_rb_add: order_key = next_order_key++. When the counter wraps to 0 the queued threads
 * are renumbered 0..n-1 in tree order and `t` takes n (Zephyr renumbers the same way but
 * leaves `t` with its pre-wrap key, the largest there is, which would sort it behind equal
 * threads queued after it; taking n keeps FIFO exact).
 */
export function z_priq_rb_add(pq: _priq_rb, t: k_thread): void {
  t.order_key = pq.next_order_key;
  pq.next_order_key = pq.next_order_key + 1;
  if (pq.next_order_key == 0) {
    let k: u32 = 0;
    let n = pq.root == 0 ? 0 : rb_min_from(pq.root);
    while (n != 0) {
      thread_of_rbnode(n).order_key = k++;
      n = rb_next(n);
    }
    t.order_key = k;
    pq.next_order_key = k + 1;
  }
  rb_insert(pq, changetype<usize>(t) + K_THREAD_QNODE_RB);
}

/** z_priq_rb_remove: unlinks `t`; an emptied tree restarts its order keys at 0. */
export function z_priq_rb_remove(pq: _priq_rb, t: k_thread): void {
  rb_remove(pq, changetype<usize>(t) + K_THREAD_QNODE_RB);
  if (pq.root == 0) pq.next_order_key = 0;
}

/** z_priq_rb_best: the minimum, or null. */
export function z_priq_rb_best(pq: _priq_rb): k_thread | null {
  const r = pq.root;
  return r == 0 ? null : thread_of_rbnode(rb_min_from(r));
}

/** The thread after `t` in tree order, or null. */
export function z_priq_rb_next(t: k_thread): k_thread | null {
  const n = rb_next(changetype<usize>(t) + K_THREAD_QNODE_RB);
  return n == 0 ? null : thread_of_rbnode(n);
}

/** z_priq_rb_mask_best: the first thread in tree order whose cpu_mask has `bit`, or null. */
export function z_priq_rb_mask_best(pq: _priq_rb, bit: u32): k_thread | null {
  const r = pq.root;
  let n = r == 0 ? 0 : rb_min_from(r);
  while (n != 0) {
    const t = thread_of_rbnode(n);
    if ((t.cpu_mask & bit) != 0) return t;
    n = rb_next(n);
  }
  return null;
}
