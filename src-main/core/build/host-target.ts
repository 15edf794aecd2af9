const ARCH: Readonly<Record<string, string>> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', arm: 'armv7' };

/** The Rust triple of the machine Wheelbench runs on. */
export function hostTriple(): string {
  const arch = ARCH[process.arch] ?? process.arch;
  switch (process.platform) {
    case 'linux':
      return arch === 'armv7' ? 'armv7-unknown-linux-gnueabihf' : `${arch}-unknown-linux-gnu`;
    case 'darwin':
      return `${arch}-apple-darwin`;
    case 'win32':
      return `${arch}-pc-windows-msvc`;
    default:
      return `${arch}-unknown-${process.platform}`;
  }
}
