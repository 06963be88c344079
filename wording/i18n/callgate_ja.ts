<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>CallCard</name>
    <message>
        <source>Let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+L: commubo answers this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+R: commubo rejects this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block this caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI operator: %1 · scenario: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you: %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deciding…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>Call waiting for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail-safe decision for a call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: this call was already decided by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: this call was already decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late: this call no longer waits for a decision.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change was NOT saved: %1. Calls are still decided as before. Try again in a moment; if this goes on, close the other program that uses callgate&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving… (the database is busy; this can take a few seconds)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommuboPage</name>
    <message>
        <source>Tell commubo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In commubo&apos;s dashboard open %1, choose the scenario that answers your calls, paste this URL as the callback URL, and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While callgate or the tunnel is down, commubo rejects every call. Before planned downtime, remove the callback URL in the dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no public URL yet: this local URL only works on this computer. Run this setup again (menu callgate → Set up reachability…) once a tunnel runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>This rule was removed meanwhile; cancel and add it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call is no longer in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate does not know the request %1: update this console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability is not watched here: callgate is not listening for calls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleTray</name>
    <message>
        <source>Show callgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit (calls will fail)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Live calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow and block lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <source>&amp;callgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up &amp;reachability…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check reachability now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;chedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test a number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate keeps taking calls in the background. Quit from this icon&apos;s menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit callgate?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While callgate is not running, commubo rejects every incoming call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit and stop taking calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayChart</name>
    <message>
        <source>%1 calls, %2 rejected</source>
        <translation>着信 %1件、うち拒否 %2件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a call to see what commubo sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block this caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (sent as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1  (posted %n more time(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Test a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 03-3000-1234 (empty: withheld)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;registered customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now; or like 2025-01-06T09:30 (office time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is recorded: no history, no match counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept: the call rings through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject: commubo hangs up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask: a person decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every call that matches the search and filters, in the shown order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting: %1 calls written…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 calls to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExposurePage</name>
    <message>
        <source>How commubo reaches this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate does not install tunnel programs; it works with the one your office runs. Choose it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok agent API address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared metrics address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on this computer: ngrok http %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run cloudflared with --metrics at the address above; for a named tunnel, type its public hostname on the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate starts cloudflared for you while it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the public URL on the next page; it must forward to port %1 of this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate takes calls only from this computer (for trying it out with `python main.py simulate`).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search number, name, kana or company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>Listening: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate is NOT receiving calls: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This console lost its connection to callgate&apos;s listener: it shows no new calls and decides none. callgate may still answer calls without it (a call that waits for a person gets its default). Quit and start callgate again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The database takes writes again: %n delayed call record(s) saved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>commubo cannot reach callgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The public URL changed from %1 to %2: copy the new webhook URL (menu callgate → Set up reachability…) into commubo&apos;s dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate&apos;s public URL changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatModel</name>
    <message numerus="yes">
        <source>%1 %2:00–%3:00: %Ln call(s)</source>
        <translation>
            <numerusform>%1曜日 %2:00–%3:00: %Ln件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Received</source>
        <extracomment>The stored column each table column sorts by (storage whitelists these).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kana</source>
        <extracomment>Rows asked for at a time.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <extracomment>New calls within this long are one refresh (a running timer is not restarted, so calls that come faster cannot postpone it).</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) so far, counting…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Automatic (the system&apos;s language)</source>
        <translation>自動（システムの言語に合わせる）</translation>
    </message>
    <message>
        <source>Language (on restart):</source>
        <translation>表示言語（再起動後に反映）:</translation>
    </message>
    <message>
        <source>The new language applies when callgate restarts.</source>
        <translation>新しい表示言語は callgate の再起動後に反映されます。</translation>
    </message>
</context>
<context>
    <name>LiveCallsModel</name>
    <message>
        <source>%1 · waiting for you: %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · deciding…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalUrlPage</name>
    <message>
        <source>The local webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is where callgate takes calls. It works on this computer only: commubo calls from the internet, so it needs a public address that forwards here (a tunnel). The next pages set that up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeBar</name>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep until I go back to the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1, until turned off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1, until %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortPage</name>
    <message>
        <source>Where callgate listens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate takes commubo&apos;s calls on this computer, on port %1. Keep it unless another program needs that port; a new port applies when callgate restarts. You can skip this setup at any page: calls on this computer work without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port (on restart):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublicUrlPage</name>
    <message>
        <source>The public URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click Detect to ask the ngrok agent for its public URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click Detect to ask cloudflared for a quick tunnel&apos;s hostname; for a named tunnel, type its public URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click Detect to start the quick tunnel and read its URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the public URL (https://…) that forwards to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do here: without a tunnel commubo cannot reach callgate. Click Next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quick tunnel runs only while callgate listens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to detect for this choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the tunnel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the quick tunnel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1, but the tunnel is not healthy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No public URL found: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reachability</name>
    <message>
        <source>Reachable from commubo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT reachable from commubo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReachabilityLabel</name>
    <message>
        <source>No check has finished yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectAllBanner</name>
    <message>
        <source>REJECT ALL is on: commubo hangs up on every caller (except the allow list). Click “Let all through” or “Ask me” to take calls again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleChanges</name>
    <message>
        <source>Saving the rule for %1… (the database is busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated the rule for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the rule for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the rule for %1… (the database is busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always letting through %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>e.g. 03-3000-1234 or 0120*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A registered customer&apos;s company or &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is this? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For (like 30m, 24h, 7d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next call only (the rule is used up by it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number, prefix or name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label / note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving… (the database is busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. エーアイ化粧品</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleTable</name>
    <message>
        <source>Label / note</source>
        <translation>ラベル / メモ</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>Give the expiry, or choose “Never expires”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long for a duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a one-shot rule must be an allow rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already has a rule (%2): edit that one instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already has a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header row must name the columns %1 (missing: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action must be allow or block, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kind must be number, prefix or name, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once must be yes or empty, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a %2, not a %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same %1 as line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number, prefix or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label / note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next call only, until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next call only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>No rules yet: every call follows the mode.</source>
        <extracomment>Look again at least this often for rules whose end has come (a wall clock can jump). Calls decided by a rule within this long are one reading of the match counts.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the rule for %1 (%2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test a number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls it names will follow the mode again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Monday (月)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday (火)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday (水)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday (木)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday (金)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday (土)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday (日)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Business hours choose the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business hours (office time; several ranges a day, like 9:00-12:00, 13:00-18:00; empty: closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on Japanese public &amp;holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line, like:
2025-08-13..2025-08-16 お盆
12-29..01-03 年末年始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode inside business hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode outside business hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s &amp;closed days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTestPage</name>
    <message>
        <source>no-public-url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong-token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http-error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other-listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test it from the internet side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate sends a test call to its public webhook URL and checks that it arrives here. Test calls never appear in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the self-test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no public URL yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The self-test could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success: commubo can reach callgate (round trip %1 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>no setting &apos;%1&apos;; settings are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO time like 2025-01-06T09:30:00+09:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a time zone offset, like +09:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address to listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port must be a number from 1 to 65535, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token grace must be a number of hours, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token grace must be between %1 and %2 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address as host:port, such as 127.0.0.1:4040</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a URL has no spaces; give the address alone, such as https://calls.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give an address that starts with https:// or http://, such as https://calls.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address must not hold a user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the address alone, without a path, such as https://calls.example.com (callgate adds /hooks/commubo/&lt;token&gt; itself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host and port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address has no host name, such as https://calls.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no part of the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept-all, reject-all or ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds a person has to decide (3-60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision when nobody answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld callers: mode (follow the mode), accept, reject or ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision when callgate fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payphones: withheld (as withheld callers), mode, accept, reject or ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered customers: mode (follow the mode), accept, reject or ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callers who are no registered customer: mode, accept, reject or ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on: a number calling again within repeat-minutes after a reject rings through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the repeat-caller window (1-60 minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on: business hours choose the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>business hours, like mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mode inside business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mode outside business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on: closed on Japanese public holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the office&apos;s closed days, &apos;;&apos;-separated: 2025-08-13..2025-08-16 お盆; 12-29..01-03 年末年始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the office&apos;s time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a mode set by hand over the schedule (empty: none; set with `mode`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when the manual override was set (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the manual override lasts until the next-change of the schedule or turned-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address the listener binds (on restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port the listener binds (on restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours an old webhook token keeps working after a rotation (0-720)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how commubo reaches callgate: none, ngrok, cloudflared, url or quick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port of the ngrok agent&apos;s local API (tunnel ngrok)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port of cloudflared&apos;s --metrics server (tunnel cloudflared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public address that forwards to callgate, e.g. https://calls.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the language of the console and the command line: auto (the system&apos;s), ja or en</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>callgate settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As withheld callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers and unknown callers follow the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered customers always ring through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for unknown callers, let customers through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom: customers %1, unknown callers %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let a number through that calls again soon after a reject (for emergencies; off by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to decide when asked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When nobody decides in time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld callers (非通知):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payphones (公衆電話):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers and unknown callers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat caller:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Called again within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If callgate fails (fail-safe):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on address (on restart):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on port (on restart):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL for commubo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate webhook token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How commubo reaches callgate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok agent API address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared metrics address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public URL (typed or named tunnel):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current token: %1
Webhook URL for commubo:
%2

Previous token: %3
It keeps working until %4; paste the new URL into commubo&apos;s dashboard before then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the webhook token?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate makes a new secret token for its webhook URL. The old URL keeps working for %1 hours: paste the new one into commubo&apos;s dashboard before then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token: %1
Webhook URL for commubo:
%2

The old token stopped working at once (token-grace-hours is 0).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>callgate listens on port %1 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate listens on port %1 now: set by --port or CALLGATE_PORT for this run. The port setting (%2) applies when callgate starts without them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate listens on port %1 until it restarts, then on port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up reachability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message>
        <source>the statistics cover from %1 to %2 days</source>
        <translation>統計の期間は%1日から%2日までです</translation>
    </message>
    <message>
        <source>Let through</source>
        <translation>通過</translation>
    </message>
    <message>
        <source>Rejected by a rule</source>
        <translation>ルールで拒否</translation>
    </message>
    <message>
        <source>Rejected by the mode</source>
        <translation>モードで拒否</translation>
    </message>
    <message>
        <source>Rejected by a person</source>
        <translation>担当者が拒否</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>Fail-safe</source>
        <translation>フェイルセーフ</translation>
    </message>
    <message>
        <source>Not screened</source>
        <translation>未判定</translation>
    </message>
    <message>
        <source>Calls from %1 to %2 (%3)</source>
        <translation>%1から%2までの着信（%3）</translation>
    </message>
    <message>
        <source>%1 calls: %2 let through, %3 rejected (%4)</source>
        <translation>着信 %1件: 通過 %2件、拒否 %3件（%4）</translation>
    </message>
    <message>
        <source>Calls per day</source>
        <translation>日別の着信</translation>
    </message>
    <message>
        <source>Calls by weekday and hour</source>
        <translation>曜日・時間帯別の着信</translation>
    </message>
    <message>
        <source>Top callers</source>
        <translation>着信の多い番号</translation>
    </message>
    <message>
        <source>Most rejected numbers</source>
        <translation>拒否の多い番号</translation>
    </message>
    <message>
        <source>Rule matches</source>
        <translation>ルールの適用回数</translation>
    </message>
    <message>
        <source>Unknown numbers that keep calling (candidates for a rule)</source>
        <translation>繰り返しかけてくる未登録の番号（ルールの候補）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>着信</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>番号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>removed rule #%1</source>
        <translation>削除済みのルール #%1</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>%1 を拒否</translation>
    </message>
    <message>
        <source>allow %1</source>
        <translation>%1 を許可</translation>
    </message>
    <message>
        <source>Mon Tue Wed Thu Fri Sat Sun</source>
        <translation>月 火 水 木 金 土 日</translation>
    </message>
</context>
<context>
    <name>StatisticsTab</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <extracomment>New calls while the tab is in sight are counted again within this long (a running timer is not restarted, so calls that keep coming cannot postpone it).</extracomment>
        <translation>
            <numerusform>過去%n日間</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>PNG で保存…</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Put %1 on the block list</source>
        <translation>%1 を拒否リストに入れる</translation>
    </message>
    <message>
        <source>Save the statistics as a picture</source>
        <translation>統計を画像で保存</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 に保存しています…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 に保存できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>the database %1 is locked by another program (still after %2 s): nothing was changed; try again once it is free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the data directory %1: it is a file, not a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the data directory %1: a part of its path is a file, not a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the data directory %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Calls are still answered, but the history is NOT being saved: the database does not take writes (%1). Their records are kept and saved as soon as it does; please do not quit callgate until then.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tunnels</name>
    <message>
        <source>ngrok (the ngrok agent runs on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare quick tunnel, started by callgate (for trying things out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare Tunnel (cloudflared runs on this computer with a metrics address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A named tunnel or another public URL I type (Tailscale Funnel, a reverse proxy…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer (commubo cannot reach it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quick tunnel is for trying callgate out: its address changes every time it starts, so after every restart of callgate or of the computer the callback URL in commubo&apos;s dashboard must be replaced, and until it is, commubo rejects every call.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnreachableBanner</name>
    <message>
        <source>commubo cannot reach callgate and rejects every call until this is fixed: %1 (menu callgate → Set up reachability…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitingStrip</name>
    <message>
        <source>Let through (Alt+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject (Alt+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting · %2 %3 · %4 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live calls (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message>
        <source>%1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refuses connections (nothing listens there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be reached (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gave no proper HTTP answer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok is not running: its local API at %1 %2; start it with `ngrok http %3`, or set ngrok-api to its web_addr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers HTTP %2, so it is not the ngrok agent&apos;s API; set ngrok-api to the agent&apos;s web_addr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers something that is not its tunnel list, so it is not the ngrok agent&apos;s API; set ngrok-api to the agent&apos;s web_addr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok forwards %1 to port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok forwards %1 to port %2 (plain http, without TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok runs but forwards only to port %1, not to callgate&apos;s port %2; start it with `ngrok http %2`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok runs but forwards only to ports %1, not to callgate&apos;s port %2; start it with `ngrok http %2`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok runs but has no web tunnel; start it with `ngrok http %1`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared is not running: its metrics server at %1 %2; start it with `--metrics %1`, or set cloudflared-metrics to the address it uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not answer like cloudflared&apos;s metrics server; set cloudflared-metrics to the address given with --metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare; set public-url to the tunnel&apos;s public address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected; update it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected; update it; set public-url to the tunnel&apos;s public address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected (update it), and the quick tunnel has no address yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) but its public address is unknown; set public-url to the tunnel&apos;s public address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) but its public address is unknown yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) and serves %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quick tunnel is starting: cloudflared&apos;s metrics server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quick tunnel is not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared stopped (exit status %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloudflared stopped (exit status %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start a quick tunnel: %1 is not installed or not on the PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quick tunnel is starting (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no public address is set; set public-url to the address that forwards to callgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate cannot watch %1 itself; only the self-test can tell whether it reaches callgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tunnel settings are not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not ask the tunnel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reachability check failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no public URL: start a tunnel (ngrok, cloudflared) or type the public URL in the settings (python main.py config public-url https://...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no public URL: the %1 tunnel gives none, so there was nothing to test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not tested (self-test not run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (self-test not run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reached this callgate in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public host name %1 does not resolve (DNS): the tunnel or its address is gone, or the name is misspelt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not valid (%2): the tunnel or proxy in front of callgate serves a wrong certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS certificate of %1 does not match the expected fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed (%2): is it an https URL on a port that speaks plain HTTP?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s: the tunnel or the listener behind it hangs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection: nothing listens there (is the tunnel or reverse proxy running?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public webhook URL %1 is not a valid http(s) URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test call to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered 404: the token in the URL registered in commubo is wrong or out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered 403 with a call decision (%1): a callgate that does not know test calls answered, not this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered 403: something in front of callgate (the tunnel, a firewall or an access policy) refuses the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 but not as this callgate (no echo of the test): the tunnel forwards to another port or program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered %1 (a redirect): commubo takes a redirect as a reject; register the final URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered %1 (a redirect to %2): commubo takes a redirect as a reject; register the final URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered %1: the tunnel is up but cannot reach callgate&apos;s listener (not running, or the tunnel forwards to the wrong port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered %1: commubo would reject every call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public URL answered %1 (%2): commubo would reject every call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate answered the test at %1 but could not record it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate answered the test at %1 but could not record it: its database failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a callgate answered at %1, but not this one: this callgate&apos;s database never saw the test (the tunnel forwards to another callgate, port or computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no callgate listener answers on local port %1: is it running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate&apos;s listener answers on local port %1: make the tunnel forward there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>decisions</name>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept-all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject-all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule, office open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule, office closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payphones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>details</name>
    <message>
        <source>%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prefix %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeat caller: rejected %1 min before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no console is open to ask; default %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate is stopping; default %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>screening failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storage failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body larger than %1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content type must be application/json, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body did not arrive within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client disconnected before its whole body arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commubo got no answer and aborted the call; recorded at the next start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>callgate could not do that: an internal error (%1); the log has more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>listener</name>
    <message>
        <source>the listener did not start within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1: the port is in use (is callgate already running?); choose another with --port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1: this machine has no such address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the listener failed to start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail-safe %2 for %1: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>call %1 answered (%2) but not recorded yet: %3; it is kept in memory only and written when storage recovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>call %1 answered (%2) but not recorded yet: %3; it is kept in the journal and written when storage recovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storage is slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not record call %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>present</name>
    <message>
        <source>公衆電話 / payphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非通知 / withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let all through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld-caller setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody answered in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail-safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callgate stopped before answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by a rule (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the withheld-caller setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the withheld-caller setting (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the mode (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by a person (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: nobody answered in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: nobody answered in time (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the fail-safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by the fail-safe (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: refused request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: refused request (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: callgate stopped before answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: callgate stopped before answering (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>%1 is not a phone number: it has no digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a phone number: a + may only stand at the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a phone number: %2 is a letter; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a phone number: %2 has no place in a phone number; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a possible phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: a prefix ends with *, like 0120*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: a * may only stand at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: a + may only stand at the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: %2 is a letter; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: %2 has no place in a phone number; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: it has no digits before the * (a rule for every caller is a mode, not a rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: no country code starts with 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: a Japanese prefix starts with 0 (like 0120*), an international one with + and the country code (like +1*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: write numbers abroad with + and the country code, like +1*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a prefix: 0* would match every number in Japan (that is a mode, not a rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long for a prefix: numbers have at most %2 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name rule needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names nobody: a legal form or punctuation alone matches every company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looks like a number: use a number or prefix rule for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a duration: write it like 30m, 24h or 7d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long for a duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no time at all: a duration must be longer than zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already past: a temporary rule must end in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a time zone (like Asia/Tokyo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a time: write it like 2025-01-06T09:30 (office time) or with an offset, 2025-01-06T09:30+09:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not a start time (00:00 to 23:59)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not an end time (00:00 to 24:00)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 ends before it starts (write a stretch across midnight as 22:00-24:00 and 00:00-06:00 next day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not business hours: write them like 9:00-12:00, 13:00-18:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not a day of the week (mon, tue, … sun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 runs backwards (write mon-fri, not fri-mon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is given twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not closed days: write a date or a range like 2025-12-29..2026-01-03, or 12-29..01-03 for every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: give the year on both dates or on neither</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed days must end on or after their first day, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed days %1 last longer than a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date: there is no month %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date: there is no year %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date: month %3 has no day %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask timeout must be a number of seconds, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask timeout must be between %1 and %2 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeat-caller window must be a number of minutes, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeat-caller window must be between %1 and %2 minutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>steps</name>
    <message>
        <source>The caller shows no number: a withheld caller (非通知).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller shows no number (%1): a withheld caller (非通知).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller is a payphone (公衆電話, sent as %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1 (%2) is a registered customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1 (%2) is a registered customer: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is a registered customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is a registered customer: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1 (%2) is not a registered customer: an unknown caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is not a registered customer: an unknown caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow rule #%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block rule #%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shot allow rule #%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shot block rule #%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a more specific rule applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block wins at equal specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an equal rule applies first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No number or prefix rule names this caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No name rule names this caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name rules apply only to registered customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired at %2: it no longer matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches too, but %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is a one-shot rule: this call uses it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat caller is on, but needs a number to recognise the caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat caller is on: this number has no reject on record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number was last rejected at %1, within %2 min: a repeat caller rings through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number was last rejected at %1, not within %2 min: no repeat caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payphones are treated as withheld callers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting for %1 is to follow the mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting for %1 is %2: it decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mode setting is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No schedule: the mode setting is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode %1: a person decides within %2 s, else %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mode in force was not needed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule (%1) at %2: %3; the scheduled mode is %4 until %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule (%1) at %2: %3; the scheduled mode is %4 with no change ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open: inside business hours (%1 %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed: outside business hours (%1 %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed: no business hours on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed all day: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed day (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public holiday (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manual override to %1 was set later, at %2: it does not apply yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual override: %1 since %2, until turned off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual override: %1 since %2, until the next schedule change at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manual override to %1 set at %2 has expired: it lasted until the next schedule change at %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
