# Compares one oracle.rb snapshot with what the rig's workload implies, for one phase of the
# smoke test. Prints every mismatch and exits 1 if there is any; exits 0 silently otherwise.
#
#   ruby check.rb PHASE ORACLE.json PRODUCER.json [KEY=VALUE ...]
#
# PHASE is shape, settled, requeued, quiet, cleared or stopped. KEY=VALUE pairs carry facts
# only the caller knows (pid, base counters).
require "json"

phase, oracle_file, producer_file, *extra = ARGV
abort("usage: check.rb PHASE ORACLE.json PRODUCER.json [KEY=VALUE ...]") unless producer_file
o = JSON.parse(File.read(oracle_file))
prod = JSON.parse(File.read(producer_file))
exp = prod["expected"]
pushed = prod["pushed"]
args = extra.to_h { |kv| kv.split("=", 2) }
stats = o["stats"] || {}
problems = []

eq = lambda do |label, actual, expected|
  problems << "#{label}: got #{actual.inspect}, want #{expected.inspect}" unless actual == expected
end
type = lambda do |label, value, *classes|
  problems << "#{label}: #{value.inspect} is not a #{classes.join(" or ")}" unless classes.any? { |c| value.is_a?(c) }
end

# The oracle's JSON shape: every figure a QueueDeck test compares, with its type.
%w[processed failed enqueued scheduled_size retry_size dead_size processes_size workers_size].each do |k|
  type.call("stats.#{k}", stats[k], Integer)
end
type.call("stats.default_queue_latency", stats["default_queue_latency"], Numeric)
%w[scheduled_size retry_size dead_size workers_size].each { |k| type.call(k, o[k], Integer) }
type.call("queues", o["queues"], Hash)
(o["queues"] || {}).each do |name, q|
  type.call("queues.#{name}.size", q["size"], Integer)
  type.call("queues.#{name}.latency", q["latency"], Numeric)
  eq.call("queues.#{name}.paused", q["paused"], false) # open-source Sidekiq has no pause
end
type.call("processes", o["processes"], Array)
(o["processes"] || []).each_with_index do |p, i|
  %w[pid concurrency busy].each { |k| type.call("processes[#{i}].#{k}", p[k], Integer) }
  %w[identity hostname].each { |k| type.call("processes[#{i}].#{k}", p[k], String) }
  type.call("processes[#{i}].beat", p["beat"], Numeric)
  type.call("processes[#{i}].queues", p["queues"], Array)
  eq.call("processes[#{i}].identity", p["identity"], "#{p["hostname"]}:#{p["pid"]}:#{p["identity"].to_s.split(":").last}")
end
type.call("work", o["work"], Array)

# The same figures reached two ways must agree: Stats against the per-set and per-queue API.
eq.call("retry_size vs stats", o["retry_size"], stats["retry_size"])
eq.call("dead_size vs stats", o["dead_size"], stats["dead_size"])
eq.call("scheduled_size vs stats", o["scheduled_size"], stats["scheduled_size"])
eq.call("workers_size vs stats", o["workers_size"], stats["workers_size"])
eq.call("enqueued vs sum of queue sizes", (o["queues"] || {}).values.sum { |q| q["size"] }, stats["enqueued"])
eq.call("processes vs stats", (o["processes"] || []).size, stats["processes_size"])

pid = args["pid"]&.to_i
live = lambda do |quiet|
  eq.call("stats.processes_size", stats["processes_size"], 1)
  p = (o["processes"] || []).first || {}
  eq.call("process pid", p["pid"], pid)
  eq.call("process concurrency", p["concurrency"], Integer(args.fetch("concurrency", "4")))
  eq.call("process queues", p["queues"], prod["worker_queues"])
  eq.call("process busy", p["busy"], pushed["slow"])
  eq.call("process quiet", p["quiet"], quiet ? "true" : "false")
  eq.call("process beat age <= 11 s", (o["at"] - p["beat"].to_f) <= 11, true)
  eq.call("work entries", (o["work"] || []).size, pushed["slow"])
  (o["work"] || []).each_with_index do |w, i|
    eq.call("work[#{i}].process", w["process"], p["identity"])
    eq.call("work[#{i}].queue", w["queue"], "slow")
    eq.call("work[#{i}].class", w["class"], "QdSlowJob")
    eq.call("work[#{i}].jid known", prod["jids"]["slow"].include?(w["jid"]), true)
    type.call("work[#{i}].run_at", w["run_at"], Integer)
  end
end

settled_counts = lambda do |processed:, failed:, dead:, enqueued:, queues:|
  eq.call("stats.processed", stats["processed"], processed)
  eq.call("stats.failed", stats["failed"], failed)
  eq.call("stats.enqueued", stats["enqueued"], enqueued)
  eq.call("stats.scheduled_size", stats["scheduled_size"], exp["scheduled_size"])
  eq.call("stats.retry_size", stats["retry_size"], exp["retry_size"])
  eq.call("stats.dead_size", stats["dead_size"], dead)
  eq.call("queue sizes", (o["queues"] || {}).transform_values { |q| q["size"] }, queues)
end

case phase
when "shape"
  # only the checks above
when "settled", "requeued", "quiet"
  requeued = phase == "settled" ? 0 : 1
  settled_counts.call(processed: exp["processed"] + requeued, failed: exp["failed"],
    dead: exp["dead_size"] - requeued, enqueued: exp["enqueued"], queues: exp["queues"])
  eq.call("stats.workers_size", stats["workers_size"], exp["workers_size"])
  live.call(phase == "quiet")
  # A queue's latency is the age of its oldest job (enqueued_at); drained queues report 0.
  (o["queues"] || {}).each do |name, q|
    if q["size"] > 0
      eq.call("queues.#{name}.latency > 0", q["latency"] > 0, true)
    else
      eq.call("queues.#{name}.latency", q["latency"], 0.0)
    end
  end
when "cleared"
  # queue "parked" cleared (UNLINK + SREM) and the dead set purged (UNLINK)
  queues = exp["queues"].reject { |name, _| name == "parked" }
  settled_counts.call(processed: exp["processed"] + 1, failed: exp["failed"], dead: 0,
    enqueued: 0, queues: queues)
  live.call(true)
when "stopped"
  # A clean stop removes the process and its running-jobs hash; each running job is pushed
  # back to its queue and, interrupted, counts once more as processed and as failed.
  slow = pushed["slow"]
  queues = exp["queues"].reject { |name, _| name == "parked" }
  queues["slow"] = slow if slow > 0
  settled_counts.call(processed: exp["processed"] + 1 + slow, failed: exp["failed"] + slow,
    dead: 0, enqueued: slow, queues: queues)
  eq.call("stats.processes_size", stats["processes_size"], 0)
  eq.call("stats.workers_size", stats["workers_size"], 0)
  eq.call("work entries", (o["work"] || []).size, 0)
else
  abort("check.rb: unknown phase #{phase}")
end

unless problems.empty?
  puts "#{phase}: #{problems.size} mismatch(es) between Sidekiq's API and the workload:"
  problems.each { |p| puts "  #{p}" }
  exit 1
end
