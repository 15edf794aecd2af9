import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type WebContents } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { createCore, type Core } from '../core/create-core';
import { defaultDataDir, exampleProjectIn, resourcesDir } from '../core/paths';
import { bridgeIpc } from '../transport/electron-ipc';

// The app's own scheme serves the renderer instead of file://, so the page has a real origin and
// the CSP and sender checks have something precise to match.
const SCHEME = 'wheelbench';
const APP_ORIGIN = `${SCHEME}://app`;
const rendererDir = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function serveRenderer(): void {
  protocol.handle(SCHEME, (request) => {
    const url = new URL(request.url);
    const relative = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^([/\\])+/, '');
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

const isTrustedSender = (sender: WebContents, frameUrl: string | undefined) =>
  mainWindow !== null && sender === mainWindow.webContents && (frameUrl ?? '').startsWith(`${APP_ORIGIN}/`);

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Wheelbench',
    backgroundColor: '#1e1e1e',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveRenderer();
  const resources = app.isPackaged ? process.resourcesPath : resourcesDir(__dirname);
  core = createCore({
    dataDir: defaultDataDir(),
    mode: 'electron',
    version,
    exampleProject: exampleProjectIn(resources),
    chooseFolder: async () => {
      const options = { title: 'Open a PyO3 / maturin project', properties: ['openDirectory' as const] };
      const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    revealPath: async (path) => shell.showItemInFolder(path),
  });
  bridgeIpc(ipcMain, core, isTrustedSender, () => mainWindow?.webContents ?? null);
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  void (core?.dispose() ?? Promise.resolve()).finally(() => app.quit());
});
