'use strict';
// Pushes the rig's workload through BullMQ's own Queue API and prints, as JSON, what it pushed
// and the counts getJobCounts() reports once the rig worker has settled (`expected`).
//   node producer.js [--ok N] [--fail N] [--delayed N] [--prioritized N] [--parked N]
//                    [--halted N]
const {Queue} = require('bullmq');
const {prefix, queues, connection, args} = require('./common');

async function main() {
    const a = args(process.argv,
        {ok: 8, fail: 3, delayed: 2, prioritized: 3, parked: 2, halted: 4});
    const conn = connection();
    const main = new Queue(queues.main, {connection: conn, prefix});
    const parked = new Queue(queues.parked, {connection: conn, prefix});
    const halted = new Queue(queues.halted, {connection: conn, prefix});

    // Paused before anything is added, so the worker-less queue's jobs stay in wait.
    await halted.pause();
    for (let i = 0; i < a.ok; i++)
        await main.add('ok', {n: i});
    // Two attempts with no backoff: the first failure retries at once, the second stays in
    // failed (the producer keeps every finished job).
    for (let i = 0; i < a.fail; i++)
        await main.add('fail', {n: i}, {attempts: 2});
    // An hour away: they stay delayed for the whole test.
    for (let i = 0; i < a.delayed; i++)
        await main.add('later', {n: i}, {delay: 3600 * 1000});
    for (let i = 0; i < a.parked; i++)
        await parked.add('ok', {n: i});
    for (let i = 0; i < a.prioritized; i++)
        await parked.add('ok', {n: i, p: i + 1}, {priority: i + 1});
    for (let i = 0; i < a.halted; i++)
        await halted.add('ok', {n: i});

    const zero = {active: 0, completed: 0, delayed: 0, failed: 0, prioritized: 0, waiting: 0,
        'waiting-children': 0};
    const expected = {
        [queues.main]: Object.assign({}, zero,
            {completed: a.ok, failed: a.fail, delayed: a.delayed}),
        [queues.parked]: Object.assign({}, zero, {waiting: a.parked, prioritized: a.prioritized}),
        [queues.halted]: Object.assign({}, zero, {waiting: a.halted}),
    };
    console.log(JSON.stringify({prefix, pushed: a, expected}));
    await Promise.all([main.close(), parked.close(), halted.close()]);
    await conn.quit();
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
