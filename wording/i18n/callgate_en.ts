<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
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
    <name>StatisticsTab</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
