// wasmp's AssemblyScript compiler transform, run on the AST before compilation:
//
// 1. Safepoints. A call to __wasmp_safepoint() goes at the top of the body of every loop in
//    application code, so that a thread spinning in `while (true) {}` still takes interrupts
//    (IPIs, timer, aborts). Kernel code (~lib/wasmp/...) and the standard library get none:
//    the kernel polls explicitly where it runs with interrupts enabled. The check is an
//    atomic load of the CPU's pending word and the directed-yield tick, a per-CPU countdown
//    that stamps the CPU's beat every VCPU_CHECK_EVERY passes (assembly/kernel/irq.ts,
//    kernel/vcpu_yield.ts); docs/benchmarks.md ("safepoint") measures what it costs. A short
//    counted loop of straight-line code (at most 64 iterations, no call: counted-loops.ts)
//    gets none: the loop around it takes the interrupt.
//
// 2. Template literals. asc compiles `a${x}b` by storing the pieces into a StaticArray in
//    the image's static data and joining it: a write to memory that every CPU shares, so two
//    CPUs (or two threads on one CPU) formatting at once corrupt each other's strings. In
//    application and kernel code each untagged template literal becomes a concatenation,
//    `"a" + __wasmp_template_part(x) + "b"`, which allocates instead (the part is x's
//    toString(), or "null" for a null reference, as asc's conversion: kernel/printk.ts).
//
// 3. `__LINE__`. In the same sources, the identifier `__LINE__` becomes the integer literal
//    of its source line, as C's: kernel assertions report `file:line` (kernel/assert.ts).
//
// 5. `printk(fmt, ...)` and `snprintk(buf, size, fmt, ...)`. AssemblyScript has no varargs, so in
//    the same sources a call whose format is a string literal becomes a chain over the kernel's
//    formatter (assembly/kernel/printk.ts), one typed call per conversion, with the format's
//    flags, width, precision and length parsed here (Zephyr's cbprintf subset):
//      printk("%d items, %s\n", n, s)
//      → __wasmp_printk_begin().d(n, 0, 0, 0, 0).lit(" items, ").s(s, 0, 0, 0, 0).lit("\n").printk()
//    A lone literal only loses its `%%` escapes; printk of a variable is left alone. A format
//    that is not a literal, an unsupported conversion, or a count of arguments that does not
//    match is a build error naming the call.
//    A template literal given to printk (or as snprintk's text) is not a format (`%` stays as
//    it is): it becomes the same chain, its literal parts `.lit`, each `${expr}` a `.tpl(expr)`
//    that formats the value as AssemblyScript's template literal would (docs/api.md, "Memory"),
//    so that the line allocates nothing that outlives the call (2. would make a string per
//    part and one for the whole, which nothing frees):
//      printk(`pkt ${i} of ${name}\n`)
//      → __wasmp_printk_begin().lit("pkt ").tpl(i).lit(" of ").tpl(name).lit("\n").printk()
//
// 4. `ATOMIC_DEFINE(num_bits)`. In the same sources, a call with an integer literal (or none:
//    one word) becomes `memory.data(<bytes>, 4)`, a zeroed bitmap in static memory that every
//    CPU shares (assembly/api/atomic.ts). asc's memory.data needs a compile-time size, which a
//    function parameter is not; any other argument is a build error naming the call.
//
// 6. Object names. In application code, a top-level `const lock_a = K_MUTEX_DEFINE()` (any of
//    NAMED_DEFINES) is followed by `__wasmp_object_name(lock_a, "lock_a")`, which registers the
//    name for the machine dump (assembly/kernel/obj_name.ts): Zephyr's K_MUTEX_DEFINE(lock_a)
//    names its object by the identifier, as a debugger shows it.
//
// 7. Checks (app-checks.ts): main's signature, and top-level variables that functions write.
//    Problems go to the caller's BuildDiagnostics as "file:line: …", the file as the user named
//    it; an error stops the build once every source has been looked at.

import type { Parser, Source, Statement, Expression } from "assemblyscript";
import { AST_SKIP_KEYS } from "./ast.js";
import { Node, NodeKind, LiteralKind, Token } from "assemblyscript";
import type { BuildDiagnostics } from "./asc.js";
import { checkMain, topLevelWrites } from "./app-checks.js";
import { checkedPrintkArg } from "./printk-args.js";
import { isShortCountedLoop } from "./counted-loops.js";

export const SAFEPOINT_FN = "__wasmp_safepoint";

/** Sources that get safepoints: the application's own files, not libraries. */
export function isApplicationSource(internalPath: string): boolean {
  return !internalPath.startsWith("~lib/") && !internalPath.endsWith("__wasmp_entry");
}

/** Sources whose template literals are rewritten: everything but the standard library. */
function isRewrittenSource(internalPath: string): boolean {
  return !internalPath.startsWith("~lib/") || internalPath.startsWith("~lib/wasmp/");
}

interface LoopNode {
  kind: NodeKind;
  body: Statement;
  range: Node["range"];
}
interface TemplateNode {
  kind: NodeKind;
  literalKind: LiteralKind;
  tag: Expression | null;
  parts: string[];
  expressions: Expression[];
  range: Node["range"];
}

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

const LINE_MACRO = "__LINE__";
const ATOMIC_DEFINE = "ATOMIC_DEFINE";
const ATOMIC_BITS = 32;
const WORD_BYTES = 4;

function isAtomicDefine(n: Record<string, unknown>): boolean {
  if (n.kind !== NodeKind.Call) return false;
  const callee = n.expression as Record<string, unknown> | undefined;
  return callee?.kind === NodeKind.Identifier && callee.text === ATOMIC_DEFINE;
}

/** `ATOMIC_DEFINE(n)` → `memory.data(ATOMIC_BITMAP_SIZE(n) * 4, 4)`. */
function atomicDefineData(call: Node): Expression {
  const args = (call as unknown as { args: Record<string, unknown>[] }).args;
  const r = call.range;
  let bits = ATOMIC_BITS;
  if (args.length > 0) {
    const a = args[0]!;
    const value =
      a.kind === NodeKind.Literal && a.literalKind === LiteralKind.Integer ? Number(String(a.value)) : Number.NaN;
    if (args.length > 1 || !(value > 0)) {
      const where = `${r.source.normalizedPath}:${r.source.lineAt(r.start)}`;
      throw new Error(
        `${where}: ATOMIC_DEFINE(num_bits) takes one positive integer literal (its bitmap is static memory, sized at compile time)`,
      );
    }
    bits = value;
  }
  const i64New = (globalThis as unknown as { i64_new: (lo: number, hi: number) => unknown }).i64_new;
  const bytes = Math.ceil(bits / ATOMIC_BITS) * WORD_BYTES;
  return Node.createCallExpression(
    Node.createPropertyAccessExpression(
      Node.createIdentifierExpression("memory", r),
      Node.createIdentifierExpression("data", r),
      r,
    ),
    null,
    [
      Node.createIntegerLiteralExpression(i64New(bytes, 0) as never, r),
      Node.createIntegerLiteralExpression(i64New(WORD_BYTES, 0) as never, r),
    ],
    r,
  );
}

function isLineMacro(n: Record<string, unknown>): boolean {
  return n.kind === NodeKind.Identifier && n.text === LINE_MACRO;
}

/** The integer literal of the line `n` starts on (i64_new: the compiler's portable i64). */
function lineLiteral(n: Node): Expression {
  const line = n.range.source.lineAt(n.range.start);
  const i64New = (globalThis as unknown as { i64_new: (lo: number, hi: number) => unknown }).i64_new;
  return Node.createIntegerLiteralExpression(i64New(line, 0) as never, n.range);
}

function isTemplate(n: Record<string, unknown>): boolean {
  return n.kind === NodeKind.Literal && n.literalKind === LiteralKind.Template && n.tag == null;
}

const TEMPLATE_PART = "__wasmp_template_part";

function concatTemplate(t: TemplateNode): Expression {
  const r = t.range;
  let acc: Expression = Node.createStringLiteralExpression(t.parts[0] ?? "", r);
  t.expressions.forEach((e, i) => {
    const str = Node.createCallExpression(Node.createIdentifierExpression(TEMPLATE_PART, r), null, [e], r);
    acc = Node.createBinaryExpression(Token.Plus, acc, str, r);
    const part = t.parts[i + 1] ?? "";
    if (part !== "") acc = Node.createBinaryExpression(Token.Plus, acc, Node.createStringLiteralExpression(part, r), r);
  });
  return acc;
}

const PRINTK = "printk";
const SNPRINTK = "snprintk";
const PRINTK_BEGIN = "__wasmp_printk_begin";

/** Flag and length encodings shared with assembly/kernel/printk.ts (z_printk_fmt). */
const FMT_FLAGS: Record<string, number> = { "-": 1, "+": 2, " ": 4, "0": 8, "#": 16 };
const FMT_STAR_W = 32;
const FMT_STAR_P = 64;
const FMT_LENGTHS: Record<string, number> = { "": 0, hh: 1, h: 2, l: 3, ll: 4, j: 5, z: 5, t: 5 };
/** Conversion letter → the formatter's method (i is d). */
const FMT_METHODS: Record<string, string> = {
  d: "d",
  i: "d",
  u: "u",
  o: "o",
  x: "x",
  X: "X",
  c: "c",
  s: "s",
  p: "p",
};

export interface FormatConversion {
  /** The formatter method (d u o x X c s p). */
  method: string;
  flags: number;
  width: number;
  /** Precision + 1; 0 for none. */
  prec1: number;
  length: number;
  /** The conversion as written, for messages. */
  spec: string;
}
export type FormatPiece = { text: string } | FormatConversion;

/**
 * Splits a printk format into literal text (`%%` unescaped) and conversions. Throws an Error
 * (its message without a location) for what Zephyr's cbprintf subset does not take here.
 */
export function parseFormat(fmt: string): FormatPiece[] {
  const out: FormatPiece[] = [];
  let text = "";
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i]!;
    if (ch !== "%") {
      text += ch;
      i++;
      continue;
    }
    if (fmt[i + 1] === "%") {
      text += "%";
      i += 2;
      continue;
    }
    const m = /^%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|j|z|t|L|q)?([a-zA-Z%]?)/.exec(fmt.slice(i));
    const spec = m![0];
    const [, flagText = "", width = "", prec, length = "", conv = ""] = m!;
    if (length === "L" || length === "q") throw new Error(`'${spec}': length modifier '${length}' is not supported`);
    if (conv === "") throw new Error(`incomplete conversion '${spec}' at the end of the format`);
    if ("fFeEgGaA".includes(conv)) {
      throw new Error(`'${spec}': floating-point conversions are not supported (Zephyr's CONFIG_CBPRINTF_FP_SUPPORT)`);
    }
    if (conv === "n") throw new Error(`'${spec}': %n is not supported`);
    const method = FMT_METHODS[conv];
    if (method === undefined) throw new Error(`'${spec}': unknown conversion '%${conv}'`);
    let flags = 0;
    for (const f of flagText) flags |= FMT_FLAGS[f]!;
    if (width === "*") flags |= FMT_STAR_W;
    if (prec === "*") flags |= FMT_STAR_P;
    if (text !== "") out.push({ text });
    text = "";
    out.push({
      method,
      flags,
      width: width === "*" || width === "" ? 0 : Number(width),
      prec1: prec === undefined || prec === "*" ? 0 : Number(prec === "" ? 0 : prec) + 1,
      length: FMT_LENGTHS[length]!,
      spec,
    });
    i += spec.length;
  }
  if (text !== "") out.push({ text });
  return out;
}

/** Arguments a conversion consumes: its value, plus one per `*`. */
function conversionArgs(c: FormatConversion): number {
  return 1 + ((c.flags & FMT_STAR_W) !== 0 ? 1 : 0) + ((c.flags & FMT_STAR_P) !== 0 ? 1 : 0);
}

function isNamedCall(n: Record<string, unknown>, names: string[]): boolean {
  if (n.kind !== NodeKind.Call) return false;
  const callee = n.expression as Record<string, unknown> | undefined;
  return callee?.kind === NodeKind.Identifier && names.includes(callee.text as string);
}

function isStringLiteral(n: Record<string, unknown> | undefined): boolean {
  return n?.kind === NodeKind.Literal && n.literalKind === LiteralKind.String;
}

/** Where a call is, for build errors: "file.ts:line". */
function callSite(call: Node): string {
  const r = call.range;
  return `${r.source.normalizedPath}:${r.source.lineAt(r.start)}`;
}

/** A chain step: `target.name(args)`. */
function chainCall(target: Expression, name: string, callArgs: Expression[], r: Node["range"]): Expression {
  return Node.createCallExpression(
    Node.createPropertyAccessExpression(target, Node.createIdentifierExpression(name, r), r),
    null,
    callArgs,
    r,
  );
}

/** The index of a printk/snprintk call's format (or text) argument. */
function formatIndex(call: Node): number {
  return (call as unknown as { expression: { text: string } }).expression.text === SNPRINTK ? 2 : 0;
}

/** printk/snprintk whose text is a template literal with `${}` parts (see 5. above). */
function isTemplatePrintk(call: Node): boolean {
  const arg = (call as unknown as { args: Record<string, unknown>[] }).args[formatIndex(call)];
  return arg !== undefined && isTemplate(arg) && (arg.expressions as unknown[]).length > 0;
}

/**
 * Rewrites printk(`...`) or snprintk(buf, size, `...`) into the formatter chain: literal parts
 * as they are (a template literal is not a format), each `${expr}` as `.tpl(expr)`.
 */
function rewriteTemplatePrintk(call: Node): Expression {
  const r = call.range;
  const callee = (call as unknown as { expression: { text: string } }).expression.text;
  const args = (call as unknown as { args: Expression[] }).args;
  const t = args[formatIndex(call)] as unknown as TemplateNode;
  if (args.length > formatIndex(call) + 1) {
    throw new Error(
      `${callSite(call)}: ${callee}: a template literal is the whole text and takes no arguments (for conversions such as %d, pass a string literal format)`,
    );
  }
  let chain: Expression = Node.createCallExpression(Node.createIdentifierExpression(PRINTK_BEGIN, r), null, [], r);
  t.parts.forEach((part, i) => {
    if (part !== "") chain = chainCall(chain, "lit", [Node.createStringLiteralExpression(part, r)], r);
    const e = t.expressions[i];
    if (e === undefined) return;
    const v = isApplicationSource(r.source.internalPath)
      ? checkedPrintkArg(e, "tpl", callee, "an interpolation ${…}")
      : e;
    chain = chainCall(chain, "tpl", [v], r);
  });
  if (callee === SNPRINTK) return chainCall(chain, "snprintk", [args[0]!, args[1]!], r);
  return chainCall(chain, "printk", [], r);
}

/**
 * Rewrites a printk/snprintk call (see 5. above); returns null to leave it as it is (printk
 * of one string that is not a literal with `%`).
 */
function rewritePrintk(call: Node): Expression | null {
  const r = call.range;
  const callee = (call as unknown as { expression: { text: string } }).expression.text;
  const args = (call as unknown as { args: Expression[] }).args;
  const where = callSite(call);
  const fmtIndex = formatIndex(call);
  if (args.length <= fmtIndex) throw new Error(`${where}: ${callee} needs a format string`);
  const fmtNode = args[fmtIndex] as unknown as Record<string, unknown>;
  if (!isStringLiteral(fmtNode)) {
    if (callee === PRINTK && args.length === 1) return null; // printk(string): written as it is
    throw new Error(
      `${where}: ${callee}: the format must be a string literal (wasmp checks it and its arguments at build time)`,
    );
  }
  const fmt = fmtNode.value as string;
  if (callee === PRINTK && args.length === 1 && !fmt.includes("%")) return null;
  let pieces: FormatPiece[];
  try {
    pieces = parseFormat(fmt);
  } catch (e) {
    throw new Error(`${where}: ${callee}: ${(e as Error).message}`);
  }
  const values = args.slice(fmtIndex + 1);
  const wanted = pieces.reduce((n, p) => n + ("method" in p ? conversionArgs(p) : 0), 0);
  if (wanted !== values.length) {
    throw new Error(
      `${where}: ${callee}: the format ${JSON.stringify(fmt)} takes ${wanted} argument${wanted === 1 ? "" : "s"}, the call passes ${values.length}`,
    );
  }
  if (callee === PRINTK && values.length === 0) {
    return Node.createStringLiteralExpression(pieces.map((p) => ("text" in p ? p.text : "")).join(""), r);
  }
  const i64New = (globalThis as unknown as { i64_new: (lo: number, hi: number) => unknown }).i64_new;
  const int = (v: number): Expression => Node.createIntegerLiteralExpression(i64New(v, 0) as never, r);
  const method = (target: Expression, name: string, callArgs: Expression[]): Expression =>
    chainCall(target, name, callArgs, r);
  let chain: Expression = Node.createCallExpression(Node.createIdentifierExpression(PRINTK_BEGIN, r), null, [], r);
  const checked = isApplicationSource(r.source.internalPath);
  let next = 0;
  for (const p of pieces) {
    if ("text" in p) {
      chain = method(chain, "lit", [Node.createStringLiteralExpression(p.text, r)]);
      continue;
    }
    // In application code each argument is checked where it stands (printk-args.ts).
    const arg = (m: string, what: string): Expression => {
      const v = values[next++]!;
      return checked ? checkedPrintkArg(v, m, callee, `argument ${next} (${what})`) : v;
    };
    if ((p.flags & FMT_STAR_W) !== 0) chain = method(chain, "starw", [arg("starw", `the * width of ${p.spec}`)]);
    if ((p.flags & FMT_STAR_P) !== 0) chain = method(chain, "starp", [arg("starp", `the * precision of ${p.spec}`)]);
    const v = arg(p.method, `for ${p.spec}`);
    chain = method(chain, p.method, [v, int(p.flags), int(p.width), int(p.prec1), int(p.length)]);
  }
  if (callee === SNPRINTK) return method(chain, "snprintk", [args[0]!, args[1]!]);
  return method(chain, "printk", []);
}

const LOOP_KINDS = new Set<NodeKind>([NodeKind.While, NodeKind.Do, NodeKind.For, NodeKind.ForOf]);

export interface TransformStats {
  loops: number;
  templates: number;
}

/** Walks every AST node reachable from `root`; instruments loops and/or rewrites templates. */
export function transformTree(root: object, what: { loops: boolean; templates: boolean }, stats: TransformStats): void {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const holder = value as Record<string, unknown> | unknown[];
    const entries: [string | number, unknown][] = Array.isArray(holder)
      ? holder.map((v, i) => [i, v])
      : Object.entries(holder);
    for (const [key, child] of entries) {
      if (typeof key === "string" && AST_SKIP_KEYS.has(key)) continue;
      const slot = holder as Record<string | number, unknown>;
      const n =
        what.templates && child !== null && typeof child === "object" && !Array.isArray(child)
          ? (child as Record<string, unknown>)
          : null;
      if (n !== null && isLineMacro(n)) {
        slot[key] = lineLiteral(n as unknown as Node);
        continue;
      }
      if (n !== null && isNamedCall(n, [PRINTK, SNPRINTK])) {
        const args = (n as unknown as { args: unknown[] }).args;
        if (isTemplatePrintk(n as unknown as Node)) {
          // The text's own template literal becomes the chain: what is inside it, and the other
          // arguments, are visited as slots of arrays, so that one that is itself rewritten
          // (a nested template, `__LINE__`, a call) is replaced where it stands.
          const at = formatIndex(n as unknown as Node);
          const t = args[at] as TemplateNode;
          visit(t.expressions);
          const others = args.filter((_, i) => i !== at);
          visit(others);
          args.splice(0, args.length, ...others.slice(0, at), t, ...others.slice(at));
          slot[key] = rewriteTemplatePrintk(n as unknown as Node);
          stats.templates++;
          continue;
        }
        visit(args); // the arguments first: template literals and nested calls in them
        const rewritten = rewritePrintk(n as unknown as Node);
        if (rewritten !== null) {
          // printk("100%%") keeps its call, with "100%"; every other form becomes the chain.
          if (rewritten.kind === NodeKind.Literal) args[0] = rewritten;
          else slot[key] = rewritten;
        }
        continue;
      }
      if (n !== null && isAtomicDefine(n)) {
        slot[key] = atomicDefineData(n as unknown as Node);
        continue;
      }
      if (n !== null && isTemplate(n)) {
        const t = n as unknown as TemplateNode;
        visit(t.expressions); // as slots: a part that is itself rewritten is replaced
        slot[key] = concatTemplate(t);
        stats.templates++;
        continue;
      }
      visit(child);
    }
    const node = holder as Record<string, unknown>;
    if (
      what.loops &&
      !Array.isArray(holder) &&
      typeof node.kind === "number" &&
      LOOP_KINDS.has(node.kind as NodeKind) &&
      node.body &&
      !isShortCountedLoop(node)
    ) {
      instrumentLoop(node as unknown as LoopNode);
      stats.loops++;
    }
  };
  visit(root);
}

/** The kernel-object definitions whose top-level variables name their object (6. above). */
const NAMED_DEFINES =
  /^(K_(SEM|MUTEX|CONDVAR|EVENT|FIFO|LIFO|QUEUE|MBOX|MSGQ|PIPE|STACK|HEAP|MEM_SLAB|TIMER|POLL_SIGNAL|SPINLOCK|WORK|WORK_DELAYABLE)|SYS_MUTEX)_DEFINE(_\w+)?$/;
const OBJECT_NAME_FN = "__wasmp_object_name";

/** Inserts `__wasmp_object_name(x, "x")` after each top-level `const x = K_…_DEFINE(…)` of `source`. */
export function nameKernelObjects(source: Source): number {
  const statements = source.statements as unknown as Record<string, unknown>[];
  let named = 0;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i]!;
    if (st.kind !== NodeKind.Variable) continue;
    const calls: Statement[] = [];
    for (const d of st.declarations as Record<string, unknown>[]) {
      const init = d.initializer as Record<string, unknown> | null;
      const callee = init?.kind === NodeKind.Call ? (init.expression as Record<string, unknown>) : null;
      if (callee?.kind !== NodeKind.Identifier || !NAMED_DEFINES.test(callee.text as string)) continue;
      const name = (d.name as { text: string }).text;
      const r = (d as unknown as Node).range;
      calls.push(
        Node.createExpressionStatement(
          Node.createCallExpression(
            Node.createIdentifierExpression(OBJECT_NAME_FN, r),
            null,
            [Node.createIdentifierExpression(name, r), Node.createStringLiteralExpression(name, r)],
            r,
          ),
        ),
      );
    }
    statements.splice(i + 1, 0, ...(calls as unknown as Record<string, unknown>[]));
    i += calls.length;
    named += calls.length;
  }
  return named;
}

export interface TransformOptions {
  safepoints: boolean;
  /**
   * The application's own file (its internal path: the module name the entry imports) and how
   * to show a source's path to the user; with `mode` "app", its main is checked (7. above).
   */
  app?: { internalPath: string; mode: "app" | "ztest"; display: (normalizedPath: string) => string };
}

/** The transform object handed to asc (APIOptions.transforms). */
export function wasmpTransform(
  opts: TransformOptions,
  stats: TransformStats = { loops: 0, templates: 0 },
  diagnostics: BuildDiagnostics = { errors: [], warnings: [] },
) {
  return {
    afterParse(parser: Parser): void {
      for (const source of parser.sources as Source[]) {
        const application = isApplicationSource(source.internalPath);
        const loops = opts.safepoints && application;
        const templates = isRewrittenSource(source.internalPath);
        try {
          if (loops || templates) transformTree(source.statements, { loops, templates }, stats);
        } catch (e) {
          diagnostics.errors.push((e as Error).message);
        }
        if (!application || !opts.app) continue;
        const display = opts.app.display(source.normalizedPath);
        if (opts.app.mode === "app" && source.internalPath === opts.app.internalPath) {
          diagnostics.errors.push(...checkMain(source, display));
        }
        diagnostics.warnings.push(...topLevelWrites(source, display));
        nameKernelObjects(source);
      }
      // Every source has been looked at: stop at the errors (the caller reports them, asc
      // only says that the transform threw).
      if (diagnostics.errors.length > 0) throw new Error(diagnostics.errors.join("\n"));
    },
  };
}
