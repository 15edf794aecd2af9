import type { ByteSource } from '../zip/byte-source';
import { cString, isInitSymbol, type BinaryFacts } from './binary-facts';

// PE/COFF (Windows .pyd): the COFF machine for the architecture (named as Windows wheel tags name
// it: x86, x86_64, arm64); the export directory for PyInit_.

const MACHINES: Readonly<Record<number, string>> = {
  0x014c: 'x86',
  0x8664: 'x86_64',
  0xaa64: 'arm64',
  0x01c4: 'arm',
};

const MAX_SECTIONS = 96;
const MAX_EXPORT_NAMES = 1_000_000;

export const isPe = (head: Buffer): boolean => head.length >= 64 && head.toString('latin1', 0, 2) === 'MZ';

interface PeSection {
  readonly virtualAddress: number;
  readonly virtualSize: number;
  readonly rawSize: number;
  readonly rawOffset: number;
}

/** The architecture from the COFF header; with `symbols`, also the PyInit exports. */
export async function readPe(source: ByteSource, symbols: boolean): Promise<BinaryFacts> {
  const dos = await source.read(0, 64);
  const peOffset = dos.readUInt32LE(0x3c);
  const coff = await source.read(peOffset, 24);
  if (coff.toString('latin1', 0, 4) !== 'PE\0\0') throw new Error('it starts like a Windows executable (MZ) but has no PE header');
  const machine = coff.readUInt16LE(4);
  const arch = MACHINES[machine] ?? `unknown-pe-machine-0x${machine.toString(16)}`;
  const sectionCount = coff.readUInt16LE(6);
  const optionalSize = coff.readUInt16LE(20);
  const optionalStart = peOffset + 24;
  const optional = await source.read(optionalStart, optionalSize);
  const facts = (initExports: readonly string[] | null, note: string | null = null): BinaryFacts => ({
    format: 'pe',
    slices: [{ arch, initExports }],
    needs: [],
    note,
  });
  if (!symbols) return facts(null);
  if (optionalSize < 2 || sectionCount > MAX_SECTIONS) return facts(null, 'its PE headers are malformed');
  const pe32Plus = optional.readUInt16LE(0) === 0x20b;
  const directoriesAt = pe32Plus ? 112 : 96;
  if (optionalSize < directoriesAt + 8) return facts([]);
  const exportRva = optional.readUInt32LE(directoriesAt);
  const exportSize = optional.readUInt32LE(directoriesAt + 4);
  if (exportRva === 0 || exportSize === 0) return facts([]);

  const table = await source.read(optionalStart + optionalSize, sectionCount * 40);
  const sections: PeSection[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const o = i * 40;
    sections.push({
      virtualSize: table.readUInt32LE(o + 8),
      virtualAddress: table.readUInt32LE(o + 12),
      rawSize: table.readUInt32LE(o + 16),
      rawOffset: table.readUInt32LE(o + 20),
    });
  }
  const home = sections.find((s) => exportRva >= s.virtualAddress && exportRva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
  if (!home) return facts(null, 'its export directory points outside every section');
  // The export directory, its name table and the names normally share one section: read it once.
  const length = Math.min(home.rawSize, source.size - home.rawOffset);
  const data = await source.read(home.rawOffset, length);
  const at = (rva: number) => rva - home.virtualAddress;
  const dir = at(exportRva);
  if (dir + 40 > data.length) return facts(null, 'its export directory is truncated');
  const nameCount = data.readUInt32LE(dir + 24);
  const namesAt = at(data.readUInt32LE(dir + 32));
  if (nameCount > MAX_EXPORT_NAMES || namesAt < 0 || namesAt + nameCount * 4 > data.length) {
    return facts(null, 'its export name table lies outside the export section');
  }
  const exported: string[] = [];
  for (let i = 0; i < nameCount; i++) {
    const name = cString(data, at(data.readUInt32LE(namesAt + i * 4)));
    if (isInitSymbol(name)) exported.push(name);
  }
  return facts(exported);
}
