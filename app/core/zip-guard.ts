/**
 * Reads the sizes a .xlsx (a zip) declares in its central directory, before anything is inflated: a small
 * upload that would inflate to gigabytes (a zip bomb) is refused without being opened.
 */
export type ZipSizes = { entries: number; compressed: number; uncompressed: number };

export function declaredZipSizes(buf: Uint8Array): ZipSizes | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535.
  const lowest = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const sizes: ZipSizes = { entries: 0, compressed: 0, uncompressed: 0 };
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    sizes.entries++;
    sizes.compressed += view.getUint32(offset + 20, true);
    sizes.uncompressed += view.getUint32(offset + 24, true);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return sizes;
}

export const XLSX_LIMITS = { uncompressedBytes: 100 * 1024 * 1024, ratio: 200 } as const;

/** A Vietnamese reason to refuse the file, or null when it may be opened. */
export function xlsxRefusal(buf: Uint8Array): string | null {
  const sizes = declaredZipSizes(buf);
  if (!sizes) return "Tệp không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng.";
  if (sizes.uncompressed > XLSX_LIMITS.uncompressedBytes || sizes.uncompressed > sizes.compressed * XLSX_LIMITS.ratio + 1_000_000) {
    return "Tệp Excel quá lớn khi giải nén; vui lòng chia nhỏ tệp (tối đa khoảng 100 MB dữ liệu).";
  }
  return null;
}
