// CRCs (include/zephyr/sys/crc.h, lib/crc/): the same functions, polynomials, seeds and
// reflection as Zephyr's, computed bit by bit (no tables: nothing here touches static data).
// Buffers are addresses of bytes in memory (Zephyr's `const uint8_t *src`).

/** CRC-16 without input or output reflection, MSB first (Zephyr's crc16). */
export function crc16(poly: u16, seed: u16, src: usize, len: usize): u16 {
  let crc: u32 = seed;
  for (let i: usize = 0; i < len; i++) {
    crc ^= (<u32>load<u8>(src + i)) << 8;
    for (let j = 0; j < 8; j++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ poly : crc << 1;
    crc &= 0xffff;
  }
  return <u16>crc;
}

/** CRC-16 with input and output reflection, LSB first; `poly` is the reflected polynomial (Zephyr's crc16_reflect). */
export function crc16_reflect(poly: u16, seed: u16, src: usize, len: usize): u16 {
  let crc: u32 = seed;
  for (let i: usize = 0; i < len; i++) {
    crc ^= load<u8>(src + i);
    for (let j = 0; j < 8; j++) crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1;
  }
  return <u16>crc;
}

/** CRC-16-CCITT, reflected (polynomial 0x1021, reflected 0x8408), no final xor: CRC-16/KERMIT with seed 0. */
export function crc16_ccitt(seed: u16, src: usize, len: usize): u16 {
  return crc16_reflect(0x8408, seed, src, len);
}

/** CRC-16-ITU-T, not reflected (polynomial 0x1021): CRC-16/XMODEM with seed 0. */
export function crc16_itu_t(seed: u16, src: usize, len: usize): u16 {
  return crc16(0x1021, seed, src, len);
}

/** CRC-16-ANSI (polynomial 0x8005, reflected 0xA001, seed 0xffff): CRC-16/MODBUS. */
export function crc16_ansi(src: usize, len: usize): u16 {
  return crc16_reflect(0xa001, 0xffff, src, len);
}

/** Continues a CRC-32 (IEEE 802.3, reflected 0xEDB88320) over `len` more bytes. */
export function crc32_ieee_update(crc: u32, data: usize, len: usize): u32 {
  let c = ~crc;
  for (let i: usize = 0; i < len; i++) {
    c ^= load<u8>(data + i);
    for (let j = 0; j < 8; j++) c = (c & 1) != 0 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

/** CRC-32 (IEEE 802.3) of `len` bytes. */
export function crc32_ieee(data: usize, len: usize): u32 {
  return crc32_ieee_update(0, data, len);
}

/** CRC-8 with `polynomial` and `initial_value`, reflected (LSB first) if `reversed` (Zephyr's crc8). */
export function crc8(src: usize, len: usize, polynomial: u8, initial_value: u8, reversed: bool): u8 {
  let crc: u32 = initial_value;
  for (let i: usize = 0; i < len; i++) {
    crc ^= load<u8>(src + i);
    for (let j = 0; j < 8; j++) {
      if (reversed) crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
      else crc = ((crc & 0x80) != 0 ? (crc << 1) ^ polynomial : crc << 1) & 0xff;
    }
  }
  return <u8>crc;
}

/** CRC-8-CCITT (polynomial 0x07, not reflected): CRC-8/SMBUS with initial value 0. */
export function crc8_ccitt(initial_value: u8, buf: usize, len: usize): u8 {
  return crc8(buf, len, 0x07, initial_value, false);
}
