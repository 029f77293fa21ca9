<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>請稍候</translation>
    </message>
</context>
<context>
    <name>DataPlot</name>
    <message>
        <source>mean of squared residuals</source>
        <extracomment>What the loss averages over the residuals, by loss (English; shown through translate).</extracomment>
        <translation>殘差平方的平均</translation>
    </message>
    <message>
        <source>mean of |residuals|</source>
        <translation>|殘差| 的平均</translation>
    </message>
    <message>
        <source>mean Huber penalty of residuals</source>
        <translation>殘差 Huber 懲罰的平均</translation>
    </message>
    <message>
        <source>Data and fit</source>
        <extracomment>the title, axis labels and legend entries, each as a function giving its text in the current language (re-read on a language change)</extracomment>
        <translation>資料與擬合</translation>
    </message>
    <message>
        <source>Data and fit: no data (analytic surface)</source>
        <extracomment>ring the focus run&apos;s mini-batch; draw residuals (regression on one feature)</extracomment>
        <translation>資料與擬合：沒有資料（解析曲面）</translation>
    </message>
    <message>
        <source>Data: {name} ({rows} rows)</source>
        <translation>資料：{name}（{rows} 筆）</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>訓練資料</translation>
    </message>
    <message>
        <source>test data</source>
        <translation>測試資料</translation>
    </message>
    <message>
        <source>model&apos;s prediction ŷ</source>
        <translation>模型的預測 ŷ</translation>
    </message>
    <message>
        <source>decision boundary p = ½</source>
        <translation>決策邊界 p = ½</translation>
    </message>
    <message>
        <source>actual {target}</source>
        <translation>實際 {target}</translation>
    </message>
    <message>
        <source>predicted {target}</source>
        <translation>預測 {target}</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(類別 1)</translation>
    </message>
    <message>
        <source>prediction (focus run)</source>
        <translation>預測（焦點執行）</translation>
    </message>
    <message>
        <source>class {k}</source>
        <translation>類別 {k}</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>{error}

Details were written to {path}.</source>
        <translation>{error}

詳細資訊已寫入 {path}。</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>錯誤：{error}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>此安裝缺少使用指南。</translation>
    </message>
    <message>
        <source>GD Studio — user guide</source>
        <translation>GD Studio — 使用指南</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Tab moves between controls; Space plays and pauses even while a number field has the focus.</source>
        <translation>Tab 鍵在控制項之間移動；即使數字欄位有焦點，空白鍵仍可播放和暫停。</translation>
    </message>
    <message>
        <source>An interactive application that teaches gradient descent: pick a problem, a learning rate and a gradient-descent variant, then step, pause, rewind and run while the loss curve, the descent path and the model&apos;s fit update live.</source>
        <translation>一個教梯度下降的互動式應用程式：選擇問題、學習率和梯度下降的變體，然後單步、暫停、倒轉和執行，同時即時看到損失曲線、下降路徑和模型的擬合。</translation>
    </message>
    <message>
        <source>MIT licence. The bundled datasets keep their own licences:</source>
        <translation>MIT 授權。內建的資料集保有各自的授權：</translation>
    </message>
    <message>
        <source>About GD Studio</source>
        <translation>關於 GD Studio</translation>
    </message>
</context>
<context>
    <name>LandscapePanel</name>
    <message>
        <source>parameter axes</source>
        <extracomment>The view follows runs that leave it until it is this many times wider than the first frame of the problem (then the run is far beyond anything worth drawing). At most this many points of each path are used to frame the view. The planes&apos; names in titles (English; shown through ``translate``).</extracomment>
        <translation>參數軸</translation>
    </message>
    <message>
        <source>PCA plane of the descent path</source>
        <translation>下降路徑的 PCA 平面</translation>
    </message>
    <message>
        <source>filter-normalised random plane</source>
        <translation>濾波器正規化的隨機平面</translation>
    </message>
    <message>
        <source>Contours</source>
        <extracomment>what the title says: (&quot;plain&quot;, None) &quot;Loss landscape&quot;, (&quot;one_d&quot;, None) or (&quot;plane&quot;, the values of :meth:`_title_values`) — rendered in the current language</extracomment>
        <translation>等高線</translation>
    </message>
    <message>
        <source>Mountain (3-D)</source>
        <translation>山景（3D）</translation>
    </message>
    <message>
        <source>The loss surface in 3-D: each run rolls down into the valley. Rotate with the mouse, zoom with the wheel.</source>
        <translation>3D 的損失曲面：每個執行都像一顆球滾進山谷。用滑鼠旋轉，用滾輪縮放。</translation>
    </message>
    <message>
        <source>Random directions (filter-normalised)</source>
        <translation>隨機方向（濾波器正規化）</translation>
    </message>
    <message>
        <source>Two parameters</source>
        <translation>兩個參數</translation>
    </message>
    <message>
        <source>With more than two parameters the landscape is drawn on a plane through parameter space; the path is projected on it.</source>
        <translation>參數超過兩個時，損失地形畫在參數空間中的一個平面上，路徑則投影到這個平面。</translation>
    </message>
    <message>
        <source>The parameters spanning the plane (the others stay at the focus run&apos;s current values).</source>
        <translation>張成這個平面的兩個參數（其他參數維持焦點執行目前的值）。</translation>
    </message>
    <message>
        <source>Re-fit plane</source>
        <translation>重新擬合平面</translation>
    </message>
    <message>
        <source>Recompute the plane and the landscape around the path so far.</source>
        <translation>依目前為止的路徑，重新計算平面與周圍的損失地形。</translation>
    </message>
    <message>
        <source>Pin view</source>
        <translation>固定視野</translation>
    </message>
    <message>
        <source>Keep the landscape where it is: do not re-frame it when runs are reset or leave the view (F still fits it to the paths).</source>
        <translation>讓損失地形保持不動：執行重設或離開視野時都不重新取景（按 F 仍會依路徑調整視野）。</translation>
    </message>
    <message>
        <source>Plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>θ and L(θ) under the mouse; click to start there.</source>
        <translation>滑鼠所在位置的 θ 與 L(θ)；按一下即從該處開始。</translation>
    </message>
    <message>
        <source>computing the landscape…</source>
        <translation>正在計算損失地形…</translation>
    </message>
    <message>
        <source>One parameter: the loss curve, the slope at θ and the step</source>
        <translation>單一參數：損失曲線、θ 處的斜率與這一步</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>損失地形</translation>
    </message>
    <message>
        <source>{title}: f({variables}) = {formula}</source>
        <translation>{title}：f({variables}) = {formula}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Loss landscape L({a}, {b}), {loss}</source>
        <translation>損失地形 L({a}, {b})，{loss}</translation>
    </message>
    <message>
        <source>L on the {plane}, {loss}</source>
        <translation>{plane}上的損失 L，{loss}</translation>
    </message>
    <message>
        <source>{point}   (click to start here)</source>
        <translation>{point}   （按一下從這裡開始）</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>direction 1</source>
        <extracomment>At most this many points of a descent path are drawn (evenly thinned, last kept). the arrow the update card&apos;s stage points at (the others fade), or None True: −η∇L drawn to scale (the plain GD step η·g); False: the direction only, every arrow scaled together to 15 % of the view ‖∇L‖ below which the gradient arrows fade (the run is at a stationary point)</extracomment>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>{step} (GD step)</source>
        <translation>{step}（梯度下降的一步）</translation>
    </message>
    <message>
        <source>−∇L (direction)</source>
        <translation>−∇L（方向）</translation>
    </message>
    <message>
        <source>{step} full batch</source>
        <translation>{step}（全批次）</translation>
    </message>
    <message>
        <source>+∇L (uphill)</source>
        <translation>+∇L（上坡）</translation>
    </message>
    <message>
        <source>components −η ∂L/∂θᵢ</source>
        <translation>分量 −η ∂L/∂θᵢ</translation>
    </message>
    <message>
        <source>components −∂L/∂θᵢ</source>
        <translation>分量 −∂L/∂θᵢ</translation>
    </message>
    <message>
        <source>−ηv (momentum)</source>
        <translation>−ηv（動量）</translation>
    </message>
    <message>
        <source>−v (momentum)</source>
        <translation>−v（動量）</translation>
    </message>
    <message>
        <source>last update θₖ − θₖ₋₁</source>
        <translation>上一次更新 θₖ − θₖ₋₁</translation>
    </message>
    <message>
        <source>next step Δθ (the optimizer&apos;s)</source>
        <translation>下一步 Δθ（最佳化器的）</translation>
    </message>
    <message>
        <source>{step} mini-batch</source>
        <translation>{step}（小批次）</translation>
    </message>
</context>
<context>
    <name>LossCurvePlot</name>
    <message>
        <source>step k</source>
        <extracomment>The loss curve&apos;s x axis: unit → label (English; shown through ``translate``).</extracomment>
        <translation>步數 k</translation>
    </message>
    <message>
        <source>epoch (passes over the training set)</source>
        <translation>訓練週期（走過整個訓練集的次數）</translation>
    </message>
    <message>
        <source>training examples seen</source>
        <translation>已看過的訓練樣本數</translation>
    </message>
    <message>
        <source>loss L(θₖ)</source>
        <extracomment>x axis: &quot;step&quot;, &quot;epoch&quot; or &quot;examples&quot; (training examples seen)</extracomment>
        <translation>損失 L(θₖ)</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>訓練週期</translation>
    </message>
    <message>
        <source>dashed: loss on the test set</source>
        <translation>虛線：測試集上的損失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The scenario could not be opened ({error}); showing the default one instead.</source>
        <extracomment>Shortest time between two redraws of the plots (60 frames per second). Shortest time between two redraws of the data view&apos;s fit (it evaluates the model). CSV files at least this large (bytes) load on a worker thread under a progress dialog.</extracomment>
        <translation>無法開啟情境（{error}）；改為顯示預設情境。</translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>runs given a fresh trainer whose first (truncating) batch has not come yet</extracomment>
        <translation>設定</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>課程</translation>
    </message>
    <message>
        <source>This update</source>
        <translation>這次更新</translation>
    </message>
    <message>
        <source>Data and fit</source>
        <translation>資料與擬合</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神經網路</translation>
    </message>
    <message>
        <source>η sweep</source>
        <translation>η 掃描</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Cannot change the language</source>
        <translation>無法切換語言</translation>
    </message>
    <message>
        <source>The catalogue of {lang} is missing.</source>
        <translation>缺少 {lang} 的翻譯檔。</translation>
    </message>
    <message>
        <source>Cannot do this step</source>
        <translation>無法執行這一步</translation>
    </message>
    <message>
        <source>Save as lesson</source>
        <translation>另存為課程</translation>
    </message>
    <message>
        <source>Lessons (*.toml)</source>
        <translation>課程 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot save the lesson</source>
        <translation>無法儲存課程</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <source>Settings reset: the next start uses the defaults</source>
        <translation>設定已重設：下次啟動時使用預設值</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>無法開啟情境</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>開啟情境</translation>
    </message>
    <message>
        <source>Scenarios (*.toml);;All files (*)</source>
        <translation>情境 (*.toml);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Cannot save the scenario</source>
        <translation>無法儲存情境</translation>
    </message>
    <message>
        <source>Saved {path}; its CSV file is in another folder, so it will not open again: put the CSV file beside the scenario</source>
        <translation>已儲存 {path}；它的 CSV 檔在另一個資料夾，所以之後無法再開啟：請把 CSV 檔放在情境檔旁邊</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>儲存情境</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>情境 (*.toml)</translation>
    </message>
    <message>
        <source>Open CSV</source>
        <translation>開啟 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 檔案 (*.csv *.tsv *.txt);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Columns of {file}</source>
        <translation>{file} 的欄位</translation>
    </message>
    <message>
        <source>Cannot read the CSV file</source>
        <translation>無法讀取 CSV 檔</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在讀取 {file}…</translation>
    </message>
    <message>
        <source>Cannot read the columns</source>
        <translation>無法讀取欄位</translation>
    </message>
    <message>
        <source>Cannot use this data</source>
        <translation>無法使用這份資料</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>正在載入 {file}…</translation>
    </message>
    <message>
        <source>Cannot add a run</source>
        <translation>無法加入執行</translation>
    </message>
    <message>
        <source>Error.</source>
        <translation>錯誤。</translation>
    </message>
    <message>
        <source>Cannot use this learning rate</source>
        <translation>無法使用這個學習率</translation>
    </message>
    <message>
        <source>, … ({count} parameters)</source>
        <translation>、…（共 {count} 個參數）</translation>
    </message>
    <message>
        <source>Training example #{index}: its share of ∇L is ({parts}); ∇L is the mean of all the shares</source>
        <translation>訓練樣本 #{index}：它對 ∇L 的貢獻是 ({parts})；∇L 是所有貢獻的平均</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>無法匯出</translation>
    </message>
    <message>
        <source>Export the plot</source>
        <translation>匯出圖表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 圖片 (*.png);;SVG 繪圖 (*.svg)</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>匯出歷程</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>Step</source>
        <translation>單步</translation>
    </message>
    <message>
        <source>Take one gradient-descent step</source>
        <translation>走一步梯度下降</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>退回一步</translation>
    </message>
    <message>
        <source>Undo the last step (rewind)</source>
        <translation>撤銷上一步（倒轉）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <source>Back to the start point θ₀</source>
        <translation>回到起點 θ₀</translation>
    </message>
    <message>
        <source>Run to stop</source>
        <translation>執行到停止</translation>
    </message>
    <message>
        <source>Train as fast as possible until a stopping criterion is met</source>
        <translation>盡快訓練，直到符合停止條件</translation>
    </message>
    <message>
        <source>Open scenario…</source>
        <translation>開啟情境…</translation>
    </message>
    <message>
        <source>Open a scenario (lesson) TOML file</source>
        <translation>開啟情境（課程）TOML 檔</translation>
    </message>
    <message>
        <source>Save as lesson…</source>
        <translation>另存為課程…</translation>
    </message>
    <message>
        <source>Save the set-up with all its runs as a lesson file a teacher can add pages to</source>
        <translation>把目前的設定和所有執行存成課程檔，老師可以再加入頁面</translation>
    </message>
    <message>
        <source>Save scenario…</source>
        <translation>儲存情境…</translation>
    </message>
    <message>
        <source>Save the scenario and its comparison runs as TOML</source>
        <translation>把情境和它的比較執行存成 TOML</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>開啟 CSV…</translation>
    </message>
    <message>
        <source>Load your own data from a CSV file</source>
        <translation>從 CSV 檔載入你自己的資料</translation>
    </message>
    <message>
        <source>Export history as CSV…</source>
        <translation>匯出歷程為 CSV…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s steps with the columns of gdstudio run --csv</source>
        <translation>用 gdstudio run --csv 的欄位儲存選取執行的每一步</translation>
    </message>
    <message>
        <source>Export loss curve…</source>
        <translation>匯出損失曲線…</translation>
    </message>
    <message>
        <source>Save the loss curve as a PNG image or SVG drawing</source>
        <translation>把損失曲線存成 PNG 圖片或 SVG 繪圖</translation>
    </message>
    <message>
        <source>Export landscape…</source>
        <translation>匯出損失地形…</translation>
    </message>
    <message>
        <source>Save the landscape as a PNG image or SVG drawing</source>
        <translation>把損失地形存成 PNG 圖片或 SVG 繪圖</translation>
    </message>
    <message>
        <source>Export data view…</source>
        <translation>匯出資料圖…</translation>
    </message>
    <message>
        <source>Save the data and fit as a PNG image or SVG drawing</source>
        <translation>把資料與擬合存成 PNG 圖片或 SVG 繪圖</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>How to use GD Studio, step by step (offline)</source>
        <translation>一步一步學會使用 GD Studio（離線）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Every shortcut of the window</source>
        <translation>視窗的所有快速鍵</translation>
    </message>
    <message>
        <source>Reset settings</source>
        <translation>重設設定</translation>
    </message>
    <message>
        <source>Forget the window layout, speed and recent files</source>
        <translation>忘記視窗配置、速度和最近使用的檔案</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Quit GD Studio</source>
        <translation>結束 GD Studio</translation>
    </message>
    <message>
        <source>Log-scale loss axis</source>
        <translation>對數刻度損失軸</translation>
    </message>
    <message>
        <source>Show the loss on a log scale</source>
        <translation>用對數刻度顯示損失</translation>
    </message>
    <message>
        <source>Show gradient arrows</source>
        <translation>顯示梯度箭頭</translation>
    </message>
    <message>
        <source>Show −∇L, the velocity and the update at the current θ</source>
        <translation>在目前的 θ 顯示 −∇L、速度和更新</translation>
    </message>
    <message>
        <source>Arrows to scale (−η∇L)</source>
        <translation>箭頭按比例（−η∇L）</translation>
    </message>
    <message>
        <source>Draw −η∇L as the step gradient descent takes; off: the direction only, at a readable length</source>
        <translation>把 −η∇L 畫成梯度下降實際走的步伐；關閉時只畫方向，長度方便閱讀</translation>
    </message>
    <message>
        <source>Show residuals</source>
        <translation>顯示殘差</translation>
    </message>
    <message>
        <source>Draw the error of each training point to the fitted line (regression on one feature)</source>
        <translation>畫出每個訓練點到擬合直線的誤差（單一特徵的迴歸）</translation>
    </message>
    <message>
        <source>Highlight the mini-batch</source>
        <translation>標示小批次</translation>
    </message>
    <message>
        <source>Ring the training examples the next update of the selected run uses (mini-batch and stochastic GD)</source>
        <translation>圈出選取執行下一次更新使用的訓練樣本（小批次與隨機梯度下降）</translation>
    </message>
    <message>
        <source>Fit landscape to the paths</source>
        <translation>地形圖配合路徑</translation>
    </message>
    <message>
        <source>Recompute the landscape around every descent path</source>
        <translation>圍繞所有下降路徑重新計算損失地形</translation>
    </message>
    <message>
        <source>Pin the landscape view</source>
        <translation>固定地形視圖</translation>
    </message>
    <message>
        <source>Keep the landscape where it is when runs reset or leave it</source>
        <translation>執行重設或離開時，地形圖保持不動</translation>
    </message>
    <message>
        <source>Learning-rate sweep</source>
        <translation>學習率掃描</translation>
    </message>
    <message>
        <source>The loss after N steps for many learning rates at once: too small, just right, too large</source>
        <translation>一次看許多學習率在 N 步後的損失：太小、剛好、太大</translation>
    </message>
    <message>
        <source>Add comparison run</source>
        <translation>加入比較執行</translation>
    </message>
    <message>
        <source>Add a run with a copy of the selected run&apos;s optimizer settings</source>
        <translation>加入一個執行，複製選取執行的最佳化器設定</translation>
    </message>
    <message>
        <source>Remove selected run</source>
        <translation>移除選取的執行</translation>
    </message>
    <message>
        <source>Remove the selected comparison run</source>
        <translation>移除選取的比較執行</translation>
    </message>
    <message>
        <source>About GD Studio</source>
        <translation>關於 GD Studio</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本與授權</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <source>Draw the loss against steps</source>
        <translation>以步數為橫軸畫出損失</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>訓練週期</translation>
    </message>
    <message>
        <source>Draw the loss against epochs</source>
        <translation>以訓練週期為橫軸畫出損失</translation>
    </message>
    <message>
        <source>Training examples seen</source>
        <translation>看過的訓練樣本數</translation>
    </message>
    <message>
        <source>Draw the loss against training examples seen</source>
        <translation>以看過的訓練樣本數為橫軸畫出損失</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>訓練(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Loss curve x-axis</source>
        <translation>損失曲線的橫軸</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近開啟</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>課程(&amp;L)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause training</source>
        <translation>播放或暫停訓練</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Converged</source>
        <translation>已收斂</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已發散</translation>
    </message>
    <message>
        <source>the loss or its gradient stopped being a number</source>
        <translation>損失或它的梯度不再是數字</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>損失變成無限大</translation>
    </message>
    <message>
        <source>the loss reached {value}</source>
        <translation>損失達到 {value}</translation>
    </message>
    <message>
        <source>Run {run} ({name})</source>
        <translation>執行 {run}（{name}）</translation>
    </message>
    <message>
        <source>{who} diverged at step {step}: {what}</source>
        <translation>{who} 在第 {step} 步發散：{what}</translation>
    </message>
    <message>
        <source>{who} converged at step {step}: ‖∇L‖ fell below {tol}</source>
        <translation>{who} 在第 {step} 步收斂：‖∇L‖ 小於 {tol}</translation>
    </message>
    <message>
        <source>{who} converged at step {step}: the loss changed by less than {tol} in one step</source>
        <translation>{who} 在第 {step} 步收斂：一步之內損失的變化小於 {tol}</translation>
    </message>
    <message>
        <source>{who} finished {epochs} epochs at step {step}</source>
        <translation>{who} 在第 {step} 步完成 {epochs} 個訓練週期</translation>
    </message>
    <message>
        <source>{who} reached the step limit ({limit} steps)</source>
        <translation>{who} 達到步數上限（{limit} 步）</translation>
    </message>
    <message>
        <source>{who} is at step {step}</source>
        <translation>{who} 在第 {step} 步</translation>
    </message>
    <message>
        <source>Paused at step {step}: no stopping criterion was met in {steps} steps; set a step limit or a tolerance</source>
        <translation>在第 {step} 步暫停：{steps} 步內沒有符合任何停止條件；請設定步數上限或容許值</translation>
    </message>
    <message>
        <source>Running until every run stops (step {step})</source>
        <translation>執行中，直到每個執行都停止（第 {step} 步）</translation>
    </message>
    <message>
        <source>Running as fast as possible (step {step})</source>
        <translation>以最快速度執行中（第 {step} 步）</translation>
    </message>
    <message>
        <source>Running at {speed} steps per second (step {step})</source>
        <translation>以每秒 {speed} 步執行中（第 {step} 步）</translation>
    </message>
    <message>
        <source>Ready: press Play (Space), Step (→) or Run to stop (Ctrl+Enter)</source>
        <translation>就緒：按播放（空白鍵）、單步（→）或執行到停止（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Paused at step {step}</source>
        <translation>在第 {step} 步暫停</translation>
    </message>
    <message>
        <source>{state} at step {step}</source>
        <translation>第 {step} 步：{state}</translation>
    </message>
    <message>
        <source>Run {run} ({name}) diverged at step {step}: {what}. Try η = {eta} (the run restarts) or press Reset (R).</source>
        <translation>執行 {run}（{name}）在第 {step} 步發散：{what}。試試 η = {eta}（執行會重新開始），或按重設（R）。</translation>
    </message>
    <message>
        <source>Diverged.</source>
        <translation>已發散。</translation>
    </message>
</context>
<context>
    <name>MountainView</name>
    <message>
        <source>Computing the landscape…</source>
        <extracomment>the message shown while there is no 3-D view, in the current language</extracomment>
        <translation>正在計算損失地形…</translation>
    </message>
    <message>
        <source>The 3-D mountain needs OpenGL: {error}</source>
        <translation>3D 山景需要 OpenGL：{error}</translation>
    </message>
</context>
<context>
    <name>SlopePlot</name>
    <message>
        <source>loss L(θ)</source>
        <extracomment>Points of the loss curve.</extracomment>
        <translation>損失 L(θ)</translation>
    </message>
    <message>
        <source>Loss L({name}) of ŷ = {name}·x</source>
        <translation>ŷ = {name}·x 的損失 L({name})</translation>
    </message>
    <message>
        <source>slope L′(θ) = {slope}
step −η·L′(θ) = {step}</source>
        <translation>斜率 L′(θ) = {slope}
這一步 −η·L′(θ) = {step}</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>training</source>
        <extracomment>Minimum time between two batches while playing (≤ 60 batches per second). Training time per timer tick; the worker returns to its event loop in between, so commands (pause, step, ...) are handled within one tick at most. Target length of one lockstep chunk of ``Trainer.run`` calls; the worker checks for pending commands between chunks, so a pause interrupts training within ~1 ms. Timer interval at a finite speed (steps are scheduled by wall clock, see setSpeed). Batches sent but not yet handled by the GUI before the worker holds further rows back (they are not lost: the next batch carries them). Only with a controller. &quot;Run to stop&quot; gives up after this many updates without a stopping criterion.</extracomment>
        <translation>訓練</translation>
    </message>
    <message>
        <source>{what} failed: {detail}</source>
        <translation>{what}失敗：{detail}</translation>
    </message>
</context>
<context>
    <name>error_hook</name>
    <message>
        <source>GD Studio: unexpected error</source>
        <translation>GD Studio：非預期的錯誤</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>{path}: the folder {folder} does not exist</source>
        <extracomment>File extensions a plot can be exported to.</extracomment>
        <translation>{path}：資料夾 {folder} 不存在</translation>
    </message>
    <message>
        <source>{path}: cannot write in {folder}: {reason}</source>
        <translation>{path}：無法寫入 {folder}：{reason}</translation>
    </message>
    <message>
        <source>{path}: choose a .png or .svg file name</source>
        <translation>{path}：請選擇 .png 或 .svg 檔名</translation>
    </message>
    <message>
        <source>{path}: nothing was drawn</source>
        <translation>{path}：沒有畫出任何內容</translation>
    </message>
</context>
<context>
    <name>mountain_view</name>
    <message>
        <source>The 3-D mountain needs OpenGL, which the &apos;{platform}&apos; display does not offer; every other view works.</source>
        <extracomment>Platforms without an OpenGL context for widgets. Height of the surface relative to its width.</extracomment>
        <translation>3D 山景需要 OpenGL，但「{platform}」顯示平台不提供；其他檢視都能正常使用。</translation>
    </message>
    <message>
        <source>The 3-D mountain needs OpenGL (PyOpenGL could not load: {error}).</source>
        <translation>3D 山景需要 OpenGL（無法載入 PyOpenGL：{error}）。</translation>
    </message>
</context>
<context>
    <name>render</name>
    <message>
        <source>{title}: f(x, y) = {formula}</source>
        <translation>{title}：f(x, y) = {formula}</translation>
    </message>
    <message>
        <source>Loss landscape on the {plane}</source>
        <translation>{plane}上的損失地形</translation>
    </message>
    <message>
        <source>cannot write {path}</source>
        <translation>無法寫入 {path}</translation>
    </message>
</context>
</TS>
