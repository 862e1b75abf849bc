/** The image types a logo may be, recognised from their first bytes rather than their name. */
const SIGNATURES: { type: string; extension: string; matches: (bytes: Buffer) => boolean }[] = [
  { type: 'image/png', extension: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', extension: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/webp', extension: 'webp', matches: (b) => b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP' },
]

/** The real image type of `bytes`, or null when it is not a PNG, JPEG or WebP image. */
export function sniffImage(bytes: Buffer) {
  return SIGNATURES.find((signature) => signature.matches(bytes)) ?? null
}
