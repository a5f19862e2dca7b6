// Operations: what keeps one node honest in production (issue 20, decision 0051): the JSON log,
// the figures for GET /metrics, GET /readyz's checks, the one mechanism for a full disk, the checks
// at start, a graceful stop on SIGTERM and scheduled backups. Replication itself is Litestream's,
// started around the app by scripts/serve.js.
export { makeLogger, log, errorFields, replaceLogger } from './logging';
export { makeMetrics, bearerMatches, type Metrics } from './metrics';
export { readiness, minimumFreeBytes, OUTBOX_STUCK_MS, type Readiness, type Check } from './readiness';
export { replicationStatus, lagFrom, forgetReplicationStatus, type ReplicationStatus } from './replication';
export { isStorageFull, storageWasFull, storageHasRoom, storageFullSince, rememberForm, keptForm, notSavedError, answerNotSaved, type KeptForm } from './storage';
export { checkDatabaseAtStart, EXIT, type StartProblem } from './startup';
export { exitGracefully, stopping, SHUTDOWN_BUDGET_MS, DRAIN_MS, QUIET_MS } from './shutdown';
export { scheduleBackups, backUpNow, backupsIn, backupName, integrityInWorker } from './backups';
export { observeRequests, appMetrics } from './requests';
