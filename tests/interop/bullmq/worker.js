'use strict';
// A real BullMQ worker for the rig queue `qd-main`. Jobs named "fail" throw until the key
// `qdrig:fixed` is "1", so a requeued failed job can be seen to succeed; the others succeed.
// Prints one line "ready <worker name>" once it is listening, and "done <id> <name>" /
// "failed <id> <name>" per job; exits on SIGTERM after closing.
// With --metrics N the worker collects BullMQ's metrics (N one-minute data points).
//   node worker.js [--name NAME] [--queue QUEUE] [--concurrency N] [--metrics N]
const {Worker} = require('bullmq');
const {prefix, queues, connection, args} = require('./common');

async function main() {
    const a = args(process.argv, {name: 'qdrig-1', queue: queues.main, concurrency: 2,
        metrics: 0});
    const conn = connection();
    const worker = new Worker(a.queue, async (job) => {
        if (job.name === 'fail' && (await conn.get('qdrig:fixed')) !== '1')
            throw new Error(`job ${job.id} fails on purpose`);
        return {ok: job.id};
    }, Object.assign({connection: connection(), prefix, name: String(a.name),
        concurrency: a.concurrency, autorun: false},
    a.metrics > 0 ? {metrics: {maxDataPoints: a.metrics}} : {}));
    worker.on('completed', (job) => console.log(`done ${job.id} ${job.name}`));
    worker.on('failed', (job) => console.log(`failed ${job.id} ${job.name}`));
    worker.on('error', (err) => console.error(`worker error: ${err.message}`));
    const stop = async () => {
        await worker.close();
        await conn.quit();
        process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    const running = worker.run();
    await worker.waitUntilReady();
    console.log(`ready ${a.name}`);
    await running;
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
