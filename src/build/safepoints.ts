// The safepoint transform: an AssemblyScript compiler transform that puts a call to
// __wasmp_safepoint() at the top of the body of every loop in application code, so that a
// thread spinning in `while (true) {}` still takes interrupts (IPIs, timer, aborts).
//
// Kernel code (~lib/wasmp/...) and the standard library get none: the kernel polls
// explicitly where it runs with interrupts enabled. The check is one atomic load of the CPU's
// pending word (see assembly/kernel/irq.ts).

import type { Parser, Source, Statement } from "assemblyscript";
import { Node, NodeKind } from "assemblyscript";

export const SAFEPOINT_FN = "__wasmp_safepoint";

/** Sources the transform instruments: the application's own files, not libraries. */
export function isApplicationSource(internalPath: string): boolean {
  return !internalPath.startsWith("~lib/") && !internalPath.endsWith("__wasmp_entry");
}

interface LoopNode { kind: NodeKind; body: Statement; range: Node["range"] }

function instrumentLoop(loop: LoopNode): void {
  const range = loop.range;
  const call = Node.createExpressionStatement(
    Node.createCallExpression(Node.createIdentifierExpression(SAFEPOINT_FN, range), null, [], range),
  );
  const body = loop.body;
  if (body.kind === NodeKind.Block) {
    (body as unknown as { statements: Statement[] }).statements.unshift(call);
  } else {
    loop.body = Node.createBlockStatement([call, body], range);
  }
}

const LOOP_KINDS = new Set<NodeKind>([NodeKind.While, NodeKind.Do, NodeKind.For, NodeKind.ForOf]);
const SKIP_KEYS = new Set(["range", "parent", "source", "flags", "decorators"]);

/** Walks every AST node reachable from `root` and instruments loops; returns how many. */
export function instrumentLoops(root: object): number {
  let count = 0;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const node = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(node)) {
      if (!SKIP_KEYS.has(key)) visit(child);
    }
    if (typeof node["kind"] === "number" && LOOP_KINDS.has(node["kind"] as NodeKind) && node["body"]) {
      instrumentLoop(node as unknown as LoopNode);
      count++;
    }
  };
  visit(root);
  return count;
}

/** The transform object handed to asc (APIOptions.transforms). */
export function safepointTransform(stats: { loops: number } = { loops: 0 }) {
  return {
    afterParse(parser: Parser): void {
      for (const source of parser.sources as Source[]) {
        if (isApplicationSource(source.internalPath)) stats.loops += instrumentLoops(source.statements);
      }
    },
  };
}
