# Pushes the rig's workload through Sidekiq's own client and prints, as one JSON object, what it
# pushed and the state a worker consuming WORKER_QUEUES settles in.
#
#   REDIS_URL=redis://127.0.0.1:6390/0 ruby producer.rb [--ok N] [--dead N] [--retry N]
#       [--flaky N] [--slow N] [--slow-seconds S] [--scheduled N] [--parked N]
#
# --ok jobs are spread round-robin over default, critical and low; --scheduled jobs are
# QdOkJob.perform_in(3600) on default; --parked jobs go to "parked", a queue no rig worker
# reads, so they stay waiting and give the queue a growing latency.
require "json"
require "optparse"
require_relative "jobs"

WORKER_QUEUES = %w[default critical low slow].freeze
OK_QUEUES = %w[default critical low].freeze

counts = {ok: 12, dead: 2, retry: 2, flaky: 1, slow: 1, scheduled: 3, parked: 4}
slow_seconds = 600
OptionParser.new do |o|
  counts.each_key do |k|
    o.on("--#{k} N", Integer) { |v| counts[k] = v }
  end
  o.on("--slow-seconds S", Integer) { |v| slow_seconds = v }
end.parse!(ARGV)
abort("producer.rb: counts must not be negative") if counts.values.any?(&:negative?)

jids = Hash.new { |h, k| h[k] = [] }
counts[:ok].times do |i|
  jids[:ok] << QdOkJob.set(queue: OK_QUEUES[i % OK_QUEUES.size]).perform_async(20)
end
counts[:dead].times { |i| jids[:dead] << QdDeadJob.perform_async(i) }
counts[:retry].times { |i| jids[:retry] << QdRetryJob.set(queue: "critical").perform_async(i) }
counts[:flaky].times { |i| jids[:flaky] << QdFlakyJob.set(queue: "low").perform_async(i) }
counts[:slow].times { jids[:slow] << QdSlowJob.set(queue: "slow").perform_async(slow_seconds) }
counts[:scheduled].times { |i| jids[:scheduled] << QdOkJob.perform_in(3600, i) }
counts[:parked].times { |i| jids[:parked] << QdOkJob.set(queue: "parked").perform_async(i) }

# Every job that ran counts once in processed per execution, and every failed execution once
# in failed as well; a flaky job runs twice. Slow jobs are still running, so they count in
# neither until they end.
failures = counts[:dead] + counts[:retry] + 2 * counts[:flaky]
queues = (WORKER_QUEUES + ["parked"]).select { |q|
  # a queue exists in the `queues` set once anything was pushed to it
  case q
  when "default" then (counts[:ok] > 0) || (counts[:dead] > 0)
  when "critical" then (counts[:ok] > 1) || (counts[:retry] > 0)
  when "low" then (counts[:ok] > 2) || (counts[:flaky] > 0)
  when "slow" then counts[:slow] > 0
  when "parked" then counts[:parked] > 0
  end
}
expected = {
  "processed" => counts[:ok] + failures,
  "failed" => failures,
  "enqueued" => counts[:parked],
  "scheduled_size" => counts[:scheduled],
  "retry_size" => counts[:retry],
  "dead_size" => counts[:dead] + counts[:flaky],
  "workers_size" => counts[:slow],
  "queues" => queues.to_h { |q| [q, q == "parked" ? counts[:parked] : 0] }
}

puts JSON.generate({
  "pushed" => counts.transform_keys(&:to_s),
  "jids" => jids.transform_keys(&:to_s),
  "worker_queues" => WORKER_QUEUES,
  "expected" => expected
})
