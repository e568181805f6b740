// Mirrors assembly/kernel/dlist.ts (include/zephyr/sys/dlist.h): the circular doubly linked
// list of sys_dnode {next, prev} that run queues, wait queues and the timeout list are made of.
// A list head whose next is 0 is an empty, zero-initialised list (append initialises it); an
// unlinked node has next == prev == 0. No locking here: the owner of the list locks it.

import { sys_dnode } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";

export function sys_dlist_init(m: KernelMem, list: number): void {
  m.u32[(list + sys_dnode.next) >> 2] = list;
  m.u32[(list + sys_dnode.prev) >> 2] = list;
}

export function sys_dlist_is_empty(m: KernelMem, list: number): boolean {
  const next = m.u32[(list + sys_dnode.next) >> 2]!;
  return next === list || next === 0;
}

/** The first node, or 0. */
export function sys_dlist_peek_head(m: KernelMem, list: number): number {
  return sys_dlist_is_empty(m, list) ? 0 : m.u32[(list + sys_dnode.next) >> 2]!;
}

/** The node after `node`, or 0 at the end. */
export function sys_dlist_peek_next(m: KernelMem, list: number, node: number): number {
  const n = m.u32[(node + sys_dnode.next) >> 2]!;
  return n === list ? 0 : n;
}

export function sys_dlist_append(m: KernelMem, list: number, node: number): void {
  const u32 = m.u32;
  if (u32[(list + sys_dnode.next) >> 2] === 0) sys_dlist_init(m, list);
  const last = u32[(list + sys_dnode.prev) >> 2]!;
  u32[(node + sys_dnode.next) >> 2] = list;
  u32[(node + sys_dnode.prev) >> 2] = last;
  u32[(last + sys_dnode.next) >> 2] = node;
  u32[(list + sys_dnode.prev) >> 2] = node;
}

/** Inserts `node` before `succ`, which is in a list. */
export function sys_dlist_insert(m: KernelMem, succ: number, node: number): void {
  const u32 = m.u32;
  const prev = u32[(succ + sys_dnode.prev) >> 2]!;
  u32[(node + sys_dnode.prev) >> 2] = prev;
  u32[(node + sys_dnode.next) >> 2] = succ;
  u32[(prev + sys_dnode.next) >> 2] = node;
  u32[(succ + sys_dnode.prev) >> 2] = node;
}

export function sys_dlist_remove(m: KernelMem, node: number): void {
  const u32 = m.u32;
  const prev = u32[(node + sys_dnode.prev) >> 2]!;
  const next = u32[(node + sys_dnode.next) >> 2]!;
  u32[(prev + sys_dnode.next) >> 2] = next;
  u32[(next + sys_dnode.prev) >> 2] = prev;
  u32[(node + sys_dnode.next) >> 2] = 0;
  u32[(node + sys_dnode.prev) >> 2] = 0;
}

export function sys_dnode_is_linked(m: KernelMem, node: number): boolean {
  return m.u32[(node + sys_dnode.next) >> 2] !== 0;
}
