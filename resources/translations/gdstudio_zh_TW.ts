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
    <name>ColumnChooserDialog</name>
    <message>
        <source>Choose columns</source>
        <translation>選擇欄位</translation>
    </message>
    <message>
        <source>Feature columns x: the inputs of the model (tick one or more).</source>
        <translation>特徵欄位 x：模型的輸入（勾選一個或多個）。</translation>
    </message>
    <message>
        <source>Target column y: what the model predicts. Two distinct values make it a classification task.</source>
        <translation>目標欄位 y：模型要預測的值。只有兩種不同的值時，就是分類問題。</translation>
    </message>
    <message>
        <source>Features x:</source>
        <translation>特徵 x：</translation>
    </message>
    <message>
        <source>Target y:</source>
        <translation>目標 y：</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>A function to minimise</source>
        <translation>最小化一個函數</translation>
    </message>
    <message>
        <source>Fit a model to data</source>
        <translation>用模型擬合資料</translation>
    </message>
    <message>
        <source>Full batch (batch GD)</source>
        <translation>全部樣本（批次梯度下降）</translation>
    </message>
    <message>
        <source>1 example (SGD)</source>
        <translation>1 個樣本（SGD）</translation>
    </message>
    <message>
        <source>Mini-batch of k</source>
        <translation>k 個樣本的小批次</translation>
    </message>
    <message>
        <source>Your own f(x, y) typed as text…</source>
        <translation>自行輸入 f(x, y)…</translation>
    </message>
    <message>
        <source>Restart the run from θ₀</source>
        <translation>從 θ₀ 重新開始執行</translation>
    </message>
    <message>
        <source>Continue from the current θ</source>
        <translation>從目前的 θ 繼續</translation>
    </message>
    <message>
        <source>Default / random (seed)</source>
        <translation>預設／隨機（種子）</translation>
    </message>
    <message>
        <source>Typed or clicked</source>
        <translation>輸入或點選</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>動量 β</translation>
    </message>
    <message>
        <source>Dampening</source>
        <translation>阻尼</translation>
    </message>
    <message>
        <source>Decay ρ</source>
        <translation>衰減率 ρ</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>權重衰減 λ</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰減</translation>
    </message>
    <message>
        <source>Every (steps)</source>
        <translation>每隔（步）</translation>
    </message>
    <message>
        <source>Factor γ</source>
        <translation>倍率 γ</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>衰減率</translation>
    </message>
    <message>
        <source>Decay steps</source>
        <translation>衰減步數</translation>
    </message>
    <message>
        <source>Steps T</source>
        <translation>步數 T</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>暖身步數</translation>
    </message>
    <message>
        <source>Start factor</source>
        <translation>起始比例</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>start #</source>
        <translation>起點 #</translation>
    </message>
    <message>
        <source>Function f(x, y)</source>
        <translation>函數 f(x, y)</translation>
    </message>
    <message>
        <source>Start point θ₀ values</source>
        <translation>起點 θ₀ 的數值</translation>
    </message>
    <message>
        <source>Random start number</source>
        <translation>隨機起點編號</translation>
    </message>
    <message>
        <source>Stop after this many steps</source>
        <translation>在這麼多步之後停止</translation>
    </message>
    <message>
        <source>Stop after this many epochs</source>
        <translation>在這麼多個訓練週期之後停止</translation>
    </message>
    <message>
        <source>Stop when the loss changes by less than</source>
        <translation>當損失的變化小於此值時停止</translation>
    </message>
    <message>
        <source>Stop when the gradient norm is below</source>
        <translation>當梯度的範數小於此值時停止</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Condition number κ</source>
        <translation>條件數 κ</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>e.g. x**2 + 10*y**2, or sin(x) + x**2/4</source>
        <translation>例如 x**2 + 10*y**2，或 sin(x) + x**2/4</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>欄位…</translation>
    </message>
    <message>
        <source>Standardise features</source>
        <translation>標準化特徵</translation>
    </message>
    <message>
        <source>Intercept b (ŷ = w·x + b)</source>
        <translation>截距 b（ŷ = w·x + b）</translation>
    </message>
    <message>
        <source>e.g. 16, 16</source>
        <translation>例如 16, 16</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Condition κ</source>
        <translation>條件數 κ</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>資料集</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>樣本數</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>雜訊</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>測試集比例</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Degree</source>
        <translation>次數</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函數</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失函數</translation>
    </message>
    <message>
        <source>Huber δ</source>
        <translation>Huber δ</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>開啟 CSV…</translation>
    </message>
    <message>
        <source>{name} (synthetic)</source>
        <translation>{name}（合成）</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最佳化器</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <source>Gradient on</source>
        <translation>計算梯度用</translation>
    </message>
    <message>
        <source>Batch size k</source>
        <translation>批次大小 k</translation>
    </message>
    <message>
        <source>On a change</source>
        <translation>變更設定時</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>學習率排程</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>排程</translation>
    </message>
    <message>
        <source>Start point θ₀</source>
        <translation>初始參數 θ₀</translation>
    </message>
    <message>
        <source>e.g. -1.5, 2</source>
        <translation>例如 -1.5, 2</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>數值</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>隨機種子</translation>
    </message>
    <message>
        <source>Randomise θ₀</source>
        <translation>隨機產生 θ₀</translation>
    </message>
    <message>
        <source>Stop when</source>
        <translation>停止條件</translation>
    </message>
    <message>
        <source>Steps ≥</source>
        <translation>步數 ≥</translation>
    </message>
    <message>
        <source>Epochs ≥</source>
        <translation>訓練週期 ≥</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比較執行</translation>
    </message>
    <message>
        <source>Add run</source>
        <translation>新增執行</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Bias correction</source>
        <translation>偏差校正</translation>
    </message>
    <message>
        <source>Run {number}: {name}</source>
        <translation>執行 {number}：{name}</translation>
    </message>
    <message>
        <source>{task}, {rows} rows: {features} → {target}</source>
        <translation>{task}，{rows} 筆資料：{features} → {target}</translation>
    </message>
    <message>
        <source> ({rows} rows with missing values left out)</source>
        <translation>（已略去 {rows} 筆有缺值的資料）</translation>
    </message>
    <message>
        <source>1 epoch = 1 step ({examples} training examples)</source>
        <translation>1 個訓練週期 = 1 步（{examples} 個訓練樣本）</translation>
    </message>
    <message>
        <source>1 epoch = {steps} steps ({examples} training examples)</source>
        <translation>1 個訓練週期 = {steps} 步（{examples} 個訓練樣本）</translation>
    </message>
    <message>
        <source>write whole numbers separated by commas, e.g. 16, 16 (got {text})</source>
        <translation>請輸入以逗號分隔的整數，例如 16, 16（收到的是 {text}）</translation>
    </message>
    <message>
        <source>give at least one hidden layer, e.g. 16</source>
        <translation>請至少指定一個隱藏層，例如 16</translation>
    </message>
    <message>
        <source>write numbers separated by commas, e.g. -1.5, 2 (got {text})</source>
        <translation>請輸入以逗號分隔的數字，例如 -1.5, 2（收到的是 {text}）</translation>
    </message>
    <message>
        <source>give one finite number per parameter</source>
        <translation>每個參數請給一個有限的數字</translation>
    </message>
</context>
<context>
    <name>DataPlot</name>
    <message>
        <source>mean of squared residuals</source>
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
        <translation>資料與擬合</translation>
    </message>
    <message>
        <source>Data and fit: no data (analytic surface)</source>
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
    <name>Expression</name>
    <message>
        <source>the expression must be text</source>
        <translation>函數必須是文字</translation>
    </message>
    <message>
        <source>the expression is longer than {limit} characters ({length})</source>
        <translation>函數超過 {limit} 個字元（{length} 個）</translation>
    </message>
    <message>
        <source>the character {codepoint} is not allowed (only ASCII letters, digits, + - * / ^ ( ) and the minus sign −)</source>
        <translation>不能使用字元 {codepoint}（只能用 ASCII 字母、數字、+ - * / ^ ( ) 和減號 −）</translation>
    </message>
    <message>
        <source>a number is too long</source>
        <translation>數字太長</translation>
    </message>
    <message>
        <source>a number is too large</source>
        <translation>數字太大</translation>
    </message>
    <message>
        <source>unknown name; the variables are x and y, the constants pi and e, the functions {functions}</source>
        <translation>不認得的名稱；變數是 x 和 y，常數是 pi 和 e，函數有 {functions}</translation>
    </message>
    <message>
        <source>more than {limit} levels of parentheses</source>
        <translation>括號超過 {limit} 層</translation>
    </message>
    <message>
        <source>this character is not allowed (only letters, digits, + - * / ^ ** and parentheses)</source>
        <translation>不能使用這個字元（只能用字母、數字、+ - * / ^ ** 和括號）</translation>
    </message>
    <message>
        <source>the expression is nested more than {limit} levels deep</source>
        <translation>函數的巢狀層數超過 {limit} 層</translation>
    </message>
    <message>
        <source>the expression is empty</source>
        <translation>函數是空的</translation>
    </message>
    <message>
        <source>a closing parenthesis without an opening one</source>
        <translation>有右括號，卻沒有對應的左括號</translation>
    </message>
    <message>
        <source>expected an operator (+ - * / **) here; write 2*x, not 2x or x y</source>
        <translation>這裡需要一個運算子（+ - * / **）；請寫 2*x，不要寫 2x 或 x y</translation>
    </message>
    <message>
        <source>a constant exponent must be a number from −{limit} to {limit}</source>
        <translation>常數指數必須介於 −{limit} 到 {limit} 之間</translation>
    </message>
    <message>
        <source>expected a closing parenthesis &apos;)&apos;</source>
        <translation>缺少右括號 &apos;)&apos;</translation>
    </message>
    <message>
        <source>the function {function} needs parentheses: {function}(x)</source>
        <translation>函數 {function} 需要括號：{function}(x)</translation>
    </message>
    <message>
        <source>the expression ends too early: a value is missing</source>
        <translation>函數提早結束：少了一個值</translation>
    </message>
    <message>
        <source>a value is missing before &apos;)&apos;</source>
        <translation>&apos;)&apos; 前面少了一個值</translation>
    </message>
    <message>
        <source>a value (a number, x, y, a function or &apos;(&apos;) is expected here</source>
        <translation>這裡需要一個值（數字、x、y、函數或 &apos;(&apos;）</translation>
    </message>
    <message>
        <source>the expression is too complex: its derivatives have more than {limit} terms</source>
        <translation>函數太複雜：它的導數超過 {limit} 項</translation>
    </message>
    <message>
        <source> at position {position}</source>
        <translation>（第 {position} 個字元）</translation>
    </message>
    <message>
        <source> at position {position} ({token})</source>
        <translation>（第 {position} 個字元：{token}）</translation>
    </message>
    <message>
        <source> at the end of the expression</source>
        <translation>（在函數結尾）</translation>
    </message>
    <message>
        <source>Function f(x, y): {message}</source>
        <translation>函數 f(x, y)：{message}</translation>
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
        <source>First parameter of the plane</source>
        <translation>平面的第一個參數</translation>
    </message>
    <message>
        <source>Second parameter of the plane</source>
        <translation>平面的第二個參數</translation>
    </message>
    <message>
        <source>Landscape views</source>
        <translation>地形視圖</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>損失地形</translation>
    </message>
    <message>
        <source>Loss along θ</source>
        <translation>沿著 θ 的損失</translation>
    </message>
    <message>
        <source>Loss surface in 3-D</source>
        <translation>3-D 損失曲面</translation>
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
    <name>LessonPane</name>
    <message>
        <source>your answer (a number)</source>
        <translation>你的答案（一個數字）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核對</translation>
    </message>
    <message>
        <source>Check your prediction, then run the step to see it.</source>
        <translation>核對你的預測，再執行這一步親眼看看。</translation>
    </message>
    <message>
        <source>Do it</source>
        <translation>幫我做</translation>
    </message>
    <message>
        <source>Set and run what the page asks for.</source>
        <translation>設定並執行這一頁要求的操作。</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一頁</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一頁 ▶</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>課程內容</translation>
    </message>
    <message>
        <source>Your answer (a number)</source>
        <translation>你的答案（一個數字）</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>No lesson open: choose one in the Lessons menu.</source>
        <translation>尚未開啟課程：請從「課程」選單選一個。</translation>
    </message>
    <message>
        <source>page {page} of {pages}</source>
        <translation>第 {page} 頁，共 {pages} 頁</translation>
    </message>
    <message>
        <source>Predict first:</source>
        <translation>先預測：</translation>
    </message>
    <message>
        <source>Do:</source>
        <translation>動手做：</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>答對了！</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>不太對。</translation>
    </message>
    <message>
        <source>The answer is &lt;b&gt;{answer}&lt;/b&gt;.</source>
        <translation>答案是 &lt;b&gt;{answer}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Do what the page asks first (or press Do it).</source>
        <translation>請先完成這一頁要求的操作（或按「幫我做」）。</translation>
    </message>
</context>
<context>
    <name>LogSlider</name>
    <message>
        <source>Learning rate η (log scale)</source>
        <translation>學習率 η（對數刻度）</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <source>η = {value}</source>
        <translation>η = {value}</translation>
    </message>
</context>
<context>
    <name>LossCurvePlot</name>
    <message>
        <source>step k</source>
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
        <source>thin dotted: loss on the test set</source>
        <translation>細點線：測試集上的損失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The scenario could not be opened ({error}); showing the default one instead.</source>
        <translation>無法開啟情境（{error}）；改為顯示預設情境。</translation>
    </message>
    <message>
        <source>Settings</source>
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
        <source>Loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <source>Data views</source>
        <translation>資料視圖</translation>
    </message>
    <message>
        <source>Readout of the selected run</source>
        <translation>選取執行的讀數</translation>
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
        <source>Save session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <source>GD Studio sessions (*.gdsession)</source>
        <translation>GD Studio 工作階段 (*.gdsession)</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <source>GD Studio sessions (*.gdsession);;All files (*)</source>
        <translation>GD Studio 工作階段 (*.gdsession);;所有檔案 (*)</translation>
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
        <source>{rate} steps/s</source>
        <translation>每秒 {rate} 步</translation>
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
        <source>Zoom {percent} %</source>
        <translation>縮放 {percent} %</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>無法匯出</translation>
    </message>
    <message>
        <source>Export run as GIF</source>
        <translation>匯出執行為 GIF</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 動畫 (*.gif)</translation>
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
        <source>Open session…</source>
        <translation>開啟工作階段…</translation>
    </message>
    <message>
        <source>Open a session file: the scenario and every run back at the step it was saved</source>
        <translation>開啟工作階段檔：情境和每個執行都回到儲存時的那一步</translation>
    </message>
    <message>
        <source>Save session…</source>
        <translation>儲存工作階段…</translation>
    </message>
    <message>
        <source>Save everything: the scenario, every run&apos;s steps so far, the selected run and the lesson page</source>
        <translation>全部儲存：情境、每個執行到目前為止的步數、選取的執行和課程頁</translation>
    </message>
    <message>
        <source>Export run as GIF…</source>
        <translation>匯出執行為 GIF…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s descent so far as an animated GIF for slides</source>
        <translation>把選取執行到目前為止的下降過程存成 GIF 動畫，用於投影片</translation>
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
        <source>Projector mode</source>
        <translation>投影模式</translation>
    </message>
    <message>
        <source>Larger text, thicker lines and stronger contrast, readable from the back of a room</source>
        <translation>更大的文字、更粗的線條和更強的對比，坐在教室後排也看得清楚</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Make all text and lines larger</source>
        <translation>把所有文字和線條放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Make all text and lines smaller</source>
        <translation>把所有文字和線條縮小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>實際大小</translation>
    </message>
    <message>
        <source>Text and lines at their normal size</source>
        <translation>文字和線條恢復正常大小</translation>
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
        <source>Run {run} ({name}) diverged at step {step}: {what}. Try η = {eta} or press Reset (R).</source>
        <translation>執行 {run}（{name}）在第 {step} 步發散：{what}。試試 η = {eta}，或按重設（R）。</translation>
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
        <translation>正在計算損失地形…</translation>
    </message>
    <message>
        <source>The 3-D mountain needs OpenGL: {error}</source>
        <translation>3D 山景需要 OpenGL：{error}</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Mean squared error (MSE)</source>
        <translation>均方誤差 (MSE)</translation>
    </message>
    <message>
        <source>Mean absolute error (MAE)</source>
        <translation>平均絕對誤差 (MAE)</translation>
    </message>
    <message>
        <source>Huber</source>
        <translation>Huber 損失</translation>
    </message>
    <message>
        <source>Log-loss (binary cross-entropy)</source>
        <translation>對數損失（二元交叉熵）</translation>
    </message>
    <message>
        <source>Hinge</source>
        <translation>Hinge 損失</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>動量</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov 動量</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Newton&apos;s method</source>
        <translation>牛頓法</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形曲面</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock 函數</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale 函數</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth 函數</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau 函數</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Rastrigin 函數</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍點曲面</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰駝背函數</translation>
    </message>
    <message>
        <source>Styblinski–Tang</source>
        <translation>Styblinski–Tang 函數</translation>
    </message>
    <message>
        <source>Parabola</source>
        <translation>拋物線</translation>
    </message>
    <message>
        <source>Double well</source>
        <translation>雙井函數</translation>
    </message>
    <message>
        <source>Typed function</source>
        <translation>自訂函數</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation>線性迴歸</translation>
    </message>
    <message>
        <source>Polynomial regression</source>
        <translation>多項式迴歸</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>邏輯迴歸</translation>
    </message>
    <message>
        <source>Neural network (MLP)</source>
        <translation>神經網路 (MLP)</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>階梯衰減</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指數衰減</translation>
    </message>
    <message>
        <source>Inverse time</source>
        <translation>反時間衰減</translation>
    </message>
    <message>
        <source>Cosine annealing</source>
        <translation>餘弦退火</translation>
    </message>
    <message>
        <source>Linear warm-up</source>
        <translation>線性暖身</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>relu</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>a noisy straight line</source>
        <translation>帶雜訊的直線</translation>
    </message>
    <message>
        <source>a noisy line with outliers</source>
        <translation>帶雜訊和離群值的直線</translation>
    </message>
    <message>
        <source>a noisy sine wave</source>
        <translation>帶雜訊的正弦波</translation>
    </message>
    <message>
        <source>two Gaussian blobs</source>
        <translation>兩團高斯分布的點</translation>
    </message>
    <message>
        <source>two circles, one inside the other</source>
        <translation>一大一小兩個同心圓</translation>
    </message>
    <message>
        <source>two interleaving half moons</source>
        <translation>兩個交錯的半月形</translation>
    </message>
    <message>
        <source>exclusive or (XOR)</source>
        <translation>互斥或 (XOR)</translation>
    </message>
    <message>
        <source>two interleaved spirals</source>
        <translation>兩條交錯的螺旋</translation>
    </message>
    <message>
        <source>Palmer penguins</source>
        <translation>Palmer 企鵝</translation>
    </message>
    <message>
        <source>Palmer penguins, Adelie vs Chinstrap</source>
        <translation>Palmer 企鵝：阿德利企鵝 vs 頰帶企鵝</translation>
    </message>
    <message>
        <source>Fisher&apos;s iris, versicolor vs virginica</source>
        <translation>Fisher 鳶尾花：變色鳶尾 vs 維吉尼亞鳶尾</translation>
    </message>
    <message>
        <source>Anscombe&apos;s quartet, data set I</source>
        <translation>Anscombe 四重奏，資料集 I</translation>
    </message>
    <message>
        <source>Anscombe&apos;s quartet, data set II</source>
        <translation>Anscombe 四重奏，資料集 II</translation>
    </message>
    <message>
        <source>Anscombe&apos;s quartet, data set III</source>
        <translation>Anscombe 四重奏，資料集 III</translation>
    </message>
    <message>
        <source>Anscombe&apos;s quartet, data set IV</source>
        <translation>Anscombe 四重奏，資料集 IV</translation>
    </message>
    <message>
        <source>Diabetes progression</source>
        <translation>糖尿病病情進展</translation>
    </message>
    <message>
        <source>Cars (Auto MPG)</source>
        <translation>汽車油耗 (Auto MPG)</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>step</source>
        <translation>階梯</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指數</translation>
    </message>
    <message>
        <source>inverse time</source>
        <translation>反時間</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>餘弦</translation>
    </message>
    <message>
        <source>warmup</source>
        <translation>暖身</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>迴歸</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已結束</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收斂</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已發散</translation>
    </message>
    <message>
        <source>η = {eta}</source>
        <translation>η = {eta}</translation>
    </message>
    <message>
        <source>β = {beta}</source>
        <translation>β = {beta}</translation>
    </message>
    <message>
        <source>batch {size}</source>
        <translation>批次 {size}</translation>
    </message>
    <message>
        <source>{schedule} schedule</source>
        <translation>{schedule}排程</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Neural network</source>
        <translation>神經網路</translation>
    </message>
    <message>
        <source>{model}, {loss}, {dataset}</source>
        <translation>{model}，{loss}，{dataset}</translation>
    </message>
    <message>
        <source>Linear regression on the Palmer penguins</source>
        <translation>帕爾默企鵝的線性迴歸</translation>
    </message>
    <message>
        <source>Body mass (g) against flipper length (mm); the feature is standardised.</source>
        <translation>體重（公克）對鰭長（毫米）；特徵已標準化。</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <source>Forward: z and a</source>
        <translation>前向傳播：z 與 a</translation>
    </message>
    <message>
        <source>Backward: δ and ∂ℓ/∂W</source>
        <translation>反向傳播：δ 與 ∂ℓ/∂W</translation>
    </message>
    <message>
        <source>The network</source>
        <translation>神經網路</translation>
    </message>
    <message>
        <source>Weights: the edges&apos; weights. Forward: what each neuron computes for the chosen point. Backward: backpropagation, from the output layer back to the input.</source>
        <translation>權重：各條邊的權重。前向傳播：每個神經元對所選的資料點算出什麼。反向傳播：從輸出層一路往回傳到輸入。</translation>
    </message>
    <message>
        <source>A network view needs a neural network (or a linear or logistic model with an intercept).</source>
        <translation>網路圖需要神經網路（或含截距的線性迴歸、邏輯迴歸模型）。</translation>
    </message>
    <message>
        <source>Click a data point in the data view.</source>
        <translation>請在資料圖中點選一個資料點。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>輸入層</translation>
    </message>
    <message>
        <source>output</source>
        <translation>輸出層</translation>
    </message>
    <message>
        <source>hidden {layer}</source>
        <translation>隱藏層 {layer}</translation>
    </message>
    <message>
        <source>the first training example</source>
        <translation>第一個訓練樣本</translation>
    </message>
    <message>
        <source>training example #{index}</source>
        <translation>訓練樣本 #{index}</translation>
    </message>
    <message>
        <source>Forward pass of {point}: each neuron computes z = Wᵀa + b and a = {activation}(z); ŷ = {prediction}, y = {y}, loss of this point = {loss}</source>
        <translation>{point}的前向傳播：每個神經元計算 z = Wᵀa + b 與 a = {activation}(z)；ŷ = {prediction}，y = {y}，這個點的損失 = {loss}</translation>
    </message>
    <message>
        <source>Backpropagation for {point}, from the output layer back to the input: δ = ∂ℓ/∂z at each neuron (∂ℓ/∂ŷ = {d_output}), edges coloured by ∂ℓ/∂W = a·δ</source>
        <translation>{point}的反向傳播，從輸出層往回到輸入：每個神經元的 δ = ∂ℓ/∂z（∂ℓ/∂ŷ = {d_output}），邊依 ∂ℓ/∂W = a·δ 著色</translation>
    </message>
    <message>
        <source>Edges: the weights (blue positive, orange negative, thicker = larger).</source>
        <translation>邊代表權重（藍色為正、橘色為負，越粗表示越大）。</translation>
    </message>
    <message>
        <source> (make the view taller to read every neuron&apos;s numbers)</source>
        <translation>（把這個視圖拉高，就能看到每個神經元的數字）</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <source>Readout of the selected run</source>
        <translation>選取執行的讀數</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>沒有執行</translation>
    </message>
    <message>
        <source>step k</source>
        <translation>步數 k</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>訓練週期</translation>
    </message>
    <message>
        <source>loss L(θ)</source>
        <translation>損失 L(θ)</translation>
    </message>
    <message>
        <source>original units</source>
        <translation>原始單位</translation>
    </message>
    <message>
        <source>θ: the first {shown} of {count} parameters, ‖θ‖ = {norm}</source>
        <translation>θ：{count} 個參數中的前 {shown} 個，‖θ‖ = {norm}</translation>
    </message>
    <message>
        <source>λ&lt;sub&gt;max&lt;/sub&gt; = {curvature} here: gradient descent diverges for η &amp;gt; 2/λ&lt;sub&gt;max&lt;/sub&gt; = {limit}; η is {ratio} × the limit</source>
        <translation>此處 λ&lt;sub&gt;max&lt;/sub&gt; = {curvature}：η &amp;gt; 2/λ&lt;sub&gt;max&lt;/sub&gt; = {limit} 時梯度下降會發散；目前的 η 是這個極限的 {ratio} 倍</translation>
    </message>
</context>
<context>
    <name>RunGif</name>
    <message>
        <source>Drawing the frames of the GIF…</source>
        <translation>正在繪製 GIF 的畫格…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export run as GIF</source>
        <translation>匯出執行為 GIF</translation>
    </message>
</context>
<context>
    <name>RunTrace</name>
    <message>
        <source>Run {number}: {name}</source>
        <translation>執行 {number}：{name}</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>Cannot save the session</source>
        <translation>無法儲存工作階段</translation>
    </message>
    <message>
        <source>Saved {path}; its CSV file is in another folder, so it will not open again: put the CSV file beside the session file</source>
        <translation>已儲存 {path}；它的 CSV 檔在另一個資料夾，所以之後無法再開啟：請把 CSV 檔放在工作階段檔旁邊</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation>無法開啟工作階段</translation>
    </message>
    <message>
        <source>Opening {name}: bringing every run back to its saved step…</source>
        <translation>正在開啟 {name}：讓每個執行回到儲存時的那一步…</translation>
    </message>
    <message>
        <source>Opening {name}…
Step {step} of {last}</source>
        <translation>正在開啟 {name}…
第 {step} 步，共 {last} 步</translation>
    </message>
    <message>
        <source>Opening {name}…
{runs} runs, step {step} of {last}</source>
        <translation>正在開啟 {name}…
{runs} 個執行，第 {step} 步，共 {last} 步</translation>
    </message>
    <message>
        <source>Opening session</source>
        <translation>正在開啟工作階段</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling the opening of {name}…</source>
        <translation>正在取消開啟 {name}…</translation>
    </message>
    <message>
        <source>Opening {name} was cancelled: the runs were brought back only up to step {step} of {last}, so this is not the saved state</source>
        <translation>已取消開啟 {name}：各個執行只回到第 {step} 步（共 {last} 步），所以這不是儲存時的狀態</translation>
    </message>
    <message>
        <source>Not the saved state.</source>
        <translation>不是儲存時的狀態。</translation>
    </message>
    <message>
        <source>Opened {name}: every run is back at its saved step, exactly as saved</source>
        <translation>已開啟 {name}：每個執行都回到儲存時的那一步，和儲存時完全相同</translation>
    </message>
    <message>
        <source>Not as saved.</source>
        <translation>和儲存時不同。</translation>
    </message>
    <message>
        <source>Run {run} stopped at step {step} instead of the saved step {saved}: the problem or its data file may have changed since it was saved</source>
        <translation>執行 {run} 停在第 {step} 步，而不是儲存時的第 {saved} 步：問題或它的資料檔可能在儲存之後改變了</translation>
    </message>
    <message>
        <source>Run {run} ended differently from the saved run: the problem or its data file may have changed since it was saved</source>
        <translation>執行 {run} 的結束方式和儲存時不同：問題或它的資料檔可能在儲存之後改變了</translation>
    </message>
    <message>
        <source>Run {run} differs from the saved run from step {step} on: the problem or its data file may have changed since it was saved</source>
        <translation>執行 {run} 從第 {step} 步起和儲存時不同：問題或它的資料檔可能在儲存之後改變了</translation>
    </message>
</context>
<context>
    <name>SlopePlot</name>
    <message>
        <source>loss L(θ)</source>
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
    <name>SpeedControl</name>
    <message>
        <source>Training speed</source>
        <translation>訓練速度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>max speed</source>
        <translation>最快速度</translation>
    </message>
    <message>
        <source>{speed} steps/s</source>
        <translation>每秒 {speed} 步</translation>
    </message>
</context>
<context>
    <name>SweepRender</name>
    <message>
        <source>loss after {steps} steps</source>
        <translation>{steps} 步後的損失</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最終損失</translation>
    </message>
    <message>
        <source>{label} (log scale)</source>
        <translation>{label}（對數尺度）</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <source>finished or converged</source>
        <translation>已結束或已收斂</translation>
    </message>
    <message>
        <source>diverged (last finite loss)</source>
        <translation>已發散（最後一個有限的損失）</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>Loss after the steps against η</source>
        <translation>執行這些步數後的損失對 η 的關係</translation>
    </message>
    <message>
        <source>Sweep η</source>
        <translation>掃描 η</translation>
    </message>
    <message>
        <source>Run the selected run&apos;s optimizer for every learning rate in the range (log-spaced) and plot the loss after the steps.</source>
        <translation>用所選執行的最佳化器，對範圍內（對數等距）的每個學習率各跑一次，畫出跑完這些步數後的損失。</translation>
    </message>
    <message>
        <source>η from</source>
        <translation>η 從</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>rates</source>
        <translation>個數</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <source>Learning-rate sweep: click a point to use its η</source>
        <translation>學習率掃描：點選一個點即採用它的 η</translation>
    </message>
    <message>
        <source>loss after {steps} steps</source>
        <translation>{steps} 步後的損失</translation>
    </message>
    <message>
        <source>sweeping {rates} learning rates × {steps} steps…</source>
        <translation>正在掃描 {rates} 個學習率 × {steps} 步…</translation>
    </message>
    <message>
        <source>cannot sweep: {error}</source>
        <translation>無法掃描：{error}</translation>
    </message>
    <message>
        <source>cannot sweep: the first learning rate must not be larger than the second</source>
        <translation>無法掃描：第一個學習率不能大於第二個</translation>
    </message>
    <message>
        <source>{diverged} of {rates} diverged (×, drawn at the top)</source>
        <translation>{rates} 個中有 {diverged} 個發散（×，畫在最上方）</translation>
    </message>
    <message>
        <source>; lowest loss at η = {eta}</source>
        <translation>；η = {eta} 時損失最低</translation>
    </message>
    <message>
        <source>; dashed: the GD stability limit 2/λmax = {limit}</source>
        <translation>；虛線：梯度下降的穩定極限 2/λmax = {limit}</translation>
    </message>
    <message>
        <source> ({seconds} s)</source>
        <translation>（{seconds} 秒）</translation>
    </message>
</context>
<context>
    <name>Tooltips</name>
    <message>
        <source>Minimise an analytic two-parameter surface, or fit a model to a dataset by minimising its loss.</source>
        <translation>最小化一個有解析式的雙參數曲面，或以最小化損失的方式用模型擬合資料集。</translation>
    </message>
    <message>
        <source>The test function f(x, y) whose minimum gradient descent looks for.</source>
        <translation>測試函數 f(x, y)，梯度下降要找的就是它的最小值。</translation>
    </message>
    <message>
        <source>Condition number κ of the quadratic bowl: the ratio of its steepest to its flattest curvature (κ = 1 is a round bowl, large κ a narrow ravine).</source>
        <translation>二次碗形曲面的條件數 κ：最陡與最平緩方向曲率的比值（κ = 1 是圓碗，κ 越大越像狹長的山谷）。</translation>
    </message>
    <message>
        <source>The data the model is fitted to: synthetic sets, real bundled sets, or your own CSV file.</source>
        <translation>模型要擬合的資料：合成資料集、內建的真實資料集，或你自己的 CSV 檔。</translation>
    </message>
    <message>
        <source>Choose which columns are the features x and which is the target y.</source>
        <translation>選擇哪些欄位是特徵 x、哪一欄是目標 y。</translation>
    </message>
    <message>
        <source>How many points the synthetic dataset generator draws.</source>
        <translation>合成資料產生器要產生幾個點。</translation>
    </message>
    <message>
        <source>How much random noise the synthetic dataset generator adds.</source>
        <translation>合成資料產生器加入的隨機雜訊大小。</translation>
    </message>
    <message>
        <source>Share of the data held out as a test set; its loss is drawn thin and dotted, so you can see over-fitting.</source>
        <translation>保留作為測試集的資料比例；它的損失畫成細點線，讓你看出過擬合。</translation>
    </message>
    <message>
        <source>Rescale each feature to mean 0 and standard deviation 1 before training (makes the loss landscape rounder and gradient descent faster).</source>
        <translation>訓練前把每個特徵縮放成平均 0、標準差 1（讓損失地形更圓，梯度下降更快）。</translation>
    </message>
    <message>
        <source>The model whose parameters θ are trained: a line, a polynomial, logistic regression (a classifier) or a small neural network (MLP).</source>
        <translation>要訓練參數 θ 的模型：直線、多項式、邏輯迴歸（分類器）或小型神經網路（MLP）。</translation>
    </message>
    <message>
        <source>Degree of the polynomial: the model uses x, x², …, xᵈ as features.</source>
        <translation>多項式的次數：模型以 x, x², …, xᵈ 作為特徵。</translation>
    </message>
    <message>
        <source>Sizes of the MLP&apos;s hidden layers, e.g. 16, 16 for two layers of 16 units.</source>
        <translation>MLP 各隱藏層的大小，例如 16, 16 表示兩層、每層 16 個單元。</translation>
    </message>
    <message>
        <source>The non-linear function applied after each hidden layer of the MLP.</source>
        <translation>MLP 每個隱藏層之後套用的非線性函數。</translation>
    </message>
    <message>
        <source>The loss function L measures how wrong the predictions are; training minimises its mean over the training data.</source>
        <translation>損失函數 L 衡量預測錯得多遠；訓練就是最小化它在訓練資料上的平均值。</translation>
    </message>
    <message>
        <source>Huber δ: residuals smaller than δ are squared (like MSE), larger ones count linearly (like MAE), which tames outliers.</source>
        <translation>Huber δ：小於 δ 的殘差取平方（像 MSE），較大的殘差則線性計算（像 MAE），藉此壓低離群值的影響。</translation>
    </message>
    <message>
        <source>The gradient-descent variant: how each step turns the gradient into an update of θ.</source>
        <translation>梯度下降的變形：每一步如何把梯度轉成 θ 的更新。</translation>
    </message>
    <message>
        <source>Learning rate η: the step size multiplying the gradient. Too small is slow, too large oscillates or diverges.</source>
        <translation>學習率 η：乘上梯度的步長。太小會很慢，太大會震盪或發散。</translation>
    </message>
    <message>
        <source>How many training examples each gradient is computed on: all of them (batch GD), one (stochastic GD, SGD) or k (mini-batch GD).</source>
        <translation>每次計算梯度要用多少個訓練樣本：全部（批次梯度下降）、一個（隨機梯度下降，SGD）或 k 個（小批次梯度下降）。</translation>
    </message>
    <message>
        <source>Mini-batch size k: the number of examples in each gradient estimate.</source>
        <translation>小批次大小 k：每次估計梯度所用的樣本數。</translation>
    </message>
    <message>
        <source>An epoch is one pass over the training set; with mini-batches it takes several steps.</source>
        <translation>一個訓練週期是把訓練集完整走過一遍；使用小批次時需要好幾步。</translation>
    </message>
    <message>
        <source>Momentum β: the fraction of the previous velocity kept at each step, so updates build up speed along consistent directions.</source>
        <translation>動量 β：每一步保留前一次速度的比例，讓更新在方向一致時逐漸加速。</translation>
    </message>
    <message>
        <source>Dampening: scales down the new gradient added to the velocity (torch&apos;s dampening; 0 = none).</source>
        <translation>阻尼：把加進速度的新梯度按比例縮小（即 torch 的 dampening；0 = 不縮小）。</translation>
    </message>
    <message>
        <source>β₁: decay rate of Adam&apos;s running average of gradients (the first moment).</source>
        <translation>β₁：Adam 梯度移動平均的衰減率（一階動差）。</translation>
    </message>
    <message>
        <source>β₂: decay rate of Adam&apos;s running average of squared gradients (the second moment).</source>
        <translation>β₂：Adam 梯度平方移動平均的衰減率（二階動差）。</translation>
    </message>
    <message>
        <source>ε: a small number added to the denominator so the division never blows up.</source>
        <translation>ε：加在分母上的一個很小的數，避免除法爆掉。</translation>
    </message>
    <message>
        <source>ρ: decay rate of RMSProp&apos;s running average of squared gradients.</source>
        <translation>ρ：RMSProp 梯度平方移動平均的衰減率。</translation>
    </message>
    <message>
        <source>Weight decay λ: shrinks θ towards 0 at every step (L2 regularisation; AdamW decouples it from the gradient).</source>
        <translation>權重衰減 λ：每一步都把 θ 往 0 拉近一點（L2 正則化；AdamW 把它和梯度分開處理）。</translation>
    </message>
    <message>
        <source>AdaGrad&apos;s learning-rate decay: η is divided by 1 + (t − 1)·decay.</source>
        <translation>AdaGrad 的學習率衰減：η 除以 1 + (t − 1)·decay。</translation>
    </message>
    <message>
        <source>Adam&apos;s bias correction divides the running averages by (1 − βᵗ) so the first steps are not too small.</source>
        <translation>Adam 的偏差校正把移動平均除以 (1 − βᵗ)，讓最初幾步不會太小。</translation>
    </message>
    <message>
        <source>Learning-rate schedule: how η changes from step to step (constant, step decay, exponential, cosine, warm-up, …).</source>
        <translation>學習率排程：η 如何隨步數改變（固定、階梯衰減、指數衰減、餘弦、暖身……）。</translation>
    </message>
    <message>
        <source>Step decay: η is multiplied by γ every this many steps.</source>
        <translation>階梯衰減：每隔這麼多步，η 就乘上 γ。</translation>
    </message>
    <message>
        <source>γ: the factor η is multiplied by at each decay.</source>
        <translation>γ：每次衰減時 η 乘上的倍率。</translation>
    </message>
    <message>
        <source>Inverse-time decay rate: η_t = η₀ / (1 + rate · t / decay steps).</source>
        <translation>反時間衰減率：η_t = η₀ / (1 + rate · t / decay steps)。</translation>
    </message>
    <message>
        <source>Inverse-time decay: the number of steps the decay rate refers to.</source>
        <translation>反時間衰減：衰減率所對應的步數。</translation>
    </message>
    <message>
        <source>Cosine annealing: the number of steps over which η falls to its minimum.</source>
        <translation>餘弦退火：η 降到最小值所經過的步數。</translation>
    </message>
    <message>
        <source>Cosine annealing: the smallest learning rate η_min.</source>
        <translation>餘弦退火：最小的學習率 η_min。</translation>
    </message>
    <message>
        <source>Warm-up: the number of steps over which η rises to its full value.</source>
        <translation>暖身：η 升到完整值所經過的步數。</translation>
    </message>
    <message>
        <source>Warm-up: the fraction of η used at the first step.</source>
        <translation>暖身：第一步所用 η 的比例。</translation>
    </message>
    <message>
        <source>The start point θ₀: the problem&apos;s default (random for a network, set by the seed), or values you type — or click on the loss landscape.</source>
        <translation>初始參數 θ₀：問題的預設值（神經網路為隨機，由隨機種子決定），或你輸入的值——也可以直接在損失地形上點選。</translation>
    </message>
    <message>
        <source>θ₀ as numbers separated by commas, one per parameter (click on the landscape to set them).</source>
        <translation>θ₀ 的數值，以逗號分隔，每個參數一個（也可以在損失地形上點選來設定）。</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same data, start point and mini-batch order, so runs are reproducible.</source>
        <translation>隨機種子：相同的種子會得到相同的資料、起點和小批次順序，所以執行結果可以重現。</translation>
    </message>
    <message>
        <source>Stop after this many steps (updates of θ).</source>
        <translation>執行這麼多步（θ 的更新次數）後停止。</translation>
    </message>
    <message>
        <source>Stop after this many passes over the training set.</source>
        <translation>走過訓練集這麼多遍後停止。</translation>
    </message>
    <message>
        <source>Stop (converged) when the loss changes by less than this in one step.</source>
        <translation>當一步之內損失的變化小於這個值時停止（已收斂）。</translation>
    </message>
    <message>
        <source>Stop (converged) when the gradient norm ‖∇L‖ falls below this.</source>
        <translation>當梯度範數 ‖∇L‖ 小於這個值時停止（已收斂）。</translation>
    </message>
    <message>
        <source>Training speed in steps per second; far right: as fast as possible.</source>
        <translation>訓練速度，單位是每秒步數；拉到最右邊：盡可能快。</translation>
    </message>
    <message>
        <source>The runs trained side by side on the same problem, in lockstep. The selected run is the one the optimizer settings edit and the arrows show.</source>
        <translation>在同一個問題上同步並排訓練的各個執行。選取的執行就是最佳化器設定所編輯、箭頭所顯示的那一個。</translation>
    </message>
    <message>
        <source>Add a comparison run with a copy of the selected run&apos;s optimizer settings; then change its optimizer or learning rate (up to 8 runs).</source>
        <translation>新增一個比較執行，複製所選執行的最佳化器設定；接著再改它的最佳化器或學習率（最多 8 個執行）。</translation>
    </message>
    <message>
        <source>Remove the selected comparison run.</source>
        <translation>移除所選的比較執行。</translation>
    </message>
    <message>
        <source>A function of x (and y) to minimise, typed with + − * / ** ( ) and sin, cos, exp, log, sqrt, abs, tanh …; its exact gradient is shown below.</source>
        <translation>要最小化的 x（和 y）的函數，可用 + − * / ** ( ) 以及 sin、cos、exp、log、sqrt、abs、tanh……輸入；它的精確梯度顯示在下方。</translation>
    </message>
    <message>
        <source>With an intercept the line is ŷ = w·x + b (two parameters); without, ŷ = w·x through the origin: one parameter, its loss a curve with a slope.</source>
        <translation>有截距時直線為 ŷ = w·x + b（兩個參數）；沒有截距時 ŷ = w·x 通過原點：只有一個參數，它的損失是一條有斜率的曲線。</translation>
    </message>
    <message>
        <source>Draw a random start point θ₀ for the selected run (inside the surface&apos;s domain, or the model&apos;s own initialisation). The number is the seed: the same number gives the same start again.</source>
        <translation>為所選的執行隨機產生起點 θ₀（在曲面的定義域內，或用模型自己的初始化方式）。這個數字就是隨機種子：相同的數字會再得到相同的起點。</translation>
    </message>
    <message>
        <source>What a change of the selected run&apos;s optimizer settings does: start the run again from θ₀, or go on from where it is now with the new settings.</source>
        <translation>變更所選執行的最佳化器設定時要怎麼做：從 θ₀ 重新開始執行，或用新的設定從目前的位置繼續。</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>training</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>{what} failed: {detail}</source>
        <translation>{what}失敗：{detail}</translation>
    </message>
</context>
<context>
    <name>UpdateCard</name>
    <message>
        <source>① Compute the gradient</source>
        <translation>① 計算梯度</translation>
    </message>
    <message>
        <source>② Update the optimizer&apos;s state</source>
        <translation>② 更新最佳化器的狀態</translation>
    </message>
    <message>
        <source>③ Move: θ ← θ + Δθ</source>
        <translation>③ 移動：θ ← θ + Δθ</translation>
    </message>
    <message>
        <source>first update: v ← g</source>
        <translation>第一次更新：v ← g</translation>
    </message>
    <message>
        <source>decoupled weight decay</source>
        <translation>解耦的權重衰減</translation>
    </message>
    <message>
        <source>effective step</source>
        <translation>有效步長</translation>
    </message>
    <message>
        <source>first update</source>
        <translation>第一次更新</translation>
    </message>
    <message>
        <source>look-ahead</source>
        <translation>前瞻</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>個參數</translation>
    </message>
    <message>
        <source>decay</source>
        <translation>衰減</translation>
    </message>
    <message>
        <source>Layer shown in the table</source>
        <translation>表格中顯示的層</translation>
    </message>
    <message>
        <source>The numbers of this update</source>
        <translation>這次更新的數字</translation>
    </message>
    <message>
        <source>The update rule with this step&apos;s numbers</source>
        <translation>更新規則和這一步的數字</translation>
    </message>
    <message>
        <source>In stages</source>
        <translation>分階段</translation>
    </message>
    <message>
        <source>Walk through one update in three presses of Step (→): compute the gradient, update the optimizer&apos;s state, move.</source>
        <translation>按三次「單步」(→) 走完一次更新：計算梯度、更新最佳化器的狀態、移動。</translation>
    </message>
    <message>
        <source>For a model with many parameters: the layer (or group) whose first rows the table shows.</source>
        <translation>參數很多的模型：選擇表格要列出哪一層（或哪一組）的前幾列。</translation>
    </message>
    <message>
        <source>The optimizer&apos;s update rule with this step&apos;s numbers.</source>
        <translation>代入這一步數值的最佳化器更新規則。</translation>
    </message>
    <message>
        <source>Next update</source>
        <translation>下一次更新</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>沒有執行</translation>
    </message>
    <message>
        <source> — no next update ({status})</source>
        <translation> — 沒有下一次更新（{status}）</translation>
    </message>
    <message>
        <source> — the last update θ&lt;sub&gt;{k}&lt;/sub&gt; → θ&lt;sub&gt;{next}&lt;/sub&gt;; no next update ({status})</source>
        <translation> — 最後一次更新 θ&lt;sub&gt;{k}&lt;/sub&gt; → θ&lt;sub&gt;{next}&lt;/sub&gt;；沒有下一次更新（{status}）</translation>
    </message>
    <message>
        <source> — update θ&lt;sub&gt;{k}&lt;/sub&gt; → θ&lt;sub&gt;{next}&lt;/sub&gt;: what Step (→) does next</source>
        <translation> — 更新 θ&lt;sub&gt;{k}&lt;/sub&gt; → θ&lt;sub&gt;{next}&lt;/sub&gt;：按「單步」(→) 會做的事</translation>
    </message>
    <message>
        <source>new θ&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>新的 θ&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>the first rows of {group} ({count} parameters in all); per layer:</source>
        <translation>{group} 的前幾列（共 {count} 個參數）；各層：</translation>
    </message>
    <message>
        <source>(the loss rises: η may be too large)</source>
        <translation>（損失上升：η 可能太大）</translation>
    </message>
    <message>
        <source>gradient on a mini-batch of {count} examples (ringed in the data view)</source>
        <translation>梯度取自 {count} 個樣本的小批次（在資料圖中以圓圈標出）</translation>
    </message>
    <message>
        <source>stability limit 2/λ&lt;sub&gt;max&lt;/sub&gt; = {limit}</source>
        <translation>穩定極限 2/λ&lt;sub&gt;max&lt;/sub&gt; = {limit}</translation>
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
