import type { Fix, Severity, WheelTags } from './domain';

// What Wheelbench finds when it inspects and verifies a wheel. Pure data, shared by the core, every
// transport, the CLI's --json output and the renderer.

export interface WheelProblem {
  /** Stable id, e.g. `record.hash-mismatch`, `binary.arch-mismatch`, `tags.linux-not-manylinux`. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  /** The file inside the wheel the problem is about, when there is one. */
  readonly file?: string;
  readonly fix?: Fix;
}

/** The `.dist-info/WHEEL` file. */
export interface WheelFileFacts {
  readonly wheelVersion: string | null;
  readonly generator: string | null;
  readonly rootIsPurelib: boolean | null;
  readonly tags: readonly WheelTags[];
}

/** The fields of `.dist-info/METADATA` people look at. */
export interface WheelMetadata {
  readonly metadataVersion: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly summary: string | null;
  readonly author: string | null;
  readonly authorEmail: string | null;
  readonly maintainer: string | null;
  readonly maintainerEmail: string | null;
  readonly license: string | null;
  readonly requiresPython: string | null;
  readonly requiresDist: readonly string[];
}

export interface RecordSummary {
  /** `ok`: every file listed with a matching sha256 and size, none extra, none missing. */
  readonly status: 'ok' | 'problems' | 'missing';
  /** Rows in RECORD. */
  readonly listed: number;
  /** Files whose hash and size matched their row. */
  readonly verified: number;
}

export type BinaryFormat = 'elf' | 'pe' | 'macho' | 'macho-fat';

export interface ExtensionModuleFacts {
  /** Dotted import name, e.g. `hello_pyo3._native`. */
  readonly name: string;
  /** `PyInit_<last part of the name>`. */
  readonly initSymbol: string;
  /** Whether the binary exports the init symbol; null when it could not be checked. */
  readonly exportsInit: boolean | null;
  /** What the file name adds between the module name and the extension: `.abi3`, `.cpython-311-x86_64-linux-gnu`, ``. */
  readonly suffix: string;
}

export interface NativeBinary {
  readonly path: string;
  readonly format: BinaryFormat;
  /** Architectures in wheel-tag spelling (x86_64, aarch64, i686, armv7l, …); several for a fat Mach-O. */
  readonly architectures: readonly string[];
  readonly sizeBytes: number;
  /** Set when the binary is an importable extension module. */
  readonly module: ExtensionModuleFacts | null;
  /** Shared libraries an ELF extension module needs (DT_NEEDED); not read for bundled libraries. */
  readonly needs: readonly string[];
  /**
   * ELF extension modules: a digest of what manylinux policies judge (needed libraries, symbol versions,
   * imported symbols). Equal digests get the same policy; null for other binaries.
   */
  readonly linkage: string | null;
}

export interface AuditResult {
  readonly tool: 'auditwheel' | 'abi3audit';
  /** `not-applicable`: the audit does not concern this wheel (abi3audit on a version-specific wheel). */
  readonly status: 'passed' | 'failed' | 'not-run' | 'not-applicable';
  /** What a badge shows: `manylinux_2_17_x86_64`, `abi3 ≥ 3.9`, `3 violations`, `not installed`. */
  readonly verdict: string;
  readonly detail: string;
  readonly fix?: Fix;
}

export interface WheelFileEntry {
  readonly path: string;
  readonly sizeBytes: number;
  readonly compressedBytes: number;
}

export interface WheelReport {
  readonly path: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly distribution: string;
  readonly version: string;
  /** The tags the file name claims, expanded. */
  readonly tags: readonly WheelTags[];
  readonly wheelFile: WheelFileFacts | null;
  readonly metadata: WheelMetadata | null;
  readonly record: RecordSummary;
  readonly binaries: readonly NativeBinary[];
  /** What `import` must succeed for once installed: top-level packages/modules and extension modules. */
  readonly importNames: readonly string[];
  readonly audits: { readonly manylinux: AuditResult; readonly abi3: AuditResult };
  readonly fileCount: number;
  readonly unpackedBytes: number;
  /** The largest files, largest first (at most 100). */
  readonly largestFiles: readonly WheelFileEntry[];
  /** Errors first, then warnings, then notes. */
  readonly problems: readonly WheelProblem[];
  /** The worst severity among the problems; `ok` when there are none worse than info. */
  readonly verdict: 'ok' | 'warn' | 'error';
  readonly durationMs: number;
  /**
   * sha256 over what the audits read: the file name (tags), the WHEEL file and every native binary. A
   * rebuild that changed none of them (only zip timestamps, a fresh SBOM) has the same digest, so their
   * verdicts can be reused. Null when one of those files could not be read.
   */
  readonly auditDigest: string | null;
}

export type VerifyRunner = 'host' | 'qemu';
export type VerifyStage = 'venv' | 'install' | 'import' | 'smoke';

export interface SmokeResult {
  readonly code: string;
  /** What it printed (the value of an expression, or the output of statements). */
  readonly output: string;
}

export type VerifyExecution =
  | {
      readonly status: 'imported';
      readonly runner: VerifyRunner;
      /** e.g. `CPython 3.11.7 (x86_64)` */
      readonly python: string;
      readonly interpreter: string;
      readonly modules: readonly string[];
      readonly smoke: SmokeResult | null;
      readonly durationMs: number;
    }
  | {
      readonly status: 'failed';
      readonly runner: VerifyRunner;
      readonly stage: VerifyStage;
      readonly message: string;
      /** The end of what the failing step printed. */
      readonly output: string;
      readonly fix?: Fix;
      readonly durationMs: number;
    }
  | {
      /** Nothing was run: a Windows or macOS wheel on Linux, or a missing prerequisite (stated). */
      readonly status: 'not-executed';
      readonly reason: string;
      readonly fix?: Fix;
    };

export interface VerifyReport {
  readonly wheel: string;
  readonly inspection: WheelReport;
  readonly execution: VerifyExecution;
  readonly durationMs: number;
}

/** A chunk of a wheel uploaded from a browser (the web mode cannot hand the core a path). */
export interface UploadProgress {
  readonly uploadId: string;
  readonly receivedBytes: number;
  /** Where the wheel was written, once the last chunk arrived. */
  readonly path: string | null;
}
