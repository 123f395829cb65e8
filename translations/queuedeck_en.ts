<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watches and steers the Redis-backed work queues of many Redis deployments from one place: colour-coded clusters, side-by-side comparison, multi-cluster actions with confirmation, and an audit log of every action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Build information:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionPresentation</name>
    <message>
        <source>&amp;Purge dead letters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;queue dead letters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ause queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Benchmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quiet process…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top process…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuildInfo</name>
    <message>
        <source>unknown compiler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug (assertions on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built with Qt %1, running with Qt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiler: %1, C++%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterEditorDialog</name>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled: watch this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-only: refuse every action on this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port, redis://…, rediss://…, unix:///path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seeds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More cluster nodes or Sentinels, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentinel &amp;master:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACL user (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;variable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variable holding the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ertificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: the endpoint&apos;s host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip certificate verification (labs only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpleted list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dead letters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Processing lists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;use prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCAN &amp;count:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;retries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat &amp;TTL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes to the system keychain; the config file only notes that it is there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the password in the system &amp;keychain, not in the config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (e.g. production, staging, eu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters of the same group are shown together in the overview and the tab menu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterMenu</name>
    <message numerus="yes">
        <source>%1 (%n cluster(s))</source>
        <translation>
            <numerusform>%1 (%n cluster)</numerusform>
            <numerusform>%1 (%n clusters)</numerusform>
        </translation>
    </message>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmationDialog</name>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orphaned workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest waiting job</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthStyle</name>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QueueDeck cannot start with %1:

%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::ActionCatalog</name>
    <message>
        <source>each job&apos;s original queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every dead letter of the selected clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purge {dead_letters}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a queue&apos;s pause flag: cooperating workers stop taking its jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured queue to pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pause queue {queue} (workers stop taking its jobs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear a queue&apos;s pause flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured queue to resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resume queue {queue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enqueue benchmark jobs and measure throughput and latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A configured queue that workers consume, to measure completion too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dedicated benchmark queue (removed afterwards)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many jobs to enqueue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The size of each job&apos;s payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs sent in one round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for workers to complete the jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the completed list and measure end-to-end latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when a queue is given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enqueue {count} benchmark jobs of {payload_bytes} bytes onto {queue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeue dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move dead letters back to a queue, retries reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the jobs go: a configured queue, or each job&apos;s original queue (named by its priority)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move at most this many, oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move only the dead letters with these job ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move {dead_letters} back to {queue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the next jobs of a queue or the oldest dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many jobs to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the next {count} jobs of {queue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{effect} on {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n listed dead letters</source>
        <translation>
            <numerusform>%n listed dead letter</numerusform>
            <numerusform>%n listed dead letters</numerusform>
        </translation>
    </message>
    <message>
        <source>up to %1 dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every dead letter (count not known yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the jobs waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sidekiq: purge the dead set, or the jobs waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sidekiq: requeue from the dead set, or retry the jobs waiting for a retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A queue, the dead letters, or (Sidekiq) the jobs waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every job waiting in a queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue to empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete every job waiting in queue {queue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell a worker process to take no new jobs; it finishes the ones it holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worker process to quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quiet process {process} (it finishes its jobs and takes no new ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell a worker process to shut down; jobs it cannot finish in time go back to their queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worker process to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop process {process} (it exits after its shutdown timeout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sidekiq has no persistent pause of a queue (only Sidekiq Enterprise has one); quiet its processes instead (quiet_process)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>benchmark jobs pushed to a Sidekiq deployment would be executed by its real workers, so QueueDeck does not benchmark Sidekiq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>go-redis-work-queue workers take no commands; pause their queues instead (pause_queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not supported for %2 clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n listed jobs waiting for a retry</source>
        <translation>
            <numerusform>%n listed job waiting for a retry</numerusform>
            <numerusform>%n listed jobs waiting for a retry</numerusform>
        </translation>
    </message>
    <message>
        <source>up to %1 jobs waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 jobs waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every job waiting for a retry (count not known yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suspend EVERY RQ worker of this database (RQ has no per-queue pause: no queue is worked, not only {queue})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resume every RQ worker of this database (all its queues, not only {queue})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peeking at RQ jobs is not supported by this version of QueueDeck; the RQ dashboard or rq info shows them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>benchmark jobs pushed to an RQ deployment would be executed by its real workers, so QueueDeck does not benchmark RQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Celery&apos;s Redis broker has no persistent pause of a queue; stop consuming it with Celery&apos;s own remote control (celery control cancel_consumer) instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Celery keeps no dead letters in its broker: a failed task&apos;s result is in the result backend, keyed by task id only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::HealthWords</name>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster cannot be polled; its configuration needs fixing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster is unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling took %1 ms, over the %2 threshold of %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job is queued and no live worker has been found yet (worker discovery has not finished its first scan)|%n jobs are queued and no live worker has been found yet (worker discovery has not finished its first scan)</source>
        <translation>
            <numerusform>%n job is queued and no live worker has been found yet (worker discovery has not finished its first scan)</numerusform>
            <numerusform>%n jobs are queued and no live worker has been found yet (worker discovery has not finished its first scan)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job is queued but no worker is alive to take it|%n jobs are queued but no worker is alive to take them</source>
        <translation>
            <numerusform>%n job is queued but no worker is alive to take it</numerusform>
            <numerusform>%n jobs are queued but no worker is alive to take them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job in the dead-letter list, over the %1 threshold of %2|%n jobs in the dead-letter list, over the %1 threshold of %2</source>
        <translation>
            <numerusform>%n job in the dead-letter list, over the %1 threshold of %2</numerusform>
            <numerusform>%n jobs in the dead-letter list, over the %1 threshold of %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the processing list of %n worker|the processing lists of %n workers</source>
        <translation>
            <numerusform>the processing list of %n worker</numerusform>
            <numerusform>the processing lists of %n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more|%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job sits in %1 without a heartbeat: %2|%n jobs sit in %1 without a heartbeat: %2</source>
        <translation>
            <numerusform>%n job sits in %1 without a heartbeat: %2</numerusform>
            <numerusform>%n jobs sit in %1 without a heartbeat: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 has held its jobs for %2 s, past the heartbeat TTL of %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis uses %1% of maxmemory (%2 of %3), over the %4 ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dead letters grew in the last poll, from %1 to %2|Dead letters grew in each of the last %n polls, from %1 to %2</source>
        <translation>
            <numerusform>Dead letters grew in the last poll, from %1 to %2</numerusform>
            <numerusform>Dead letters grew in each of the last %n polls, from %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued work grew in the last poll, from %1 to %2 jobs|Queued work grew in each of the last %n polls, from %1 to %2 jobs</source>
        <translation>
            <numerusform>Queued work grew in the last poll, from %1 to %2 jobs</numerusform>
            <numerusform>Queued work grew in each of the last %n polls, from %1 to %2 jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more)|%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (+%n more)</numerusform>
            <numerusform>%1 (+%n more)</numerusform>
        </translation>
    </message>
    <message>
        <source>No poll of this cluster has completed yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::AboutDialog</name>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(built-in default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionController</name>
    <message>
        <source>No cluster to act on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in actions.allowed_actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster %1 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 is read-only (read_only in its configuration): actions are refused</source>
        <translation>
            <numerusform>%1 is read-only (read_only in its configuration): actions are refused</numerusform>
            <numerusform>%1 are read-only (read_only in their configuration): actions are refused</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionHistoryModel</name>
    <message numerus="yes">
        <source>%1 of %n succeeded</source>
        <translation>
            <numerusform>%1 of %n succeeded</numerusform>
            <numerusform>%1 of %n succeeded</numerusform>
        </translation>
    </message>
    <message>
        <source>Targets: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results per cluster:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionHistoryPane</name>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an action to see its parameters, state changes and results per cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionParameterForm</name>
    <message>
        <source>Optional: job ids, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::AnomalyTableModel</name>
    <message>
        <source>Unlike the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog jump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate spike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterEditorDialog</name>
    <message>
        <source>Standalone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentinel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit cluster %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a cluster named &quot;%1&quot; already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;Connected.&lt;/span&gt; PING answered in %2 (first one, with connecting: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type the password to keep in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be stored in the system keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No live workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters growing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orphaned processing lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog growing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the heartbeat TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a worker seen alive counts as present after its heartbeat is gone; empty or 0s: the cluster&apos;s heartbeat TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polls in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long each rule&apos;s condition must hold before it is reported (&quot;for&quot;), and how long it must be gone before the report clears (&quot;recover&quot;), for example 5s or 1m30s; then the figures a rule compares against. These settings apply to every cluster.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterPage</name>
    <message>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter workers or jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Orphaned only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) so far (discovery still scanning)</source>
        <translation>
            <numerusform>%n worker so far (discovery still scanning)</numerusform>
            <numerusform>%n workers so far (discovery still scanning)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers unknown: the queue system does not show them on this Redis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterStack</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every cluster on one page (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clusters by group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterTabBar</name>
    <message>
        <source>Key %1 shows this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected for the next action (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::CompareTableModel</name>
    <message>
        <source>Not known for this cluster (rates need two polls; a queue may not be configured there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % from the median of the compared clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beyond the compare threshold (delta_threshold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest minus smallest value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::CompareView</name>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two to four clusters to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlighting differences over %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlighting is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first poll of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ConfirmationDialog</name>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n clusters</source>
        <translation>
            <numerusform>%1 on %n cluster</numerusform>
            <numerusform>%1 on %n clusters</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone. Type the cluster name &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone. Type the number of clusters (&lt;b&gt;%1&lt;/b&gt;) to &amp;confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected clusters have no queue in common.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel action</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Completed on %n cluster(s).</source>
        <translation>
            <numerusform>Completed on %n cluster.</numerusform>
            <numerusform>Completed on %n clusters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running… %1 of %2 clusters done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::DeadLetterModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::DeadLetterPanel</name>
    <message>
        <source>&amp;Show the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Peek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;urge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peek reads the next dead letters without changing them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to see its JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in actions.allowed_actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peek refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peek failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the next %1 of %2 dead letters (read at %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peek reads the next jobs waiting for a retry without changing them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the next %1 of %2 jobs waiting for a retry (read at %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::KeychainPasswordStore</name>
    <message numerus="yes">
        <source>the system keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>the system keychain did not answer within %n second</numerusform>
            <numerusform>the system keychain did not answer within %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>no entry in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain refused access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no system keychain is running (on Linux: a Secret Service such as GNOME Keyring or KeePassXC, or KWallet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::MainWindow</name>
    <message>
        <source>QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison as &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit this cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove this cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Select or unselect this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh a&amp;ll clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close to tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps QueueDeck running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected for the next action: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing needs at least two enabled clusters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 completed on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster %1 saved and applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the configuration? QueueDeck stops watching it at once. Its action history stays in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of %1 could not be removed from the system keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview — QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview of all clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to cluster…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::OverviewModel</name>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected for the next action (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): click or Enter to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed jobs per second, last 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate, last 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::OverviewPage</name>
    <message>
        <source>Filter clusters by name, group or issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to cluster… (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n cluster</numerusform>
            <numerusform>%n clusters</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not polled yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ProgressDelegate</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::QueueSystemSection</name>
    <message>
        <source>%1, namespace &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, prefix &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported by this version yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the database at the endpoint (nothing is written) and suggest its queue system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue s&amp;ystem:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redis-namespace prefix of the Sidekiq application, without the trailing &apos;:&apos;; empty when it uses none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) read.</source>
        <translation>
            <numerusform>%n key read.</numerusform>
            <numerusform>%n keys read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n key(s) read: the database is larger than one look.</source>
        <translation>
            <numerusform>Only %n key read: the database is larger than one look.</numerusform>
            <numerusform>Only %n keys read: the database is larger than one look.</numerusform>
        </translation>
    </message>
    <message>
        <source>No queue system found. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not supported by this version yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prefix option the application gives BullMQ&apos;s queues and workers (&quot;bull&quot; by default), without a trailing &apos;:&apos;; it may contain &apos;:&apos; and a {hash tag}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue names, separated by commas, shown even when kombu&apos;s bindings do not name them (Celery&apos;s default queue is &quot;celery&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only those the bindings name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database of Celery&apos;s Redis result backend, when it is not the broker&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result &amp;backend database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Visibility timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s visibility_timeout transport option (kombu&apos;s default is 1h): held messages older than this are about to be delivered again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;iscovery interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often the list of queues is read again, in a round trip of its own; the polls in between reuse it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Global key prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s global_keyprefix transport option: put before every key kombu writes and every event channel; empty when the application sets none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::QueueTableModel</name>
    <message>
        <source>Growing by %1 over the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draining by %1 over the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers that honour the pause flag take no jobs from this queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Growth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This queue system has no persistent pause; quiet its workers instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the wait list, %2 waiting by priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting jobs given a priority, which BullMQ keeps apart from its wait list; counted in Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent jobs of a flow waiting for their children to finish; not counted in Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prioritized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting children</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::QuickSwitcher</name>
    <message>
        <source>Go to cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster label, name, group or host</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 … 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show cluster 1 to 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move between the parts of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move in tables; click a header (or Space on it) to sort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a dialog (cancels a running action after asking the engine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+J / Alt+W / Alt+D / Alt+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs, Workers, Dead letters or Retries tab of the cluster page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::StatsSummary</name>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read_only is set for this cluster: every action is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 workers known, %2 orphaned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rates need two polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed jobs per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of finished jobs that went to the dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time of the last poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue system does not show its workers on this Redis (BullMQ: CLIENT LIST is refused), so they cannot be counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This queue system keeps no count of completed jobs (Celery: a success is a result in the result backend, and results expire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This queue system keeps its failures where one poll cannot count them (Celery: in the result backend, read a part per poll; unknown until a full pass has read results it can decode)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::StatusBarInfo</name>
    <message>
        <source>What the last poll of this cluster cost Redis and the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last poll failed %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last poll %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first poll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Poll cost: %n round trip(s)</source>
        <translation>
            <numerusform>Poll cost: %n round trip</numerusform>
            <numerusform>Poll cost: %n round trips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s)</source>
        <translation>
            <numerusform>%n command</numerusform>
            <numerusform>%n commands</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::TargetTableModel</name>
    <message>
        <source>%1 (cluster %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::ThroughputChart</name>
    <message>
        <source>&lt;b&gt;Throughput&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog (right axis)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::TrayNotifier</name>
    <message>
        <source>QueueDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 clusters healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomaly on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n more notification(s) held back)</source>
        <translation>
            <numerusform>(%n more notification held back)</numerusform>
            <numerusform>(%n more notifications held back)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is flapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its health changed %n time(s) in a short while; further changes are not notified until it is steady. Now: %1</source>
        <translation>
            <numerusform>Its health changed %n time in a short while; further changes are not notified until it is steady. Now: %1</numerusform>
            <numerusform>Its health changed %n times in a short while; further changes are not notified until it is steady. Now: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::gui::TrendChart</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit c&amp;luster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;oolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All clusters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qd::gui::WorkerTableModel</name>
    <message numerus="yes">
        <source>Holds %n job(s) but has no heartbeat: the reaper should return them to their queue</source>
        <translation>
            <numerusform>Holds %n job but has no heartbeat: the reaper should return them to their queue</numerusform>
            <numerusform>Holds %n jobs but has no heartbeat: the reaper should return them to their queue</numerusform>
        </translation>
    </message>
    <message>
        <source>Heartbeat expires in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orphaned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seen alive recently and holding no job now: between two jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes jobs from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes no new jobs; finishes the ones it holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, started %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
