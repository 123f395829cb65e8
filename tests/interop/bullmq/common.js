'use strict';
// Shared by the rig's scripts: the connection from REDIS_URL, the key prefix from
// QD_BULLMQ_PREFIX (BullMQ's default "bull"), and the queues of the workload.
const IORedis = require('ioredis');

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
const prefix = process.env.QD_BULLMQ_PREFIX || 'bull';

// main: read by the rig worker; parked: no worker reads it, so its jobs stay waiting and age;
// halted: paused by BullMQ's own Queue.pause(), its jobs stay in wait.
const queues = {main: 'qd-main', parked: 'qd-parked', halted: 'qd-halted'};

function connection(extra = {}) {
    return new IORedis(redisUrl, Object.assign({maxRetriesPerRequest: null,
        // A rig script against a Redis that is gone must fail, not retry for ever.
        retryStrategy: (times) => (times > 20 ? null : 100)}, extra));
}

function args(argv, defaults) {
    const out = Object.assign({}, defaults);
    for (let i = 2; i < argv.length; i += 2) {
        const key = argv[i].replace(/^--/, '');
        const value = argv[i + 1];
        out[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    }
    return out;
}

module.exports = {redisUrl, prefix, queues, connection, args};
