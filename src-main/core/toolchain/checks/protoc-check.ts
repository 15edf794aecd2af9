import type { DoctorCheck, Fix } from '../../../common/domain';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../context';
import { firstLine, probe } from '../probe';
import { failed, lines, passed } from './check';

const PROTOC = { id: 'tool.protoc', title: 'protoc (Protocol Buffers compiler)' };
const NEEDED_BY = 'Only projects whose build.rs compiles .proto files (prost-build, tonic-build) need it.';

export async function protocCheck(ctx: ToolchainContext): Promise<DoctorCheck> {
  const fromEnv = ctx.env.PROTOC?.trim() || null;
  const path = fromEnv !== null ? findExecutable(fromEnv, ctx.env) : findExecutable('protoc', ctx.env);
  const origin = fromEnv !== null ? `PROTOC=${fromEnv}` : 'PATH';
  if (path === null) {
    const missing = fromEnv !== null ? `PROTOC is set to ${fromEnv}, which is not an executable file.` : 'protoc is not on PATH.';
    return failed(PROTOC, 'warn', lines(missing, NEEDED_BY), installProtocFix());
  }
  const run = await probe(ctx, path, ['--version']);
  if (!run.ok) {
    return failed(PROTOC, 'error', lines(`protoc at ${path} (from ${origin}) ${run.reason}.`, NEEDED_BY), installProtocFix());
  }
  return passed(PROTOC, `${firstLine(run.stdout)} at ${path}${fromEnv !== null ? ' (from PROTOC)' : ''}`);
}

export function installProtocFix(): Fix {
  const alternative = 'Or point the PROTOC environment variable at a protoc binary you already have.';
  if (process.platform === 'win32') return { summary: `Install protoc from https://github.com/protocolbuffers/protobuf/releases. ${alternative}` };
  if (process.platform === 'darwin') return { summary: `Install protoc. ${alternative}`, command: 'brew install protobuf' };
  return { summary: `Install protoc from your distribution. ${alternative}`, command: 'sudo apt-get install protobuf-compiler' };
}
