// Open-loop load: requests are sent on a fixed schedule (RATE per second)
// whatever the latency, so slow answers cannot hide by slowing the sender.
export async function runOpenLoop({ rate, seconds, send }) {
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const inFlight = new Set();
  const started = performance.now();
  const total = Math.round(rate * seconds);
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const t0 = performance.now();
        const request = send(sent).then(
          () => latencies.push(performance.now() - t0),
          () => errors++,
        );
        inFlight.add(request);
        void request.finally(() => inFlight.delete(request));
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), errors, sent, achievedRate: sent / elapsed };
}
