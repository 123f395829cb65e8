'use strict';
// Shared by the rig's scripts: the connection from REDIS_URL, or an ioredis Cluster client when
// REDIS_CLUSTER_NODES lists "host:port,..." seeds; the key prefix from QD_BULLMQ_PREFIX
// (BullMQ's default "bull"; on Redis Cluster it needs a {hash tag}); the queues of the workload.
const IORedis = require('ioredis');

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
const clusterNodes = process.env.REDIS_CLUSTER_NODES || '';
const prefix = process.env.QD_BULLMQ_PREFIX || 'bull';

// main: read by the rig worker; parked: no worker reads it, so its jobs stay waiting and age;
// halted: paused by BullMQ's own Queue.pause(), its jobs stay in wait.
// With QD_BULLMQ_BRACED=1 the names are in braces, each its own Redis Cluster hash tag.
const named = (name) => (process.env.QD_BULLMQ_BRACED === '1' ? `{${name}}` : name);
const queues = {main: named('qd-main'), parked: named('qd-parked'), halted: named('qd-halted')};

function connection(extra = {}) {
    const options = Object.assign({maxRetriesPerRequest: null,
        // A rig script against a Redis that is gone must fail, not retry for ever.
        retryStrategy: (times) => (times > 20 ? null : 100)}, extra);
    if (clusterNodes) {
        const seeds = clusterNodes.split(',').map((address) => {
            const [host, port] = address.split(':');
            return {host, port: Number(port)};
        });
        return new IORedis.Cluster(seeds, {redisOptions: options,
            clusterRetryStrategy: (times) => (times > 20 ? null : 100)});
    }
    return new IORedis(redisUrl, options);
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
