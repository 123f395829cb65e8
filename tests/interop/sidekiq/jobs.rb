# Job classes and Redis settings shared by the interop rig's worker (`sidekiq -r jobs.rb`), its
# producer and its oracle. Everything comes from the environment so a test fixture can point the
# same files at any throwaway Redis:
#
#   REDIS_URL                  redis://127.0.0.1:<port>/<db> (required)
#   QD_SIDEKIQ_NAMESPACE       optional redis-namespace prefix: every key becomes "<ns>:<key>"
#   QD_SIDEKIQ_POLL_INTERVAL   seconds between the scheduler's looks at the retry and schedule
#                              sets (default 1; Sidekiq's own default scales 5 s per process and
#                              waits 10 s more before the first look)
#
# The outcomes are fixed per class, so a workload's final counts follow from what was pushed
# (see producer.rb). A job never reads the clock or chance to decide whether it fails.
require "sidekiq"

# The packaged redis-rb 4.8 prints a deprecation line for every SADD that Sidekiq 6.4 sends;
# it is noise here, not a change of behaviour.
Redis.silence_deprecations = true if Redis.respond_to?(:silence_deprecations=)

module QdRig
  def self.redis_config
    url = ENV["REDIS_URL"] or abort("jobs.rb: REDIS_URL is not set")
    cfg = {url: url}
    ns = ENV["QD_SIDEKIQ_NAMESPACE"].to_s
    cfg[:namespace] = ns unless ns.empty?
    cfg
  end

  # A flag the test sets to say "the bug is fixed": failing classes succeed from then on, so a
  # requeued dead job can be seen to run to completion. Read through Sidekiq's own connection,
  # so it lives under the namespace like every other key.
  FIXED_KEY = "qdrig:fixed"

  def self.fixed?
    Sidekiq.redis { |c| c.get(FIXED_KEY) } == "1"
  end

  # Every job of a failing kind that ran to completion appends its jid here, so a test can see
  # that a job it requeued was executed by the real worker (and how often).
  RAN_KEY = "qdrig:ran"

  def self.ran(jid)
    Sidekiq.redis { |c| c.rpush(RAN_KEY, jid) }
  end
end

Sidekiq.configure_server do |config|
  config.redis = QdRig.redis_config
  config.options[:poll_interval_average] = Float(ENV.fetch("QD_SIDEKIQ_POLL_INTERVAL", "1"))
end
Sidekiq.configure_client do |config|
  config.redis = QdRig.redis_config
end

# Succeeds after sleeping args[0] milliseconds.
class QdOkJob
  include Sidekiq::Worker
  sidekiq_options retry: 1

  def perform(sleep_ms = 20)
    sleep(sleep_ms / 1000.0)
  end
end

# Fails once and goes straight to the dead set (retry: 0 still records the failure and moves the
# job to the morgue; retry: false would drop it).
class QdDeadJob
  include Sidekiq::Worker
  sidekiq_options retry: 0

  def perform(*)
    raise "qdrig: dead on first failure" unless QdRig.fixed?
    QdRig.ran(jid)
  end
end

# Fails and waits in the retry set for an hour, so it is still there when the test looks.
class QdRetryJob
  include Sidekiq::Worker
  sidekiq_options retry: 3
  sidekiq_retry_in { |_count, _exception| 3600 }

  def perform(*)
    raise "qdrig: parked in the retry set" unless QdRig.fixed?
    QdRig.ran(jid)
  end
end

# Fails, is retried once after 1 s plus Sidekiq's jitter (rand(10) * (count + 1) s, so at most
# 10 s for the first retry), fails again and lands in the dead set.
class QdFlakyJob
  include Sidekiq::Worker
  sidekiq_options retry: 1
  sidekiq_retry_in { |_count, _exception| 1 }

  def perform(*)
    raise "qdrig: retried once, then dead" unless QdRig.fixed?
    QdRig.ran(jid)
  end
end

# Keeps one worker thread busy for args[0] seconds, so busy counts and the per-process record
# of running jobs can be seen. A stopping worker interrupts it and pushes it back.
class QdSlowJob
  include Sidekiq::Worker
  sidekiq_options retry: 0

  def perform(seconds = 600)
    sleep(seconds)
  end
end
