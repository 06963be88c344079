<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>DayChart</name>
    <message numerus="yes">
        <source>%Ln call(s), %1 rejected</source>
        <translation>
            <numerusform>%Ln call, %1 rejected</numerusform>
            <numerusform>%Ln calls, %1 rejected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <source>%1  (posted %n more time(s))</source>
        <translation>
            <numerusform>%1  (posted %n more time)</numerusform>
            <numerusform>%1  (posted %n more times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message numerus="yes">
        <source>Exporting: %Ln call(s) written…</source>
        <translation>
            <numerusform>Exporting: %Ln call written…</numerusform>
            <numerusform>Exporting: %Ln calls written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln call to %1</numerusform>
            <numerusform>Exported %Ln calls to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message numerus="yes">
        <source>The database takes writes again: %n delayed call record(s) saved</source>
        <translation>
            <numerusform>The database takes writes again: %n delayed call record saved</numerusform>
            <numerusform>The database takes writes again: %n delayed call records saved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatModel</name>
    <message numerus="yes">
        <source>%1 %2:00–%3:00: %Ln call(s)</source>
        <translation>
            <numerusform>%1 %2:00–%3:00: %Ln call</numerusform>
            <numerusform>%1 %2:00–%3:00: %Ln calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) so far, counting…</source>
        <translation>
            <numerusform>%Ln call so far, counting…</numerusform>
            <numerusform>%Ln calls so far, counting…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>callgate makes a new secret token for its webhook URL. The old URL keeps working for %1 hour(s): paste the new one into commubo&apos;s dashboard before then.</source>
        <translation>
            <numerusform>callgate makes a new secret token for its webhook URL. The old URL keeps working for %1 hour: paste the new one into commubo&apos;s dashboard before then.</numerusform>
            <numerusform>callgate makes a new secret token for its webhook URL. The old URL keeps working for %1 hours: paste the new one into commubo&apos;s dashboard before then.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message numerus="yes">
        <source>%Ln call(s): %2 let through, %3 rejected (%4)</source>
        <translation>
            <numerusform>%Ln call: %2 let through, %3 rejected (%4)</numerusform>
            <numerusform>%Ln calls: %2 let through, %3 rejected (%4)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatisticsTab</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n connection</numerusform>
            <numerusform>%n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message numerus="yes">
        <source>imported %Ln rule(s) (%2 new, %3 replaced)</source>
        <translation>
            <numerusform>imported %Ln rule (%2 new, %3 replaced)</numerusform>
            <numerusform>imported %Ln rules (%2 new, %3 replaced)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln call(s) to %2</source>
        <translation>
            <numerusform>wrote %Ln call to %2</numerusform>
            <numerusform>wrote %Ln calls to %2</numerusform>
        </translation>
    </message>
</context>
</TS>
