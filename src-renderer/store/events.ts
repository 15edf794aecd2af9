import type { WheelbenchEvent } from '../../src-main/common/events';
import { api, isConnectionLost } from '../api';
import type { Transport } from '../api/transport';
import { applyBuildEvent, isRunning, markJobLost, useBuildStore } from './build';
import { loadBuildSettings, useBuildSettingsStore } from './build-settings';
import { setConnection } from './connection';
import { loadHistory, useHistoryStore } from './history';
import { distDirOf, useProjectStore } from './project';
import { showError } from './errors';
import { loadAppInfo, loadRecentProjects } from './settings';
import { writeJobOutput, writeNote } from './terminal-sink';
import { loadTargets } from './targets';
import { isDoctorFixJob, noteDoctorFixJob, writeFixOutput, writeFixNote } from './fix-terminal';
import { fixFinished, fixStarted, resyncFix, runDoctor, useToolchainStore } from './toolchain';
import { addBuiltWheels, applyVerifyFinished, applyVerifyWaiting, loadWheels, resyncVerifications, setReport } from './wheels';

const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

let wroteAnything = false;

/** Route one transport event to the slices that care. */
export function dispatchEvent(ev: WheelbenchEvent): void {
  switch (ev.type) {
    case 'output':
      if (isDoctorFixJob(ev.jobId)) {
        writeFixOutput(ev.jobId, ev.data);
        return;
      }
      wroteAnything = true;
      writeJobOutput(ev.jobId, ev.data, ev.target ?? null);
      return;
    case 'job-started': {
      if (ev.kind === 'doctor-fix') {
        // Fixes run in the doctor's own terminal and never take over the build panel.
        noteDoctorFixJob(ev.jobId);
        writeFixNote(`${BOLD}${ev.title}${RESET}\r\n`);
        fixStarted(ev);
        return;
      }
      const rule = '─'.repeat(8);
      writeNote(`${wroteAnything ? '\r\n' : ''}${DIM}${rule}${RESET} ${BOLD}${ev.title}${RESET} ${DIM}${rule}${RESET}\r\n`);
      wroteAnything = true;
      // Verifications show in the wheels list; the build panel keeps showing the build.
      if (ev.kind !== 'verify') applyBuildEvent(ev);
      return;
    }
    case 'result':
      applyBuildEvent(ev);
      addBuiltWheels(ev.wheels, useProjectStore.getState().project?.root ?? null);
      if (useHistoryStore.getState().open) void loadHistory();
      return;
    case 'wheel-inspected':
      setReport(ev.report);
      return;
    case 'verify-waiting':
      applyVerifyWaiting(ev);
      return;
    case 'verify-finished':
      applyVerifyFinished(ev);
      return;
    case 'tool-install-finished':
      applyBuildEvent(ev);
      writeNote(`\r\n${ev.ok ? '\x1b[32m✓' : '\x1b[31m✗'} ${ev.message}${RESET}\r\n`);
      // The toolchain changed: re-check it.
      if (ev.ok) void runDoctor();
      return;
    case 'fix-finished':
      // Its message shows under the doctor's terminal, where it stays readable.
      fixFinished(ev);
      return;
    default:
      applyBuildEvent(ev);
  }
}

/**
 * After a reconnect, jobs that were running may have finished while events could not reach us:
 * ask for each one's outcome (waitForJob) and fold it in as if its final event had arrived.
 */
function resyncRunningJobs(): void {
  for (const job of Object.values(useBuildStore.getState().jobs)) {
    if (!isRunning(job)) continue;
    api()
      .waitForJob({ jobId: job.jobId })
      .then((outcome) => {
        if (!isRunning(useBuildStore.getState().jobs[job.jobId])) return;
        if (outcome.kind === 'build') dispatchEvent({ type: 'result', jobId: job.jobId, ...outcome.result });
        else dispatchEvent({ type: 'tool-install-finished', jobId: job.jobId, tools: [], ok: outcome.ok, message: outcome.message });
      })
      .catch((err: unknown) => {
        if (!isConnectionLost(err)) markJobLost(job.jobId, 'Wheelbench no longer knows this job (was it restarted?). Its outcome is unknown.');
      });
  }
}

/** Wire a transport to the store: events, connection state, and a refresh on every (re)connect. */
export function connectStore(transport: Transport): () => void {
  const offEvents = transport.client.onEvent((ev) => {
    try {
      dispatchEvent(ev);
    } catch (err) {
      showError(err, `Handling a "${ev.type}" event`);
    }
  });
  let wasOpen = false;
  let openedBefore = false;
  const onConnection = (): void => {
    const state = transport.connection();
    setConnection(state);
    const open = state.status === 'open';
    if (open && !wasOpen) {
      void loadAppInfo();
      void loadRecentProjects();
      // Targets are listed with the saved compatibility, so the settings come first.
      void loadBuildSettings().then(loadTargets);
      if (!useToolchainStore.getState().report && !useToolchainStore.getState().running) void runDoctor();
      if (openedBefore) {
        resyncRunningJobs();
        resyncVerifications();
        resyncFix();
        const project = useProjectStore.getState().project;
        if (project) void loadWheels(distDirOf(project));
      }
      openedBefore = true;
    }
    wasOpen = open;
  };
  const offConnection = transport.onConnectionChange(onConnection);
  onConnection();
  // The compatibility changes the targets' platform tags and strategies: list them again.
  const offSettings = useBuildSettingsStore.subscribe((s, prev) => {
    if (prev.saved !== null && (s.saved?.compatibility ?? '') !== (prev.saved.compatibility ?? '')) void loadTargets();
  });
  return () => {
    offEvents();
    offConnection();
    offSettings();
  };
}

