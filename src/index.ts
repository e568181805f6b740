// wasmp's TypeScript API for hosts that embed the VM.
export { Machine, formatFatal, type MachineOptions, type RunResult, type RunStatus } from "./machine/machine.js";
export {
  createBoard,
  sameBoard,
  describeBoard,
  DEFAULT_MEMORY_MIB,
  type Board,
  type BoardSpec,
} from "./board/board.js";
export {
  runApplication,
  buildApplication,
  type Application,
  type RunApplicationOptions,
  type ApplicationRun,
  type BuildApplicationOptions,
  type BuiltApplication,
} from "./run.js";
export { buildImage, linkImage, type BuildOptions, type BuiltImage } from "./image/image.js";
export { startBuildServer, requestBuild, BUILD_SERVER_ENV } from "./image/build-server.js";
export {
  OPTIONS,
  parsePrjConf,
  parseAssignment,
  parseAssignments,
  resolveKconfig,
  resolveKconfigForImage,
  kconfigDiagnostics,
  buildDefines,
  buildValuesFromDefines,
  buildMismatches,
  boardFromSettings,
  lastSetting,
  RENAMED,
  type BuildMismatch,
  type Kconfig,
  type KconfigValues,
  type KconfigName,
  type KconfigValue,
  type KconfigOption,
  type ConfigSetting,
} from "./board/kconfig.js";
export { INERT_SYMBOLS, INERT_GROUPS, type InertGroup, type ZephyrSymbol } from "./board/zephyr-symbols.js";
export { BUILD_RECORD_SECTION, readBuildRecord } from "./image/record.js";
export { nodePlatform, readPrjConf } from "./platform/node.js";
export type { Platform, WorkerHandle, WorkerPort, WorkerEntry } from "./platform/types.js";
export { VmError, configError, type VmErrorCode } from "./errors.js";
export { readCpuStates, readThreads, formatDump, type CpuState, type ThreadState } from "./machine/dump.js";
export type { FatalReport, FaultFacts } from "./cpu/messages.js";
export * as layout from "./generated/contract.js";
export { EXIT_USAGE, EXIT_BUILD, EXIT_TIMEOUT, EXIT_HALT, EXIT_CRASH } from "./machine/exit-codes.js";
