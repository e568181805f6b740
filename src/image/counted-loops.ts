// Short counted loops, which need no safepoint of their own (transform.ts, 1.).
//
// A safepoint at the top of every loop body costs an atomic load and a countdown per
// iteration; in a tight inner loop that is most of the work (a bit-by-bit CRC's
// `for (let k = 0; k < 8; k++)` runs 8 times per byte of its outer loop). A loop that can run
// only a few iterations of straight-line code cannot keep a CPU from its interrupts for long:
// the loop around it, or the function's caller, takes them. So, as HotSpot leaves its
// safepoint poll out of short counted loops, a loop of the form
//
//   for (let i = <integer literal>; i < | <= <integer literal>; i++ | ++i | i += <positive literal>) body
//
// gets none when it runs at most SHORT_LOOP_MAX_ITERATIONS times and its body has no call, no
// `new`, no loop, no function, and no write to `i` (so that the bound holds), and is small
// (iterations times the body's AST nodes at most SHORT_LOOP_MAX_WORK). Every other loop keeps
// its safepoint.

import { NodeKind, LiteralKind, Token } from "assemblyscript";
import { AST_SKIP_KEYS } from "./ast.js";

export const SHORT_LOOP_MAX_ITERATIONS = 64;
export const SHORT_LOOP_MAX_WORK = 4096;

type N = Record<string, unknown>;

function integerLiteral(n: unknown): number | null {
  const x = n as N | null;
  if (x?.kind !== NodeKind.Literal || x.literalKind !== LiteralKind.Integer) return null;
  const v = Number(String(x.value));
  return Number.isSafeInteger(v) ? v : null;
}

function isIdentifier(n: unknown, name: string): boolean {
  const x = n as N | null;
  return x?.kind === NodeKind.Identifier && x.text === name;
}

/** The trip count of `for (let i = a; i < b; i += s)` as described above, or null. */
function tripCount(loop: N): { counter: string; trips: number } | null {
  const init = loop.initializer as N | null;
  if (init?.kind !== NodeKind.Variable) return null;
  const decls = init.declarations as N[];
  if (decls.length !== 1) return null;
  const counter = (decls[0]!.name as { text: string }).text;
  const start = integerLiteral(decls[0]!.initializer);
  const cond = loop.condition as N | null;
  if (start === null || cond?.kind !== NodeKind.Binary || !isIdentifier(cond.left, counter)) return null;
  const end = integerLiteral(cond.right);
  if (end === null || (cond.operator !== Token.LessThan && cond.operator !== Token.LessThan_Equals)) return null;
  const inc = loop.incrementor as N | null;
  let step: number | null = null;
  if (
    (inc?.kind === NodeKind.UnaryPostfix || inc?.kind === NodeKind.UnaryPrefix) &&
    inc.operator === Token.Plus_Plus &&
    isIdentifier(inc.operand, counter)
  ) {
    step = 1;
  } else if (inc?.kind === NodeKind.Binary && inc.operator === Token.Plus_Equals && isIdentifier(inc.left, counter)) {
    step = integerLiteral(inc.right);
  }
  if (step === null || step <= 0) return null;
  const span = (cond.operator === Token.LessThan_Equals ? end + 1 : end) - start;
  return { counter, trips: span <= 0 ? 0 : Math.ceil(span / step) };
}

const FORBIDDEN = new Set<number>([
  NodeKind.Call,
  NodeKind.New,
  NodeKind.Function,
  NodeKind.FunctionDeclaration,
  NodeKind.While,
  NodeKind.Do,
  NodeKind.For,
  NodeKind.ForOf,
]);

/** The number of AST nodes in `body`, or null if it has something of FORBIDDEN or writes `counter`. */
function straightLineSize(body: unknown, counter: string): number | null {
  let size = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v !== "object" || seen.has(v)) return true;
    seen.add(v);
    if (Array.isArray(v)) return v.every(walk);
    const n = v as N;
    if (typeof n.kind === "number") {
      size++;
      if (FORBIDDEN.has(n.kind)) return false;
      const op = n.operator as number | undefined;
      if (n.kind === NodeKind.Binary && op !== undefined && op >= Token.Equals && op <= Token.Caret_Equals) {
        if (isIdentifier(n.left, counter)) return false;
      }
      if (
        (n.kind === NodeKind.UnaryPostfix || n.kind === NodeKind.UnaryPrefix) &&
        (op === Token.Plus_Plus || op === Token.Minus_Minus) &&
        isIdentifier(n.operand, counter)
      ) {
        return false;
      }
    }
    for (const [k, child] of Object.entries(n)) {
      if (AST_SKIP_KEYS.has(k)) continue;
      if (!walk(child)) return false;
    }
    return true;
  };
  return walk(body) ? size : null;
}

/** Whether `loop` (a loop statement node) is a short counted loop that needs no safepoint. */
export function isShortCountedLoop(loop: object): boolean {
  const n = loop as N;
  if (n.kind !== NodeKind.For) return false;
  const t = tripCount(n);
  if (t === null || t.trips > SHORT_LOOP_MAX_ITERATIONS) return false;
  const size = straightLineSize(n.body, t.counter);
  return size !== null && t.trips * size <= SHORT_LOOP_MAX_WORK;
}
