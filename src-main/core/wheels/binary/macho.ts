import { sliceSource, type ByteSource } from '../zip/byte-source';
import { cString, isInitSymbol, type BinaryFacts, type BinarySlice } from './binary-facts';

// Mach-O (macOS): cputype for the architecture; LC_SYMTAB's external defined symbols for _PyInit_;
// fat (universal) binaries list their slices in a big-endian header, and each slice is parsed.

const CPU_ARCH_ABI64 = 0x01000000;
const CPU_TYPES: Readonly<Record<number, string>> = {
  7: 'i386',
  [7 | CPU_ARCH_ABI64]: 'x86_64',
  12: 'armv7',
  [12 | CPU_ARCH_ABI64]: 'arm64',
  18: 'ppc',
  [18 | CPU_ARCH_ABI64]: 'ppc64',
};

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const LC_SYMTAB = 0x2;
const N_STAB = 0xe0;
const N_TYPE = 0x0e;
const N_EXT = 0x01;
const N_SECT = 0x0e;
/** Java class files share 0xcafebabe; their next word (a version, >= 45) is never a slice count. */
const MAX_FAT_SLICES = 30;
const MAX_LOAD_COMMANDS_BYTES = 16 * 1024 * 1024;

function thinMagic(head: Buffer): { is64: boolean; littleEndian: boolean } | null {
  if (head.length < 4) return null;
  const le = head.readUInt32LE(0);
  const be = head.readUInt32BE(0);
  if (le === MH_MAGIC_64 || le === MH_MAGIC) return { is64: le === MH_MAGIC_64, littleEndian: true };
  if (be === MH_MAGIC_64 || be === MH_MAGIC) return { is64: be === MH_MAGIC_64, littleEndian: false };
  return null;
}

export function isFatMachO(head: Buffer): boolean {
  if (head.length < 8) return false;
  const magic = head.readUInt32BE(0);
  return (magic === FAT_MAGIC || magic === FAT_MAGIC_64) && head.readUInt32BE(4) > 0 && head.readUInt32BE(4) <= MAX_FAT_SLICES;
}

export const isMachO = (head: Buffer): boolean => thinMagic(head) !== null || isFatMachO(head);

export function machoArch(cputype: number): string {
  return CPU_TYPES[cputype] ?? `unknown-macho-cpu-0x${cputype.toString(16)}`;
}

/** The architecture(s) from the headers; with `symbols`, also each slice's PyInit exports. */
export async function readMachO(source: ByteSource, symbols: boolean): Promise<BinaryFacts> {
  const head = await source.read(0, Math.min(8, source.size));
  if (isFatMachO(head)) return readFat(source, head.readUInt32BE(0) === FAT_MAGIC_64, head.readUInt32BE(4), symbols);
  const { slice, note } = await readThin(source, symbols);
  return { format: 'macho', slices: [slice], needs: [], note };
}

async function readFat(source: ByteSource, wide: boolean, count: number, symbols: boolean): Promise<BinaryFacts> {
  const entrySize = wide ? 32 : 20;
  const table = await source.read(8, count * entrySize);
  const slices: BinarySlice[] = [];
  const notes: string[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * entrySize;
    const offset = wide ? Number(table.readBigUInt64BE(o + 8)) : table.readUInt32BE(o + 8);
    const size = wide ? Number(table.readBigUInt64BE(o + 16)) : table.readUInt32BE(o + 12);
    const { slice, note } = await readThin(sliceSource(source, offset, size), symbols);
    slices.push(slice);
    if (note) notes.push(`${slice.arch}: ${note}`);
  }
  return { format: 'macho-fat', slices, needs: [], note: notes.length ? notes.join('; ') : null };
}

async function readThin(source: ByteSource, symbols: boolean): Promise<{ slice: BinarySlice; note: string | null }> {
  const magic = thinMagic(await source.read(0, 4));
  if (!magic) throw new Error('a fat Mach-O slice is not a Mach-O binary');
  const { is64, littleEndian } = magic;
  const u32 = (b: Buffer, o: number) => (littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const headerSize = is64 ? 32 : 28;
  const header = await source.read(0, headerSize);
  const arch = machoArch(u32(header, 4));
  if (!symbols) return { slice: { arch, initExports: null }, note: null };
  const commandCount = u32(header, 16);
  const commandBytes = u32(header, 20);
  if (commandBytes > MAX_LOAD_COMMANDS_BYTES) return { slice: { arch, initExports: null }, note: 'its load commands are implausibly large' };
  const commands = await source.read(headerSize, commandBytes);
  for (let i = 0, o = 0; i < commandCount && o + 8 <= commands.length; i++) {
    const cmd = u32(commands, o);
    const size = u32(commands, o + 4);
    if (size < 8) break;
    if (cmd === LC_SYMTAB && o + 24 <= commands.length) {
      const exports = await externalInitSymbols(source, u32, is64, {
        symoff: u32(commands, o + 8),
        nsyms: u32(commands, o + 12),
        stroff: u32(commands, o + 16),
        strsize: u32(commands, o + 20),
      });
      return { slice: { arch, initExports: exports }, note: null };
    }
    o += size;
  }
  return { slice: { arch, initExports: [] }, note: null };
}

async function externalInitSymbols(
  source: ByteSource,
  u32: (b: Buffer, o: number) => number,
  is64: boolean,
  symtab: { symoff: number; nsyms: number; stroff: number; strsize: number },
): Promise<string[]> {
  const entrySize = is64 ? 16 : 12;
  const [symbols, strings] = await Promise.all([
    source.read(symtab.symoff, symtab.nsyms * entrySize),
    source.read(symtab.stroff, symtab.strsize),
  ]);
  const exported: string[] = [];
  for (let o = 0; o + entrySize <= symbols.length; o += entrySize) {
    const type = symbols[o + 4] as number;
    if ((type & N_STAB) !== 0 || (type & N_EXT) === 0 || (type & N_TYPE) !== N_SECT) continue;
    const name = cString(strings, u32(symbols, o));
    // C symbols carry a leading underscore in Mach-O.
    const plain = name.startsWith('_') ? name.slice(1) : name;
    if (isInitSymbol(plain)) exported.push(plain);
  }
  return exported;
}
