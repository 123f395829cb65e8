<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About QueueDeck</source>
        <translation>Über QueueDeck</translation>
    </message>
    <message>
        <source>Watches and steers the Redis-backed work queues of many Redis deployments from one place: colour-coded clusters, side-by-side comparison, multi-cluster actions with confirmation, and an audit log of every action.</source>
        <translation>Überwacht und steuert die Redis-basierten Arbeitswarteschlangen vieler Redis-Installationen an einem Ort: farbcodierte Cluster, Vergleich nebeneinander, Aktionen über mehrere Cluster mit Bestätigung und ein Prüfprotokoll jeder Aktion.</translation>
    </message>
    <message>
        <source>&amp;Build information:</source>
        <translation>&amp;Build-Informationen:</translation>
    </message>
    <message>
        <source>&amp;Copy to clipboard</source>
        <translation>In die Zwischenablage &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>ActionPresentation</name>
    <message>
        <source>&amp;Purge dead letters…</source>
        <translation>Dead Letters &amp;löschen…</translation>
    </message>
    <message>
        <source>Re&amp;queue dead letters…</source>
        <translation>Dead Letters erneut &amp;einreihen…</translation>
    </message>
    <message>
        <source>P&amp;ause queue…</source>
        <translation>Warteschlange &amp;anhalten…</translation>
    </message>
    <message>
        <source>&amp;Resume queue…</source>
        <translation>Warteschlange &amp;fortsetzen…</translation>
    </message>
    <message>
        <source>&amp;Benchmark…</source>
        <translation>&amp;Benchmark…</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation>Erneut einreihen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Run benchmark</source>
        <translation>Benchmark starten</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>&amp;Clear queue…</source>
        <translation>Warteschlange &amp;leeren…</translation>
    </message>
    <message>
        <source>&amp;Quiet process…</source>
        <translation>Prozess &amp;ruhigstellen…</translation>
    </message>
    <message>
        <source>S&amp;top process…</source>
        <translation>Prozess &amp;beenden…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Quiet</source>
        <translation>Ruhigstellen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>BuildInfo</name>
    <message>
        <source>unknown compiler</source>
        <translation>unbekannter Compiler</translation>
    </message>
    <message>
        <source>release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>debug (assertions on)</source>
        <translation>Debug (Assertions aktiv)</translation>
    </message>
    <message>
        <source>built with Qt %1, running with Qt %2</source>
        <translation>gebaut mit Qt %1, läuft mit Qt %2</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <source>Build: %1</source>
        <translation>Build: %1</translation>
    </message>
    <message>
        <source>Compiler: %1, C++%2</source>
        <translation>Compiler: %1, C++%2</translation>
    </message>
    <message>
        <source>Qt: %1</source>
        <translation>Qt: %1</translation>
    </message>
    <message>
        <source>Platform: %1</source>
        <translation>Plattform: %1</translation>
    </message>
</context>
<context>
    <name>ClusterEditorDialog</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <source>Pick a colour</source>
        <translation>Farbe wählen</translation>
    </message>
    <message>
        <source>&amp;Enabled: watch this cluster</source>
        <translation>&amp;Aktiv: diesen Cluster überwachen</translation>
    </message>
    <message>
        <source>&amp;Read-only: refuse every action on this cluster</source>
        <translation>&amp;Nur lesen: jede Aktion auf diesem Cluster ablehnen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>host:port, redis://…, rediss://…, unix:///path</source>
        <translation>host:port, redis://…, rediss://…, unix:///pfad</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>&amp;Seeds:</source>
        <translation>&amp;Seeds:</translation>
    </message>
    <message>
        <source>More cluster nodes or Sentinels, one per line</source>
        <translation>Weitere Cluster-Knoten oder Sentinels, einer pro Zeile</translation>
    </message>
    <message>
        <source>Sentinel &amp;master:</source>
        <translation>Sentinel-&amp;Master:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>ACL user (optional)</source>
        <translation>ACL-Benutzer (optional)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Password &amp;variable:</source>
        <translation>Passwort-&amp;Variable:</translation>
    </message>
    <message>
        <source>Environment variable holding the password</source>
        <translation>Umgebungsvariable mit dem Passwort</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Use &amp;TLS</source>
        <translation>&amp;TLS verwenden</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation>Vertrauensspeicher des Systems</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>C&amp;ertificate:</source>
        <translation>Z&amp;ertifikat:</translation>
    </message>
    <message>
        <source>Client certificate (optional)</source>
        <translation>Client-Zertifikat (optional)</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Client key (optional)</source>
        <translation>Client-Schlüssel (optional)</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>Server&amp;name:</translation>
    </message>
    <message>
        <source>Default: the endpoint&apos;s host</source>
        <translation>Vorgabe: der Host des Endpunkts</translation>
    </message>
    <message>
        <source>&amp;Skip certificate verification (labs only)</source>
        <translation>Zertifikatsprüfung &amp;überspringen (nur im Labor)</translation>
    </message>
    <message>
        <source>Queue system</source>
        <translation>Warteschlangensystem</translation>
    </message>
    <message>
        <source>&amp;Queues:</source>
        <translation>&amp;Warteschlangen:</translation>
    </message>
    <message>
        <source>&amp;Add queue</source>
        <translation>Warteschlange &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move queue</source>
        <translation>Warteschlange &amp;entfernen</translation>
    </message>
    <message>
        <source>Co&amp;mpleted list:</source>
        <translation>Liste für &amp;erledigte:</translation>
    </message>
    <message>
        <source>&amp;Dead letters:</source>
        <translation>&amp;Dead Letters:</translation>
    </message>
    <message>
        <source>&amp;Processing lists:</source>
        <translation>&amp;Verarbeitungslisten:</translation>
    </message>
    <message>
        <source>&amp;Heartbeat keys:</source>
        <translation>&amp;Heartbeat-Schlüssel:</translation>
    </message>
    <message>
        <source>Pa&amp;use prefix:</source>
        <translation>Pa&amp;use-Präfix:</translation>
    </message>
    <message>
        <source>SCAN &amp;count:</source>
        <translation>SCAN-&amp;Anzahl:</translation>
    </message>
    <message>
        <source>Max &amp;retries:</source>
        <translation>Max. &amp;Wiederholungen:</translation>
    </message>
    <message>
        <source>Heartbeat &amp;TTL:</source>
        <translation>Heartbeat-&amp;TTL:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>The password goes to the system keychain; the config file only notes that it is there</source>
        <translation>Das Passwort kommt in den Schlüsselbund des Systems; die Konfigurationsdatei vermerkt nur, dass es dort liegt</translation>
    </message>
    <message>
        <source>Store the password in the system &amp;keychain, not in the config file</source>
        <translation>Passwort im Schlüsselbund des Systems ab&amp;legen, nicht in der Konfigurationsdatei</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppe:</translation>
    </message>
    <message>
        <source>none (e.g. production, staging, eu)</source>
        <translation>keine (z. B. production, staging, eu)</translation>
    </message>
    <message>
        <source>Clusters of the same group are shown together in the overview and the tab menu</source>
        <translation>Cluster derselben Gruppe stehen in der Übersicht und im Gruppenmenü beisammen</translation>
    </message>
</context>
<context>
    <name>ClusterMenu</name>
    <message numerus="yes">
        <source>%1 (%n cluster(s))</source>
        <translation>
            <numerusform>%1 (%n Cluster)</numerusform>
            <numerusform>%1 (%n Cluster)</numerusform>
        </translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Keine Gruppe</translation>
    </message>
</context>
<context>
    <name>ConfirmationDialog</name>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation>&amp;Ziele:</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>Queue “%1”</source>
        <translation>Warteschlange „%1“</translation>
    </message>
    <message>
        <source>Queued jobs</source>
        <translation>Wartende Jobs</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Live workers</source>
        <translation>Aktive Worker</translation>
    </message>
    <message>
        <source>Job rate</source>
        <translation>Jobrate</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation>Abfragelatenz</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Known workers</source>
        <translation>Bekannte Worker</translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation>Beschäftigte Worker</translation>
    </message>
    <message>
        <source>Orphaned workers</source>
        <translation>Verwaiste Worker</translation>
    </message>
    <message>
        <source>Oldest heartbeat</source>
        <translation>Ältester Heartbeat</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Waiting for a retry</source>
        <translation>Wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>Oldest waiting job</source>
        <translation>Ältester wartender Job</translation>
    </message>
</context>
<context>
    <name>HealthStyle</name>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Gestört</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>QueueDeck</source>
        <translation>QueueDeck</translation>
    </message>
    <message>
        <source>QueueDeck cannot start with %1:

%2</source>
        <translation>QueueDeck kann mit %1 nicht starten:

%2</translation>
    </message>
</context>
<context>
    <name>qd::ActionCatalog</name>
    <message>
        <source>each job&apos;s original queue</source>
        <translation>die ursprüngliche Warteschlange jedes Jobs</translation>
    </message>
    <message>
        <source>the dead letters</source>
        <translation>die Dead Letters</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Purge dead letters</source>
        <translation>Dead Letters löschen</translation>
    </message>
    <message>
        <source>Delete every dead letter of the selected clusters</source>
        <translation>Alle Dead Letters der ausgewählten Cluster löschen</translation>
    </message>
    <message>
        <source>purge {dead_letters}</source>
        <translation>{dead_letters} löschen</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>Warteschlange anhalten</translation>
    </message>
    <message>
        <source>Set a queue&apos;s pause flag: cooperating workers stop taking its jobs</source>
        <translation>Pause-Markierung einer Warteschlange setzen: kooperierende Worker nehmen keine Jobs mehr daraus</translation>
    </message>
    <message>
        <source>The configured queue to pause</source>
        <translation>Die konfigurierte Warteschlange, die angehalten wird</translation>
    </message>
    <message>
        <source>pause queue {queue} (workers stop taking its jobs)</source>
        <translation>Warteschlange {queue} anhalten (Worker nehmen keine Jobs mehr daraus)</translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation>Warteschlange fortsetzen</translation>
    </message>
    <message>
        <source>Clear a queue&apos;s pause flag</source>
        <translation>Pause-Markierung einer Warteschlange entfernen</translation>
    </message>
    <message>
        <source>The configured queue to resume</source>
        <translation>Die konfigurierte Warteschlange, die fortgesetzt wird</translation>
    </message>
    <message>
        <source>resume queue {queue}</source>
        <translation>Warteschlange {queue} fortsetzen</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Enqueue benchmark jobs and measure throughput and latency</source>
        <translation>Benchmark-Jobs einreihen und Durchsatz und Latenz messen</translation>
    </message>
    <message>
        <source>A configured queue that workers consume, to measure completion too</source>
        <translation>Eine konfigurierte Warteschlange, die Worker abarbeiten, um auch die Erledigung zu messen</translation>
    </message>
    <message>
        <source>a dedicated benchmark queue (removed afterwards)</source>
        <translation>eine eigene Benchmark-Warteschlange (danach entfernt)</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>How many jobs to enqueue</source>
        <translation>Wie viele Jobs eingereiht werden</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>Nutzlast in Bytes</translation>
    </message>
    <message>
        <source>The size of each job&apos;s payload</source>
        <translation>Die Größe der Nutzlast jedes Jobs</translation>
    </message>
    <message>
        <source>Pipeline depth</source>
        <translation>Pipeline-Tiefe</translation>
    </message>
    <message>
        <source>Jobs sent in one round trip</source>
        <translation>Jobs pro Round Trip</translation>
    </message>
    <message>
        <source>Wait for workers to complete the jobs</source>
        <translation>Auf Erledigung durch die Worker warten</translation>
    </message>
    <message>
        <source>Watch the completed list and measure end-to-end latency</source>
        <translation>Die Liste der erledigten Jobs beobachten und die Ende-zu-Ende-Latenz messen</translation>
    </message>
    <message>
        <source>when a queue is given</source>
        <translation>wenn eine Warteschlange angegeben ist</translation>
    </message>
    <message>
        <source>enqueue {count} benchmark jobs of {payload_bytes} bytes onto {queue}</source>
        <translation>{count} Benchmark-Jobs mit {payload_bytes} Bytes in {queue} einreihen</translation>
    </message>
    <message>
        <source>Requeue dead letters</source>
        <translation>Dead Letters erneut einreihen</translation>
    </message>
    <message>
        <source>Move dead letters back to a queue, retries reset</source>
        <translation>Dead Letters in eine Warteschlange zurückverschieben, Wiederholungen zurückgesetzt</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Where the jobs go: a configured queue, or each job&apos;s original queue (named by its priority)</source>
        <translation>Wohin die Jobs gehen: eine konfigurierte Warteschlange oder die ursprüngliche Warteschlange jedes Jobs (nach seiner Priorität)</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source>Move at most this many, oldest first</source>
        <translation>Höchstens so viele verschieben, die ältesten zuerst</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Job ids</source>
        <translation>Job-IDs</translation>
    </message>
    <message>
        <source>Move only the dead letters with these job ids</source>
        <translation>Nur die Dead Letters mit diesen Job-IDs verschieben</translation>
    </message>
    <message>
        <source>move {dead_letters} back to {queue}</source>
        <translation>{dead_letters} zurück nach {queue} verschieben</translation>
    </message>
    <message>
        <source>Peek</source>
        <translation>Einsehen</translation>
    </message>
    <message>
        <source>Read the next jobs of a queue or the oldest dead letters</source>
        <translation>Die nächsten Jobs einer Warteschlange oder die ältesten Dead Letters lesen</translation>
    </message>
    <message>
        <source>How many jobs to read</source>
        <translation>Wie viele Jobs gelesen werden</translation>
    </message>
    <message>
        <source>read the next {count} jobs of {queue}</source>
        <translation>die nächsten {count} Jobs von {queue} lesen</translation>
    </message>
    <message>
        <source>{effect} on {target}</source>
        <translation>{effect} auf {target}</translation>
    </message>
    <message numerus="yes">
        <source>%n listed dead letters</source>
        <translation>
            <numerusform>%n aufgeführten Dead Letter</numerusform>
            <numerusform>%n aufgeführte Dead Letters</numerusform>
        </translation>
    </message>
    <message>
        <source>up to %1 dead letters</source>
        <translation>bis zu %1 Dead Letters</translation>
    </message>
    <message>
        <source>%1 dead letters</source>
        <translation>%1 Dead Letters</translation>
    </message>
    <message>
        <source>every dead letter (count not known yet)</source>
        <translation>alle Dead Letters (Anzahl noch unbekannt)</translation>
    </message>
    <message>
        <source>the jobs waiting for a retry</source>
        <translation>die Jobs, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Sidekiq: purge the dead set, or the jobs waiting for a retry</source>
        <translation>Sidekiq: die Dead-Menge löschen oder die Jobs, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>Sidekiq: requeue from the dead set, or retry the jobs waiting for a retry now</source>
        <translation>Sidekiq: aus der Dead-Menge wieder einreihen oder wartende Wiederholungen sofort ausführen</translation>
    </message>
    <message>
        <source>A queue, the dead letters, or (Sidekiq) the jobs waiting for a retry</source>
        <translation>Eine Warteschlange, die Dead Letters oder (Sidekiq) die Jobs, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>Clear queue</source>
        <translation>Warteschlange leeren</translation>
    </message>
    <message>
        <source>Delete every job waiting in a queue</source>
        <translation>Alle wartenden Jobs einer Warteschlange löschen</translation>
    </message>
    <message>
        <source>The queue to empty</source>
        <translation>Die zu leerende Warteschlange</translation>
    </message>
    <message>
        <source>delete every job waiting in queue {queue}</source>
        <translation>alle wartenden Jobs der Warteschlange {queue} löschen</translation>
    </message>
    <message>
        <source>Quiet process</source>
        <translation>Prozess ruhigstellen</translation>
    </message>
    <message>
        <source>Tell a worker process to take no new jobs; it finishes the ones it holds</source>
        <translation>Einen Worker-Prozess anweisen, keine neuen Jobs zu nehmen; laufende Jobs beendet er</translation>
    </message>
    <message>
        <source>The worker process to quiet</source>
        <translation>Der ruhigzustellende Worker-Prozess</translation>
    </message>
    <message>
        <source>quiet process {process} (it finishes its jobs and takes no new ones)</source>
        <translation>Prozess {process} ruhigstellen (er beendet seine Jobs und nimmt keine neuen)</translation>
    </message>
    <message>
        <source>Stop process</source>
        <translation>Prozess beenden</translation>
    </message>
    <message>
        <source>Tell a worker process to shut down; jobs it cannot finish in time go back to their queue</source>
        <translation>Einen Worker-Prozess herunterfahren; Jobs, die er nicht rechtzeitig beendet, kehren in ihre Warteschlange zurück</translation>
    </message>
    <message>
        <source>The worker process to stop</source>
        <translation>Der zu beendende Worker-Prozess</translation>
    </message>
    <message>
        <source>stop process {process} (it exits after its shutdown timeout)</source>
        <translation>Prozess {process} beenden (er endet nach seiner Abschaltfrist)</translation>
    </message>
    <message>
        <source>Sidekiq has no persistent pause of a queue (only Sidekiq Enterprise has one); quiet its processes instead (quiet_process)</source>
        <translation>Sidekiq kennt keine dauerhafte Pause einer Warteschlange (nur Sidekiq Enterprise); stellen Sie stattdessen seine Prozesse ruhig (quiet_process)</translation>
    </message>
    <message>
        <source>benchmark jobs pushed to a Sidekiq deployment would be executed by its real workers, so QueueDeck does not benchmark Sidekiq</source>
        <translation>Benchmark-Jobs in einer Sidekiq-Installation würden von ihren echten Workern ausgeführt, daher führt QueueDeck bei Sidekiq keinen Benchmark aus</translation>
    </message>
    <message>
        <source>go-redis-work-queue workers take no commands; pause their queues instead (pause_queue)</source>
        <translation>go-redis-work-queue-Worker nehmen keine Befehle an; pausieren Sie stattdessen ihre Warteschlangen (pause_queue)</translation>
    </message>
    <message>
        <source>%1 is not supported for %2 clusters</source>
        <translation>%1 wird für %2-Cluster nicht unterstützt</translation>
    </message>
    <message numerus="yes">
        <source>%n listed jobs waiting for a retry</source>
        <translation>
            <numerusform>%n aufgeführter Job, der auf einen neuen Versuch wartet</numerusform>
            <numerusform>%n aufgeführte Jobs, die auf einen neuen Versuch warten</numerusform>
        </translation>
    </message>
    <message>
        <source>up to %1 jobs waiting for a retry</source>
        <translation>bis zu %1 Jobs, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>%1 jobs waiting for a retry</source>
        <translation>%1 Jobs, die auf einen neuen Versuch warten</translation>
    </message>
    <message>
        <source>every job waiting for a retry (count not known yet)</source>
        <translation>alle Jobs, die auf einen neuen Versuch warten (Anzahl noch unbekannt)</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Waiting for a retry</source>
        <translation>Wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>suspend EVERY RQ worker of this database (RQ has no per-queue pause: no queue is worked, not only {queue})</source>
        <translation>ALLE RQ-Worker dieser Datenbank anhalten (RQ kann keine einzelne Warteschlange pausieren: keine Warteschlange wird mehr abgearbeitet, nicht nur {queue})</translation>
    </message>
    <message>
        <source>resume every RQ worker of this database (all its queues, not only {queue})</source>
        <translation>alle RQ-Worker dieser Datenbank fortsetzen (alle ihre Warteschlangen, nicht nur {queue})</translation>
    </message>
    <message>
        <source>peeking at RQ jobs is not supported by this version of QueueDeck; the RQ dashboard or rq info shows them</source>
        <translation>Diese QueueDeck-Version kann RQ-Jobs nicht einsehen; das RQ-Dashboard oder rq info zeigt sie</translation>
    </message>
    <message>
        <source>benchmark jobs pushed to an RQ deployment would be executed by its real workers, so QueueDeck does not benchmark RQ</source>
        <translation>Benchmark-Jobs in einer RQ-Installation würden von ihren echten Workern ausgeführt, daher führt QueueDeck keinen Benchmark für RQ aus</translation>
    </message>
    <message>
        <source>Celery&apos;s Redis broker has no persistent pause of a queue; stop consuming it with Celery&apos;s own remote control (celery control cancel_consumer) instead</source>
        <translation>Der Redis-Broker von Celery kennt keine dauerhafte Pause einer Warteschlange; stattdessen mit Celerys eigener Fernsteuerung (celery control cancel_consumer) das Abholen aus ihr beenden</translation>
    </message>
    <message>
        <source>Celery keeps no dead letters in its broker: a failed task&apos;s result is in the result backend, keyed by task id only</source>
        <translation>Celery hält im Broker keine toten Nachrichten: das Ergebnis einer fehlgeschlagenen Aufgabe liegt im Ergebnis-Backend, nur über die Aufgaben-ID auffindbar</translation>
    </message>
</context>
<context>
    <name>qd::HealthWords</name>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Cluster cannot be polled; its configuration needs fixing: %1</source>
        <translation>Der Cluster kann nicht abgefragt werden; seine Konfiguration muss korrigiert werden: %1</translation>
    </message>
    <message>
        <source>Cluster is unreachable: %1</source>
        <translation>Der Cluster ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Polling took %1 ms, over the %2 threshold of %3 ms</source>
        <translation>Die Abfrage dauerte %1 ms, über dem Schwellwert „%2“ von %3 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n job is queued and no live worker has been found yet (worker discovery has not finished its first scan)|%n jobs are queued and no live worker has been found yet (worker discovery has not finished its first scan)</source>
        <translation>
            <numerusform>%n Job wartet, und noch wurde kein lebender Worker gefunden (die Worker-Suche hat ihren ersten Scan noch nicht beendet)</numerusform>
            <numerusform>%n Jobs warten, und noch wurde kein lebender Worker gefunden (die Worker-Suche hat ihren ersten Scan noch nicht beendet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job is queued but no worker is alive to take it|%n jobs are queued but no worker is alive to take them</source>
        <translation>
            <numerusform>%n Job wartet, aber kein Worker lebt, um ihn zu übernehmen</numerusform>
            <numerusform>%n Jobs warten, aber kein Worker lebt, um sie zu übernehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job in the dead-letter list, over the %1 threshold of %2|%n jobs in the dead-letter list, over the %1 threshold of %2</source>
        <translation>
            <numerusform>%n Job in der Dead-Letter-Liste, über dem Schwellwert „%1“ von %2</numerusform>
            <numerusform>%n Jobs in der Dead-Letter-Liste, über dem Schwellwert „%1“ von %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the processing list of %n worker|the processing lists of %n workers</source>
        <translation>
            <numerusform>der Verarbeitungsliste von %n Worker</numerusform>
            <numerusform>den Verarbeitungslisten von %n Workern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more|%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weiterer</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job sits in %1 without a heartbeat: %2|%n jobs sit in %1 without a heartbeat: %2</source>
        <translation>
            <numerusform>%n Job liegt ohne Heartbeat in %1: %2</numerusform>
            <numerusform>%n Jobs liegen ohne Heartbeat in %1: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 has held its jobs for %2 s, past the heartbeat TTL of %3 s</source>
        <translation>; %1 hält seine Jobs seit %2 s, länger als die Heartbeat-TTL von %3 s</translation>
    </message>
    <message>
        <source>Redis uses %1% of maxmemory (%2 of %3), over the %4 ratio</source>
        <translation>Redis belegt %1 % von maxmemory (%2 von %3), über dem Anteil „%4“</translation>
    </message>
    <message numerus="yes">
        <source>Dead letters grew in the last poll, from %1 to %2|Dead letters grew in each of the last %n polls, from %1 to %2</source>
        <translation>
            <numerusform>Die Dead Letters sind in der letzten Abfrage gewachsen, von %1 auf %2</numerusform>
            <numerusform>Die Dead Letters sind in jeder der letzten %n Abfragen gewachsen, von %1 auf %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued work grew in the last poll, from %1 to %2 jobs|Queued work grew in each of the last %n polls, from %1 to %2 jobs</source>
        <translation>
            <numerusform>Die wartende Arbeit ist in der letzten Abfrage gewachsen, von %1 auf %2 Jobs</numerusform>
            <numerusform>Die wartende Arbeit ist in jeder der letzten %n Abfragen gewachsen, von %1 auf %2 Jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>gesund</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>beeinträchtigt</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>gestört</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more)|%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (+%n weiteres)</numerusform>
            <numerusform>%1 (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>No poll of this cluster has completed yet</source>
        <translation>Noch keine Abfrage dieses Clusters ist abgeschlossen</translation>
    </message>
</context>
<context>
    <name>qd::gui::AboutDialog</name>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Configuration: %1</source>
        <translation>Konfiguration: %1</translation>
    </message>
    <message>
        <source>(built-in default)</source>
        <translation>(eingebaute Vorgabe)</translation>
    </message>
    <message>
        <source>Audit log: %1</source>
        <translation>Prüfprotokoll: %1</translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionController</name>
    <message>
        <source>No cluster to act on</source>
        <translation>Kein Cluster, auf den die Aktion wirken könnte</translation>
    </message>
    <message>
        <source>%1 is not in actions.allowed_actions</source>
        <translation>%1 steht nicht in actions.allowed_actions</translation>
    </message>
    <message>
        <source>Cluster %1 no longer exists</source>
        <translation>Cluster %1 existiert nicht mehr</translation>
    </message>
    <message numerus="yes">
        <source>%1 is read-only (read_only in its configuration): actions are refused</source>
        <translation>
            <numerusform>%1 ist schreibgeschützt (read_only in seiner Konfiguration): Aktionen werden abgelehnt</numerusform>
            <numerusform>%1 sind schreibgeschützt (read_only in ihrer Konfiguration): Aktionen werden abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionHistoryModel</name>
    <message numerus="yes">
        <source>%1 of %n succeeded</source>
        <translation>
            <numerusform>%1 von %n erfolgreich</numerusform>
            <numerusform>%1 von %n erfolgreich</numerusform>
        </translation>
    </message>
    <message>
        <source>Targets: %1</source>
        <translation>Ziele: %1</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>State changes:</source>
        <translation>Zustandswechsel:</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>durch %1</translation>
    </message>
    <message>
        <source>Results per cluster:</source>
        <translation>Ergebnisse je Cluster:</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Bestätigt von</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionHistoryPane</name>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>Alle Cluster</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>No audit log</source>
        <translation>Kein Prüfprotokoll</translation>
    </message>
    <message>
        <source>Audit log unreadable: %1</source>
        <translation>Prüfprotokoll nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Select an action to see its parameters, state changes and results per cluster</source>
        <translation>Eine Aktion auswählen, um ihre Parameter, Zustandswechsel und Ergebnisse je Cluster zu sehen</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n Aktion</numerusform>
            <numerusform>%n Aktionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::gui::ActionParameterForm</name>
    <message>
        <source>Optional: job ids, separated by commas</source>
        <translation>Optional: Job-IDs, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>qd::gui::AnomalyTableModel</name>
    <message>
        <source>Unlike the others</source>
        <translation>Anders als die übrigen</translation>
    </message>
    <message>
        <source>Backlog jump</source>
        <translation>Sprung im Rückstau</translation>
    </message>
    <message>
        <source>Error rate spike</source>
        <translation>Spitze der Fehlerrate</translation>
    </message>
    <message>
        <source>Workers dropped</source>
        <translation>Worker weggefallen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterEditorDialog</name>
    <message>
        <source>Standalone</source>
        <translation>Einzelserver</translation>
    </message>
    <message>
        <source>Redis Cluster</source>
        <translation>Redis Cluster</translation>
    </message>
    <message>
        <source>Sentinel</source>
        <translation>Sentinel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Redis key</source>
        <translation>Redis-Schlüssel</translation>
    </message>
    <message>
        <source>Add cluster</source>
        <translation>Cluster hinzufügen</translation>
    </message>
    <message>
        <source>Edit cluster %1</source>
        <translation>Cluster %1 bearbeiten</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>a cluster named &quot;%1&quot; already exists</source>
        <translation>ein Cluster namens „%1“ existiert bereits</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cluster colour</source>
        <translation>Clusterfarbe</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;Connected.&lt;/span&gt; PING answered in %2 (first one, with connecting: %3).</source>
        <translation>&lt;span style=&quot;color:%1&quot;&gt;Verbunden.&lt;/span&gt; PING beantwortet in %2 (der erste, mit Verbindungsaufbau: %3).</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>type the password to keep in the system keychain</source>
        <translation>das Passwort eingeben, das im Schlüsselbund des Systems liegen soll</translation>
    </message>
    <message>
        <source>No system keychain is available.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar.</translation>
    </message>
    <message>
        <source>The password could not be stored in the system keychain: %1</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund des Systems abgelegt werden: %1</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Slow polls</source>
        <translation>Langsame Abfragen</translation>
    </message>
    <message>
        <source>No live workers</source>
        <translation>Keine lebenden Worker</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Dead letters growing</source>
        <translation>Dead Letters wachsen</translation>
    </message>
    <message>
        <source>Orphaned processing lists</source>
        <translation>Verwaiste Verarbeitungslisten</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Backlog growing</source>
        <translation>Rückstand wächst</translation>
    </message>
    <message>
        <source>for</source>
        <translation>für</translation>
    </message>
    <message>
        <source>recover</source>
        <translation>Erholung</translation>
    </message>
    <message>
        <source>the heartbeat TTL</source>
        <translation>die Heartbeat-TTL</translation>
    </message>
    <message>
        <source>How long a worker seen alive counts as present after its heartbeat is gone; empty or 0s: the cluster&apos;s heartbeat TTL</source>
        <translation>Wie lange ein lebend gesehener Worker nach dem Ende seines Heartbeats als vorhanden gilt; leer oder 0s: die Heartbeat-TTL des Clusters</translation>
    </message>
    <message>
        <source>Worker window</source>
        <translation>Worker-Fenster</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>polls in a row</source>
        <translation>Abfragen in Folge</translation>
    </message>
    <message>
        <source>critical above</source>
        <translation>kritisch über</translation>
    </message>
    <message>
        <source>warning above</source>
        <translation>Warnung über</translation>
    </message>
    <message>
        <source>How long each rule&apos;s condition must hold before it is reported (&quot;for&quot;), and how long it must be gone before the report clears (&quot;recover&quot;), for example 5s or 1m30s; then the figures a rule compares against. These settings apply to every cluster.</source>
        <translation>Wie lange die Bedingung einer Regel bestehen muss, bevor sie gemeldet wird („for“), und wie lange sie verschwunden sein muss, bevor die Meldung endet („recover“), zum Beispiel 5s oder 1m30s; dann die Werte, mit denen eine Regel vergleicht. Diese Einstellungen gelten für jeden Cluster.</translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterPage</name>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Jobs</translation>
    </message>
    <message>
        <source>&amp;Workers</source>
        <translation>&amp;Worker</translation>
    </message>
    <message>
        <source>&amp;Dead letters</source>
        <translation>&amp;Dead Letters</translation>
    </message>
    <message>
        <source>Filter queues</source>
        <translation>Warteschlangen filtern</translation>
    </message>
    <message>
        <source>Filter workers or jobs</source>
        <translation>Worker oder Jobs filtern</translation>
    </message>
    <message>
        <source>&amp;Orphaned only</source>
        <translation>Nur &amp;verwaiste</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n Worker</numerusform>
            <numerusform>%n Worker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) so far (discovery still scanning)</source>
        <translation>
            <numerusform>bisher %n Worker (Suche läuft noch)</numerusform>
            <numerusform>bisher %n Worker (Suche läuft noch)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation>&amp;Wiederholungen</translation>
    </message>
    <message>
        <source>Workers unknown: the queue system does not show them on this Redis</source>
        <translation>Worker unbekannt: Das Queue-System zeigt sie auf diesem Redis nicht</translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterStack</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Every cluster on one page (0)</source>
        <translation>Alle Cluster auf einer Seite (0)</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>The clusters by group</source>
        <translation>Die Cluster nach Gruppen</translation>
    </message>
</context>
<context>
    <name>qd::gui::ClusterTabBar</name>
    <message>
        <source>Key %1 shows this cluster</source>
        <translation>Taste %1 zeigt diesen Cluster</translation>
    </message>
    <message>
        <source>Selected for the next action (Space)</source>
        <translation>Für die nächste Aktion ausgewählt (Leertaste)</translation>
    </message>
    <message>
        <source>%1, %2, selected</source>
        <translation>%1, %2, ausgewählt</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>qd::gui::CompareTableModel</name>
    <message>
        <source>Not known for this cluster (rates need two polls; a queue may not be configured there)</source>
        <translation>Für diesen Cluster unbekannt (Raten brauchen zwei Abfragen; eine Warteschlange ist dort eventuell nicht konfiguriert)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 % from the median of the compared clusters</source>
        <translation>%1 % vom Median der verglichenen Cluster</translation>
    </message>
    <message>
        <source>Beyond the compare threshold (delta_threshold)</source>
        <translation>Jenseits der Vergleichsschwelle (delta_threshold)</translation>
    </message>
    <message>
        <source>Largest minus smallest value</source>
        <translation>Größter minus kleinster Wert</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>Cluster %1</translation>
    </message>
</context>
<context>
    <name>qd::gui::CompareView</name>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Auffälligkeiten</translation>
    </message>
    <message>
        <source>Compare:</source>
        <translation>Vergleichen:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation>Als &amp;CSV…</translation>
    </message>
    <message>
        <source>As &amp;JSON…</source>
        <translation>Als &amp;JSON…</translation>
    </message>
    <message>
        <source>Choose two to four clusters to compare.</source>
        <translation>Zwei bis vier Cluster zum Vergleichen wählen.</translation>
    </message>
    <message>
        <source>Highlighting differences over %1 %</source>
        <translation>Hervorgehoben werden Unterschiede über %1 %</translation>
    </message>
    <message>
        <source>Highlighting is off</source>
        <translation>Hervorhebung ist aus</translation>
    </message>
    <message>
        <source>Waiting for the first poll of %1.</source>
        <translation>Warte auf die erste Abfrage von %1.</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>Vergleich exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>qd::gui::ConfirmationDialog</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n clusters</source>
        <translation>
            <numerusform>%1 auf %n Cluster</numerusform>
            <numerusform>%1 auf %n Clustern</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone. Type the cluster name &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation>Dies kann nicht rückgängig gemacht werden. Zum &amp;Bestätigen den Clusternamen &lt;b&gt;%1&lt;/b&gt; eingeben:</translation>
    </message>
    <message>
        <source>This cannot be undone. Type the number of clusters (&lt;b&gt;%1&lt;/b&gt;) to &amp;confirm:</source>
        <translation>Dies kann nicht rückgängig gemacht werden. Zum &amp;Bestätigen die Anzahl der Cluster (&lt;b&gt;%1&lt;/b&gt;) eingeben:</translation>
    </message>
    <message>
        <source>The selected clusters have no queue in common.</source>
        <translation>Die ausgewählten Cluster haben keine gemeinsame Warteschlange.</translation>
    </message>
    <message>
        <source>Cancel action</source>
        <translation>Aktion abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Completed on %n cluster(s).</source>
        <translation>
            <numerusform>Auf %n Cluster abgeschlossen.</numerusform>
            <numerusform>Auf %n Clustern abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Beendet: %1</translation>
    </message>
    <message>
        <source>Running… %1 of %2 clusters done.</source>
        <translation>Läuft… %1 von %2 Clustern fertig.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>qd::gui::DeadLetterModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Job id</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>qd::gui::DeadLetterPanel</name>
    <message>
        <source>&amp;Show the next</source>
        <translation>Die nächsten &amp;zeigen:</translation>
    </message>
    <message>
        <source> jobs</source>
        <translation> Jobs</translation>
    </message>
    <message>
        <source>&amp;Peek</source>
        <translation>&amp;Einsehen</translation>
    </message>
    <message>
        <source>Re&amp;queue…</source>
        <translation>Erneut ein&amp;reihen…</translation>
    </message>
    <message>
        <source>P&amp;urge…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Peek reads the next dead letters without changing them.</source>
        <translation>Einsehen liest die nächsten Dead Letters, ohne sie zu ändern.</translation>
    </message>
    <message>
        <source>Select a job to see its JSON</source>
        <translation>Einen Job wählen, um sein JSON zu sehen</translation>
    </message>
    <message>
        <source>%1 is not in actions.allowed_actions</source>
        <translation>%1 steht nicht in actions.allowed_actions</translation>
    </message>
    <message>
        <source>Peek refused: %1</source>
        <translation>Einsehen abgelehnt: %1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lese…</translation>
    </message>
    <message>
        <source>Peek failed: %1</source>
        <translation>Einsehen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Showing the next %1 of %2 dead letters (read at %3).</source>
        <translation>Die nächsten %1 von %2 Dead Letters (gelesen um %3).</translation>
    </message>
    <message>
        <source>Peek reads the next jobs waiting for a retry without changing them.</source>
        <translation>Peek liest die nächsten Jobs, die auf eine Wiederholung warten, ohne sie zu ändern.</translation>
    </message>
    <message>
        <source>Showing the next %1 of %2 jobs waiting for a retry (read at %3).</source>
        <translation>Die nächsten %1 von %2 Jobs, die auf eine Wiederholung warten (gelesen um %3).</translation>
    </message>
</context>
<context>
    <name>qd::gui::KeychainPasswordStore</name>
    <message numerus="yes">
        <source>the system keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunde geantwortet</numerusform>
            <numerusform>der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunden geantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>no entry in the system keychain</source>
        <translation>kein Eintrag im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>the system keychain refused access</source>
        <translation>der Schlüsselbund des Systems hat den Zugriff verweigert</translation>
    </message>
    <message>
        <source>no system keychain is running (on Linux: a Secret Service such as GNOME Keyring or KeePassXC, or KWallet)</source>
        <translation>kein Schlüsselbund des Systems läuft (unter Linux: ein Secret Service wie GNOME Keyring oder KeePassXC, oder KWallet)</translation>
    </message>
    <message>
        <source>the system keychain failed</source>
        <translation>der Schlüsselbund des Systems ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>qd::gui::MainWindow</name>
    <message>
        <source>QueueDeck</source>
        <translation>QueueDeck</translation>
    </message>
    <message>
        <source>Show or hide QueueDeck</source>
        <translation>QueueDeck zeigen oder verbergen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Export comparison as &amp;CSV…</source>
        <translation>Vergleich als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export comparison as &amp;JSON…</source>
        <translation>Vergleich als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>&amp;Add cluster…</source>
        <translation>Cluster &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit this cluster…</source>
        <translation>Diesen Cluster &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove this cluster…</source>
        <translation>Diesen Cluster &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Select or unselect this cluster</source>
        <translation>Diesen Cluster &amp;aus- oder abwählen</translation>
    </message>
    <message>
        <source>Select &amp;all clusters</source>
        <translation>A&amp;lle Cluster auswählen</translation>
    </message>
    <message>
        <source>&amp;Clear selection</source>
        <translation>Auswahl auf&amp;heben</translation>
    </message>
    <message>
        <source>&amp;Refresh this cluster</source>
        <translation>Diesen Cluster a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Refresh a&amp;ll clusters</source>
        <translation>Alle Cluster akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>&amp;Compare clusters</source>
        <translation>Cluster &amp;vergleichen</translation>
    </message>
    <message>
        <source>&amp;Next cluster</source>
        <translation>&amp;Nächster Cluster</translation>
    </message>
    <message>
        <source>&amp;Previous cluster</source>
        <translation>&amp;Vorheriger Cluster</translation>
    </message>
    <message>
        <source>&amp;Close to tray</source>
        <translation>Beim Schließen in den &amp;Infobereich</translation>
    </message>
    <message>
        <source>Closing the window keeps QueueDeck running in the tray</source>
        <translation>Schließen des Fensters lässt QueueDeck im Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About QueueDeck</source>
        <translation>&amp;Über QueueDeck</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Action history</source>
        <translation>Aktionsverlauf</translation>
    </message>
    <message>
        <source>Action &amp;history</source>
        <translation>Aktions&amp;verlauf</translation>
    </message>
    <message>
        <source>%1 — QueueDeck</source>
        <translation>%1 — QueueDeck</translation>
    </message>
    <message>
        <source>Selected for the next action: %1</source>
        <translation>Für die nächste Aktion ausgewählt: %1</translation>
    </message>
    <message>
        <source>Comparing needs at least two enabled clusters.</source>
        <translation>Zum Vergleichen sind mindestens zwei aktive Cluster nötig.</translation>
    </message>
    <message>
        <source>Compare clusters</source>
        <translation>Cluster vergleichen</translation>
    </message>
    <message>
        <source>%1 completed on %2</source>
        <translation>%1 auf %2 abgeschlossen</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>Cluster %1 saved and applied</source>
        <translation>Cluster %1 gespeichert und übernommen</translation>
    </message>
    <message>
        <source>Remove cluster</source>
        <translation>Cluster entfernen</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the configuration? QueueDeck stops watching it at once. Its action history stays in the audit log.</source>
        <translation>%1 (%2) aus der Konfiguration entfernen? QueueDeck beendet die Überwachung sofort. Sein Aktionsverlauf bleibt im Prüfprotokoll.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add cluster</source>
        <translation>Cluster hinzufügen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>The password of %1 could not be removed from the system keychain: %2</source>
        <translation>Das Passwort von %1 konnte nicht aus dem Schlüsselbund des Systems entfernt werden: %2</translation>
    </message>
    <message>
        <source>Overview — QueueDeck</source>
        <translation>Übersicht — QueueDeck</translation>
    </message>
    <message>
        <source>&amp;Overview of all clusters</source>
        <translation>Ü&amp;bersicht aller Cluster</translation>
    </message>
    <message>
        <source>&amp;Go to cluster…</source>
        <translation>Zu Cluster &amp;wechseln…</translation>
    </message>
</context>
<context>
    <name>qd::gui::OverviewModel</name>
    <message>
        <source>No group</source>
        <translation>Keine Gruppe</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <source>Selected for the next action (Space)</source>
        <translation>Für die nächste Aktion ausgewählt (Leertaste)</translation>
    </message>
    <message>
        <source>%1 (%2): click or Enter to open</source>
        <translation>%1 (%2): Klick oder Eingabetaste öffnet ihn</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Completed jobs per second, last 10 minutes</source>
        <translation>Erledigte Jobs pro Sekunde, letzte 10 Minuten</translation>
    </message>
    <message>
        <source>Error rate, last 10 minutes</source>
        <translation>Fehlerquote, letzte 10 Minuten</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Rückstau</translation>
    </message>
    <message>
        <source>Jobs/s</source>
        <translation>Jobs/s</translation>
    </message>
    <message>
        <source>Jobs trend</source>
        <translation>Jobs-Verlauf</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Errors trend</source>
        <translation>Fehler-Verlauf</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Last poll</source>
        <translation>Letzte Abfrage</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>qd::gui::OverviewPage</name>
    <message>
        <source>Filter clusters by name, group or issue</source>
        <translation>Cluster nach Name, Gruppe oder Problem filtern</translation>
    </message>
    <message>
        <source>&amp;Go to cluster… (Ctrl+K)</source>
        <translation>Zu Cluster &amp;wechseln… (Strg+K)</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n Cluster</numerusform>
            <numerusform>%n Cluster</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unhealthy</source>
        <translation>%1 gestört</translation>
    </message>
    <message>
        <source>%1 degraded</source>
        <translation>%1 beeinträchtigt</translation>
    </message>
    <message>
        <source>%1 not polled yet</source>
        <translation>%1 noch nicht abgefragt</translation>
    </message>
</context>
<context>
    <name>qd::gui::ProgressDelegate</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>qd::gui::QueueSystemSection</name>
    <message>
        <source>%1, namespace &quot;%2&quot;</source>
        <translation>%1, Namespace „%2“</translation>
    </message>
    <message>
        <source>%1, prefix &quot;%2&quot;</source>
        <translation>%1, Präfix „%2“</translation>
    </message>
    <message>
        <source>Not supported by this version yet</source>
        <translation>Von dieser Version noch nicht unterstützt</translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation>&amp;Erkennen</translation>
    </message>
    <message>
        <source>Read the database at the endpoint (nothing is written) and suggest its queue system</source>
        <translation>Liest die Datenbank am Endpunkt (ohne etwas zu schreiben) und schlägt ihr Warteschlangensystem vor</translation>
    </message>
    <message>
        <source>Queue s&amp;ystem:</source>
        <translation>Warteschlangens&amp;ystem:</translation>
    </message>
    <message>
        <source>&amp;Use this</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>The redis-namespace prefix of the Sidekiq application, without the trailing &apos;:&apos;; empty when it uses none</source>
        <translation>Das redis-namespace-Präfix der Sidekiq-Anwendung, ohne das abschließende „:“; leer, wenn sie keines verwendet</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namespace:</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Detection failed: %1</source>
        <translation>Erkennung fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) read.</source>
        <translation>
            <numerusform>%n Schlüssel gelesen.</numerusform>
            <numerusform>%n Schlüssel gelesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n key(s) read: the database is larger than one look.</source>
        <translation>
            <numerusform>Nur %n Schlüssel gelesen: Die Datenbank ist größer als ein Blick.</numerusform>
            <numerusform>Nur %n Schlüssel gelesen: Die Datenbank ist größer als ein Blick.</numerusform>
        </translation>
    </message>
    <message>
        <source>No queue system found. %1</source>
        <translation>Kein Warteschlangensystem gefunden. %1</translation>
    </message>
    <message>
        <source>%1 (not supported by this version yet)</source>
        <translation>%1 (von dieser Version noch nicht unterstützt)</translation>
    </message>
    <message>
        <source>Found: %1. %2</source>
        <translation>Gefunden: %1. %2</translation>
    </message>
    <message>
        <source>Using %1.</source>
        <translation>Verwendet: %1.</translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation>Schlüssel&amp;präfix:</translation>
    </message>
    <message>
        <source>The prefix option the application gives BullMQ&apos;s queues and workers (&quot;bull&quot; by default), without a trailing &apos;:&apos;; it may contain &apos;:&apos; and a {hash tag}</source>
        <translation>Die Option prefix, die die Anwendung den Warteschlangen und Workern von BullMQ gibt (standardmäßig „bull“), ohne abschließendes „:“; sie darf „:“ und einen {Hash-Tag} enthalten</translation>
    </message>
    <message>
        <source>&amp;Queues:</source>
        <translation>&amp;Warteschlangen:</translation>
    </message>
    <message>
        <source>Queue names, separated by commas, shown even when kombu&apos;s bindings do not name them (Celery&apos;s default queue is &quot;celery&quot;)</source>
        <translation>Namen von Warteschlangen, durch Kommas getrennt, die auch angezeigt werden, wenn die Bindings von kombu sie nicht nennen (Celerys Standard-Warteschlange heißt „celery“)</translation>
    </message>
    <message>
        <source>only those the bindings name</source>
        <translation>nur die, die die Bindings nennen</translation>
    </message>
    <message>
        <source>the broker&apos;s</source>
        <translation>die des Brokers</translation>
    </message>
    <message>
        <source>The database of Celery&apos;s Redis result backend, when it is not the broker&apos;s</source>
        <translation>Die Datenbank des Redis-Result-Backends von Celery, wenn es nicht die des Brokers ist</translation>
    </message>
    <message>
        <source>Result &amp;backend database:</source>
        <translation>Datenbank des Result-&amp;Backends:</translation>
    </message>
    <message>
        <source>&amp;Visibility timeout:</source>
        <translation>&amp;Visibility-Timeout:</translation>
    </message>
    <message>
        <source>The broker&apos;s visibility_timeout transport option (kombu&apos;s default is 1h): held messages older than this are about to be delivered again</source>
        <translation>Die Transport-Option visibility_timeout des Brokers (Vorgabe von kombu: 1h): zurückgehaltene Nachrichten, die älter sind, werden demnächst erneut zugestellt</translation>
    </message>
    <message>
        <source>D&amp;iscovery interval:</source>
        <translation>&amp;Intervall der Suche:</translation>
    </message>
    <message>
        <source>How often the list of queues is read again, in a round trip of its own; the polls in between reuse it</source>
        <translation>Wie oft die Liste der Warteschlangen neu gelesen wird, in einem eigenen Round Trip; die Abfragen dazwischen verwenden sie weiter</translation>
    </message>
    <message>
        <source>&amp;Global key prefix:</source>
        <translation>&amp;Globales Schlüsselpräfix:</translation>
    </message>
    <message>
        <source>The broker&apos;s global_keyprefix transport option: put before every key kombu writes and every event channel; empty when the application sets none</source>
        <translation>Die Transportoption global_keyprefix des Brokers: steht vor jedem Schlüssel, den kombu schreibt, und vor jedem Ereigniskanal; leer, wenn die Anwendung keine setzt</translation>
    </message>
</context>
<context>
    <name>qd::gui::QueueTableModel</name>
    <message>
        <source>Growing by %1 over the last minute</source>
        <translation>Wächst um %1 in der letzten Minute</translation>
    </message>
    <message>
        <source>Draining by %1 over the last minute</source>
        <translation>Schrumpft um %1 in der letzten Minute</translation>
    </message>
    <message>
        <source>Workers that honour the pause flag take no jobs from this queue</source>
        <translation>Worker, die die Pause-Markierung beachten, nehmen keine Jobs aus dieser Warteschlange</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Redis key</source>
        <translation>Redis-Schlüssel</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>This queue system has no persistent pause; quiet its workers instead</source>
        <translation>Dieses Warteschlangensystem kennt kein dauerhaftes Anhalten; stellen Sie stattdessen seine Worker ruhig</translation>
    </message>
    <message>
        <source>Cannot pause</source>
        <translation>Nicht anhaltbar</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Oldest job</source>
        <translation>Ältester Job</translation>
    </message>
    <message>
        <source>%1 in the wait list, %2 waiting by priority</source>
        <translation>%1 in der Warteliste, %2 wartend nach Priorität</translation>
    </message>
    <message>
        <source>Waiting jobs given a priority, which BullMQ keeps apart from its wait list; counted in Size</source>
        <translation>Wartende Jobs mit einer Priorität, die BullMQ getrennt von seiner Warteliste führt; in der Größe mitgezählt</translation>
    </message>
    <message>
        <source>Parent jobs of a flow waiting for their children to finish; not counted in Size</source>
        <translation>Eltern-Jobs eines Flows, die auf das Ende ihrer Kind-Jobs warten; nicht in der Größe mitgezählt</translation>
    </message>
    <message>
        <source>Prioritized</source>
        <translation>Priorisiert</translation>
    </message>
    <message>
        <source>Waiting children</source>
        <translation>Warten auf Kind-Jobs</translation>
    </message>
</context>
<context>
    <name>qd::gui::QuickSwitcher</name>
    <message>
        <source>Go to cluster</source>
        <translation>Zu Cluster wechseln</translation>
    </message>
    <message>
        <source>Cluster label, name, group or host</source>
        <translation>Bezeichnung, Name, Gruppe oder Host des Clusters</translation>
    </message>
</context>
<context>
    <name>qd::gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>1 … 9</source>
        <translation>1 … 9</translation>
    </message>
    <message>
        <source>Show cluster 1 to 9</source>
        <translation>Cluster 1 bis 9 zeigen</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Umschalt+Tab</translation>
    </message>
    <message>
        <source>Move between the parts of the window</source>
        <translation>Zwischen den Teilen des Fensters wechseln</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Pfeiltasten, Bild auf/ab</translation>
    </message>
    <message>
        <source>Move in tables; click a header (or Space on it) to sort</source>
        <translation>In Tabellen bewegen; Klick auf einen Spaltenkopf sortiert</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close a dialog (cancels a running action after asking the engine)</source>
        <translation>Einen Dialog schließen (bricht eine laufende Aktion über die Engine ab)</translation>
    </message>
    <message>
        <source>Alt+J / Alt+W / Alt+D / Alt+R</source>
        <translation>Alt+J / Alt+W / Alt+D / Alt+R</translation>
    </message>
    <message>
        <source>Jobs, Workers, Dead letters or Retries tab of the cluster page</source>
        <translation>Reiter Jobs, Worker, Dead Letters oder Wiederholungen der Cluster-Seite</translation>
    </message>
</context>
<context>
    <name>qd::gui::StatsSummary</name>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>read_only is set for this cluster: every action is refused</source>
        <translation>read_only ist für diesen Cluster gesetzt: jede Aktion wird abgelehnt</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Live workers</source>
        <translation>Aktive Worker</translation>
    </message>
    <message>
        <source>Job rate</source>
        <translation>Jobrate</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>%1 workers known, %2 orphaned</source>
        <translation>%1 Worker bekannt, %2 verwaist</translation>
    </message>
    <message>
        <source>Rates need two polls</source>
        <translation>Raten brauchen zwei Abfragen</translation>
    </message>
    <message>
        <source>Completed jobs per second</source>
        <translation>Erledigte Jobs pro Sekunde</translation>
    </message>
    <message>
        <source>Share of finished jobs that went to the dead letters</source>
        <translation>Anteil der beendeten Jobs, die bei den Dead Letters landeten</translation>
    </message>
    <message>
        <source>Wall time of the last poll</source>
        <translation>Dauer der letzten Abfrage</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The queue system does not show its workers on this Redis (BullMQ: CLIENT LIST is refused), so they cannot be counted</source>
        <translation>Das Queue-System zeigt seine Worker auf diesem Redis nicht (BullMQ: CLIENT LIST wird verweigert), daher können sie nicht gezählt werden</translation>
    </message>
    <message>
        <source>This queue system keeps no count of completed jobs (Celery: a success is a result in the result backend, and results expire)</source>
        <translation>Dieses Queue-System zählt abgeschlossene Jobs nicht (Celery: ein Erfolg ist ein Ergebnis im Result-Backend, und Ergebnisse verfallen)</translation>
    </message>
    <message>
        <source>This queue system keeps its failures where one poll cannot count them (Celery: in the result backend, read a part per poll; unknown until a full pass has read results it can decode)</source>
        <translation>Dieses Queue-System bewahrt seine Fehlschläge dort auf, wo eine einzelne Abfrage sie nicht zählen kann (Celery: im Result-Backend, pro Abfrage ein Teil gelesen; unbekannt, bis ein vollständiger Durchlauf Ergebnisse gelesen hat, die es entschlüsseln kann)</translation>
    </message>
</context>
<context>
    <name>qd::gui::StatusBarInfo</name>
    <message>
        <source>What the last poll of this cluster cost Redis and the network</source>
        <translation>Was die letzte Abfrage dieses Clusters Redis und das Netz gekostet hat</translation>
    </message>
    <message>
        <source>Last poll failed %1: %2</source>
        <translation>Letzte Abfrage fehlgeschlagen %1: %2</translation>
    </message>
    <message>
        <source>Last poll %1 (%2)</source>
        <translation>Letzte Abfrage %1 (%2)</translation>
    </message>
    <message>
        <source>Waiting for the first poll…</source>
        <translation>Warte auf die erste Abfrage…</translation>
    </message>
    <message>
        <source>Latency %1</source>
        <translation>Latenz %1</translation>
    </message>
    <message numerus="yes">
        <source>Poll cost: %n round trip(s)</source>
        <translation>
            <numerusform>Abfragekosten: %n Roundtrip</numerusform>
            <numerusform>Abfragekosten: %n Roundtrips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s)</source>
        <translation>
            <numerusform>%n Befehl</numerusform>
            <numerusform>%n Befehle</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation>%1 gesendet, %2 empfangen</translation>
    </message>
</context>
<context>
    <name>qd::gui::TargetTableModel</name>
    <message>
        <source>%1 (cluster %2)</source>
        <translation>%1 (Cluster %2)</translation>
    </message>
    <message>
        <source>Running: %1 of %2</source>
        <translation>Läuft: %1 von %2</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Wartet…</translation>
    </message>
    <message>
        <source>Done in %1: %2</source>
        <translation>Fertig in %1: %2</translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation>Fehlgeschlagen nach %1: %2</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>qd::gui::ThroughputChart</name>
    <message>
        <source>&lt;b&gt;Throughput&lt;/b&gt;</source>
        <translation>&lt;b&gt;Durchsatz&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Completed/s</source>
        <translation>Erledigt/s</translation>
    </message>
    <message>
        <source>Failed/s</source>
        <translation>Fehlgeschlagen/s</translation>
    </message>
    <message>
        <source>Completed: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Backlog: %1</source>
        <translation>Rückstau: %1</translation>
    </message>
    <message>
        <source>Backlog (right axis)</source>
        <translation>Rückstau (rechte Achse)</translation>
    </message>
</context>
<context>
    <name>qd::gui::TrayNotifier</name>
    <message>
        <source>QueueDeck</source>
        <translation>QueueDeck</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 clusters healthy</source>
        <translation>%1 von %2 Clustern gesund</translation>
    </message>
    <message>
        <source>%1 is unhealthy</source>
        <translation>%1 ist gestört</translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation>%1 hat sich erholt</translation>
    </message>
    <message>
        <source>Anomaly on %1</source>
        <translation>Auffälligkeit auf %1</translation>
    </message>
    <message numerus="yes">
        <source>(%n more notification(s) held back)</source>
        <translation>
            <numerusform>(%n weitere Benachrichtigung zurückgehalten)</numerusform>
            <numerusform>(%n weitere Benachrichtigungen zurückgehalten)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is flapping</source>
        <translation>%1 wechselt ständig</translation>
    </message>
    <message numerus="yes">
        <source>Its health changed %n time(s) in a short while; further changes are not notified until it is steady. Now: %1</source>
        <translation>
            <numerusform>Sein Zustand hat sich in kurzer Zeit %n Mal geändert; weitere Änderungen werden erst gemeldet, wenn er stabil ist. Jetzt: %1</numerusform>
            <numerusform>Sein Zustand hat sich in kurzer Zeit %n Mal geändert; weitere Änderungen werden erst gemeldet, wenn er stabil ist. Jetzt: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::gui::TrendChart</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 um %2: %3</translation>
    </message>
</context>
<context>
    <name>qd::gui::WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>Edit c&amp;luster</source>
        <translation>Cluster &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Remo&amp;ve cluster</source>
        <translation>Cluster ent&amp;fernen</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>&amp;Aktionen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>T&amp;oolbar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (inaktiv)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;All clusters</source>
        <translation>&amp;Alle Cluster</translation>
    </message>
</context>
<context>
    <name>qd::gui::WorkerTableModel</name>
    <message numerus="yes">
        <source>Holds %n job(s) but has no heartbeat: the reaper should return them to their queue</source>
        <translation>
            <numerusform>Hält %n Job, hat aber keinen Heartbeat: der Reaper sollte ihn in seine Warteschlange zurückgeben</numerusform>
            <numerusform>Hält %n Jobs, hat aber keinen Heartbeat: der Reaper sollte sie in ihre Warteschlange zurückgeben</numerusform>
        </translation>
    </message>
    <message>
        <source>Heartbeat expires in %1</source>
        <translation>Heartbeat läuft ab in %1</translation>
    </message>
    <message>
        <source>Orphaned</source>
        <translation>Verwaist</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Current job</source>
        <translation>Aktueller Job</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Heartbeat age</source>
        <translation>Heartbeat-Alter</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Seen alive recently and holding no job now: between two jobs</source>
        <translation>Kürzlich lebend gesehen und gerade ohne Auftrag: zwischen zwei Aufträgen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Takes jobs from: %1</source>
        <translation>Nimmt Jobs aus: %1</translation>
    </message>
    <message>
        <source>Takes no new jobs; finishes the ones it holds</source>
        <translation>Nimmt keine neuen Jobs; beendet die, die er hält</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Hält an</translation>
    </message>
    <message>
        <source>Quiet</source>
        <translation>Ruhig</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weiterer</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 aus %2</translation>
    </message>
    <message>
        <source>%1, started %2</source>
        <translation>%1, gestartet %2</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
</context>
</TS>
