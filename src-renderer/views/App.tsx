import { useEffect } from 'react';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ErrorBanner } from '../components/ErrorBanner';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { activeJob, cancelActiveJob, isRunning, startBuild, useBuildStore } from '../store/build';
import { useProjectStore } from '../store/project';
import { BuildPanel } from './BuildPanel';
import { DoctorPanel } from './DoctorPanel';
import { FixDialog } from './FixDialog';
import { Header } from './Header';
import { NewProjectDialog } from './NewProjectDialog';
import { ProjectCard } from './ProjectCard';
import { WheelsList } from './WheelsList';

/** Ctrl/Cmd+B builds the open project; Esc cancels a running job. */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'b') {
        e.preventDefault();
        const project = useProjectStore.getState().project;
        if (project && !isRunning(activeJob())) void startBuild(project.root);
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
      <ErrorBoundary area="the fix preview">
        <FixDialog />
      </ErrorBoundary>
      <ErrorBoundary area="the New project dialog">
        <NewProjectDialog />
      </ErrorBoundary>
    </div>
  );
}
