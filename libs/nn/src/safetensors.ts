// The safetensors format: u64 little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then raw
// little-endian tensor bytes. Written atomically (temp file + rename).
import { readFileSync } from 'node:fs';
import { atomicWriteFileSync as writeFileAtomic } from '@aframe/io';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export function encodeSafetensors(tensors: NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, d) => a * d, 1);
    if (n !== t.data.length) throw new Error(`safetensors: tensor '${t.name}' has ${t.data.length} values for shape (${t.shape.join(', ')})`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const hbytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + hbytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(hbytes.length), true);
  out.set(hbytes, 8);
  let pos = 8 + hbytes.length;
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (const t of tensors) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    if (le) out.set(bytes, pos);
    else {
      const dv = new DataView(out.buffer);
      t.data.forEach((v, i) => dv.setFloat32(pos + 4 * i, v, true));
    }
    pos += bytes.length;
  }
  return out;
}

export interface SafetensorsFile {
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
  metadata: Record<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw new Error('safetensors: file shorter than its 8-byte header length');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = Number(dv.getBigUint64(0, true));
  if (8 + hlen > bytes.length) throw new Error(`safetensors: header length ${hlen} exceeds file size ${bytes.length}`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen))) as Record<string, unknown>;
  const base = 8 + hlen;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: [s, e] } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const n = shape.reduce((a, d) => a * d, 1);
    if (e - s !== (dtype === 'F64' ? 8 : 4) * n) throw new Error(`safetensors: tensor '${name}' byte range does not match shape (${shape.join(', ')})`);
    const data = new Float32Array(n);
    const tdv = new DataView(bytes.buffer, bytes.byteOffset + base + s, e - s);
    if (dtype === 'F32') for (let i = 0; i < n; i++) data[i] = tdv.getFloat32(4 * i, true);
    else if (dtype === 'F64') for (let i = 0; i < n; i++) data[i] = tdv.getFloat64(8 * i, true);
    else throw new Error(`safetensors: tensor '${name}' has unsupported dtype ${dtype} (F32, F64 supported)`);
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata };
}

export function writeSafetensors(path: string, tensors: NamedTensor[], metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export function readSafetensors(path: string): SafetensorsFile {
  return decodeSafetensors(readFileSync(path));
}
