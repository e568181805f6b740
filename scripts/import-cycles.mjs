#!/usr/bin/env node
// Reports the import cycles among the kernel's files: the strongly connected components of the
// import graph of assembly/ (Tarjan). `--max N` exits 1 if a cycle has more than N files.
//   node scripts/import-cycles.mjs [--dir assembly] [--max N]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { dir: { type: "string", default: "assembly" }, max: { type: "string" } } });
const root = resolve(values.dir);
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith(".ts")) files.push(p);
  }
};
walk(root);
const graph = new Map();
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const deps = new Set();
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
    const target = resolve(dirname(f), m[1]) + ".ts";
    if (files.includes(target)) deps.add(target);
  }
  graph.set(f, [...deps]);
}
// Tarjan's strongly connected components.
let index = 0;
const idx = new Map(),
  low = new Map(),
  stack = [],
  on = new Set(),
  sccs = [];
const visit = (v) => {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v)) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
};
for (const f of files) if (!idx.has(f)) visit(f);
sccs.sort((a, b) => b.length - a.length);
console.log(`${files.length} files under ${relative(process.cwd(), root) || "."}, ${sccs.length} import cycle(s)`);
for (const c of sccs)
  console.log(
    `  ${c.length} files: ${c
      .map((f) => relative(root, f))
      .sort()
      .join(" ")}`,
  );
const max = values.max === undefined ? Infinity : Number(values.max);
if (sccs.some((c) => c.length > max)) process.exit(1);
