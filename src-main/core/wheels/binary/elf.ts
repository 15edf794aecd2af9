import { createHash } from 'node:crypto';
import type { ByteSource } from '../zip/byte-source';
import { cString, isInitSymbol, type BinaryFacts } from './binary-facts';

// ELF (Linux, the BSDs): e_machine for the architecture; the dynamic symbol table (.dynsym) for the
// exported PyInit_ symbol; the dynamic section for the libraries it needs; the version needs
// (.gnu.version_r) and imported symbols for its linkage.

const MACHINES: Readonly<Record<number, string>> = {
  3: 'i686',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'armv7l',
  62: 'x86_64',
  183: 'aarch64',
  243: 'riscv64',
  258: 'loongarch64',
};

const SHT_DYNSYM = 11;
const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NEEDED = 1;
const SHN_UNDEF = 0;
const EXPORTED_BINDINGS = new Set([1, 2, 10]); // GLOBAL, WEAK, GNU_UNIQUE
const MAX_SECTIONS = 65_535;

export const isElf = (head: Buffer): boolean => head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46;

interface Reader {
  u16(b: Buffer, o: number): number;
  u32(b: Buffer, o: number): number;
  /** An address-sized field (4 or 8 bytes) as a number. */
  addr(b: Buffer, o: number): number;
}

function readerFor(is64: boolean, littleEndian: boolean): Reader {
  const u16 = (b: Buffer, o: number) => (littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u64 = (b: Buffer, o: number) => Number(littleEndian ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
  return { u16, u32, addr: is64 ? u64 : u32 };
}

interface Section {
  readonly type: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly entsize: number;
}

export function elfArch(machine: number, is64: boolean, littleEndian: boolean): string {
  const name = MACHINES[machine];
  if (!name) return `unknown-elf-machine-${machine}`;
  if (name === 'ppc64') return littleEndian ? 'ppc64le' : 'ppc64';
  if (name === 'riscv64' && !is64) return 'riscv32';
  return name;
}

/** The architecture from the header; with `symbols`, also the PyInit exports and needed libraries. */
export async function readElf(source: ByteSource, symbols: boolean): Promise<BinaryFacts> {
  const ident = await source.read(0, 16);
  const is64 = ident[4] === 2;
  const littleEndian = ident[5] === 1;
  const r = readerFor(is64, littleEndian);
  const header = await source.read(0, is64 ? 64 : 52);
  const arch = elfArch(r.u16(header, 18), is64, littleEndian);
  const facts = (initExports: readonly string[] | null, needs: readonly string[], note: string | null, linkage: string | null = null): BinaryFacts => ({
    format: 'elf',
    slices: [{ arch, initExports }],
    needs,
    note,
    linkage,
  });

  if (!symbols) return facts(null, [], null);
  const shoff = r.addr(header, is64 ? 0x28 : 0x20);
  const shentsize = r.u16(header, is64 ? 0x3a : 0x2e);
  const shnum = r.u16(header, is64 ? 0x3c : 0x30);
  if (shoff === 0 || shnum === 0) return facts(null, [], 'it has no section headers (stripped to the bone), so its exports were not read');
  if (shnum > MAX_SECTIONS || shentsize < (is64 ? 64 : 40)) return facts(null, [], 'its section header table is malformed');
  const table = await source.read(shoff, shnum * shentsize);
  const sections: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = i * shentsize;
    sections.push(
      is64
        ? { type: r.u32(table, o + 4), offset: r.addr(table, o + 24), size: r.addr(table, o + 32), link: r.u32(table, o + 40), entsize: r.addr(table, o + 56) }
        : { type: r.u32(table, o + 4), offset: r.u32(table, o + 16), size: r.u32(table, o + 20), link: r.u32(table, o + 24), entsize: r.u32(table, o + 36) },
    );
  }
  const needs = await neededLibraries(source, r, is64, sections);
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  const strtab = dynsym ? sections[dynsym.link] : undefined;
  if (!dynsym || !strtab) return facts([], needs, null);
  const entsize = dynsym.entsize || (is64 ? 24 : 16);
  const [entries, strings] = await Promise.all([source.read(dynsym.offset, dynsym.size), source.read(strtab.offset, strtab.size)]);
  const exported: string[] = [];
  const imported: string[] = [];
  for (let o = 0; o + entsize <= entries.length; o += entsize) {
    const info = entries[o + (is64 ? 4 : 12)] as number;
    const other = entries[o + (is64 ? 5 : 13)] as number;
    const shndx = r.u16(entries, o + (is64 ? 6 : 14));
    const nameOffset = r.u32(entries, o);
    if (shndx === SHN_UNDEF) {
      if (nameOffset !== 0) imported.push(cString(strings, nameOffset));
      continue;
    }
    const visible = (other & 3) === 0 || (other & 3) === 3;
    if (!EXPORTED_BINDINGS.has(info >> 4) || !visible) continue;
    const name = cString(strings, nameOffset);
    if (isInitSymbol(name)) exported.push(name);
  }
  const versions = await versionNeeds(source, r, sections);
  return facts(exported, needs, null, linkageDigest(needs, versions, imported));
}

/**
 * What a manylinux policy judges in a binary: the libraries it needs, the symbol versions it needs from
 * them and the symbols it imports. Two binaries with the same digest get the same policy.
 */
function linkageDigest(needs: readonly string[], versions: readonly string[], imported: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of [[...needs].sort(), [...versions].sort(), [...imported].sort()]) hash.update(`${part.join('\n')}\n\0`);
  return hash.digest('hex').slice(0, 32);
}

/** `libc.so.6@GLIBC_2.34`, … from the version-needs section (Elf_Verneed / Elf_Vernaux chains). */
async function versionNeeds(source: ByteSource, r: Reader, sections: readonly Section[]): Promise<string[]> {
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  const strtab = verneed ? sections[verneed.link] : undefined;
  if (!verneed || !strtab) return [];
  const [entries, strings] = await Promise.all([source.read(verneed.offset, verneed.size), source.read(strtab.offset, strtab.size)]);
  const found: string[] = [];
  // Bounded walks: a malformed chain must not loop.
  for (let o = 0, files = 0; o + 16 <= entries.length && files < 1024; files++) {
    const count = r.u16(entries, o + 2);
    const file = cString(strings, r.u32(entries, o + 4));
    for (let a = o + r.u32(entries, o + 8), i = 0; i < count && a + 16 <= entries.length; i++) {
      found.push(`${file}@${cString(strings, r.u32(entries, a + 8))}`);
      const next = r.u32(entries, a + 12);
      if (next === 0) break;
      a += next;
    }
    const next = r.u32(entries, o + 12);
    if (next === 0) break;
    o += next;
  }
  return found;
}

async function neededLibraries(source: ByteSource, r: Reader, is64: boolean, sections: readonly Section[]): Promise<string[]> {
  const dynamic = sections.find((s) => s.type === SHT_DYNAMIC);
  const strtab = dynamic ? sections[dynamic.link] : undefined;
  if (!dynamic || !strtab) return [];
  const [entries, strings] = await Promise.all([source.read(dynamic.offset, dynamic.size), source.read(strtab.offset, strtab.size)]);
  const step = is64 ? 16 : 8;
  const needs: string[] = [];
  for (let o = 0; o + step <= entries.length; o += step) {
    const tag = r.addr(entries, o);
    if (tag === 0) break;
    if (tag === DT_NEEDED) needs.push(cString(strings, r.addr(entries, o + step / 2)));
  }
  return needs;
}
