#!/usr/bin/env node
// A simulated DBOS executor in its own process: connects to every URL given on
// the command line and answers executor_info and get_workflow (with a workflow
// record shaped like DBOS 5.2.11's). Exits when its parent goes away.
import WebSocket from 'ws';

const workflow = {
  WorkflowUUID: 'bench-workflow',
  Status: 'SUCCESS',
  WorkflowName: 'compose',
  AuthenticatedRoles: '[]',
  CreatedAt: '1795317915993',
  UpdatedAt: '1795317916002',
  ApplicationVersion: 'v1',
  ExecutorID: 'bench-executor',
  Priority: '0',
  WasForkedFrom: false,
  Input: "[ 'podium' ]",
  Output: "'HELLO PODIUM'",
};

function answer(request) {
  switch (request.type) {
    case 'executor_info':
      return {
        executor_id: 'bench-executor',
        application_version: 'v1',
        hostname: 'bench',
        language: 'typescript',
        dbos_version: '5.2.11',
      };
    case 'get_workflow':
      return { output: { ...workflow, WorkflowUUID: request.workflow_id } };
    default:
      return { error_message: 'Unknown message type' };
  }
}

for (const url of process.argv.slice(2)) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('message', (data) => {
    const request = JSON.parse(data.toString());
    ws.send(
      JSON.stringify({ type: request.type, request_id: request.request_id, ...answer(request) }),
    );
  });
  ws.on('error', (error) => {
    process.stderr.write(`simulated executor: ${error.message}\n`);
    process.exit(1);
  });
}
process.on('disconnect', () => process.exit(0));
