// Reads a control plane's own Prometheus metrics (`GET /metrics`) for the benchmarks.

/** A family's value summed over the series whose labels contain `labelFilter`. */
export async function ownMetric(url, name, labelFilter = '') {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes(labelFilter)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

/** Commands of `type` the control plane sent on executor links (answered ones). */
export const commandsSent = (url, type) =>
  ownMetric(url, 'podium_executor_commands_total', `type="${type}"`);

/** Executor links this control plane holds CONNECTED. */
export const connectedLinks = (url) => ownMetric(url, 'podium_executor_links', 'state="connected"');
