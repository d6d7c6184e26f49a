import { crc32, deflateSync } from "node:zlib";

/**
 * Tiny but valid pictures for the seed, made here rather than shipped as files: a PNG with a
 * two-colour diagonal and a baseline JPEG of one flat colour. Both decode in browsers, in
 * ImageMagick and in Shopify's media pipeline.
 */
export type Rgb = readonly [number, number, number];

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGB PNG, `size` pixels square: `a` above the diagonal, `b` below it. */
export function makePng(size: number, a: Rgb, b: Rgb): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) raw.set(x >= y ? a : b, row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      pngChunk("IHDR", header),
      pngChunk("IDAT", deflateSync(raw)),
      pngChunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** Bits into bytes, with JPEG's 0xFF byte stuffing and 1-padding at the end. */
class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) {
      this.#acc = (this.#acc << 1) | ((value >> i) & 1);
      this.#n += 1;
      if (this.#n === 8) this.#flush();
    }
  }
  finish(): number[] {
    if (this.#n > 0) this.write(0xff, 8 - this.#n);
    return this.bytes;
  }
  #flush() {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0x00);
    this.#acc = 0;
    this.#n = 0;
  }
}

const segment = (marker: number, body: number[]) => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

/**
 * A baseline JPEG, `size` pixels square (a multiple of 8), of one colour. A flat block has only a
 * DC coefficient, so each 8×8 block is a DC difference and an end-of-block: quantisation all 1,
 * a DC Huffman table giving every size category a 4-bit code, and an AC table holding only EOB.
 */
export function makeJpeg(size: number, [r, g, b]: Rgb): Uint8Array<ArrayBuffer> {
  const ycc = [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ].map((v) => Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)));
  const quant = segment(0xdb, [0x00, ...Array<number>(64).fill(1)]);
  const frame = segment(0xc0, [
    8,
    size >> 8,
    size & 0xff,
    size >> 8,
    size & 0xff,
    3,
    1,
    0x11,
    0,
    2,
    0x11,
    0,
    3,
    0x11,
    0,
  ]);
  const dcCounts = [0, 0, 0, 12, ...Array<number>(12).fill(0)];
  const dc = segment(0xc4, [0x00, ...dcCounts, ...Array.from({ length: 12 }, (_, i) => i)]);
  const ac = segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0x00]);
  const scan = segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  const bits = new BitWriter();
  const previous = [0, 0, 0];
  const blocks = (size / 8) ** 2;
  for (let block = 0; block < blocks; block += 1) {
    for (let c = 0; c < 3; c += 1) {
      const diff = ycc[c]! - previous[c]!;
      previous[c] = ycc[c]!;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      bits.write(category, 4); // canonical codes: category k has code k
      if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
      bits.write(0, 1); // EOB
    }
  }
  return new Uint8Array([0xff, 0xd8, ...quant, ...frame, ...dc, ...ac, ...scan, ...bits.finish(), 0xff, 0xd9]);
}
