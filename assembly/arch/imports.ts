// The port layer's host imports. Their declarations are generated from the contract
// (contract/schema.mjs → assembly/generated/imports.ts): the module "wasmp" is the ABI, and
// only arch_switch may unwind (asyncify-imports). The host side is src/cpu/core.ts.
export * from "../generated/imports";
