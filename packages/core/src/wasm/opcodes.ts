/**
 * The WebAssembly instructions scatterkit's kernels use, by their text-format (WAT) names,
 * with their binary codes and the kind of immediate that follows. One table serves the
 * emitter ({@link WasmBody.op}) and the disassembler ({@link toWat}), so a kernel never
 * spells a raw opcode byte.
 * @internal
 */

/**
 * Immediate operands after an opcode: none; a block type (0x40 = no result); a label depth,
 * function or local index (unsigned LEB128); a memory argument (alignment exponent, byte
 * offset); a signed i32; an f64 (8 bytes); a lane index (1 byte); 16 shuffle lane bytes; a
 * 16-byte v128 constant.
 * @internal
 */
export type Immediate =
  | "none"
  | "block"
  | "label"
  | "func"
  | "local"
  | "memarg"
  | "i32"
  | "f32"
  | "f64"
  | "lane"
  | "shuffle"
  | "v128";

/** Plain (one-byte) opcodes. @internal */
export const SCALAR_OPS = {
  unreachable: [0x00, "none"],
  nop: [0x01, "none"],
  block: [0x02, "block"],
  loop: [0x03, "block"],
  if: [0x04, "block"],
  else: [0x05, "none"],
  end: [0x0b, "none"],
  br: [0x0c, "label"],
  br_if: [0x0d, "label"],
  return: [0x0f, "none"],
  call: [0x10, "func"],
  drop: [0x1a, "none"],
  select: [0x1b, "none"],
  "local.get": [0x20, "local"],
  "local.set": [0x21, "local"],
  "local.tee": [0x22, "local"],
  "i32.load": [0x28, "memarg"],
  "f32.load": [0x2a, "memarg"],
  "f64.load": [0x2b, "memarg"],
  "i32.store": [0x36, "memarg"],
  "f32.store": [0x38, "memarg"],
  "f64.store": [0x39, "memarg"],
  "i32.const": [0x41, "i32"],
  "f32.const": [0x43, "f32"],
  "f64.const": [0x44, "f64"],
  "i32.eqz": [0x45, "none"],
  "i32.eq": [0x46, "none"],
  "i32.ne": [0x47, "none"],
  "i32.lt_s": [0x48, "none"],
  "i32.lt_u": [0x49, "none"],
  "i32.gt_s": [0x4a, "none"],
  "i32.gt_u": [0x4b, "none"],
  "i32.le_s": [0x4c, "none"],
  "i32.le_u": [0x4d, "none"],
  "i32.ge_s": [0x4e, "none"],
  "i32.ge_u": [0x4f, "none"],
  "f64.eq": [0x61, "none"],
  "f64.ne": [0x62, "none"],
  "f64.lt": [0x63, "none"],
  "f64.gt": [0x64, "none"],
  "f64.le": [0x65, "none"],
  "f64.ge": [0x66, "none"],
  "i32.add": [0x6a, "none"],
  "i32.sub": [0x6b, "none"],
  "i32.mul": [0x6c, "none"],
  "i32.div_s": [0x6d, "none"],
  "i32.div_u": [0x6e, "none"],
  "i32.rem_s": [0x6f, "none"],
  "i32.rem_u": [0x70, "none"],
  "i32.and": [0x71, "none"],
  "i32.or": [0x72, "none"],
  "i32.xor": [0x73, "none"],
  "i32.shl": [0x74, "none"],
  "i32.shr_s": [0x75, "none"],
  "i32.shr_u": [0x76, "none"],
  "f32.add": [0x92, "none"],
  "f32.sub": [0x93, "none"],
  "f32.mul": [0x94, "none"],
  "f32.div": [0x95, "none"],
  "f64.abs": [0x99, "none"],
  "f64.neg": [0x9a, "none"],
  "f64.sqrt": [0x9f, "none"],
  "f64.add": [0xa0, "none"],
  "f64.sub": [0xa1, "none"],
  "f64.mul": [0xa2, "none"],
  "f64.div": [0xa3, "none"],
  "f64.min": [0xa4, "none"],
  "f64.max": [0xa5, "none"],
  "f32.demote_f64": [0xb6, "none"],
  "f64.convert_i32_s": [0xb7, "none"],
  "f64.convert_i32_u": [0xb8, "none"],
  "f64.promote_f32": [0xbb, "none"],
} as const satisfies Record<string, readonly [number, Immediate]>;

/** SIMD opcodes: the byte 0xfd, then the code below as unsigned LEB128. @internal */
export const SIMD_OPS = {
  "v128.load": [0x00, "memarg"],
  "v128.load32_splat": [0x09, "memarg"],
  "v128.load64_splat": [0x0a, "memarg"],
  "v128.store": [0x0b, "memarg"],
  "v128.const": [0x0c, "v128"],
  "i8x16.shuffle": [0x0d, "shuffle"],
  "f32x4.splat": [0x13, "none"],
  "f64x2.splat": [0x14, "none"],
  "f32x4.extract_lane": [0x1f, "lane"],
  "f32x4.replace_lane": [0x20, "lane"],
  "f64x2.extract_lane": [0x21, "lane"],
  "f64x2.replace_lane": [0x22, "lane"],
  "v128.load32_zero": [0x5c, "memarg"],
  "v128.load64_zero": [0x5d, "memarg"],
  "f32x4.demote_f64x2_zero": [0x5e, "none"],
  "f64x2.promote_low_f32x4": [0x5f, "none"],
  "f32x4.abs": [0xe0, "none"],
  "f32x4.neg": [0xe1, "none"],
  "f32x4.sqrt": [0xe3, "none"],
  "f32x4.add": [0xe4, "none"],
  "f32x4.sub": [0xe5, "none"],
  "f32x4.mul": [0xe6, "none"],
  "f32x4.div": [0xe7, "none"],
  "f32x4.min": [0xe8, "none"],
  "f32x4.max": [0xe9, "none"],
  "f64x2.abs": [0xec, "none"],
  "f64x2.neg": [0xed, "none"],
  "f64x2.sqrt": [0xef, "none"],
  "f64x2.add": [0xf0, "none"],
  "f64x2.sub": [0xf1, "none"],
  "f64x2.mul": [0xf2, "none"],
  "f64x2.div": [0xf3, "none"],
  "f64x2.min": [0xf4, "none"],
  "f64x2.max": [0xf5, "none"],
} as const satisfies Record<string, readonly [number, Immediate]>;

/** Name of an instruction in {@link SCALAR_OPS} or {@link SIMD_OPS}. @internal */
export type OpName = keyof typeof SCALAR_OPS | keyof typeof SIMD_OPS;

/** The prefix byte of SIMD instructions. @internal */
export const SIMD_PREFIX = 0xfd;

/** Value types by name (the byte that encodes them). @internal */
export const VALUE_TYPES = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;

/** Name of a value type. @internal */
export type ValueTypeName = keyof typeof VALUE_TYPES;

/** Value type i32. @internal */
export const I32 = VALUE_TYPES.i32;
/** Value type f32. @internal */
export const F32 = VALUE_TYPES.f32;
/** Value type f64. @internal */
export const F64 = VALUE_TYPES.f64;
/** Value type v128. @internal */
export const V128 = VALUE_TYPES.v128;
