#!/usr/bin/env node
// asyncgo's benchmark workloads (bench/) for Node.js: async functions and
// promises; setImmediate is the yield to the event loop (asyncio.sleep(0)),
// setTimeout the sleep.
//
// Prints one JSON object per line:
//   {"runtime": "node", "workload": ..., "ns_per_op": ..., "bytes_per_task": ...}
//
// Usage: node --expose-gc node_bench.js [--quick] [--full]
'use strict';

const { performance } = require('perf_hooks');

const SPAWN_BATCH = 1000;
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const full = args.has('--full');

function emit(workload, fields) {
  console.log(JSON.stringify(Object.assign({ runtime: 'node', workload }, fields)));
}

const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

// --- spawn: N tasks that each yield once ---

async function yieldOnce() {
  await yieldNow();
}

async function spawnAwait(total) {
  for (let done = 0; done < total;) {
    const n = Math.min(SPAWN_BATCH, total - done);
    const tasks = [];
    for (let i = 0; i < n; i++) tasks.push(yieldOnce());
    for (const t of tasks) await t;
    done += n;
  }
}

async function spawnGather(total) {
  for (let done = 0; done < total;) {
    const n = Math.min(SPAWN_BATCH, total - done);
    const tasks = [];
    for (let i = 0; i < n; i++) tasks.push(yieldOnce());
    await Promise.all(tasks);
    done += n;
  }
}

// --- ping-pong ---

// A deferred is Node's future: a promise plus its resolve function.
function deferred() {
  let resolve;
  const p = new Promise((r) => { resolve = r; });
  return { p, resolve };
}

async function pingpongFuture(n) {
  const box = { ping: deferred(), pong: null };
  const ponger = (async () => {
    for (let i = 0; i < n; i++) {
      const v = await box.ping.p;
      box.ping = deferred();
      box.pong.resolve(v);
    }
  })();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    box.pong = deferred();
    box.ping.resolve(i);
    sum += await box.pong.p;
  }
  await ponger;
  if (sum !== n * (n - 1) / 2) throw new Error('bad sum ' + sum);
}

async function pingpongYield(n) {
  const b = { seq: 0 };
  const ponger = (async () => {
    for (let i = 0; i < n; i++) {
      while (b.seq % 2 === 0) await yieldNow();
      b.seq++;
    }
  })();
  for (let i = 0; i < n; i++) {
    b.seq++;
    while (b.seq % 2 === 1) await yieldNow();
  }
  await ponger;
}

// --- awaiting a done promise, calling an async function ---

async function awaitDone(n) {
  const p = Promise.resolve(1);
  let s = 0;
  for (let i = 0; i < n; i++) s += await p;
  if (s !== n) throw new Error('bad sum');
}

async function leaf(x) {
  return x + 1;
}

async function coroCall(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = await leaf(x);
  if (x !== n) throw new Error('bad x');
}

async function* naturals(n) {
  for (let i = 0; i < n; i++) yield i;
}

async function asyncGen(n) {
  let s = 0;
  for await (const v of naturals(n)) s += v;
  if (s !== (n * (n - 1)) / 2) throw new Error('bad sum');
}

// --- memory per sleeping task ---

async function sleepMem(n) {
  global.gc();
  const before = process.memoryUsage();
  const timers = [];
  for (let i = 0; i < n; i++) {
    (async () => {
      await new Promise((resolve) => timers.push(setTimeout(resolve, 3600e3)));
    })();
  }
  await yieldNow();
  global.gc();
  const after = process.memoryUsage();
  for (const t of timers) clearTimeout(t);
  // The timers array (8 bytes a task) is the only way to cancel them.
  return {
    heap: (after.heapUsed - before.heapUsed) / n,
    rss: (after.rss - before.rss) / n,
  };
}

// --- 100k real timers of 0-100 ms ---

function timers(n) {
  // A fixed LCG, so every run uses the same durations.
  let seed = 2;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const late = new Float64Array(n);
  return new Promise((resolve) => {
    let left = n;
    for (let i = 0; i < n; i++) {
      const d = rnd() * 100;
      const start = performance.now();
      setTimeout(() => {
        late[i] = performance.now() - start - d;
        if (--left === 0) resolve(late);
      }, d);
    }
  }).then((l) => {
    l.sort();
    let sum = 0;
    for (const x of l) sum += x;
    return { mean: sum / n, p99: l[Math.floor(n * 99 / 100)], max: l[n - 1] };
  });
}

async function timed(fn, n) {
  const t0 = process.hrtime.bigint();
  await fn(n);
  return Number(process.hrtime.bigint() - t0) / n;
}

async function main() {
  const scale = quick ? 100 : 1;
  const nSpawn = 100000 / scale;
  const nPP = 200000 / scale;
  const nFast = 1000000 / scale;
  emit('spawn', { ns_per_op: await timed(spawnAwait, nSpawn), n: nSpawn });
  emit('spawn-gather', { ns_per_op: await timed(spawnGather, nSpawn), n: nSpawn });
  // Calling an async function starts it: Node's spawn-then-gather is spawnGather.
  emit('spawn-then-gather', { ns_per_op: await timed(spawnGather, nSpawn), n: nSpawn });
  emit('pingpong-future', { ns_per_op: await timed(pingpongFuture, nPP), n: nPP });
  emit('pingpong-yield', { ns_per_op: await timed(pingpongYield, nPP / 10), n: nPP / 10 });
  emit('awaitdone', { ns_per_op: await timed(awaitDone, nFast), n: nFast });
  emit('corocall', { ns_per_op: await timed(coroCall, nFast), n: nFast });
  emit('asyncgen', { ns_per_op: await timed(asyncGen, nFast), n: nFast });
  if (typeof global.gc === 'function') {
    const sizes = [100000 / scale];
    if (full && !quick) sizes.push(1000000);
    for (const n of sizes) {
      const m = await sleepMem(n);
      emit('sleepmem-' + n, { bytes_per_task: m.heap, rss_bytes_per_task: m.rss, n, mem_metric: 'v8-heapUsed' });
    }
  } else {
    emit('sleepmem', { skipped: 'run node with --expose-gc' });
  }
  const nT = 100000 / scale;
  const t = await timers(nT);
  emit('timers', { mean_late_ms: t.mean, p99_late_ms: t.p99, max_late_ms: t.max, n: nT });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
