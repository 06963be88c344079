<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>CallCard</name>
    <message>
        <source>Let through</source>
        <translation>通す</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Alt+L: commubo answers this call</source>
        <translation>Alt+L：commubo がこの着信に応答します</translation>
    </message>
    <message>
        <source>Alt+R: commubo rejects this call</source>
        <translation>Alt+R：commubo がこの着信を拒否切断します</translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation>常に通す</translation>
    </message>
    <message>
        <source>Block this caller</source>
        <translation>この発信者を拒否</translation>
    </message>
    <message>
        <source>No call selected</source>
        <translation>着信が選ばれていません</translation>
    </message>
    <message>
        <source>AI operator: %1 · scenario: %2</source>
        <translation>AIオペレータ：%1 · 会話シナリオ：%2</translation>
    </message>
    <message>
        <source>Waiting for you: %1 s left</source>
        <translation>判断待ち：残り%1秒</translation>
    </message>
    <message>
        <source>Waiting: %1 s left, but this desk cannot decide until it is connected to the service again</source>
        <translation>判断待ち：残り%1秒。ただし、この端末は callgate サービスに再接続するまで判断できません</translation>
    </message>
    <message>
        <source>This desk did not follow this call to its end (it was not attached to the service): the history shows how it was decided.</source>
        <translation>この端末はこの着信を最後まで追えませんでした（サービスに接続していませんでした）。判定は着信履歴で確認できます。</translation>
    </message>
    <message>
        <source>Deciding…</source>
        <translation>判定中…</translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>Call waiting for you</source>
        <translation>判断待ちの着信があります</translation>
    </message>
    <message>
        <source>Fail-safe decision for a call: %1</source>
        <translation>フェイルセーフで判定した着信があります：%1</translation>
    </message>
    <message>
        <source>Too late: this call was already decided by %1.</source>
        <translation>間に合いませんでした：この着信は %1 がすでに判断しました。</translation>
    </message>
    <message>
        <source>Too late: this call was already decided.</source>
        <translation>間に合いませんでした：この着信はすでに判定済みです。</translation>
    </message>
    <message>
        <source>Too late: this call no longer waits for a decision.</source>
        <translation>間に合いませんでした：この着信はもう判断を待っていません。</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <source>Not saved</source>
        <translation>保存されていません</translation>
    </message>
    <message>
        <source>Your change was NOT saved: %1. Calls are still decided as before. Try again in a moment; if this goes on, close the other program that uses callgate&apos;s database.</source>
        <translation>変更は保存されていません：%1。着信はこれまでどおりに判定されます。続くときは、callgate のデータベースを使っているほかのプログラムを終了してください。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存されていません：%1</translation>
    </message>
    <message>
        <source>Saving… (the database is busy; this can take a few seconds)</source>
        <translation>保存中…（データベースが混み合っています。数秒かかることがあります）</translation>
    </message>
</context>
<context>
    <name>CommuboPage</name>
    <message>
        <source>Tell commubo</source>
        <translation>commubo への登録</translation>
    </message>
    <message>
        <source>In commubo&apos;s dashboard open %1, choose the scenario that answers your calls, paste this URL as the callback URL, and save.</source>
        <translation>commubo のダッシュボードで「%1」を開き、着信に応答している会話シナリオに、この URL をコールバックURLとして登録して保存してください。</translation>
    </message>
    <message>
        <source>While callgate or the tunnel is down, commubo rejects every call. Before planned downtime, remove the callback URL in the dashboard.</source>
        <translation>callgate かトンネルが止まっている間、commubo はすべての着信を拒否切断します。計画停止の前には、ダッシュボードでコールバックURLを削除してください。</translation>
    </message>
    <message>
        <source>There is no public URL yet: this local URL only works on this computer. Run this setup again (menu callgate → Set up reachability…) once a tunnel runs.</source>
        <translation>まだ公開URLがありません：このローカルの URL はこのパソコンの中でしか使えません。トンネルが動き始めたら、この設定をもう一度行ってください（メニュー「callgate」→「接続の設定…」）。</translation>
    </message>
</context>
<context>
    <name>ComputerSection</name>
    <message>
        <source>On this computer</source>
        <translation>このパソコンの設定</translation>
    </message>
    <message>
        <source>Mute the ring</source>
        <translation>着信音を消す</translation>
    </message>
    <message>
        <source>Play the ring</source>
        <translation>着信音を試聴</translation>
    </message>
    <message>
        <source>This computer cannot play the ring: it lacks the system&apos;s sound library (`sudo apt install libpulse0`); the console beeps instead.</source>
        <translation>このパソコンでは着信音を鳴らせません。音声ライブラリがありません（`sudo apt install libpulse0`）。代わりにビープ音が鳴ります。</translation>
    </message>
    <message>
        <source>Start callgate when I log in (while callgate is not running, commubo rejects every call)</source>
        <translation>ログイン時に callgate を起動する（callgate が動いていない間、commubo はすべての着信を拒否します）</translation>
    </message>
    <message>
        <source>callgate in the applications menu</source>
        <translation>アプリケーションメニューに callgate を表示する</translation>
    </message>
    <message>
        <source>A call waiting for you rings:</source>
        <translation>判断待ちの着信音:</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>This rule was removed meanwhile; cancel and add it again.</source>
        <translation>このルールはその間に削除されました。キャンセルしてから、もう一度追加してください。</translation>
    </message>
    <message>
        <source>This call is no longer in the history.</source>
        <translation>この着信はもう履歴にありません。</translation>
    </message>
    <message>
        <source>callgate does not know the request %1: update this console.</source>
        <translation>callgate はリクエスト %1 に対応していません：このコンソールを更新してください。</translation>
    </message>
    <message>
        <source>Reachability is not watched here: callgate is not listening for calls.</source>
        <translation>ここでは接続状態を監視していません：callgate が着信を受け付けていません。</translation>
    </message>
</context>
<context>
    <name>ConsoleTray</name>
    <message>
        <source>Show callgate</source>
        <translation>callgate を表示</translation>
    </message>
    <message>
        <source>Quit (calls will fail)…</source>
        <translation>終了（着信は拒否されます）…</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Live calls</source>
        <translation>着信状況</translation>
    </message>
    <message>
        <source>Allow and block lists</source>
        <translation>許可・拒否リスト</translation>
    </message>
    <message>
        <source>History</source>
        <translation>着信履歴</translation>
    </message>
    <message>
        <source>How callgate starts on this computer was not changed: %1</source>
        <translation>このパソコンでの callgate の起動方法を変更できませんでした: %1</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <source>&amp;callgate</source>
        <translation>callgate(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Set up &amp;reachability…</source>
        <translation>接続の設定(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Check reachability now</source>
        <translation>今すぐ接続を確認(&amp;C)</translation>
    </message>
    <message>
        <source>Sc&amp;hedule…</source>
        <translation>スケジュール(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Test a number…</source>
        <translation>番号をテスト(&amp;T)…</translation>
    </message>
    <message>
        <source>callgate keeps taking calls in the background. Quit from this icon&apos;s menu.</source>
        <translation>callgate はバックグラウンドで着信の受付を続けます。終了するときは、このアイコンのメニューから終了してください。</translation>
    </message>
    <message>
        <source>Quit callgate?</source>
        <translation>callgate を終了しますか？</translation>
    </message>
    <message>
        <source>While callgate is not running, commubo rejects every incoming call.</source>
        <translation>callgate が動いていない間、commubo はすべての着信を拒否切断します。</translation>
    </message>
    <message>
        <source>Quit and stop taking calls</source>
        <translation>終了して着信の受付を止める</translation>
    </message>
</context>
<context>
    <name>DayChart</name>
    <message numerus="yes">
        <source>%Ln call(s), %1 rejected</source>
        <translation>
            <numerusform>着信%Ln件、うち拒否%1件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>DeskStatus</name>
    <message>
        <source>admin</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>&amp;Away from this desk</source>
        <translation>離席中(&amp;A)</translation>
    </message>
    <message>
        <source>While this desk is away, ask mode does not wait for it: a call is asked of the desks that are present, and gets its default at once when none is.</source>
        <translation>この端末が離席中の間、確認モードはこの端末の判断を待ちません。着信は在席中の端末に確認され、在席中の端末がなければすぐに既定の判定になります。</translation>
    </message>
    <message>
        <source>Desk %1 (%2)</source>
        <translation>端末 %1（%2）</translation>
    </message>
    <message>
        <source>This console is the desk %1, attached to the callgate service at %2. An operator desk decides calls and sets the mode; an admin desk also changes rules, settings, the schedule and the desks.</source>
        <translation>このコンソールは端末「%1」で、%2 の callgate サービスに接続しています。担当の端末は着信を判断し、モードを切り替えます。管理者の端末はさらに、ルール・設定・スケジュール・端末を変更できます。</translation>
    </message>
    <message>
        <source>Away (not asked)</source>
        <translation>離席中（確認しない）</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>在席中</translation>
    </message>
</context>
<context>
    <name>Desks</name>
    <message>
        <source>a desk needs a name</source>
        <translation>端末の名前を入力してください</translation>
    </message>
    <message>
        <source>the desk name &apos;%1&apos; is too long: at most %2 characters</source>
        <translation>端末の名前「%1」が長すぎます。%2 文字以内にしてください</translation>
    </message>
    <message>
        <source>the desk name &apos;%1&apos; may hold only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation>端末の名前「%1」に使えるのは英字・数字・「-」「_」「.」だけです</translation>
    </message>
    <message>
        <source>there is a desk %1 already; remove it first, or choose another name</source>
        <translation>端末「%1」はすでにあります。先に削除するか、別の名前にしてください</translation>
    </message>
    <message>
        <source>there is no desk %1</source>
        <translation>端末「%1」はありません</translation>
    </message>
    <message>
        <source>a desk&apos;s role is operator or admin, not &apos;%1&apos;</source>
        <translation>端末の権限は operator か admin です（「%1」ではありません）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or an IP address for desks to reach this service</source>
        <translation>「%1」は、端末がこのサービスに接続するためのホスト名または IP アドレスではありません</translation>
    </message>
    <message>
        <source>only an admin desk may do that; the desk %1 is an operator</source>
        <translation>この操作は管理者の端末だけができます。端末「%1」は担当の端末です</translation>
    </message>
    <message>
        <source>a connection string starts with callgate://, as `desk add` prints it</source>
        <translation>接続文字列は callgate:// で始まります（`desk add` が表示するとおりに入力してください）</translation>
    </message>
    <message>
        <source>the connection string names no host: callgate://HOST:PORT/NAME?...</source>
        <translation>接続文字列にホストがありません: callgate://HOST:PORT/NAME?...</translation>
    </message>
    <message>
        <source>the connection string&apos;s port is not a number from 1 to 65535</source>
        <translation>接続文字列のポートが 1～65535 の数字ではありません</translation>
    </message>
    <message>
        <source>the connection string names no desk: callgate://HOST:PORT/NAME?...</source>
        <translation>接続文字列に端末の名前がありません: callgate://HOST:PORT/NAME?...</translation>
    </message>
    <message>
        <source>the connection string has no secret=... (or it was cut short when copied)</source>
        <translation>接続文字列に secret=... がありません（コピーのときに途中で切れた可能性があります）</translation>
    </message>
    <message>
        <source>the connection string has no fingerprint=sha256:... of 64 hex digits (or it was cut short when copied)</source>
        <translation>接続文字列に 64 桁の 16 進数の fingerprint=sha256:... がありません（コピーのときに途中で切れた可能性があります）</translation>
    </message>
    <message>
        <source>The service refused the desk %1: its secret is wrong (the desk was added again, or the connection string was mistyped). Ask for a new connection string (python main.py desk add).</source>
        <translation>サービスが端末「%1」の接続を拒否しました。秘密の文字列が違います（端末が追加し直されたか、接続文字列の入力間違いです）。新しい接続文字列をもらってください（python main.py desk add）。</translation>
    </message>
    <message>
        <source>The service has no desk %1 (it was removed, or never added there). Ask for a new connection string (python main.py desk add).</source>
        <translation>サービスに端末「%1」がありません（削除されたか、追加されていません）。新しい接続文字列をもらってください（python main.py desk add）。</translation>
    </message>
    <message>
        <source>The desk %1 was removed from the service: this console is no longer attached.</source>
        <translation>端末「%1」はサービスから削除されました。このコンソールはもう接続していません。</translation>
    </message>
    <message>
        <source>This desk speaks version %1 of the console protocol and the service version %2: update callgate on this computer.</source>
        <translation>この端末はコンソールプロトコルのバージョン %1、サービスはバージョン %2 です。このパソコンの callgate を更新してください。</translation>
    </message>
    <message>
        <source>This desk speaks version %1 of the console protocol and the service version %2: update callgate on the service.</source>
        <translation>この端末はコンソールプロトコルのバージョン %1、サービスはバージョン %2 です。サービス側の callgate を更新してください。</translation>
    </message>
    <message>
        <source>The desk did not introduce itself in time; the service closed the connection.</source>
        <translation>端末が時間内に名乗らなかったため、サービスが接続を閉じました。</translation>
    </message>
    <message>
        <source>A connection closed right after TLS without asking anything: a desk whose connection string pins another certificate, or something that is no desk.</source>
        <translation>TLS の直後に何も求めずに閉じた接続がありました。接続文字列が別の証明書を指定している端末か、端末ではない何かです。</translation>
    </message>
    <message>
        <source>The service at %1 is not the one this connection string names: its certificate&apos;s fingerprint is %2, not %3. Someone may be intercepting the connection, or the service was set up anew: ask for a new connection string. Nothing was sent to it.</source>
        <translation>%1 のサービスは、この接続文字列が指定するサービスではありません。証明書のフィンガープリントが %3 ではなく %2 です。通信が傍受されているか、サービスが新しく設定し直された可能性があります。新しい接続文字列をもらってください。サービスには何も送信していません。</translation>
    </message>
    <message>
        <source>No connection to the service at %1 (%2); trying again.</source>
        <translation>%1 のサービスに接続できません（%2）。再試行します。</translation>
    </message>
    <message>
        <source>The service at %1 closed the connection; trying again.</source>
        <translation>%1 のサービスが接続を閉じました。再試行します。</translation>
    </message>
    <message>
        <source>The connection to the service was lost before it answered: this may or may not have been done. Look again once the desk is attached.</source>
        <translation>応答を受け取る前にサービスとの接続が切れました。操作が実行されたかどうかはわかりません。端末が再接続したら確認してください。</translation>
    </message>
    <message>
        <source>This desk is not attached to the service now: nothing was done.</source>
        <translation>この端末は今サービスに接続していないため、何も実行していません。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a call to see what commubo sent</source>
        <translation>着信を選ぶと、commubo から届いた内容を表示します</translation>
    </message>
    <message>
        <source>Block this caller</source>
        <translation>この発信者を拒否</translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation>常に通す</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>着信日時</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>AIオペレータ</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>応答時間</translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation>コールID</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>受信データ</translation>
    </message>
    <message>
        <source>%1 (sent as %2)</source>
        <translation>%1（受信時の番号：%2）</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未登録の発信者</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1  (posted %n more time(s))</source>
        <translation>
            <numerusform>%1（ほかに%n回の再送あり）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ミリ秒</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Test a number</source>
        <translation>番号をテスト</translation>
    </message>
    <message>
        <source>e.g. 03-3000-1234 (empty: withheld)</source>
        <translation>例：03-3000-1234（空欄なら非通知）</translation>
    </message>
    <message>
        <source>A &amp;registered customer</source>
        <translation>登録顧客(&amp;R)</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>会社名（任意）</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>名前（任意）</translation>
    </message>
    <message>
        <source>Now; or like %1 (office time)</source>
        <translation>空欄なら現在。日時は %1 のように（事務所の時刻）</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>テスト(&amp;T)</translation>
    </message>
    <message>
        <source>Nothing is recorded: no history, no match counts.</source>
        <translation>テストは記録されません：履歴にも、ルールの適用回数にも残りません。</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>電話番号(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>会社名(&amp;C):</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>名前(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>日時(&amp;A):</translation>
    </message>
    <message>
        <source>accept: the call rings through</source>
        <translation>通す（着信がつながります）</translation>
    </message>
    <message>
        <source>reject: commubo hangs up</source>
        <translation>拒否（commubo が拒否切断します）</translation>
    </message>
    <message>
        <source>ask: a person decides</source>
        <translation>確認する（担当者が判断します）</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>判定：%1</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Save every call that matches the search and filters, in the shown order</source>
        <translation>検索と絞り込みに当てはまるすべての着信を、表示の順に保存します</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV・UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>履歴のエクスポート</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>エクスポートを中止</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>%1 にエクスポート中…</translation>
    </message>
    <message numerus="yes">
        <source>Exporting: %Ln call(s) written…</source>
        <translation>
            <numerusform>エクスポート中：%Ln件を書き出しました…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) to %1</source>
        <translation>
            <numerusform>%Ln件を %1 にエクスポートしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not kept</source>
        <translation>エクスポートを中止しました。%1 は残していません</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートできませんでした</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした：%2</translation>
    </message>
</context>
<context>
    <name>ExposurePage</name>
    <message>
        <source>How commubo reaches this computer</source>
        <translation>commubo からこのパソコンへの接続方法</translation>
    </message>
    <message>
        <source>callgate does not install tunnel programs; it works with the one your office runs. Choose it:</source>
        <translation>callgate はトンネルのプログラムをインストールしません。事務所で使っているものと連携します。使っているものを選んでください：</translation>
    </message>
    <message>
        <source>ngrok agent API address:</source>
        <translation>ngrok エージェントの API アドレス:</translation>
    </message>
    <message>
        <source>cloudflared metrics address:</source>
        <translation>cloudflared のメトリクスアドレス:</translation>
    </message>
    <message>
        <source>Run on this computer: ngrok http %1</source>
        <translation>このパソコンで `ngrok http %1` を実行してください。</translation>
    </message>
    <message>
        <source>Run cloudflared with --metrics at the address above; for a named tunnel, type its public hostname on the next page.</source>
        <translation>cloudflared を、上のアドレスを --metrics に指定して起動してください。名前付きトンネルのときは、次のページで公開ホスト名を入力します。</translation>
    </message>
    <message>
        <source>callgate starts cloudflared for you while it runs.</source>
        <translation>callgate が動いている間、callgate が cloudflared を起動します。</translation>
    </message>
    <message>
        <source>Type the public URL on the next page; it must forward to port %1 of this computer.</source>
        <translation>次のページで公開URLを入力してください。その URL はこのパソコンのポート %1 に転送されている必要があります。</translation>
    </message>
    <message>
        <source>callgate takes calls only from this computer (for trying it out).</source>
        <translation>callgate はこのパソコンからの着信だけを受け付けます（動作確認用）。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search number, name, kana or company</source>
        <translation>電話番号・名前・フリガナ・会社名で検索</translation>
    </message>
    <message>
        <source>Any decision</source>
        <translation>すべての判定</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>すべての理由</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了日</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>Listening: %1</source>
        <translation>受付中：%1</translation>
    </message>
    <message>
        <source>callgate is NOT receiving calls: %1</source>
        <translation>callgate は着信を受け付けていません：%1</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>受付停止中</translation>
    </message>
    <message>
        <source>Connected to the callgate service at %1 again</source>
        <translation>%1 の callgate サービスに再接続しました</translation>
    </message>
    <message>
        <source>%1
This desk does not try again to attach to the callgate service at %2.</source>
        <translation>%1
この端末は %2 の callgate サービスへの再接続を試みません。</translation>
    </message>
    <message>
        <source>This desk lost its connection to the callgate service: it shows no new calls and cannot decide any until it is back. The service, if it runs, still answers every call (a call that waits for a person gets another desk&apos;s decision or its default). This desk connects again by itself.
%1</source>
        <translation>この端末は callgate サービスとの接続が切れました。再接続するまで新しい着信は表示されず、判断もできません。サービスが動いていれば、着信にはすべて応答します（担当者の判断待ちの着信は、ほかの端末の判断か既定の判定になります）。この端末は自動で再接続します。
%1</translation>
    </message>
    <message>
        <source>This console lost its connection to callgate&apos;s listener: it shows no new calls and decides none. callgate may still answer calls without it (a call that waits for a person gets its default). Quit and start callgate again.</source>
        <translation>このコンソールは callgate の着信受付との接続が切れました：新しい着信は表示されず、判断もできません。callgate はコンソールなしで着信に応答していることがあります（担当者の判断を待つ着信は既定の判定になります）。callgate を終了して、もう一度起動してください。</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>This desk cannot decide calls now</source>
        <translation>この端末は今、着信を判断できません</translation>
    </message>
    <message numerus="yes">
        <source>The database takes writes again: %n delayed call record(s) saved</source>
        <translation>
            <numerusform>データベースに再び書き込めるようになりました：保留していた着信の記録%n件を保存しました</numerusform>
        </translation>
    </message>
    <message>
        <source>commubo cannot reach callgate</source>
        <translation>commubo から callgate に接続できません</translation>
    </message>
    <message>
        <source>The public URL changed from %1 to %2: copy the new webhook URL (menu callgate → Set up reachability…) into commubo&apos;s dashboard.</source>
        <translation>公開URLが %1 から %2 に変わりました：新しいコールバックURLを（メニュー「callgate」→「接続の設定…」で）コピーし、commubo のダッシュボードに登録してください。</translation>
    </message>
    <message>
        <source>callgate&apos;s public URL changed</source>
        <translation>callgate の公開URLが変わりました</translation>
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
        <translation>着信日時</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>応答（ミリ秒）</translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation>受信時の番号：%1</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未登録の発信者</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>AIオペレータ</translation>
    </message>
    <message>
        <source>Number as sent</source>
        <translation>受信時の番号</translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation>コールID</translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation>着信日時（UTC）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) so far, counting…</source>
        <translation>
            <numerusform>%Ln件（集計中…）</numerusform>
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
        <translation>%1 · 判断待ち：%2秒</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2（%3）</translation>
    </message>
    <message>
        <source>%1 · not followed here (see the history)</source>
        <translation>%1 · この端末では追跡していません（着信履歴を参照）</translation>
    </message>
    <message>
        <source>%1 · deciding…</source>
        <translation>%1 · 判定中…</translation>
    </message>
</context>
<context>
    <name>LocalUrlPage</name>
    <message>
        <source>The local webhook URL</source>
        <translation>ローカルのコールバックURL</translation>
    </message>
    <message>
        <source>This is where callgate takes calls. It works on this computer only: commubo calls from the internet, so it needs a public address that forwards here (a tunnel). The next pages set that up.</source>
        <translation>callgate はこの URL で着信を受け付けます。ただし使えるのはこのパソコンの中だけです：commubo はインターネットから呼び出すので、ここへ転送する公開アドレス（トンネル）が必要です。次のページからその設定をします。</translation>
    </message>
</context>
<context>
    <name>ModeBar</name>
    <message>
        <source>Mode:</source>
        <translation>モード:</translation>
    </message>
    <message>
        <source>keep until I go back to the schedule</source>
        <translation>スケジュールに戻すまで続ける</translation>
    </message>
    <message>
        <source>Back to the schedule</source>
        <translation>スケジュールに戻す</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>手動切替</translation>
    </message>
    <message>
        <source>by the schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>(%1, until turned off)</source>
        <translation>（%1、解除するまで）</translation>
    </message>
    <message>
        <source>(%1, until %2)</source>
        <translation>（%1、%2まで）</translation>
    </message>
</context>
<context>
    <name>PortPage</name>
    <message>
        <source>Where callgate listens</source>
        <translation>callgate の受付ポート</translation>
    </message>
    <message>
        <source>callgate takes commubo&apos;s calls on this computer, on port %1. Keep it unless another program needs that port; a new port applies when callgate restarts. You can skip this setup at any page: calls on this computer work without it.</source>
        <translation>callgate はこのパソコンのポート %1 で commubo からの着信を受け付けます。ほかのプログラムがこのポートを使うのでなければ、そのままにしてください。新しいポートは callgate の再起動後に反映されます。この設定はどのページでも省略できます：このパソコンの中の着信は、設定しなくても使えます。</translation>
    </message>
    <message>
        <source>Start callgate when I log in to this computer (while callgate is not running, commubo rejects every call)</source>
        <translation>このパソコンへのログイン時に callgate を起動する（callgate が動いていない間、commubo はすべての着信を拒否します）</translation>
    </message>
    <message>
        <source>Add callgate to the applications menu</source>
        <translation>アプリケーションメニューに callgate を追加する</translation>
    </message>
    <message>
        <source>Port (on restart):</source>
        <translation>ポート（再起動後に反映）:</translation>
    </message>
</context>
<context>
    <name>PublicUrlPage</name>
    <message>
        <source>The public URL</source>
        <translation>公開URL</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>検出</translation>
    </message>
    <message>
        <source>Click Detect to ask the ngrok agent for its public URL.</source>
        <translation>「検出」をクリックすると、ngrok エージェントに公開URLを問い合わせます。</translation>
    </message>
    <message>
        <source>Click Detect to ask cloudflared for a quick tunnel&apos;s hostname; for a named tunnel, type its public URL.</source>
        <translation>「検出」をクリックすると、cloudflared にクイックトンネルのホスト名を問い合わせます。名前付きトンネルのときは、公開URLを入力してください。</translation>
    </message>
    <message>
        <source>Click Detect to start the quick tunnel and read its URL.</source>
        <translation>「検出」をクリックすると、クイックトンネルを起動して URL を読み取ります。</translation>
    </message>
    <message>
        <source>Type the public URL (https://…) that forwards to this computer.</source>
        <translation>このパソコンに転送する公開URL（https://…）を入力してください。</translation>
    </message>
    <message>
        <source>Nothing to do here: without a tunnel commubo cannot reach callgate. Click Next.</source>
        <translation>このページですることはありません：トンネルがないと commubo は callgate に接続できません。「次へ」をクリックしてください。</translation>
    </message>
    <message>
        <source>A quick tunnel runs only while callgate listens.</source>
        <translation>クイックトンネルは callgate が着信を受け付けている間だけ動きます。</translation>
    </message>
    <message>
        <source>There is nothing to detect for this choice.</source>
        <translation>この選択では検出するものはありません。</translation>
    </message>
    <message>
        <source>Asking the tunnel…</source>
        <translation>トンネルに問い合わせ中…</translation>
    </message>
    <message>
        <source>Waiting for the quick tunnel: %1</source>
        <translation>クイックトンネルを待っています：%1</translation>
    </message>
    <message>
        <source>Found %1</source>
        <translation>%1 が見つかりました</translation>
    </message>
    <message>
        <source>Found %1, but the tunnel is not healthy: %2</source>
        <translation>%1 が見つかりましたが、トンネルが正常ではありません：%2</translation>
    </message>
    <message>
        <source>No public URL found: %1</source>
        <translation>公開URLが見つかりません：%1</translation>
    </message>
</context>
<context>
    <name>Reachability</name>
    <message>
        <source>Reachable from commubo</source>
        <translation>commubo から接続できます</translation>
    </message>
    <message>
        <source>NOT reachable from commubo</source>
        <translation>commubo から接続できません</translation>
    </message>
    <message>
        <source>Reachability unknown</source>
        <translation>接続状態は不明</translation>
    </message>
</context>
<context>
    <name>ReachabilityLabel</name>
    <message>
        <source>No check has finished yet.</source>
        <translation>まだ接続確認が終わっていません。</translation>
    </message>
</context>
<context>
    <name>RejectAllBanner</name>
    <message>
        <source>REJECT ALL is on: commubo hangs up on every caller (except the allow list). Click “Let all through” or “Ask me” to take calls again.</source>
        <translation>「すべて拒否」モードです：commubo はすべての発信者を拒否切断します（許可リストを除く）。着信を受けるには「すべて通す」か「確認する」をクリックしてください。</translation>
    </message>
</context>
<context>
    <name>RuleChanges</name>
    <message>
        <source>Saving the rule for %1… (the database is busy)</source>
        <translation>%1 のルールを保存中…（データベースが混み合っています）</translation>
    </message>
    <message>
        <source>Updated the rule for %1</source>
        <translation>%1 のルールを更新しました</translation>
    </message>
    <message>
        <source>Removed the rule for %1</source>
        <translation>%1 のルールを削除しました</translation>
    </message>
    <message>
        <source>Removing the rule for %1… (the database is busy)</source>
        <translation>%1 のルールを削除中…（データベースが混み合っています）</translation>
    </message>
    <message>
        <source>Blocked %1</source>
        <translation>%1 を拒否リストに追加しました</translation>
    </message>
    <message>
        <source>Always letting through %1</source>
        <translation>%1 を許可リストに追加しました</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>e.g. 03-3000-1234 or 0120*</source>
        <translation>例：03-3000-1234、0120*</translation>
    </message>
    <message>
        <source>A registered customer&apos;s &amp;company or name</source>
        <translation>登録顧客の会社名か名前(&amp;C)</translation>
    </message>
    <message>
        <source>Who is this? (optional)</source>
        <translation>相手先の名前など（任意）</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>For (like 30m, 24h, 7d)</source>
        <translation>期間（30分、24時間、7日 など）</translation>
    </message>
    <message>
        <source>Until a date and time</source>
        <translation>日時まで</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24時間</translation>
    </message>
    <message>
        <source>Next call only (the rule is used up by it)</source>
        <translation>次の着信1回のみ（適用後は無効）</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>期限(&amp;X):</translation>
    </message>
    <message>
        <source>&amp;Number, prefix or name:</source>
        <translation>電話番号・前方一致・名前(&amp;N):</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>リスト:</translation>
    </message>
    <message>
        <source>&amp;Label / note:</source>
        <translation>ラベル・メモ(&amp;L):</translation>
    </message>
    <message>
        <source>Saving… (the database is busy)</source>
        <translation>保存中…（データベースが混み合っています）</translation>
    </message>
    <message>
        <source>e.g. エーアイ化粧品</source>
        <translation>例：エーアイ化粧品</translation>
    </message>
</context>
<context>
    <name>RuleTable</name>
    <message>
        <source>Label / note</source>
        <translation>ラベル・メモ</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>Give the expiry, or choose “Never expires”.</source>
        <translation>期限を入力するか、「期限なし」を選んでください。</translation>
    </message>
    <message>
        <source>%1 is too long for a duration</source>
        <translation>%1 は期間として長すぎます</translation>
    </message>
    <message>
        <source>a one-shot rule must be an allow rule</source>
        <translation>1回限りのルールは許可ルールにしかできません</translation>
    </message>
    <message>
        <source>%1 already has a rule (%2): edit that one instead.</source>
        <translation>%1 にはすでにルールがあります（%2）：そちらを編集してください。</translation>
    </message>
    <message>
        <source>%1 already has a rule</source>
        <translation>%1 にはすでにルールがあります</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation>常に通す</translation>
    </message>
    <message>
        <source>the header row must name the columns %1 (missing: %2)</source>
        <translation>見出し行に列 %1 が必要です（足りない列：%2）</translation>
    </message>
    <message>
        <source>action must be allow or block, not &apos;%1&apos;</source>
        <translation>action には `allow` か `block` を指定してください（「%1」は使えません）</translation>
    </message>
    <message>
        <source>kind must be number, prefix or name, not &apos;%1&apos;</source>
        <translation>kind には `number`、`prefix`、`name` のどれかを指定してください（「%1」は使えません）</translation>
    </message>
    <message>
        <source>once must be yes or empty, not &apos;%1&apos;</source>
        <translation>once には `yes` を指定するか、空欄にしてください（「%1」は使えません）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a %2, not a %3</source>
        <translation>「%1」は %3 ではなく %2 です</translation>
    </message>
    <message>
        <source>the same %1 as line %2</source>
        <translation>%2行目と同じ %1 です</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>%1行目：%2</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Block</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Always let through</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>Number, prefix or name</source>
        <translation>電話番号・前方一致・名前</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Label / note</source>
        <translation>ラベル・メモ</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>登録日時</translation>
    </message>
    <message>
        <source>Last matched</source>
        <translation>最終適用日時</translation>
    </message>
    <message>
        <source>Times matched</source>
        <translation>適用回数</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>next call only, until %1</source>
        <translation>次の1件のみ（%1まで）</translation>
    </message>
    <message>
        <source>next call only</source>
        <translation>次の1件のみ</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>No rules yet: every call follows the mode.</source>
        <translation>ルールはまだありません：すべての着信はモードに従います。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Remove the rule for %1 (%2)?</source>
        <translation>%1 のルール（%2）を削除しますか？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>&amp;Test a number…</source>
        <translation>番号をテスト(&amp;T)…</translation>
    </message>
    <message>
        <source>This desk is an operator: these lists are changed at an admin desk.</source>
        <translation>この端末は担当の端末です。リストの変更は管理者の端末で行います。</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>ルールの追加</translation>
    </message>
    <message>
        <source>Edit rule</source>
        <translation>ルールの編集</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>ルールの削除</translation>
    </message>
    <message>
        <source>Calls it names will follow the mode again.</source>
        <translation>このルールに当てはまる着信は、またモードに従うようになります。</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Monday (月)</source>
        <translation>月曜日</translation>
    </message>
    <message>
        <source>Tuesday (火)</source>
        <translation>火曜日</translation>
    </message>
    <message>
        <source>Wednesday (水)</source>
        <translation>水曜日</translation>
    </message>
    <message>
        <source>Thursday (木)</source>
        <translation>木曜日</translation>
    </message>
    <message>
        <source>Friday (金)</source>
        <translation>金曜日</translation>
    </message>
    <message>
        <source>Saturday (土)</source>
        <translation>土曜日</translation>
    </message>
    <message>
        <source>Sunday (日)</source>
        <translation>日曜日</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>&amp;Business hours choose the mode</source>
        <translation>営業時間でモードを切り替える(&amp;B)</translation>
    </message>
    <message>
        <source>Business hours (office time; several ranges a day, like 9:00-12:00, 13:00-18:00; empty: closed)</source>
        <translation>営業時間（事務所の時刻。1日に複数の時間帯を 9:00-12:00, 13:00-18:00 のように書けます。空欄は休業）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>休業</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Closed on Japanese public &amp;holidays</source>
        <translation>祝日は休業(&amp;H)</translation>
    </message>
    <message>
        <source>One per line, like:
%1-08-13..%1-08-16 お盆
12-29..01-03 年末年始</source>
        <translation>1行に1件。例：
%1/08/13〜%1/08/16 お盆
12/29〜1/3 年末年始</translation>
    </message>
    <message>
        <source>Mode inside business hours:</source>
        <translation>営業時間内のモード:</translation>
    </message>
    <message>
        <source>Mode outside business hours:</source>
        <translation>営業時間外のモード:</translation>
    </message>
    <message>
        <source>The office&apos;s &amp;closed days:</source>
        <translation>休業日(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>タイムゾーン(&amp;T):</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>SelfTestPage</name>
    <message>
        <source>no-public-url</source>
        <translation>公開URLなし</translation>
    </message>
    <message>
        <source>dns</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>tls</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>接続拒否</translation>
    </message>
    <message>
        <source>wrong-token</source>
        <translation>トークン違い</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>リクエスト拒否</translation>
    </message>
    <message>
        <source>http-error</source>
        <translation>HTTP エラー</translation>
    </message>
    <message>
        <source>other-listener</source>
        <translation>別の受付先</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Test it from the internet side</source>
        <translation>インターネット側からのテスト</translation>
    </message>
    <message>
        <source>callgate sends a test call to its public webhook URL and checks that it arrives here. Test calls never appear in the history.</source>
        <translation>callgate が公開コールバックURLにテストコールを送り、ここに届くかを確認します。テストコールは履歴に残りません。</translation>
    </message>
    <message>
        <source>Run the self-test</source>
        <translation>接続テストを実行</translation>
    </message>
    <message>
        <source>(no public URL yet)</source>
        <translation>（まだ公開URLがありません）</translation>
    </message>
    <message>
        <source>Sending a test call…</source>
        <translation>テストコールを送信中…</translation>
    </message>
    <message>
        <source>The self-test could not run: %1</source>
        <translation>接続テストを実行できませんでした：%1</translation>
    </message>
    <message>
        <source>Success: commubo can reach callgate (round trip %1 ms).</source>
        <translation>成功：commubo から callgate に接続できます（往復%1ミリ秒）。</translation>
    </message>
    <message>
        <source>Failed (%1): %2</source>
        <translation>失敗（%1）：%2</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>no setting &apos;%1&apos;; settings are: %2</source>
        <translation>「%1」という設定はありません。設定は次のとおりです：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of: %2</source>
        <translation>「%1」は次のどれでもありません：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not on or off</source>
        <translation>「%1」は `on` でも `off` でもありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO time like 2025-01-06T09:30:00+09:00</source>
        <translation>「%1」は 2025-01-06T09:30:00+09:00 のような ISO 形式の日時ではありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a time zone offset, like +09:00</source>
        <translation>「%1」には +09:00 のような時差が必要です</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address to listen on</source>
        <translation>「%1」は待ち受けに使える IP アドレスではありません</translation>
    </message>
    <message>
        <source>port must be a number from 1 to 65535, not &apos;%1&apos;</source>
        <translation>ポートは 1〜65535 の数で指定してください（「%1」は使えません）</translation>
    </message>
    <message>
        <source>token grace must be a number of hours, not &apos;%1&apos;</source>
        <translation>トークンの猶予は時間数で指定してください（「%1」は使えません）</translation>
    </message>
    <message>
        <source>token grace must be between %1 and %2 hours</source>
        <translation>トークンの猶予は%1〜%2時間で指定してください</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or an IP address</source>
        <translation>「%1」はホスト名でも IP アドレスでもありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address as host:port, such as 127.0.0.1:4040</source>
        <translation>「%1」は 127.0.0.1:4040 のような「ホスト:ポート」のアドレスではありません</translation>
    </message>
    <message>
        <source>a URL has no spaces; give the address alone, such as https://calls.example.com</source>
        <translation>URL に空白は入りません。https://calls.example.com のように、アドレスだけを入力してください</translation>
    </message>
    <message>
        <source>give an address that starts with https:// or http://, such as https://calls.example.com</source>
        <translation>https://calls.example.com のように、`https://` か `http://` で始まるアドレスを入力してください</translation>
    </message>
    <message>
        <source>the address must not hold a user name or password</source>
        <translation>アドレスにユーザー名やパスワードを含めないでください</translation>
    </message>
    <message>
        <source>give the address alone, without a path, such as https://calls.example.com (callgate adds /hooks/commubo/&lt;token&gt; itself)</source>
        <translation>https://calls.example.com のように、パスを付けずにアドレスだけを入力してください（`/hooks/commubo/&lt;token&gt;` は callgate が付けます）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host and port</source>
        <translation>「%1」はホストとポートではありません</translation>
    </message>
    <message>
        <source>the address has no host name, such as https://calls.example.com</source>
        <translation>アドレスにホスト名がありません（例：https://calls.example.com）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name</source>
        <translation>「%1」はホスト名ではありません</translation>
    </message>
    <message>
        <source>%1 is no part of the schedule</source>
        <translation>%1 はスケジュールの設定項目ではありません</translation>
    </message>
    <message>
        <source>accept-all, reject-all or ask</source>
        <translation>`accept-all`（すべて通す）、`reject-all`（すべて拒否）、`ask`（確認する）のどれか</translation>
    </message>
    <message>
        <source>seconds a person has to decide (3-60)</source>
        <translation>担当者が判断するまでの秒数（3〜60）</translation>
    </message>
    <message>
        <source>decision when nobody answers</source>
        <translation>時間内に判断がないときの判定</translation>
    </message>
    <message>
        <source>withheld callers: mode (follow the mode), accept, reject or ask</source>
        <translation>非通知の発信者：`mode`（モードに従う）、`accept`、`reject`、`ask` のどれか</translation>
    </message>
    <message>
        <source>decision when callgate fails</source>
        <translation>callgate の障害時の判定</translation>
    </message>
    <message>
        <source>payphones: withheld (as withheld callers), mode, accept, reject or ask</source>
        <translation>公衆電話：`withheld`（非通知と同じ）、`mode`、`accept`、`reject`、`ask` のどれか</translation>
    </message>
    <message>
        <source>registered customers: mode (follow the mode), accept, reject or ask</source>
        <translation>登録顧客：`mode`（モードに従う）、`accept`、`reject`、`ask` のどれか</translation>
    </message>
    <message>
        <source>callers who are no registered customer: mode, accept, reject or ask</source>
        <translation>未登録の発信者：`mode`、`accept`、`reject`、`ask` のどれか</translation>
    </message>
    <message>
        <source>on: a number calling again within repeat-minutes after a reject rings through</source>
        <translation>`on`：拒否した番号から repeat-minutes 以内にまたかかってきたら通す</translation>
    </message>
    <message>
        <source>the repeat-caller window (1-60 minutes)</source>
        <translation>再着信とみなす間隔（1〜60分）</translation>
    </message>
    <message>
        <source>on: business hours choose the mode</source>
        <translation>`on`：営業時間でモードを切り替える</translation>
    </message>
    <message>
        <source>business hours, like mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00</source>
        <translation>営業時間。例：`mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00`</translation>
    </message>
    <message>
        <source>the mode inside business hours</source>
        <translation>営業時間内のモード</translation>
    </message>
    <message>
        <source>the mode outside business hours</source>
        <translation>営業時間外のモード</translation>
    </message>
    <message>
        <source>on: closed on Japanese public holidays</source>
        <translation>`on`：祝日は休業</translation>
    </message>
    <message>
        <source>the office&apos;s closed days, &apos;;&apos;-separated: 2025-08-13..2025-08-16 お盆; 12-29..01-03 年末年始</source>
        <translation>休業日（`;` 区切り）。例：2025-08-13..2025-08-16 お盆; 12-29..01-03 年末年始</translation>
    </message>
    <message>
        <source>the office&apos;s time zone</source>
        <translation>事務所のタイムゾーン</translation>
    </message>
    <message>
        <source>a mode set by hand over the schedule (empty: none; set with `mode`)</source>
        <translation>スケジュールより優先する手動切替のモード（空欄はなし。`mode` で設定）</translation>
    </message>
    <message>
        <source>when the manual override was set (UTC)</source>
        <translation>手動切替を設定した日時（UTC）</translation>
    </message>
    <message>
        <source>the manual override lasts until the next-change of the schedule or turned-off</source>
        <translation>手動切替を続ける期間：`next-change`（次のスケジュール切り替えまで）か `turned-off`（解除するまで）</translation>
    </message>
    <message>
        <source>address the listener binds (on restart)</source>
        <translation>着信受付の待ち受けアドレス（再起動後に反映）</translation>
    </message>
    <message>
        <source>port the listener binds (on restart)</source>
        <translation>着信受付の待ち受けポート（再起動後に反映）</translation>
    </message>
    <message>
        <source>address the desk port binds while desks are registered (0.0.0.0: every address of this machine)</source>
        <translation>端末を登録している間、端末用ポートが待ち受けるアドレス（0.0.0.0：このマシンのすべてのアドレス）</translation>
    </message>
    <message>
        <source>port of the desks&apos; encrypted link (bound while desks are registered)</source>
        <translation>端末との暗号化通信のポート（端末を登録している間だけ待ち受けます）</translation>
    </message>
    <message>
        <source>hours an old webhook token keeps working after a rotation (0-720)</source>
        <translation>トークンの再発行後、古いトークンを使える時間数（0〜720）</translation>
    </message>
    <message>
        <source>how commubo reaches callgate: none, ngrok, cloudflared, url or quick</source>
        <translation>commubo からの接続方法：`none`、`ngrok`、`cloudflared`、`url`、`quick` のどれか</translation>
    </message>
    <message>
        <source>host:port of the ngrok agent&apos;s local API (tunnel ngrok)</source>
        <translation>ngrok エージェントのローカル API の「ホスト:ポート」（tunnel が `ngrok` のとき）</translation>
    </message>
    <message>
        <source>host:port of cloudflared&apos;s --metrics server (tunnel cloudflared)</source>
        <translation>cloudflared の --metrics サーバーの「ホスト:ポート」（tunnel が `cloudflared` のとき）</translation>
    </message>
    <message>
        <source>public address that forwards to callgate, e.g. https://calls.example.com</source>
        <translation>callgate に転送する公開アドレス（例：https://calls.example.com）</translation>
    </message>
    <message>
        <source>the language of the console and the command line: auto (the system&apos;s), ja or en</source>
        <translation>コンソールとコマンドラインの表示言語：`auto`（システムに合わせる）、`ja`、`en` のどれか</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>callgate settings</source>
        <translation>callgate の設定</translation>
    </message>
    <message>
        <source> s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Let through</source>
        <translation>通す</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Follow the mode</source>
        <translation>モードに従う</translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation>確認する</translation>
    </message>
    <message>
        <source>As withheld callers</source>
        <translation>非通知と同じ</translation>
    </message>
    <message>
        <source>Customers and unknown callers follow the mode</source>
        <translation>登録顧客も未登録の発信者もモードに従う</translation>
    </message>
    <message>
        <source>Registered customers always ring through</source>
        <translation>登録顧客は常に通す</translation>
    </message>
    <message>
        <source>Ask for unknown callers, let customers through</source>
        <translation>未登録の発信者は確認し、登録顧客は通す</translation>
    </message>
    <message>
        <source>Custom: customers %1, unknown callers %2</source>
        <translation>個別設定：登録顧客は「%1」、未登録の発信者は「%2」</translation>
    </message>
    <message>
        <source>Let a number through that calls again soon after a reject (for emergencies; off by default)</source>
        <translation>拒否した番号からすぐにまたかかってきたら通す（緊急時のため。初期設定はオフ）</translation>
    </message>
    <message>
        <source> min</source>
        <translation>分</translation>
    </message>
    <message>
        <source>Time to decide when asked:</source>
        <translation>判断待ちの時間:</translation>
    </message>
    <message>
        <source>When nobody decides in time:</source>
        <translation>時間内に判断がないとき:</translation>
    </message>
    <message>
        <source>Withheld callers (非通知):</source>
        <translation>非通知:</translation>
    </message>
    <message>
        <source>Payphones (公衆電話):</source>
        <translation>公衆電話:</translation>
    </message>
    <message>
        <source>Customers and unknown callers:</source>
        <translation>登録顧客と未登録の発信者:</translation>
    </message>
    <message>
        <source>Repeat caller:</source>
        <translation>再着信:</translation>
    </message>
    <message>
        <source>Called again within:</source>
        <translation>再着信とみなす間隔:</translation>
    </message>
    <message>
        <source>If callgate fails (fail-safe):</source>
        <translation>callgate の障害時（フェイルセーフ）:</translation>
    </message>
    <message>
        <source>Listen on address (on restart):</source>
        <translation>待ち受けアドレス（再起動後に反映）:</translation>
    </message>
    <message>
        <source>Listen on port (on restart):</source>
        <translation>待ち受けポート（再起動後に反映）:</translation>
    </message>
    <message>
        <source>Webhook URL for commubo:</source>
        <translation>commubo のコールバックURL:</translation>
    </message>
    <message>
        <source>Reachability</source>
        <translation>commubo からの接続</translation>
    </message>
    <message>
        <source>Rotate webhook token…</source>
        <translation>トークンを再発行…</translation>
    </message>
    <message>
        <source>How commubo reaches callgate:</source>
        <translation>commubo からの接続方法:</translation>
    </message>
    <message>
        <source>ngrok agent API address:</source>
        <translation>ngrok エージェントの API アドレス:</translation>
    </message>
    <message>
        <source>cloudflared metrics address:</source>
        <translation>cloudflared のメトリクスアドレス:</translation>
    </message>
    <message>
        <source>Public URL (typed or named tunnel):</source>
        <translation>公開URL（入力または名前付きトンネル）:</translation>
    </message>
    <message>
        <source>Current token: %1
Webhook URL for commubo:
%2

Previous token: %3
It keeps working until %4; paste the new URL into commubo&apos;s dashboard before then.</source>
        <translation>現在のトークン：%1
commubo のコールバックURL：
%2

以前のトークン：%3
%4 まで使えます。それまでに新しい URL を commubo のダッシュボードに貼り付けてください。</translation>
    </message>
    <message>
        <source>Rotate the webhook token?</source>
        <translation>トークンを再発行しますか？</translation>
    </message>
    <message numerus="yes">
        <source>callgate makes a new secret token for its webhook URL. The old URL keeps working for %1 hour(s): paste the new one into commubo&apos;s dashboard before then.</source>
        <translation>
            <numerusform>callgate はコールバックURLの秘密のトークンを新しくします。古い URL は%1時間使えます：その間に新しい URL を commubo のダッシュボードに貼り付けてください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rotate token</source>
        <translation>再発行</translation>
    </message>
    <message>
        <source>New token: %1
Webhook URL for commubo:
%2

The old token stopped working at once (token-grace-hours is 0).</source>
        <translation>新しいトークン：%1
commubo のコールバックURL：
%2

古いトークンはすぐに使えなくなりました（token-grace-hours が 0 のため）。</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>callgate listens on port %1 now.</source>
        <translation>callgate は今、ポート %1 で待ち受けています。</translation>
    </message>
    <message>
        <source>callgate listens on port %1 now: set by --port or CALLGATE_PORT for this run. The port setting (%2) applies when callgate starts without them.</source>
        <translation>callgate は今、ポート %1 で待ち受けています：今回の起動で --port か CALLGATE_PORT が指定されたためです。ポートの設定（%2）は、これらを指定せずに起動したときに使われます。</translation>
    </message>
    <message>
        <source>callgate listens on port %1 until it restarts, then on port %2.</source>
        <translation>callgate は再起動するまでポート %1 で、再起動後はポート %2 で待ち受けます。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up reachability</source>
        <translation>接続の設定</translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation>設定を省略</translation>
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
    <message numerus="yes">
        <source>%Ln call(s): %2 let through, %3 rejected (%4)</source>
        <translation>
            <numerusform>着信%Ln件：通過%2件、拒否%3件（%4）</numerusform>
        </translation>
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
        <translation>データベース %1 はほかのプログラムがロックしています（%2秒待っても解除されません）：何も変更していません。解除されてからもう一度お試しください</translation>
    </message>
    <message>
        <source>cannot use the data directory %1: it is a file, not a directory</source>
        <translation>データフォルダー %1 を使えません：フォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>cannot use the data directory %1: a part of its path is a file, not a directory</source>
        <translation>データフォルダー %1 を使えません：パスの途中にフォルダーではなくファイルがあります</translation>
    </message>
    <message>
        <source>cannot use the data directory %1: %2</source>
        <translation>データフォルダー %1 を使えません：%2</translation>
    </message>
    <message>
        <source>cannot use the database %1: %2</source>
        <translation>データベース %1 を使えません：%2</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Calls are still answered, but the history is NOT being saved: the database does not take writes (%1). Their records are kept and saved as soon as it does; please do not quit callgate until then.</source>
        <translation>着信への応答は続いていますが、履歴が保存されていません：データベースに書き込めません（%1）。記録は保持しており、書き込めるようになりしだい保存します。それまで callgate を終了しないでください。</translation>
    </message>
</context>
<context>
    <name>Tunnels</name>
    <message>
        <source>ngrok (the ngrok agent runs on this computer)</source>
        <translation>ngrok（このパソコンで ngrok エージェントを実行）</translation>
    </message>
    <message>
        <source>Cloudflare quick tunnel, started by callgate (for trying things out)</source>
        <translation>Cloudflare のクイックトンネル（callgate が起動。お試し用）</translation>
    </message>
    <message>
        <source>Cloudflare Tunnel (cloudflared runs on this computer with a metrics address)</source>
        <translation>Cloudflare トンネル（このパソコンで cloudflared をメトリクスアドレス付きで実行）</translation>
    </message>
    <message>
        <source>A named tunnel or another public URL I type (Tailscale Funnel, a reverse proxy…)</source>
        <translation>名前付きトンネルなど、自分で入力する公開URL（Tailscale Funnel、リバースプロキシなど）</translation>
    </message>
    <message>
        <source>Only this computer (commubo cannot reach it)</source>
        <translation>このパソコンのみ（commubo からは接続できません）</translation>
    </message>
    <message>
        <source>A quick tunnel is for trying callgate out: its address changes every time it starts, so after every restart of callgate or of the computer the callback URL in commubo&apos;s dashboard must be replaced, and until it is, commubo rejects every call.</source>
        <translation>クイックトンネルはお試し用です：起動するたびにアドレスが変わるため、callgate やコンピュータを再起動するたびに commubo のダッシュボードのコールバックURLを差し替える必要があり、差し替えるまで commubo はすべての着信を拒否切断します。</translation>
    </message>
</context>
<context>
    <name>UnreachableBanner</name>
    <message>
        <source>commubo cannot reach callgate and rejects every call until this is fixed: %1 (menu callgate → Set up reachability…)</source>
        <translation>commubo から callgate に接続できないため、解決するまで commubo はすべての着信を拒否切断します：%1（メニュー「callgate」→「接続の設定…」）</translation>
    </message>
</context>
<context>
    <name>WaitingStrip</name>
    <message>
        <source>Let through (Alt+L)</source>
        <translation>通す（Alt+L）</translation>
    </message>
    <message>
        <source>Reject (Alt+R)</source>
        <translation>拒否（Alt+R）</translation>
    </message>
    <message>
        <source>%1 waiting · %2 %3 · %4 s left</source>
        <translation>判断待ち%1件 · %2 %3 · 残り%4秒</translation>
    </message>
    <message>
        <source>Live calls (%1 waiting)</source>
        <translation>着信状況（判断待ち%1件）</translation>
    </message>
    <message>
        <source>callgate (%1 waiting)</source>
        <translation>callgate（判断待ち%1件）</translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message>
        <source>%1; %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>did not answer within %1 s</source>
        <translation>%1秒以内に応答しませんでした</translation>
    </message>
    <message>
        <source>refuses connections (nothing listens there)</source>
        <translation>接続を拒否しています（待ち受けているプログラムがありません）</translation>
    </message>
    <message>
        <source>cannot be reached (%1)</source>
        <translation>接続できません（%1）</translation>
    </message>
    <message>
        <source>gave no proper HTTP answer (%1)</source>
        <translation>正しい HTTP の応答を返しませんでした（%1）</translation>
    </message>
    <message>
        <source>ngrok is not running: its local API at %1 %2; start it with `ngrok http %3`, or set ngrok-api to its web_addr</source>
        <translation>ngrok が動いていません：ローカル API（%1）は%2。`ngrok http %3` で起動するか、ngrok-api に ngrok の `web_addr` を設定してください</translation>
    </message>
    <message>
        <source>%1 answers HTTP %2, so it is not the ngrok agent&apos;s API; set ngrok-api to the agent&apos;s web_addr</source>
        <translation>%1 は HTTP %2 を返すので、ngrok エージェントの API ではありません。ngrok-api にエージェントの `web_addr` を設定してください</translation>
    </message>
    <message>
        <source>%1 answers something that is not its tunnel list, so it is not the ngrok agent&apos;s API; set ngrok-api to the agent&apos;s web_addr</source>
        <translation>%1 はトンネルの一覧ではないものを返すので、ngrok エージェントの API ではありません。ngrok-api にエージェントの `web_addr` を設定してください</translation>
    </message>
    <message>
        <source>ngrok forwards %1 to port %2</source>
        <translation>ngrok が %1 をポート %2 に転送しています</translation>
    </message>
    <message>
        <source>ngrok forwards %1 to port %2 (plain http, without TLS)</source>
        <translation>ngrok が %1 をポート %2 に転送しています（TLS なしの平文の HTTP）</translation>
    </message>
    <message>
        <source>ngrok runs but forwards only to port %1, not to callgate&apos;s port %2; start it with `ngrok http %2`</source>
        <translation>ngrok は動いていますが、転送先はポート %1 だけで、callgate のポート %2 ではありません。`ngrok http %2` で起動してください</translation>
    </message>
    <message>
        <source>ngrok runs but forwards only to ports %1, not to callgate&apos;s port %2; start it with `ngrok http %2`</source>
        <translation>ngrok は動いていますが、転送先はポート %1 だけで、callgate のポート %2 ではありません。`ngrok http %2` で起動してください</translation>
    </message>
    <message>
        <source>ngrok runs but has no web tunnel; start it with `ngrok http %1`</source>
        <translation>ngrok は動いていますが、HTTP のトンネルがありません。`ngrok http %1` で起動してください</translation>
    </message>
    <message>
        <source>cloudflared is not running: its metrics server at %1 %2; start it with `--metrics %1`, or set cloudflared-metrics to the address it uses</source>
        <translation>cloudflared が動いていません：メトリクスサーバー（%1）は%2。`--metrics %1` を付けて起動するか、cloudflared-metrics に cloudflared が使っているアドレスを設定してください</translation>
    </message>
    <message>
        <source>%1 does not answer like cloudflared&apos;s metrics server; set cloudflared-metrics to the address given with --metrics</source>
        <translation>%1 は cloudflared のメトリクスサーバーとして応答しません。cloudflared-metrics には --metrics で指定したアドレスを設定してください</translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare</source>
        <translation>cloudflared は動いていますが、Cloudflare に接続していません</translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare; set public-url to the tunnel&apos;s public address</source>
        <translation>cloudflared は動いていますが、Cloudflare に接続していません。public-url にトンネルの公開アドレスを設定してください</translation>
    </message>
    <message>
        <source>cloudflared runs but has no connection to Cloudflare yet</source>
        <translation>cloudflared は動いていますが、まだ Cloudflare に接続していません</translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected; update it</source>
        <translation>この cloudflared は接続しているかどうかを返しません。cloudflared を更新してください</translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected; update it; set public-url to the tunnel&apos;s public address</source>
        <translation>この cloudflared は接続しているかどうかを返しません。cloudflared を更新し、public-url にトンネルの公開アドレスを設定してください</translation>
    </message>
    <message>
        <source>this cloudflared does not tell whether it is connected (update it), and the quick tunnel has no address yet</source>
        <translation>この cloudflared は接続しているかどうかを返しません（cloudflared を更新してください）。また、クイックトンネルにはまだアドレスがありません</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>接続%n本</numerusform>
        </translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) but its public address is unknown; set public-url to the tunnel&apos;s public address</source>
        <translation>cloudflared は Cloudflare に接続していますが（%1）、公開アドレスがわかりません。public-url にトンネルの公開アドレスを設定してください</translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) but its public address is unknown yet</source>
        <translation>cloudflared は Cloudflare に接続していますが（%1）、公開アドレスはまだわかりません</translation>
    </message>
    <message>
        <source>cloudflared is connected to Cloudflare (%1) and serves %2</source>
        <translation>cloudflared は Cloudflare に接続し（%1）、%2 を公開しています</translation>
    </message>
    <message>
        <source>the quick tunnel is starting: cloudflared&apos;s metrics server %1</source>
        <translation>クイックトンネルを起動中です：cloudflared のメトリクスサーバーは%1</translation>
    </message>
    <message>
        <source>the quick tunnel is not started</source>
        <translation>クイックトンネルは起動していません</translation>
    </message>
    <message>
        <source>cloudflared stopped (exit status %1)</source>
        <translation>cloudflared が停止しました（終了コード %1）</translation>
    </message>
    <message>
        <source>cloudflared stopped (exit status %1): %2</source>
        <translation>cloudflared が停止しました（終了コード %1）：%2</translation>
    </message>
    <message>
        <source>cannot start a quick tunnel: %1 is not installed or not on the PATH</source>
        <translation>クイックトンネルを起動できません：%1 がインストールされていないか、`PATH` にありません</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 を起動できません：%2</translation>
    </message>
    <message>
        <source>the quick tunnel is starting (%1)</source>
        <translation>クイックトンネルを起動中です（%1）</translation>
    </message>
    <message>
        <source>no public address is set; set public-url to the address that forwards to callgate</source>
        <translation>公開アドレスが設定されていません。public-url に callgate へ転送するアドレスを設定してください</translation>
    </message>
    <message>
        <source>callgate cannot watch %1 itself; only the self-test can tell whether it reaches callgate</source>
        <translation>callgate は %1 を自分では監視できません。callgate に届くかどうかは接続テストでしかわかりません</translation>
    </message>
    <message>
        <source>the tunnel settings are not usable: %1</source>
        <translation>トンネルの設定が使えません：%1</translation>
    </message>
    <message>
        <source>could not ask the tunnel: %1</source>
        <translation>トンネルに問い合わせできませんでした：%1</translation>
    </message>
    <message>
        <source>the reachability check failed (%1)</source>
        <translation>接続確認ができませんでした（%1）</translation>
    </message>
    <message>
        <source>no public URL: start a tunnel (ngrok, cloudflared) or enter the public URL (public-url) in the settings</source>
        <translation>公開URLがありません：トンネル（ngrok、cloudflared）を起動するか、設定で公開URL（public-url）を入力してください</translation>
    </message>
    <message>
        <source>no public URL: the %1 tunnel gives none, so there was nothing to test</source>
        <translation>公開URLがありません：%1 のトンネルが公開URLを返さないので、テストするものがありませんでした</translation>
    </message>
    <message>
        <source>%1 is not tested (self-test not run)</source>
        <translation>%1 はテストしていません（接続テスト未実施）</translation>
    </message>
    <message>
        <source>%1 (self-test not run)</source>
        <translation>%1（接続テスト未実施）</translation>
    </message>
    <message>
        <source>%1 reached this callgate in %2 ms</source>
        <translation>%1 からこの callgate に%2ミリ秒で届きました</translation>
    </message>
    <message>
        <source>the public host name %1 does not resolve (DNS): the tunnel or its address is gone, or the name is misspelt</source>
        <translation>公開ホスト名 %1 の名前解決ができません（DNS）：トンネルかそのアドレスがなくなったか、名前が間違っています</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not valid (%2): the tunnel or proxy in front of callgate serves a wrong certificate</source>
        <translation>%1 の TLS 証明書が有効ではありません（%2）：callgate の前にあるトンネルかプロキシが誤った証明書を使っています</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 does not match the expected fingerprint</source>
        <translation>%1 の TLS 証明書が想定のフィンガープリントと一致しません</translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed (%2): is it an https URL on a port that speaks plain HTTP?</source>
        <translation>%1 との TLS ハンドシェイクに失敗しました（%2）：平文の HTTP のポートに HTTPS の URL を使っていませんか？</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s: the tunnel or the listener behind it hangs</source>
        <translation>%1 が%2秒以内に応答しませんでした：トンネルか、その先の着信受付が止まっています</translation>
    </message>
    <message>
        <source>%1 refused the connection: nothing listens there (is the tunnel or reverse proxy running?)</source>
        <translation>%1 に接続を拒否されました：待ち受けているものがありません（トンネルかリバースプロキシは動いていますか？）</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>%1 に接続できませんでした：%2</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 が応答しないまま接続を切りました</translation>
    </message>
    <message>
        <source>the public webhook URL %1 is not a valid http(s) URL</source>
        <translation>公開コールバックURL %1 は有効な HTTP／HTTPS の URL ではありません</translation>
    </message>
    <message>
        <source>the test call to %1 failed: %2</source>
        <translation>%1 へのテストコールに失敗しました：%2</translation>
    </message>
    <message>
        <source>the public URL answered 404: the token in the URL registered in commubo is wrong or out of date</source>
        <translation>公開URLが 404 を返しました：commubo に登録した URL のトークンが間違っているか、古くなっています</translation>
    </message>
    <message>
        <source>the public URL answered 403 with a call decision (%1): a callgate that does not know test calls answered, not this one</source>
        <translation>公開URLが着信の判定つきで 403 を返しました（%1）：応答したのはテストコールに対応していない別の callgate で、この callgate ではありません</translation>
    </message>
    <message>
        <source>the public URL answered 403: something in front of callgate (the tunnel, a firewall or an access policy) refuses the request</source>
        <translation>公開URLが 403 を返しました：callgate の前にあるもの（トンネル、ファイアウォール、アクセスポリシー）がリクエストを拒否しています</translation>
    </message>
    <message>
        <source>%1 answered %2 but not as this callgate (no echo of the test): the tunnel forwards to another port or program</source>
        <translation>%1 は %2 を返しましたが、この callgate の応答ではありません（テストへの返答がありません）：トンネルが別のポートかプログラムに転送しています</translation>
    </message>
    <message>
        <source>the public URL answered %1 (a redirect): commubo takes a redirect as a reject; register the final URL</source>
        <translation>公開URLが %1 を返しました（リダイレクト）：commubo はリダイレクトを拒否として扱います。リダイレクト先の URL を登録してください</translation>
    </message>
    <message>
        <source>the public URL answered %1 (a redirect to %2): commubo takes a redirect as a reject; register the final URL</source>
        <translation>公開URLが %1 を返しました（%2 へのリダイレクト）：commubo はリダイレクトを拒否として扱います。リダイレクト先の URL を登録してください</translation>
    </message>
    <message>
        <source>the public URL answered %1: the tunnel is up but cannot reach callgate&apos;s listener (not running, or the tunnel forwards to the wrong port)</source>
        <translation>公開URLが %1 を返しました：トンネルは動いていますが、callgate の着信受付に届きません（受付が動いていないか、トンネルの転送先のポートが違います）</translation>
    </message>
    <message>
        <source>the public URL answered %1: commubo would reject every call</source>
        <translation>公開URLが %1 を返しました：このままでは commubo はすべての着信を拒否切断します</translation>
    </message>
    <message>
        <source>the public URL answered %1 (%2): commubo would reject every call</source>
        <translation>公開URLが %1 を返しました（%2）：このままでは commubo はすべての着信を拒否切断します</translation>
    </message>
    <message>
        <source>callgate answered the test at %1 but could not record it: %2</source>
        <translation>callgate は %1 でテストに応答しましたが、記録できませんでした：%2</translation>
    </message>
    <message>
        <source>callgate answered the test at %1 but could not record it: its database failed</source>
        <translation>callgate は %1 でテストに応答しましたが、データベースの障害で記録できませんでした</translation>
    </message>
    <message>
        <source>a callgate answered at %1, but not this one: this callgate&apos;s database never saw the test (the tunnel forwards to another callgate, port or computer)</source>
        <translation>%1 で callgate が応答しましたが、この callgate ではありません：この callgate のデータベースにテストが届いていません（トンネルが別の callgate、ポート、コンピュータに転送しています）</translation>
    </message>
    <message>
        <source>no callgate listener answers on local port %1: is it running?</source>
        <translation>ローカルのポート %1 で応答する callgate の着信受付がありません：起動していますか？</translation>
    </message>
    <message>
        <source>callgate&apos;s listener answers on local port %1: make the tunnel forward there</source>
        <translation>callgate の着信受付はローカルのポート %1 で応答しています：トンネルの転送先をそこにしてください</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>接続できます</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>接続できません</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>reachable: %1</source>
        <translation>接続できます：%1</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>接続できません：%1</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>不明：%1</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>%1まで</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ミリ秒</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>on</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>the mode setting</source>
        <translation>モードの設定</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>until turned off</source>
        <translation>解除するまで</translation>
    </message>
    <message>
        <source>no change ahead</source>
        <translation>この先の切り替えなし</translation>
    </message>
    <message>
        <source>the schedule is off: the mode setting decides (python main.py schedule on)</source>
        <translation>スケジュールはオフです。モードの設定で決まります（オンにするには `python main.py schedule on`）</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>営業時間</translation>
    </message>
    <message>
        <source>open mode</source>
        <translation>営業中のモード</translation>
    </message>
    <message>
        <source>closed mode</source>
        <translation>時間外のモード</translation>
    </message>
    <message>
        <source>holidays</source>
        <translation>祝日</translation>
    </message>
    <message>
        <source>closed days</source>
        <translation>休業日</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>タイムゾーン</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>override</source>
        <translation>手動切替</translation>
    </message>
    <message>
        <source>mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>closed every day</source>
        <translation>毎日休業</translation>
    </message>
    <message>
        <source>closed on Japanese public holidays</source>
        <translation>日本の祝日は休業</translation>
    </message>
    <message>
        <source>-</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>%1 set %2, %3: %4</source>
        <translation>%1（%2に設定、%3）: %4</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>not yet in force</source>
        <translation>まだ有効ではない</translation>
    </message>
    <message>
        <source>over</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>allow</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>block</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>one-shot</source>
        <translation>1回限り</translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>%1に期限切れ</translation>
    </message>
    <message>
        <source>matched %1x</source>
        <translation>%1回適用</translation>
    </message>
    <message>
        <source>never matched</source>
        <translation>適用なし</translation>
    </message>
    <message>
        <source>removed the rule for %1</source>
        <translation>%1のルールを削除しました</translation>
    </message>
    <message>
        <source>no rules: every call follows the mode</source>
        <translation>ルールはありません。すべての着信がモードに従います</translation>
    </message>
    <message numerus="yes">
        <source>imported %Ln rule(s) (%2 new, %3 replaced)</source>
        <translation>
            <numerusform>ルールを%Ln件取り込みました（新規%2件、置き換え%3件）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln call(s) to %2</source>
        <translation>
            <numerusform>%Ln件の着信を%2に書き出しました</numerusform>
        </translation>
    </message>
    <message>
        <source>rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>非通知</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>failsafe</source>
        <translation>フェイルセーフ</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>不正な要求</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>listening on %1 (%2); Ctrl+C stops</source>
        <translation>着信受付を開始しました：%1（%2）。Ctrl+C で停止します</translation>
    </message>
    <message>
        <source>the log is also in %1</source>
        <translation>ログは %1 にも記録しています</translation>
    </message>
    <message>
        <source>waiting  %1: %2</source>
        <translation>判断待ち  %1：%2</translation>
    </message>
    <message>
        <source>stopping: waiting calls get their default, calls in flight finish</source>
        <translation>停止しています：判断待ちの着信は既定の判定になり、処理中の着信は最後まで処理します</translation>
    </message>
    <message>
        <source>%1 %2 (%3) for call %4</source>
        <translation>%1 %2（%3）通話ID %4</translation>
    </message>
    <message>
        <source>new webhook URL: %1</source>
        <translation>新しいWebhook URL: %1</translation>
    </message>
    <message>
        <source>the old token no longer works (token-grace-hours is 0)</source>
        <translation>古いトークンはもう使えません（token-grace-hours が 0 です）</translation>
    </message>
    <message>
        <source>the old token %1 keeps working until %2</source>
        <translation>古いトークン %1 は%2まで使えます</translation>
    </message>
    <message>
        <source>register the new URL in commubo&apos;s dashboard before then</source>
        <translation>それまでに新しいURLをcommuboのダッシュボードに登録してください</translation>
    </message>
</context>
<context>
    <name>decisions</name>
    <message>
        <source>accept</source>
        <translation>通す</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>accept-all</source>
        <translation>すべて通す</translation>
    </message>
    <message>
        <source>reject-all</source>
        <translation>すべて拒否</translation>
    </message>
    <message>
        <source>ask</source>
        <translation>確認する</translation>
    </message>
    <message>
        <source>manual override</source>
        <translation>手動切替</translation>
    </message>
    <message>
        <source>schedule, office open</source>
        <translation>スケジュール・営業時間内</translation>
    </message>
    <message>
        <source>schedule, office closed</source>
        <translation>スケジュール・営業時間外</translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation>モード「%1」</translation>
    </message>
    <message>
        <source>mode %1 (%2)</source>
        <translation>モード「%1」（%2）</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>モードに従う</translation>
    </message>
    <message>
        <source>withheld caller</source>
        <translation>非通知の発信者</translation>
    </message>
    <message>
        <source>payphone</source>
        <translation>公衆電話</translation>
    </message>
    <message>
        <source>registered customer</source>
        <translation>登録顧客</translation>
    </message>
    <message>
        <source>unknown caller</source>
        <translation>未登録の発信者</translation>
    </message>
    <message>
        <source>withheld callers</source>
        <translation>非通知の発信者</translation>
    </message>
    <message>
        <source>payphones</source>
        <translation>公衆電話</translation>
    </message>
    <message>
        <source>registered customers</source>
        <translation>登録顧客</translation>
    </message>
    <message>
        <source>unknown callers</source>
        <translation>未登録の発信者</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>月曜日</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>火曜日</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>水曜日</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>木曜日</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>金曜日</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>土曜日</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>日曜日</translation>
    </message>
</context>
<context>
    <name>desktop</name>
    <message>
        <source>the console cannot open its window: system libraries that Qt needs are missing; install them with: sudo apt install %1</source>
        <translation>コンソールのウィンドウを開けません: Qt に必要なシステムライブラリが入っていません。次のコマンドでインストールしてください: sudo apt install %1</translation>
    </message>
    <message>
        <source>start callgate when you log in to this computer (this computer&apos;s setting, not the office&apos;s; while callgate is not running, commubo rejects calls)</source>
        <translation>このパソコンへのログイン時に callgate を起動する（事務所全体ではなく、このパソコンだけの設定です。callgate が動いていない間、commubo は着信を拒否します）</translation>
    </message>
    <message>
        <source>callgate in this computer&apos;s applications menu, with its icon</source>
        <translation>このパソコンのアプリケーションメニューに callgate をアイコン付きで表示する</translation>
    </message>
</context>
<context>
    <name>details</name>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>prefix %1</source>
        <translation>前方一致 %1</translation>
    </message>
    <message>
        <source>name %1</source>
        <translation>名前 %1</translation>
    </message>
    <message>
        <source>allow %1</source>
        <translation>許可 %1</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>拒否 %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>repeat caller: rejected %1 min before</source>
        <translation>再着信：%1分前に拒否</translation>
    </message>
    <message>
        <source>default %1</source>
        <translation>既定の判定「%1」</translation>
    </message>
    <message>
        <source>no console is open to ask; default %1</source>
        <translation>確認できるコンソールが開いていません。既定の判定「%1」</translation>
    </message>
    <message>
        <source>callgate is stopping; default %1</source>
        <translation>callgate の停止中。既定の判定「%1」</translation>
    </message>
    <message>
        <source>every desk is away; default %1</source>
        <translation>すべての端末が離席中。既定の判定「%1」</translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation>本文が JSON のオブジェクトではありません</translation>
    </message>
    <message>
        <source>unexpected error: %1</source>
        <translation>予期しないエラー：%1</translation>
    </message>
    <message>
        <source>screening failed: %1</source>
        <translation>判定の処理に失敗：%1</translation>
    </message>
    <message>
        <source>storage failed: %1</source>
        <translation>保存に失敗：%1</translation>
    </message>
    <message>
        <source>body larger than %1 KiB</source>
        <translation>本文が%1キロバイトを超えています</translation>
    </message>
    <message>
        <source>content type must be application/json, not %1</source>
        <translation>`Content-Type` は `application/json` でなければなりません（受信：%1）</translation>
    </message>
    <message>
        <source>the body did not arrive within %1 s</source>
        <translation>本文が%1秒以内に届きませんでした</translation>
    </message>
    <message>
        <source>the client disconnected before its whole body arrived</source>
        <translation>本文がすべて届く前に接続が切れました</translation>
    </message>
    <message>
        <source>commubo got no answer and aborted the call; recorded at the next start</source>
        <translation>commubo は応答を受け取れず、着信応答を中止しました（次の起動時に記録）</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>callgate could not do that: an internal error (%1); the log has more</source>
        <translation>callgate はその操作を実行できませんでした：内部エラーです（%1）。詳しくはログをご覧ください</translation>
    </message>
</context>
<context>
    <name>holidays</name>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元日</translation>
    </message>
    <message>
        <source>Coming of Age Day</source>
        <translation>成人の日</translation>
    </message>
    <message>
        <source>Foundation Day</source>
        <translation>建国記念の日</translation>
    </message>
    <message>
        <source>Emperor&apos;s Birthday</source>
        <translation>天皇誕生日</translation>
    </message>
    <message>
        <source>Vernal Equinox Day</source>
        <translation>春分の日</translation>
    </message>
    <message>
        <source>Showa Day</source>
        <translation>昭和の日</translation>
    </message>
    <message>
        <source>Constitution Day</source>
        <translation>憲法記念日</translation>
    </message>
    <message>
        <source>Greenery Day</source>
        <translation>みどりの日</translation>
    </message>
    <message>
        <source>Children&apos;s Day</source>
        <translation>こどもの日</translation>
    </message>
    <message>
        <source>Marine Day</source>
        <translation>海の日</translation>
    </message>
    <message>
        <source>Mountain Day</source>
        <translation>山の日</translation>
    </message>
    <message>
        <source>Respect for the Aged Day</source>
        <translation>敬老の日</translation>
    </message>
    <message>
        <source>Autumnal Equinox Day</source>
        <translation>秋分の日</translation>
    </message>
    <message>
        <source>Sports Day</source>
        <translation>スポーツの日</translation>
    </message>
    <message>
        <source>Physical Education Day</source>
        <translation>体育の日</translation>
    </message>
    <message>
        <source>Culture Day</source>
        <translation>文化の日</translation>
    </message>
    <message>
        <source>Labor Thanksgiving Day</source>
        <translation>勤労感謝の日</translation>
    </message>
    <message>
        <source>Substitute Holiday</source>
        <translation>振替休日</translation>
    </message>
    <message>
        <source>National Holiday</source>
        <translation>国民の休日</translation>
    </message>
    <message>
        <source>The Crown Prince Marriage Ceremony</source>
        <translation>結婚の儀</translation>
    </message>
    <message>
        <source>Emperor Shōwa Funeral Ceremony</source>
        <translation>大喪の礼</translation>
    </message>
    <message>
        <source>Enthronement Ceremony</source>
        <translation>即位礼正殿の儀</translation>
    </message>
    <message>
        <source>Emperor&apos;s Enthronement Day</source>
        <translation>天皇の即位の日</translation>
    </message>
</context>
<context>
    <name>listener</name>
    <message>
        <source>the listener did not start within %1 s</source>
        <translation>着信受付が%1秒以内に起動しませんでした</translation>
    </message>
    <message>
        <source>cannot listen on %1: the port is in use (is callgate already running?); choose another with --port</source>
        <translation>%1 で待ち受けできません：ポートが使用中です（callgate がすでに起動していませんか？）。--port で別のポートを指定してください</translation>
    </message>
    <message>
        <source>cannot listen on %1: this machine has no such address</source>
        <translation>%1 で待ち受けできません：このパソコンにそのアドレスはありません</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>%1 で待ち受けできません：%2</translation>
    </message>
    <message>
        <source>the listener failed to start: %1</source>
        <translation>着信受付を起動できませんでした：%1</translation>
    </message>
    <message>
        <source>fail-safe %2 for %1: %3</source>
        <translation>コール %1 はフェイルセーフで「%2」と判定しました：%3</translation>
    </message>
    <message>
        <source>call %1 answered (%2) but not recorded yet: %3; it is kept in memory only and written when storage recovers</source>
        <translation>コール %1 には応答しました（%2）が、まだ記録されていません：%3。メモリ上にだけ保持し、保存できるようになったら書き込みます</translation>
    </message>
    <message>
        <source>call %1 answered (%2) but not recorded yet: %3; it is kept in the journal and written when storage recovers</source>
        <translation>コール %1 には応答しました（%2）が、まだ記録されていません：%3。ジャーナルに保持し、保存できるようになったら書き込みます</translation>
    </message>
    <message>
        <source>storage is slow</source>
        <translation>保存に時間がかかっています</translation>
    </message>
    <message>
        <source>could not record call %1: %2</source>
        <translation>コール %1 を記録できませんでした：%2</translation>
    </message>
</context>
<context>
    <name>moments</name>
    <message>
        <source>%1-%2-%3 (%4) %5 %6</source>
        <translation>%1/%2/%3(%4) %5 %6</translation>
    </message>
    <message>
        <source>%1-%2-%3 (%4)</source>
        <translation>%1/%2/%3(%4)</translation>
    </message>
    <message>
        <source>%1-%2-%3</source>
        <translation>%1/%2/%3</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1..%2</source>
        <translation>%1〜%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
</context>
<context>
    <name>present</name>
    <message>
        <source>公衆電話 / payphone</source>
        <translation>公衆電話</translation>
    </message>
    <message>
        <source>非通知 / withheld</source>
        <translation>非通知</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未登録の発信者</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Let all through</source>
        <translation>すべて通す</translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation>確認する</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>すべて拒否</translation>
    </message>
    <message>
        <source>Let through</source>
        <translation>通した</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否した</translation>
    </message>
    <message>
        <source>by a rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>by the mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>by a person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>fail-safe</source>
        <translation>フェイルセーフ</translation>
    </message>
    <message>
        <source>refused request</source>
        <translation>不正なリクエスト</translation>
    </message>
    <message>
        <source>withheld setting</source>
        <translation>非通知の設定</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>callgate stopped</source>
        <translation>応答前に停止</translation>
    </message>
    <message>
        <source>%1 by a rule</source>
        <translation>ルールで%1</translation>
    </message>
    <message>
        <source>%1 by a rule (%2)</source>
        <translation>ルールで%1（%2）</translation>
    </message>
    <message>
        <source>%1 by the withheld-caller setting</source>
        <translation>非通知の設定で%1</translation>
    </message>
    <message>
        <source>%1 by the withheld-caller setting (%2)</source>
        <translation>非通知の設定で%1（%2）</translation>
    </message>
    <message>
        <source>%1 by the mode</source>
        <translation>モードで%1</translation>
    </message>
    <message>
        <source>%1 by the mode (%2)</source>
        <translation>モードで%1（%2）</translation>
    </message>
    <message>
        <source>%1 by a person</source>
        <translation>担当者が%1</translation>
    </message>
    <message>
        <source>%1 by a person (%2)</source>
        <translation>担当者が%1（%2）</translation>
    </message>
    <message>
        <source>%1: nobody answered in time</source>
        <translation>時間切れで%1</translation>
    </message>
    <message>
        <source>%1: nobody answered in time (%2)</source>
        <translation>時間切れで%1（%2）</translation>
    </message>
    <message>
        <source>%1 by the fail-safe</source>
        <translation>フェイルセーフで%1</translation>
    </message>
    <message>
        <source>%1 by the fail-safe (%2)</source>
        <translation>フェイルセーフで%1（%2）</translation>
    </message>
    <message>
        <source>%1: refused request</source>
        <translation>不正なリクエストのため%1</translation>
    </message>
    <message>
        <source>%1: refused request (%2)</source>
        <translation>不正なリクエストのため%1（%2）</translation>
    </message>
    <message>
        <source>%1: callgate stopped before answering</source>
        <translation>callgate が応答前に停止したため%1</translation>
    </message>
    <message>
        <source>%1: callgate stopped before answering (%2)</source>
        <translation>callgate が応答前に停止したため%1（%2）</translation>
    </message>
    <message>
        <source>by a person at %1</source>
        <translation>%1 の担当者</translation>
    </message>
    <message>
        <source>%1 by a person at %2</source>
        <translation>%2 の担当者が判定：%1</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>%1 is not a phone number: it has no digits</source>
        <translation>%1は電話番号ではありません：数字がありません</translation>
    </message>
    <message>
        <source>%1 is not a phone number: a + may only stand at the start</source>
        <translation>%1は電話番号ではありません：+ は先頭にしか置けません</translation>
    </message>
    <message>
        <source>%1 is not a phone number: %2 is a letter; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation>%1は電話番号ではありません：%2は文字です。数字と、先頭の + と、数字の間の空白・ハイフン・ピリオド・スラッシュ・かっこだけを入力してください</translation>
    </message>
    <message>
        <source>%1 is not a phone number: %2 has no place in a phone number; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation>%1は電話番号ではありません：%2は電話番号に使えません。数字と、先頭の + と、数字の間の空白・ハイフン・ピリオド・スラッシュ・かっこだけを入力してください</translation>
    </message>
    <message>
        <source>%1 is not a possible phone number</source>
        <translation>%1は有効な電話番号ではありません</translation>
    </message>
    <message>
        <source>%1 is not a prefix: a prefix ends with *, like 0120*</source>
        <translation>%1は前方一致の番号ではありません：前方一致は 0120* のように * で終わります</translation>
    </message>
    <message>
        <source>%1 is not a prefix: a * may only stand at the end</source>
        <translation>%1は前方一致の番号ではありません：* は末尾にしか置けません</translation>
    </message>
    <message>
        <source>%1 is not a prefix: a + may only stand at the start</source>
        <translation>%1は前方一致の番号ではありません：+ は先頭にしか置けません</translation>
    </message>
    <message>
        <source>%1 is not a prefix: %2 is a letter; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation>%1は前方一致の番号ではありません：%2は文字です。数字と、先頭の + と、数字の間の空白・ハイフン・ピリオド・スラッシュ・かっこだけを入力してください</translation>
    </message>
    <message>
        <source>%1 is not a prefix: %2 has no place in a phone number; write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them</source>
        <translation>%1は前方一致の番号ではありません：%2は電話番号に使えません。数字と、先頭の + と、数字の間の空白・ハイフン・ピリオド・スラッシュ・かっこだけを入力してください</translation>
    </message>
    <message>
        <source>%1 is not a prefix: it has no digits before the * (a rule for every caller is a mode, not a rule)</source>
        <translation>%1は前方一致の番号ではありません：* の前に数字がありません（すべての発信者に当てはまるものは、ルールではなくモードで決めます）</translation>
    </message>
    <message>
        <source>%1 is not a prefix: no country code starts with 0</source>
        <translation>%1は前方一致の番号ではありません：0 で始まる国番号はありません</translation>
    </message>
    <message>
        <source>%1 is not a prefix: a Japanese prefix starts with 0 (like 0120*), an international one with + and the country code (like +1*)</source>
        <translation>%1は前方一致の番号ではありません：国内の番号は 0 で始まり（例：0120*）、海外の番号は + と国番号で始まります（例：+1*）</translation>
    </message>
    <message>
        <source>%1 is not a prefix: write numbers abroad with + and the country code, like +1*</source>
        <translation>%1は前方一致の番号ではありません：海外の番号は +1* のように + と国番号で書いてください</translation>
    </message>
    <message>
        <source>%1 is not a prefix: 0* would match every number in Japan (that is a mode, not a rule)</source>
        <translation>%1は前方一致の番号ではありません：0* は国内のすべての番号に当てはまります（それはルールではなくモードで決めます）</translation>
    </message>
    <message>
        <source>%1 is too long for a prefix: numbers have at most %2 digits</source>
        <translation>%1は前方一致の番号として長すぎます：電話番号は最大%2桁です</translation>
    </message>
    <message>
        <source>a name rule needs a name</source>
        <translation>名前のルールには名前が必要です</translation>
    </message>
    <message>
        <source>%1 names nobody: a legal form or punctuation alone matches every company</source>
        <translation>%1では相手を特定できません：法人格や記号だけでは、すべての会社に当てはまります</translation>
    </message>
    <message>
        <source>%1 looks like a number: use a number or prefix rule for it</source>
        <translation>%1は番号のようです：電話番号か前方一致のルールにしてください</translation>
    </message>
    <message>
        <source>%1 is not a duration: write it like 30m, 24h or 7d</source>
        <translation>%1 は期間ではありません：30分、24時間、7日 のように入力してください</translation>
    </message>
    <message>
        <source>%1 is too long for a duration</source>
        <translation>%1 は期間として長すぎます</translation>
    </message>
    <message>
        <source>%1 is no time at all: a duration must be longer than zero</source>
        <translation>%1 では期間になりません：0 より長くしてください</translation>
    </message>
    <message>
        <source>%1 is already past: a temporary rule must end in the future</source>
        <translation>%1 はすでに過ぎています：期限付きのルールは、これから先の日時で終わるようにしてください</translation>
    </message>
    <message>
        <source>%1 is not a time zone (like Asia/Tokyo)</source>
        <translation>%1はタイムゾーンではありません（例：`Asia/Tokyo`）</translation>
    </message>
    <message>
        <source>%1 is not a time: write it like 2025-01-06T09:30 (office time) or with an offset, 2025-01-06T09:30+09:00</source>
        <translation>%1は日時ではありません：2025/01/06 09:30（事務所の時刻）のように、または時差を付けて 2025-01-06T09:30+09:00 のように入力してください</translation>
    </message>
    <message>
        <source>%1: %2 is not a start time (00:00 to 23:59)</source>
        <translation>%1：%2 は開始時刻ではありません（00:00〜23:59）</translation>
    </message>
    <message>
        <source>%1: %2 is not an end time (00:00 to 24:00)</source>
        <translation>%1：%2 は終了時刻ではありません（00:00〜24:00）</translation>
    </message>
    <message>
        <source>%1: %2 ends before it starts (write a stretch across midnight as 22:00-24:00 and 00:00-06:00 next day)</source>
        <translation>%1：%2 は開始より前に終わっています（日付をまたぐ時間帯は、22:00-24:00 と翌日の 00:00-06:00 に分けて書いてください）</translation>
    </message>
    <message>
        <source>%1 is not business hours: write them like 9:00-12:00, 13:00-18:00</source>
        <translation>%1は営業時間ではありません：9:00-12:00, 13:00-18:00 のように入力してください</translation>
    </message>
    <message>
        <source>%1: %2 is not a day of the week (mon, tue, … sun)</source>
        <translation>%1：%2は曜日ではありません（`mon`、`tue`、…、`sun`）</translation>
    </message>
    <message>
        <source>%1: %2 runs backwards (write mon-fri, not fri-mon)</source>
        <translation>%1：%2 は順序が逆です（`fri-mon` ではなく `mon-fri` と書いてください）</translation>
    </message>
    <message>
        <source>%1: %2 is given twice</source>
        <translation>%1：%2 が2回指定されています</translation>
    </message>
    <message>
        <source>%1 is not closed days: write a date or a range like 2025-12-29..2026-01-03, or 12-29..01-03 for every year</source>
        <translation>%1は休業日ではありません：日付か、2025/12/29〜2026/01/03 のような期間を入力してください。毎年の休業日は 12/29〜01/03 のように書きます</translation>
    </message>
    <message>
        <source>%1: give the year on both dates or on neither</source>
        <translation>%1：年は両方の日付に付けるか、どちらにも付けないでください</translation>
    </message>
    <message>
        <source>closed days must end on or after their first day, not %1</source>
        <translation>休業日の終わりは初日と同じか、それより後にしてください（%1 は使えません）</translation>
    </message>
    <message>
        <source>closed days %1 last longer than a year</source>
        <translation>休業日 %1 は1年より長くなっています</translation>
    </message>
    <message>
        <source>%1 is not a date: there is no month %2</source>
        <translation>%1は日付ではありません：%2月はありません</translation>
    </message>
    <message>
        <source>%1 is not a date: there is no year %2</source>
        <translation>%1は日付ではありません：%2年はありません</translation>
    </message>
    <message>
        <source>%1 is not a date: month %3 has no day %2</source>
        <translation>%1は日付ではありません：%3月%2日はありません</translation>
    </message>
    <message>
        <source>ask timeout must be a number of seconds, not %1</source>
        <translation>確認の判断時間は秒数で指定してください（%1 は使えません）</translation>
    </message>
    <message>
        <source>ask timeout must be between %1 and %2 seconds</source>
        <translation>確認の判断時間は%1〜%2秒で指定してください</translation>
    </message>
    <message>
        <source>repeat-caller window must be a number of minutes, not %1</source>
        <translation>再着信とみなす間隔は分数で指定してください（%1 は使えません）</translation>
    </message>
    <message>
        <source>repeat-caller window must be between %1 and %2 minutes</source>
        <translation>再着信とみなす間隔は%1〜%2分で指定してください</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>tunnel</source>
        <translation>トンネル</translation>
    </message>
    <message>
        <source>public URL</source>
        <translation>公開URL</translation>
    </message>
    <message>
        <source>self-test</source>
        <translation>自己テスト</translation>
    </message>
    <message>
        <source>none configured (python main.py config tunnel ngrok|cloudflared|url)</source>
        <translation>未設定（設定するには `python main.py config tunnel ngrok|cloudflared|url`）</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1、%2: %3</translation>
    </message>
    <message>
        <source>ngrok</source>
        <translation>ngrok</translation>
    </message>
    <message>
        <source>cloudflared</source>
        <translation>cloudflared</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL入力</translation>
    </message>
    <message>
        <source>quick</source>
        <translation>クイックトンネル</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>cannot be watched</source>
        <translation>監視できません</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>%1   (--show-token shows the token)</source>
        <translation>%1   （--show-token でトークンを表示）</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>ok: %1</source>
        <translation>成功: %1</translation>
    </message>
    <message>
        <source>ok (%1 ms): %2</source>
        <translation>成功（%1ミリ秒）: %2</translation>
    </message>
    <message>
        <source>FAILED (%1): %2</source>
        <translation>失敗（%1）: %2</translation>
    </message>
    <message>
        <source>FAILED (%1) (%2 ms): %3</source>
        <translation>失敗（%1、%2ミリ秒）: %3</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>no-public-url</source>
        <translation>公開URLなし</translation>
    </message>
    <message>
        <source>dns</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>tls</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>接続拒否</translation>
    </message>
    <message>
        <source>wrong-token</source>
        <translation>トークン違い</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒否された</translation>
    </message>
    <message>
        <source>http-error</source>
        <translation>HTTPエラー</translation>
    </message>
    <message>
        <source>other-listener</source>
        <translation>別の相手が応答</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>steps</name>
    <message>
        <source>The caller shows no number: a withheld caller (非通知).</source>
        <translation>発信者は番号を通知していません：非通知の発信者です。</translation>
    </message>
    <message>
        <source>The caller shows no number (%1): a withheld caller (非通知).</source>
        <translation>発信者は番号を通知していません（%1）：非通知の発信者です。</translation>
    </message>
    <message>
        <source>The caller is a payphone (公衆電話, sent as %1).</source>
        <translation>発信者は公衆電話です（受信時の番号：%1）。</translation>
    </message>
    <message>
        <source>The caller %1 (%2) is a registered customer.</source>
        <translation>発信者 %1（%2）は登録顧客です。</translation>
    </message>
    <message>
        <source>The caller %1 (%2) is a registered customer: %3.</source>
        <translation>発信者 %1（%2）は登録顧客です：%3。</translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is a registered customer.</source>
        <translation>発信者%1は有効な電話番号ではありませんが、登録顧客です。</translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is a registered customer: %2.</source>
        <translation>発信者%1は有効な電話番号ではありませんが、登録顧客です：%2。</translation>
    </message>
    <message>
        <source>The caller %1 (%2) is not a registered customer: an unknown caller.</source>
        <translation>発信者 %1（%2）は登録顧客ではないため、未登録の発信者として扱います。</translation>
    </message>
    <message>
        <source>The caller %1, which is no possible phone number, is not a registered customer: an unknown caller.</source>
        <translation>発信者%1は有効な電話番号ではなく、登録顧客でもありません：未登録の発信者です。</translation>
    </message>
    <message>
        <source>Allow rule #%1 for %2</source>
        <translation>%2 の許可ルール #%1</translation>
    </message>
    <message>
        <source>Block rule #%1 for %2</source>
        <translation>%2 の拒否ルール #%1</translation>
    </message>
    <message>
        <source>One-shot allow rule #%1 for %2</source>
        <translation>%2 の1回限りの許可ルール #%1</translation>
    </message>
    <message>
        <source>One-shot block rule #%1 for %2</source>
        <translation>%2 の1回限りの拒否ルール #%1</translation>
    </message>
    <message>
        <source>a more specific rule applies</source>
        <translation>より具体的なルールが優先されます</translation>
    </message>
    <message>
        <source>block wins at equal specificity</source>
        <translation>具体性が同じなら拒否が優先されます</translation>
    </message>
    <message>
        <source>an equal rule applies first</source>
        <translation>同等のルールが先に適用されます</translation>
    </message>
    <message>
        <source>No number or prefix rule names this caller.</source>
        <translation>この発信者に当てはまる電話番号・前方一致のルールはありません。</translation>
    </message>
    <message>
        <source>No name rule names this caller.</source>
        <translation>この発信者に当てはまる名前のルールはありません。</translation>
    </message>
    <message>
        <source>Name rules apply only to registered customers.</source>
        <translation>名前のルールは登録顧客にだけ当てはまります。</translation>
    </message>
    <message>
        <source>%1 expired at %2: it no longer matches.</source>
        <translation>%1 は %2 に期限が切れました：もう当てはまりません。</translation>
    </message>
    <message>
        <source>%1 matches.</source>
        <translation>%1 が当てはまります。</translation>
    </message>
    <message>
        <source>%1 matches too, but %2.</source>
        <translation>%1 も当てはまりますが、%2。</translation>
    </message>
    <message>
        <source>It is a one-shot rule: this call uses it up.</source>
        <translation>1回限りのルールです：この着信で使い切ります。</translation>
    </message>
    <message>
        <source>Repeat caller is on, but needs a number to recognise the caller.</source>
        <translation>再着信はオンですが、発信者を見分けるには番号が必要です。</translation>
    </message>
    <message>
        <source>Repeat caller is on: this number has no reject on record.</source>
        <translation>再着信はオンです：この番号を拒否した記録はありません。</translation>
    </message>
    <message>
        <source>This number was last rejected at %1, within %2 min: a repeat caller rings through.</source>
        <translation>この番号を最後に拒否したのは %1 で、%2分以内です：再着信として通します。</translation>
    </message>
    <message>
        <source>This number was last rejected at %1, not within %2 min: no repeat caller.</source>
        <translation>この番号を最後に拒否したのは %1 で、%2分以内ではありません：再着信ではありません。</translation>
    </message>
    <message>
        <source>Payphones are treated as withheld callers.</source>
        <translation>公衆電話は非通知の発信者として扱います。</translation>
    </message>
    <message>
        <source>The setting for %1 is to follow the mode.</source>
        <translation>%1の設定は「モードに従う」です。</translation>
    </message>
    <message>
        <source>The setting for %1 is %2: it decides.</source>
        <translation>%1の設定は「%2」です：これで判定します。</translation>
    </message>
    <message>
        <source>The mode setting is %1.</source>
        <translation>モードの設定は「%1」です。</translation>
    </message>
    <message>
        <source>No schedule: the mode setting is %1.</source>
        <translation>スケジュールはありません：モードの設定は「%1」です。</translation>
    </message>
    <message>
        <source>Mode %1: a person decides within %2 s, else %3.</source>
        <translation>モード「%1」：担当者が%2秒以内に判断し、判断がなければ「%3」です。</translation>
    </message>
    <message>
        <source>Mode %1: %2.</source>
        <translation>モード「%1」：%2。</translation>
    </message>
    <message>
        <source>The mode in force was not needed: %1.</source>
        <translation>現在のモードは適用されませんでした（%1）。</translation>
    </message>
    <message>
        <source>Schedule (%1) at %2: %3; the scheduled mode is %4 until %5.</source>
        <translation>スケジュール（%1）の %2：%3。スケジュールのモードは %5 まで「%4」です。</translation>
    </message>
    <message>
        <source>Schedule (%1) at %2: %3; the scheduled mode is %4 with no change ahead.</source>
        <translation>スケジュール（%1）の %2：%3。スケジュールのモードは「%4」で、この先の切り替えはありません。</translation>
    </message>
    <message>
        <source>open: inside business hours (%1 %2)</source>
        <translation>営業中：営業時間内（%1 %2）</translation>
    </message>
    <message>
        <source>closed: outside business hours (%1 %2)</source>
        <translation>休業中：営業時間外（%1 %2）</translation>
    </message>
    <message>
        <source>closed: no business hours on %1</source>
        <translation>休業中：%1は営業時間がありません</translation>
    </message>
    <message>
        <source>closed all day: %1</source>
        <translation>終日休業：%1</translation>
    </message>
    <message>
        <source>closed day (%1)</source>
        <translation>休業日（%1）</translation>
    </message>
    <message>
        <source>public holiday (%1)</source>
        <translation>祝日（%1）</translation>
    </message>
    <message>
        <source>A manual override to %1 was set later, at %2: it does not apply yet.</source>
        <translation>「%1」への手動切替はその後の %2 に設定されたので、まだ当てはまりません。</translation>
    </message>
    <message>
        <source>Manual override: %1 since %2, until turned off.</source>
        <translation>手動切替：%2 から「%1」、解除するまで。</translation>
    </message>
    <message>
        <source>Manual override: %1 since %2, until the next schedule change at %3.</source>
        <translation>手動切替：%2 から「%1」、次のスケジュールの切り替え（%3）まで。</translation>
    </message>
    <message>
        <source>A manual override to %1 set at %2 has expired: it lasted until the next schedule change at %3.</source>
        <translation>%2 に設定した「%1」への手動切替は終わりました：次のスケジュールの切り替え（%3）までの設定でした。</translation>
    </message>
</context>
</TS>
