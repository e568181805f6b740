// Mirrors assembly/kernel/priq_rb.ts (CONFIG_SCHED_SCALABLE): the same red-black tree with
// parent pointers over k_thread.qnode_rb, ordered by (prio, order_key), with the same
// rotations in the same order, so that both leave identical bytes (test/differential.test.ts).
// Nodes are addresses of rbnode structs; 0 is a null (black) leaf. Lock: the caller holds
// sched_lock, as in the kernel.

import { _priq_rb, k_thread, rbnode } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";

const RED = 1,
  BLACK = 0;
const L = rbnode.left >> 2,
  R = rbnode.right >> 2,
  P = rbnode.parent >> 2,
  C = rbnode.color >> 2;

export function thread_of_rbnode(n: number): number {
  return n - k_thread.qnode_rb;
}

/** Red-black tree operations on one KernelMem (u32 view). */
class Tree {
  constructor(
    readonly u: Uint32Array,
    readonly i: Int32Array,
    readonly pq: number,
  ) {}
  l(n: number): number {
    return this.u[(n >> 2) + L]!;
  }
  r(n: number): number {
    return this.u[(n >> 2) + R]!;
  }
  p(n: number): number {
    return this.u[(n >> 2) + P]!;
  }
  c(n: number): number {
    return n === 0 ? BLACK : this.u[(n >> 2) + C]!;
  }
  setL(n: number, v: number): void {
    this.u[(n >> 2) + L] = v;
  }
  setR(n: number, v: number): void {
    this.u[(n >> 2) + R] = v;
  }
  setP(n: number, v: number): void {
    this.u[(n >> 2) + P] = v;
  }
  setC(n: number, v: number): void {
    this.u[(n >> 2) + C] = v;
  }
  get root(): number {
    return this.u[(this.pq + _priq_rb.root) >> 2]!;
  }
  set root(v: number) {
    this.u[(this.pq + _priq_rb.root) >> 2] = v;
  }

  lessthan(a: number, b: number): boolean {
    const ta = thread_of_rbnode(a),
      tb = thread_of_rbnode(b);
    const pa = this.i[(ta + k_thread.prio) >> 2]!,
      pb = this.i[(tb + k_thread.prio) >> 2]!;
    if (pa !== pb) return pa < pb;
    return this.u[(ta + k_thread.order_key) >> 2]! < this.u[(tb + k_thread.order_key) >> 2]!;
  }

  rotateLeft(x: number): void {
    const y = this.r(x),
      yl = this.l(y);
    this.setR(x, yl);
    if (yl !== 0) this.setP(yl, x);
    const p = this.p(x);
    this.setP(y, p);
    if (p === 0) this.root = y;
    else if (x === this.l(p)) this.setL(p, y);
    else this.setR(p, y);
    this.setL(y, x);
    this.setP(x, y);
  }

  rotateRight(x: number): void {
    const y = this.l(x),
      yr = this.r(y);
    this.setL(x, yr);
    if (yr !== 0) this.setP(yr, x);
    const p = this.p(x);
    this.setP(y, p);
    if (p === 0) this.root = y;
    else if (x === this.r(p)) this.setR(p, y);
    else this.setL(p, y);
    this.setR(y, x);
    this.setP(x, y);
  }

  minFrom(n: number): number {
    let l = this.l(n);
    while (l !== 0) {
      n = l;
      l = this.l(n);
    }
    return n;
  }

  next(n: number): number {
    const r = this.r(n);
    if (r !== 0) return this.minFrom(r);
    let p = this.p(n);
    while (p !== 0 && n === this.r(p)) {
      n = p;
      p = this.p(p);
    }
    return p;
  }

  insert(z: number): void {
    let y = 0,
      x = this.root;
    while (x !== 0) {
      y = x;
      x = this.lessthan(z, x) ? this.l(x) : this.r(x);
    }
    this.setP(z, y);
    this.setL(z, 0);
    this.setR(z, 0);
    this.setC(z, RED);
    if (y === 0) this.root = z;
    else if (this.lessthan(z, y)) this.setL(y, z);
    else this.setR(y, z);
    while (this.c(this.p(z)) === RED) {
      let p = this.p(z);
      const g = this.p(p);
      if (p === this.l(g)) {
        const u = this.r(g);
        if (this.c(u) === RED) {
          this.setC(p, BLACK);
          this.setC(u, BLACK);
          this.setC(g, RED);
          z = g;
        } else {
          if (z === this.r(p)) {
            z = p;
            this.rotateLeft(z);
            p = this.p(z);
          }
          this.setC(p, BLACK);
          this.setC(g, RED);
          this.rotateRight(g);
        }
      } else {
        const u = this.l(g);
        if (this.c(u) === RED) {
          this.setC(p, BLACK);
          this.setC(u, BLACK);
          this.setC(g, RED);
          z = g;
        } else {
          if (z === this.l(p)) {
            z = p;
            this.rotateRight(z);
            p = this.p(z);
          }
          this.setC(p, BLACK);
          this.setC(g, RED);
          this.rotateLeft(g);
        }
      }
    }
    this.setC(this.root, BLACK);
  }

  transplant(u: number, v: number): void {
    const p = this.p(u);
    if (p === 0) this.root = v;
    else if (u === this.l(p)) this.setL(p, v);
    else this.setR(p, v);
    if (v !== 0) this.setP(v, p);
  }

  remove(z: number): void {
    let x: number, xp: number;
    let removed = this.c(z);
    if (this.l(z) === 0) {
      x = this.r(z);
      xp = this.p(z);
      this.transplant(z, x);
    } else if (this.r(z) === 0) {
      x = this.l(z);
      xp = this.p(z);
      this.transplant(z, x);
    } else {
      const y = this.minFrom(this.r(z));
      removed = this.c(y);
      x = this.r(y);
      if (this.p(y) === z) {
        xp = y;
      } else {
        xp = this.p(y);
        this.transplant(y, x);
        this.setR(y, this.r(z));
        this.setP(this.r(y), y);
      }
      this.transplant(z, y);
      this.setL(y, this.l(z));
      this.setP(this.l(y), y);
      this.setC(y, this.c(z));
    }
    this.setL(z, 0);
    this.setR(z, 0);
    this.setP(z, 0);
    this.setC(z, 0);
    if (removed !== BLACK) return;
    while (x !== this.root && this.c(x) === BLACK) {
      if (x === this.l(xp)) {
        let w = this.r(xp);
        if (this.c(w) === RED) {
          this.setC(w, BLACK);
          this.setC(xp, RED);
          this.rotateLeft(xp);
          w = this.r(xp);
        }
        if (this.c(this.l(w)) === BLACK && this.c(this.r(w)) === BLACK) {
          this.setC(w, RED);
          x = xp;
          xp = this.p(x);
        } else {
          if (this.c(this.r(w)) === BLACK) {
            this.setC(this.l(w), BLACK);
            this.setC(w, RED);
            this.rotateRight(w);
            w = this.r(xp);
          }
          this.setC(w, this.c(xp));
          this.setC(xp, BLACK);
          this.setC(this.r(w), BLACK);
          this.rotateLeft(xp);
          x = this.root;
          break;
        }
      } else {
        let w = this.l(xp);
        if (this.c(w) === RED) {
          this.setC(w, BLACK);
          this.setC(xp, RED);
          this.rotateRight(xp);
          w = this.l(xp);
        }
        if (this.c(this.r(w)) === BLACK && this.c(this.l(w)) === BLACK) {
          this.setC(w, RED);
          x = xp;
          xp = this.p(x);
        } else {
          if (this.c(this.l(w)) === BLACK) {
            this.setC(this.r(w), BLACK);
            this.setC(w, RED);
            this.rotateLeft(w);
            w = this.l(xp);
          }
          this.setC(w, this.c(xp));
          this.setC(xp, BLACK);
          this.setC(this.l(w), BLACK);
          this.rotateRight(xp);
          x = this.root;
          break;
        }
      }
    }
    if (x !== 0) this.setC(x, BLACK);
  }
}

const tree = (m: KernelMem, pq: number): Tree => new Tree(m.u32, m.i32, pq);

/** z_priq_rb_add: order_key = next_order_key++; on wrap, renumber the tree in order, then t. */
export function z_priq_rb_add(m: KernelMem, pq: number, t: number): void {
  const u = m.u32,
    nk = (pq + _priq_rb.next_order_key) >> 2;
  u[(t + k_thread.order_key) >> 2] = u[nk]!;
  u[nk] = (u[nk]! + 1) >>> 0;
  const tr = tree(m, pq);
  if (u[nk] === 0) {
    let k = 0;
    let n = tr.root === 0 ? 0 : tr.minFrom(tr.root);
    while (n !== 0) {
      u[(thread_of_rbnode(n) + k_thread.order_key) >> 2] = k++;
      n = tr.next(n);
    }
    u[(t + k_thread.order_key) >> 2] = k; // t goes last among its equals (see the kernel's comment)
    u[nk] = k + 1;
  }
  tr.insert(t + k_thread.qnode_rb);
}

/** z_priq_rb_remove: unlinks `t`; an emptied tree restarts its order keys at 0. */
export function z_priq_rb_remove(m: KernelMem, pq: number, t: number): void {
  const tr = tree(m, pq);
  tr.remove(t + k_thread.qnode_rb);
  if (tr.root === 0) m.u32[(pq + _priq_rb.next_order_key) >> 2] = 0;
}

/** z_priq_rb_best: the minimum, or 0. */
export function z_priq_rb_best(m: KernelMem, pq: number): number {
  const tr = tree(m, pq);
  return tr.root === 0 ? 0 : thread_of_rbnode(tr.minFrom(tr.root));
}

/** z_priq_rb_mask_best: the first thread in tree order whose cpu_mask has `bit`, or 0. */
export function z_priq_rb_mask_best(m: KernelMem, pq: number, bit: number): number {
  const tr = tree(m, pq);
  let n = tr.root === 0 ? 0 : tr.minFrom(tr.root);
  while (n !== 0) {
    const t = thread_of_rbnode(n);
    if ((m.u32[(t + k_thread.cpu_mask) >> 2]! & bit) !== 0) return t;
    n = tr.next(n);
  }
  return 0;
}

/** Threads of the tree at `pq` in order (for tests and dumps). */
export function z_priq_rb_threads(m: KernelMem, pq: number): number[] {
  const tr = tree(m, pq),
    out: number[] = [];
  let n = tr.root === 0 ? 0 : tr.minFrom(tr.root);
  while (n !== 0) {
    out.push(thread_of_rbnode(n));
    n = tr.next(n);
  }
  return out;
}
