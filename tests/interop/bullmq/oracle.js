'use strict';
// Prints what BullMQ's own API reports right now, as one JSON object keyed by queue name:
// getJobCounts() per state, isPaused(), the names of getWorkers(), and the `count` of
// getMetrics('completed') and getMetrics('failed') (0 without metrics). Only calls that do not
// write: the Queue is built with skipMetasUpdate (its constructor otherwise writes the meta
// hash), and getJobCounts' script only pops the legacy "0:" marker of BullMQ < 5, which a 5+
// producer never pushes.
//   node oracle.js [queue ...]        (default: the rig's three queues)
//   node oracle.js --failed QUEUE     (the ids in failed, newest first, and each one's state)
const {Queue} = require('bullmq');
const {prefix, queues, connection} = require('./common');

async function main() {
    const conn = connection();
    const open = (name) => new Queue(name, {connection: conn, prefix, skipMetasUpdate: true});
    const out = {};
    if (process.argv[2] === '--failed') {
        const q = open(process.argv[3]);
        const jobs = await q.getJobs(['failed']);
        out.failed = [];
        for (const job of jobs)
            out.failed.push({id: job.id, state: await job.getState(), attemptsMade: job.attemptsMade});
        await q.close();
    } else {
        const names = process.argv.length > 2 ? process.argv.slice(2) : Object.values(queues);
        for (const name of names) {
            const q = open(name);
            const workers = await q.getWorkers();
            out[name] = {
                counts: await q.getJobCounts(),
                paused: await q.isPaused(),
                // getWorkers() replaces name by the queue name and keeps the connection name as rawname.
                workers: workers.map((w) => w.rawname).sort(),
                metrics: {
                    completed: (await q.getMetrics('completed', 0, 0)).meta.count,
                    failed: (await q.getMetrics('failed', 0, 0)).meta.count,
                },
            };
            await q.close();
        }
    }
    console.log(JSON.stringify(out));
    await conn.quit();
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
