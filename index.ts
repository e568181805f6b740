// Package entry for AssemblyScript: `import { ... } from "wasmp"` resolves here.
export * from "./assembly/index";
