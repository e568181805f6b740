// sys_dlist: a circular doubly linked list whose head is a sys_dnode (include/zephyr/sys/dlist.h).
// No locking here: callers hold the lock that owns the list.

import { sys_dnode } from "../generated/contract";

// @ts-ignore: decorator
@inline export function sys_dlist_init(list: sys_dnode): void {
  list.next = changetype<usize>(list);
  list.prev = changetype<usize>(list);
}

// @ts-ignore: decorator
@inline export function sys_dlist_is_empty(list: sys_dnode): bool {
  return list.next == changetype<usize>(list) || list.next == 0;
}

/** The first node, or 0. */
// @ts-ignore: decorator
@inline export function sys_dlist_peek_head(list: sys_dnode): usize {
  return sys_dlist_is_empty(list) ? 0 : list.next;
}

/** The node after `node`, or 0 at the end. */
// @ts-ignore: decorator
@inline export function sys_dlist_peek_next(list: sys_dnode, node: usize): usize {
  const n = changetype<sys_dnode>(node).next;
  return n == changetype<usize>(list) ? 0 : n;
}

export function sys_dlist_append(list: sys_dnode, node: sys_dnode): void {
  if (list.next == 0) sys_dlist_init(list); // zero-initialised (K_*_DEFINE) heads
  const last = changetype<sys_dnode>(list.prev);
  node.next = changetype<usize>(list);
  node.prev = changetype<usize>(last);
  last.next = changetype<usize>(node);
  list.prev = changetype<usize>(node);
}

/** Inserts `node` before `succ`, which is in a list. */
export function sys_dlist_insert(succ: sys_dnode, node: sys_dnode): void {
  const prev = changetype<sys_dnode>(succ.prev);
  node.prev = changetype<usize>(prev);
  node.next = changetype<usize>(succ);
  prev.next = changetype<usize>(node);
  succ.prev = changetype<usize>(node);
}

export function sys_dlist_remove(node: sys_dnode): void {
  const prev = changetype<sys_dnode>(node.prev);
  const next = changetype<sys_dnode>(node.next);
  prev.next = changetype<usize>(next);
  next.prev = changetype<usize>(prev);
  node.next = 0;
  node.prev = 0;
}

/** True while `node` is linked into some list. */
// @ts-ignore: decorator
@inline export function sys_dnode_is_linked(node: sys_dnode): bool {
  return node.next != 0;
}
