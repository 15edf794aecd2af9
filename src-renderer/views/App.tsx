import { useEffect } from 'react';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ErrorBanner } from '../components/ErrorBanner';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { isModalOpen } from '../components/Modal';
import { activeJob, cancelActiveJob, isRunning, startBuild, useBuildStore } from '../store/build';
import { openSettings } from '../store/build-settings';
import { openHistory } from '../store/history';
import { useProjectStore } from '../store/project';
import { BuildPanel } from './BuildPanel';
import { DoctorPanel } from './DoctorPanel';
import { FixDialog } from './FixDialog';
import { Header } from './Header';
import { HistoryDialog } from './HistoryDialog';
import { NewProjectDialog } from './NewProjectDialog';
import { ProjectCard } from './ProjectCard';
import { SettingsDialog } from './SettingsDialog';
import { WheelsList } from './WheelsList';

/**
 * Ctrl/Cmd+B builds the open project; Esc cancels a running job; Ctrl/Cmd+, opens the settings and
 * Ctrl/Cmd+H the history. While a dialog is open, only the dialog's own keys count (Esc closes it).
 */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isModalOpen()) return;
      const mod = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'b') {
        e.preventDefault();
        const project = useProjectStore.getState().project;
        if (project && !isRunning(activeJob())) void startBuild(project.root);
        return;
      }
      if (mod && key === ',') {
        e.preventDefault();
        openSettings();
        return;
      }
      if (mod && key === 'h') {
        e.preventDefault();
        void openHistory();
        return;
      }
      if (e.key === 'Escape' && !e.defaultPrevented) {
        const job = activeJob(useBuildStore.getState());
        if (job && job.status === 'running') {
          e.preventDefault();
          void cancelActiveJob();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  useShortcuts();
  return (
    <div className="app">
      <Header />
      <ConnectionBanner />
      <ErrorBanner />
      <main className="workspace">
        <div className="side">
          <ErrorBoundary area="the project card">
            <ProjectCard />
          </ErrorBoundary>
          <ErrorBoundary area="the doctor">
            <DoctorPanel />
          </ErrorBoundary>
        </div>
        <div className="center">
          <ErrorBoundary area="the build panel">
            <BuildPanel />
          </ErrorBoundary>
          <ErrorBoundary area="the wheels list">
            <WheelsList />
          </ErrorBoundary>
        </div>
      </main>
      <ErrorBoundary area="the settings">
        <SettingsDialog />
      </ErrorBoundary>
      <ErrorBoundary area="the history">
        <HistoryDialog />
      </ErrorBoundary>
      <ErrorBoundary area="the fix preview">
        <FixDialog />
      </ErrorBoundary>
      <ErrorBoundary area="the New project dialog">
        <NewProjectDialog />
      </ErrorBoundary>
    </div>
  );
}
