import { describe, expect, it } from 'vitest';
import { extensionModuleOf, importableModules } from '../../../src-main/core/wheels/wheel-layout';

describe('wheel layout', () => {
  it('knows which files are extension modules, and what they are called', () => {
    expect(extensionModuleOf('hello_pyo3/_native.abi3.so')).toMatchObject({ module: 'hello_pyo3._native', initSymbol: 'PyInit__native', suffix: '.abi3', extension: 'so' });
    expect(extensionModuleOf('pkg/core.cpython-311-x86_64-linux-gnu.so')).toMatchObject({ module: 'pkg.core', suffix: '.cpython-311-x86_64-linux-gnu' });
    expect(extensionModuleOf('fast.cp312-win_amd64.pyd')).toMatchObject({ module: 'fast', extension: 'pyd' });
    expect(extensionModuleOf('demo-1.0.data/platlib/demo/_x.so')).toMatchObject({ module: 'demo._x' });
  });

  it('ignores bundled libraries, metadata and non-library data', () => {
    expect(extensionModuleOf('hello_pyo3.libs/libssl-1a2b.so.3')).toBeNull();
    expect(extensionModuleOf('hello_pyo3.libs/libfoo.so')).toBeNull();
    expect(extensionModuleOf('demo-1.0.data/scripts/tool.so')).toBeNull();
    expect(extensionModuleOf('demo-1.0.dist-info/x.so')).toBeNull();
  });

  it('lists what must import: top-level packages and modules, and every extension module', () => {
    expect(
      importableModules([
        'hello_pyo3/__init__.py',
        'hello_pyo3/_native.abi3.so',
        'hello_pyo3/sub/deep.cpython-311-x86_64-linux-gnu.so',
        'single.py',
        'hello_pyo3.libs/libx.so',
        'hello_pyo3-0.1.0.dist-info/RECORD',
        'hello_pyo3-0.1.0.data/scripts/run.py',
        'py.typed',
      ]),
    ).toEqual(['hello_pyo3', 'single', 'hello_pyo3._native', 'hello_pyo3.sub.deep']);
  });
});
