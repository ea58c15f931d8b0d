import { HEALTH_REFETCH_INTERVAL_MS } from '../queries';
import { ControlPlanePanel } from './control-plane-panel';
import { DatabasePanel } from './database-panel';

export function HealthOverview() {
  return (
    <>
      <div className="page-heading">
        <h1>Health</h1>
        <p className="muted">Checked every {HEALTH_REFETCH_INTERVAL_MS / 1000} s.</p>
      </div>
      <div className="panel-grid">
        <ControlPlanePanel />
        <DatabasePanel />
      </div>
    </>
  );
}
