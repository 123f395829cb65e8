# Prints, as one JSON object, what Sidekiq's own Ruby API reports about the Redis in REDIS_URL
# (and QD_SIDEKIQ_NAMESPACE) right now: the figures QueueDeck's must equal.
#
#   REDIS_URL=redis://127.0.0.1:6390/0 ruby oracle.rb
#
# Read-only on purpose. Sidekiq::ProcessSet.new would SREM processes whose heartbeat hash has
# expired, so the non-cleaning form ProcessSet.new(false) is used; every other call below only
# issues GET, ZCARD, SCARD, SSCAN, LLEN, LRANGE, HGET, HMGET, EXISTS and HGETALL.
require "json"
require "sidekiq/api"
require_relative "jobs"

now = Time.now.to_f
stats = Sidekiq::Stats.new # fast figures here; enqueued/workers_size below fetch the slow ones

queues = Sidekiq::Queue.all.to_h { |q|
  [q.name, {"size" => q.size, "latency" => q.latency.to_f, "paused" => q.paused?}]
}

processes = Sidekiq::ProcessSet.new(false).map { |p|
  {
    "identity" => p.identity,
    "hostname" => p["hostname"],
    "pid" => p["pid"],
    "tag" => p["tag"],
    "concurrency" => p["concurrency"],
    "queues" => p["queues"],
    "busy" => p["busy"],
    "beat" => p["beat"],
    "quiet" => p["quiet"],
    "stopping" => p.stopping?,
    "started_at" => p["started_at"]
  }
}

work = []
Sidekiq::Workers.new.each do |process_id, thread_id, w|
  payload = w["payload"] || {}
  work << {
    "process" => process_id,
    "thread" => thread_id,
    "queue" => w["queue"],
    "run_at" => w["run_at"],
    "jid" => payload["jid"],
    "class" => payload["class"]
  }
end

puts JSON.generate({
  "sidekiq_version" => Sidekiq::VERSION,
  "namespace" => QdRig.redis_config[:namespace],
  "at" => now,
  "stats" => {
    "processed" => stats.processed,
    "failed" => stats.failed,
    "enqueued" => stats.enqueued,
    "scheduled_size" => stats.scheduled_size,
    "retry_size" => stats.retry_size,
    "dead_size" => stats.dead_size,
    "processes_size" => stats.processes_size,
    "workers_size" => stats.workers_size,
    "default_queue_latency" => stats.default_queue_latency.to_f
  },
  "queues" => queues,
  "scheduled_size" => Sidekiq::ScheduledSet.new.size,
  "retry_size" => Sidekiq::RetrySet.new.size,
  "dead_size" => Sidekiq::DeadSet.new.size,
  "processes" => processes,
  "workers_size" => Sidekiq::Workers.new.size,
  "work" => work
})
