// Checks of the application's own sources, run by the image builder's transform after parsing
// (transform.ts), that put a problem at the user's file and line instead of where asc would
// notice it:
//
// 1. `main`. The builder's generated entry file passes the application's main to the kernel;
//    a wrong signature would be reported inside that generated file. checkMain reports it
//    against the user's declaration: `export function main(): i32` (Zephyr's int main(void)).
//
// 2. Top-level variables written by functions. Each CPU is its own Wasm instance, so a
//    top-level variable is one copy per CPU (docs/api.md, "Top-level variables"): a counter
//    that threads increment gives a per-CPU count. And a top-level array literal is static data
//    that every CPU shares but nothing guards. The rule, kept simple: a warning for every
//    top-level `let`/`var` that a function (or method, or arrow function) assigns, increments
//    or decrements, and for every top-level array literal a function changes (element
//    assignment, `length =`, push/pop/shift/unshift/splice/sort/reverse/fill/copyWithin). A
//    write in top-level code itself is fine (every CPU runs it, before the kernel boots), and a
//    name the function declares itself (a parameter or local of that name) is not the global.

import type { Source } from "assemblyscript";
import { AST_SKIP_KEYS } from "./ast.js";
import { CommonFlags, LiteralKind, NodeKind, Token } from "assemblyscript";

/** Where docs/api.md explains the rule the warning is about. */
export const TOP_LEVEL_DOC = 'docs/api.md, "Top-level variables"';

type AstNode = Record<string, unknown> & { kind: NodeKind; range: { start: number; end: number } };

const ASSIGNMENTS = new Set<Token>([
  Token.Equals,
  Token.Plus_Equals,
  Token.Minus_Equals,
  Token.Asterisk_Equals,
  Token.Asterisk_Asterisk_Equals,
  Token.Slash_Equals,
  Token.Percent_Equals,
  Token.LessThan_LessThan_Equals,
  Token.GreaterThan_GreaterThan_Equals,
  Token.GreaterThan_GreaterThan_GreaterThan_Equals,
  Token.Ampersand_Equals,
  Token.Bar_Equals,
  Token.Caret_Equals,
]);
const ARRAY_MUTATORS = new Set(["push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin"]);

function identifierText(n: unknown): string | null {
  const node = n as AstNode | null;
  return node && node.kind === NodeKind.Identifier ? (node.text as string) : null;
}

function declName(n: AstNode): string {
  return identifierText(n.name) ?? "";
}

/**
 * main's declaration problems, each "file:line: message" (`file` as `display` gives it);
 * nothing if main is declared right, or comes from elsewhere (`export { main } from …`), which
 * asc checks itself.
 */
export function checkMain(source: Source, display: string): string[] {
  let decl: AstNode | null = null;
  for (const st of source.statements as unknown as AstNode[]) {
    if (st.kind === NodeKind.FunctionDeclaration && declName(st) === "main") decl = st;
    if (st.kind === NodeKind.Variable) {
      for (const d of st.declarations as AstNode[]) if (declName(d) === "main") return [];
    }
    if (st.kind === NodeKind.Export) {
      for (const m of (st.members as AstNode[] | null) ?? []) if (identifierText(m.exportedName) === "main") return [];
    }
  }
  const want =
    "`export function main(): i32` (Zephyr's `int main(void)`: the kernel runs it in the main thread, and its return value ends the run)";
  if (decl === null) return [`${display}: the application has no main function: it must define ${want}`];
  const where = `${display}:${source.lineAt(decl.range.start)}`;
  const problems: string[] = [];
  const sig = decl.signature as AstNode;
  const params = sig.parameters as AstNode[];
  const ret = sig.returnType as AstNode;
  const retName =
    ret.kind === NodeKind.NamedType && !(ret.isNullable as boolean)
      ? `${identifierText((ret.name as AstNode).identifier) ?? ""}${(ret.name as AstNode).next ? "." : ""}`
      : "";
  // A type alias of i32 is fine: asc resolves it. Only a name the file does not declare is checked.
  const aliases = new Set(
    (source.statements as unknown as AstNode[]).filter((s) => s.kind === NodeKind.TypeDeclaration).map(declName),
  );
  const returnsI32 = retName === "i32" || aliases.has(retName);
  if (params.length > 0 || !returnsI32) {
    const text = source.text.slice(sig.range.start, sig.range.end).replace(/\s+/g, " ");
    problems.push(`${where}: main must be ${want}; this one is \`main${text}\``);
  }
  if (((decl.flags as number) & CommonFlags.Export) === 0) {
    problems.push(`${where}: main must be exported: \`export function main(): i32\``);
  }
  return problems;
}

interface TopLevelVar {
  name: string;
  line: number;
  /** `let`/`var`: the variable itself is written. */
  mutable: boolean;
  /** Initialised with an array literal: its elements are static data. */
  arrayLiteral: boolean;
}

/** The names a function declares itself: its parameters and every variable or function in its body. */
function localNames(fn: AstNode): Set<string> {
  const names = new Set<string>();
  const sig = fn.signature as AstNode | undefined;
  for (const p of (sig?.parameters as AstNode[] | undefined) ?? []) names.add(declName(p));
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    const n = v as AstNode;
    if (n.kind === NodeKind.VariableDeclaration || n.kind === NodeKind.FunctionDeclaration) names.add(declName(n));
    for (const [k, c] of Object.entries(n)) if (!AST_SKIP_KEYS.has(k)) visit(c);
  };
  visit(fn.body);
  return names;
}

/**
 * Warnings for top-level variables that functions write (see 2. above), one per variable at
 * its first write, "file:line: warning: …" (`file` as `display` gives it).
 */
export function topLevelWrites(source: Source, display: string): string[] {
  const vars = new Map<string, TopLevelVar>();
  for (const st of source.statements as unknown as AstNode[]) {
    if (st.kind !== NodeKind.Variable) continue;
    for (const d of st.declarations as AstNode[]) {
      const flags = d.flags as number;
      const init = d.initializer as AstNode | null;
      const arrayLiteral = init?.kind === NodeKind.Literal && init.literalKind === LiteralKind.Array;
      const mutable = (flags & CommonFlags.Const) === 0;
      if (mutable || arrayLiteral) {
        vars.set(declName(d), { name: declName(d), line: source.lineAt(d.range.start), mutable, arrayLiteral });
      }
    }
  }
  if (vars.size === 0) return [];
  const warned = new Set<string>();
  const warnings: string[] = [];
  // The enclosing functions, innermost last, with the names each declares.
  const stack: { name: string; locals: Set<string> }[] = [];
  const global = (name: string | null): TopLevelVar | null => {
    if (name === null || warned.has(name) || stack.length === 0) return null;
    if (stack.some((f) => f.locals.has(name))) return null;
    return vars.get(name) ?? null;
  };
  const warn = (v: TopLevelVar, at: AstNode, how: "variable" | "array"): void => {
    warned.add(v.name);
    const fn = stack[stack.length - 1]!.name;
    const site = `${fn ? `function '${fn}'` : "a function"} (line ${source.lineAt(at.range.start)})`;
    warnings.push(
      how === "variable"
        ? `${display}:${v.line}: warning: top-level variable '${v.name}' is written in ${site}: each CPU has its own copy of a ` +
            "top-level variable, so a thread sees only the writes made on the CPU it runs on; share data through a kernel " +
            `object, an atomic or static memory (${TOP_LEVEL_DOC})`
        : `${display}:${v.line}: warning: top-level array literal '${v.name}' is changed in ${site}: the array is static ` +
            "data that every CPU shares, with no lock, and it cannot grow (its storage is not heap memory); share data through a kernel object, an " +
            `atomic or static memory, or make a per-CPU array with new Array<T>() (${TOP_LEVEL_DOC})`,
    );
  };
  /** The array variable that `target` changes (`xs[i]`, `xs.length`), if it is one. */
  const arrayOf = (target: AstNode): TopLevelVar | null => {
    if (target.kind === NodeKind.ElementAccess) return global(identifierText(target.expression));
    if (target.kind === NodeKind.PropertyAccess && identifierText(target.property) === "length") {
      return global(identifierText(target.expression));
    }
    return null;
  };
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const c of v) visit(c);
      return;
    }
    const n = v as AstNode;
    const isFunction = n.kind === NodeKind.FunctionDeclaration || n.kind === NodeKind.MethodDeclaration;
    if (isFunction) stack.push({ name: declName(n), locals: localNames(n) });
    if (n.kind === NodeKind.Binary && ASSIGNMENTS.has(n.operator as Token)) {
      const left = n.left as AstNode;
      const direct = global(identifierText(left));
      if (direct?.mutable) warn(direct, n, "variable");
      const arr = arrayOf(left);
      if (arr?.arrayLiteral) warn(arr, n, "array");
    } else if (
      (n.kind === NodeKind.UnaryPrefix || n.kind === NodeKind.UnaryPostfix) &&
      (n.operator === Token.Plus_Plus || n.operator === Token.Minus_Minus)
    ) {
      const operand = n.operand as AstNode;
      const direct = global(identifierText(operand));
      if (direct?.mutable) warn(direct, n, "variable");
      const arr = arrayOf(operand);
      if (arr?.arrayLiteral) warn(arr, n, "array");
    } else if (n.kind === NodeKind.Call) {
      const callee = n.expression as AstNode;
      if (callee.kind === NodeKind.PropertyAccess && ARRAY_MUTATORS.has(identifierText(callee.property) ?? "")) {
        const arr = global(identifierText(callee.expression));
        if (arr?.arrayLiteral) warn(arr, n, "array");
      }
    }
    for (const [k, c] of Object.entries(n)) if (!AST_SKIP_KEYS.has(k)) visit(c);
    if (isFunction) stack.pop();
  };
  visit(source.statements);
  return warnings;
}
