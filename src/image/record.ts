// The build record: a custom section of the image, written by the image builder
// (src/image/image.ts), that lists the `--use` defines the image was compiled with (one per
// build-time Kconfig option, from buildDefines). The host reads it to refuse running an image
// with build-time options other than its own (run.ts, Machine.create), and to take the image's
// own values as the defaults of a prebuilt image's configuration. Only the host reads it: the
// guest never sees its custom sections. Platform-neutral: bytes in, bytes out.

import { VmError } from "../errors.js";

/** The custom section's name. */
export const BUILD_RECORD_SECTION = "wasmp.build";
/** Its payload is JSON: `{ "version": BUILD_RECORD_VERSION, "defines": [...] }`. */
const BUILD_RECORD_VERSION = 1;
/** Wasm binary format: the magic and version, and the custom section's id. */
const WASM_HEADER_BYTES = 8;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"
const CUSTOM_SECTION_ID = 0;
const LEB_PAYLOAD_BITS = 7;
const LEB_MORE = 0x80;
const LEB_MASK = 0x7f;

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & LEB_MASK;
    n = Math.floor(n / (LEB_MASK + 1));
    if (n > 0) b |= LEB_MORE;
    out.push(b);
  } while (n > 0);
  return out;
}

/** `wasm` with the build record for `defines` appended (a custom section may come last). */
export function appendBuildRecord(wasm: Uint8Array, defines: readonly string[]): Uint8Array {
  const enc = new TextEncoder();
  const name = enc.encode(BUILD_RECORD_SECTION);
  const payload = enc.encode(JSON.stringify({ version: BUILD_RECORD_VERSION, defines: [...defines].sort() }));
  const body = [...leb128(name.length), ...name, ...payload];
  const section = [CUSTOM_SECTION_ID, ...leb128(body.length), ...body];
  const out = new Uint8Array(wasm.length + section.length);
  out.set(wasm, 0);
  out.set(section, wasm.length);
  return out;
}

function decode(payload: Uint8Array): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload));
  } catch (e) {
    throw new VmError("E_IMAGE", `the image's ${BUILD_RECORD_SECTION} section is not valid JSON`, { cause: e });
  }
  const r = parsed as { version?: unknown; defines?: unknown };
  if (
    r.version !== BUILD_RECORD_VERSION ||
    !Array.isArray(r.defines) ||
    !r.defines.every((d) => typeof d === "string")
  ) {
    throw new VmError(
      "E_IMAGE",
      `the image's ${BUILD_RECORD_SECTION} section is not a build record of this wasmp (version ${BUILD_RECORD_VERSION}): rebuild the image`,
    );
  }
  return r.defines as string[];
}

/** The custom section `name` of a Wasm binary, or null (a walk over its section headers). */
function customSection(bytes: Uint8Array, name: string): Uint8Array | null {
  if (bytes.length < WASM_HEADER_BYTES || !WASM_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new VmError("E_IMAGE", "not a wasmp image: not a WebAssembly module");
  }
  let pos = WASM_HEADER_BYTES;
  const readLeb = (): number => {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw new VmError("E_IMAGE", "not a wasmp image: a truncated Wasm section");
      const b = bytes[pos++]!;
      v += (b & LEB_MASK) * scale;
      if ((b & LEB_MORE) === 0) return v;
      scale *= 2 ** LEB_PAYLOAD_BITS;
    }
  };
  const dec = new TextDecoder();
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = readLeb();
    const end = pos + size;
    if (id === CUSTOM_SECTION_ID) {
      const len = readLeb();
      if (dec.decode(bytes.subarray(pos, pos + len)) === name) return bytes.subarray(pos + len, end);
    }
    pos = end;
  }
  return null;
}

/**
 * The defines an image records, or null if it has no build record (an image of a wasmp from
 * before the record, or not built by wasmp's image builder).
 */
export function readBuildRecord(image: Uint8Array | WebAssembly.Module): string[] | null {
  if (image instanceof WebAssembly.Module) {
    const [section] = WebAssembly.Module.customSections(image, BUILD_RECORD_SECTION);
    return section ? decode(new Uint8Array(section)) : null;
  }
  const section = customSection(image, BUILD_RECORD_SECTION);
  return section ? decode(section) : null;
}
