/** A closed-loop HTTP load: `concurrency` clients, each sending its next request when the last one answered. */
export async function runLoad(opts: {
  concurrency: number;
  total: number;
  request: (i: number) => { url: string; headers?: Record<string, string> };
}): Promise<{ latencies: number[]; seconds: number; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const client = async () => {
    while (next < opts.total) {
      const i = next++;
      const { url, headers } = opts.request(i);
      const start = performance.now();
      const res = await fetch(url, { headers }).catch(() => null);
      const body = res ? await res.text() : "";
      latencies.push(performance.now() - start);
      if (!res || !res.ok) {
        errors++;
        firstError ??= res ? `${res.status} ${body.slice(0, 200)}` : "no answer";
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  return { latencies, seconds: (performance.now() - t0) / 1000, errors, firstError };
}
