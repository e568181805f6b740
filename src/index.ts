// wasmp's TypeScript API for hosts that embed the VM.
export { Machine, formatFatal, type MachineOptions, type RunResult, type RunStatus } from "./machine/machine.js";
export { buildImage, linkImage, type BuildOptions, type BuiltImage } from "./image/image.js";
export { OPTIONS, parsePrjConf, parseAssignment, readPrjConf, resolveKconfig, buildDefines,
  type Kconfig, type KconfigOption, type ConfigSetting, type BoardInfo } from "./board/kconfig.js";
export { VmError, checkErrno, type VmErrorCode } from "./errors.js";
export { readCpuStates, readThreads, formatDump, type CpuState, type ThreadState } from "./machine/dump.js";
export type { FatalReport } from "./cpu/messages.js";
export * as layout from "./generated/contract.js";
export { EXIT_USAGE, EXIT_BUILD, EXIT_TIMEOUT, EXIT_HALT, EXIT_CRASH } from "./machine/exit-codes.js";
