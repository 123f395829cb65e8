'use strict';
// Adds jobs to one queue through BullMQ's own Queue.add and prints their ids as JSON.
//   node add.js QUEUE NAME [COUNT] [PRIORITY]
const {Queue} = require('bullmq');
const {prefix, connection} = require('./common');

async function main() {
    const [queueName, name, count = '1', priority = '0'] = process.argv.slice(2);
    const conn = connection();
    const queue = new Queue(queueName, {connection: conn, prefix});
    const ids = [];
    for (let i = 0; i < Number(count); i++) {
        const opts = Number(priority) > 0 ? {priority: Number(priority)} : {};
        ids.push((await queue.add(name, {n: i}, opts)).id);
    }
    console.log(JSON.stringify({ids}));
    await queue.close();
    await conn.quit();
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
