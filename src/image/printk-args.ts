// Type checks of printk/snprintk arguments, reported at the user's argument.
//
// The formatter's methods (assembly/kernel/printk.ts) are generic over the argument's type and
// reject a wrong one with ERROR(), which asc reports where the ERROR() call stands: a line of
// the kernel's printk.ts, with nothing that names the call that passed the string to %d. So
// the transform (transform.ts, 5.) passes each argument of an application's printk through a
// helper generated for that argument, in the same file:
//
//   function __wasmp_printk_arg_3<T>(v: T): T { if (!(isInteger<T>() && !isReference<T>())) ERROR("…"); return v; }
//
// whose ERROR() call carries the argument's own source range, so asc reports the user's line
// and column and quotes the user's code. The helper returns its argument as it is (binaryen
// inlines it: no cost), and evaluates it once, as the call did. The formatter's own ERROR()
// for the same argument is then noise: isPrintkLibraryNoise() lets the build drop it.

import type { Expression, Statement } from "assemblyscript";
import { ArrowKind, CommonFlags, Node, ParameterKind, Range, Source, SourceKind, Token } from "assemblyscript";

/** A condition on the argument's type T: a builtin's name, or a combination. */
type Pred = string | { and: Pred[] } | { or: Pred[] } | { not: Pred };

const INTEGER: Pred = { and: ["isInteger", { not: "isReference" }] };

/** What each formatter method accepts (as assembly/kernel/printk.ts checks it), and says so. */
const ACCEPTS: Record<string, { pred: Pred; wants: string }> = {
  d: { pred: INTEGER, wants: "an integer (or bool)" },
  u: { pred: INTEGER, wants: "an integer (or bool)" },
  o: { pred: INTEGER, wants: "an integer (or bool)" },
  x: { pred: INTEGER, wants: "an integer (or bool)" },
  X: { pred: INTEGER, wants: "an integer (or bool)" },
  c: { pred: INTEGER, wants: "an integer (a character code)" },
  starw: { pred: "isInteger", wants: "an integer" },
  starp: { pred: "isInteger", wants: "an integer" },
  p: { pred: { or: ["isInteger", "isReference"] }, wants: "a pointer (an address or an object)" },
  s: {
    pred: { or: ["isString", { and: ["isInteger", { not: "isBoolean" }] }] },
    wants: "a string (or the address of a NUL-terminated byte string)",
  },
  tpl: {
    pred: {
      or: ["isBoolean", "isInteger", "isFloat", "isString", { and: ["isReference", { not: "isFunction" }] }],
    },
    wants: "a number, a bool, a string or an object with a toString() method",
  },
};

const HELPER_PREFIX = "__wasmp_printk_arg_";
const TYPE_PARAM = "T";
const VALUE_PARAM = "v";
const helpersMade = new WeakMap<object, number>();

/**
 * `value`, the argument of the formatter method `method` for the conversion `what` (as "%d",
 * "a `*` width" or "`${}`"), passed through a checking helper added to the argument's own
 * source (see the header). A method that checks nothing leaves the value as it is.
 */
export function checkedPrintkArg(value: Expression, method: string, callee: string, what: string): Expression {
  const accepts = ACCEPTS[method];
  if (!accepts) return value;
  const r = value.range;
  const source = r.source as unknown as { statements: Statement[] };
  const n = helpersMade.get(source) ?? 0;
  helpersMade.set(source, n + 1);
  const name = `${HELPER_PREFIX}${n}`;
  const T = (): ReturnType<typeof Node.createNamedType> =>
    Node.createNamedType(Node.createSimpleTypeName(TYPE_PARAM, r), null, false, r);
  const build = (p: Pred): Expression => {
    if (typeof p === "string") return Node.createCallExpression(Node.createIdentifierExpression(p, r), [T()], [], r);
    if ("not" in p) return Node.createUnaryPrefixExpression(Token.Exclamation, build(p.not), r);
    const op = "and" in p ? Token.Ampersand_Ampersand : Token.Bar_Bar;
    const parts = ("and" in p ? p.and : p.or).map(build);
    return Node.createParenthesizedExpression(
      parts.slice(1).reduce((acc, e) => Node.createBinaryExpression(op, acc, e, r), parts[0]!),
      r,
    );
  };
  const fail = Node.createExpressionStatement(
    Node.createCallExpression(
      Node.createIdentifierExpression("ERROR", r),
      null,
      [messageLiteral(`${callee}: ${what} takes ${accepts.wants}`)],
      r,
    ),
  );
  const body = Node.createBlockStatement(
    [
      Node.createIfStatement(
        Node.createUnaryPrefixExpression(Token.Exclamation, build(accepts.pred), r),
        fail,
        null,
        r,
      ),
      Node.createReturnStatement(Node.createIdentifierExpression(VALUE_PARAM, r), r),
    ],
    r,
  );
  const signature = Node.createFunctionType(
    [Node.createParameter(ParameterKind.Default, Node.createIdentifierExpression(VALUE_PARAM, r), T(), null, r)],
    T(),
    null,
    false,
    r,
  );
  source.statements.push(
    Node.createFunctionDeclaration(
      Node.createIdentifierExpression(name, r),
      null,
      CommonFlags.Generic,
      [Node.createTypeParameter(Node.createIdentifierExpression(TYPE_PARAM, r), null, null, r)],
      signature,
      body,
      ArrowKind.None,
      r,
    ),
  );
  return Node.createCallExpression(Node.createIdentifierExpression(name, r), null, [value], r);
}

/**
 * A string literal of `message` for ERROR(), which reports the source text of its argument's
 * range (not the literal's value): the range is over a source of its own, never compiled,
 * whose text is the literal as written.
 */
function messageLiteral(message: string): Expression {
  const text = JSON.stringify(message);
  const range = new Range(0, text.length);
  range.source = new Source(SourceKind.User, "~lib/wasmp/printk-argument-check.ts", text);
  return Node.createStringLiteralExpression(message, range);
}

/** The kernel's formatter, whose type errors repeat one that the user's argument reported. */
const PRINTK_LIBRARY = "~lib/wasmp/assembly/kernel/printk.ts";
/** The prefix of asc's message for ERROR("printk: …") or ERROR("snprintk: …"). */
const PRINTK_ERROR = /^User-defined: "(printk|snprintk): /;

/**
 * Whether an error that asc reported in the kernel's formatter can be dropped: some argument
 * check in the user's code failed (`userPrintkError`), and the formatter's errors then only
 * repeat it from inside the library.
 */
export function isPrintkLibraryNoise(path: string | null, userPrintkError: boolean): boolean {
  return userPrintkError && path === PRINTK_LIBRARY;
}

/** Whether asc's diagnostic is a failed argument check (see the header) in the user's code. */
export function isUserPrintkError(message: string, path: string | null): boolean {
  return PRINTK_ERROR.test(message) && path !== null && !path.startsWith("~lib/");
}
