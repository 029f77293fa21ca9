# Build GD Studio for Windows (run on Windows, 64-bit Python >= 3.11, NSIS 3 on PATH or in
# its default folder):
#   dist\gdstudio\                       frozen one-folder app (PyInstaller, from the wheel)
#   dist\GDStudio-VERSION-setup.exe      NSIS installer (packaging\windows\gdstudio.nsi)
# Usage: powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root
$Build = "$Root\build\windows"
$Dist = "$Root\dist"
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed ($LASTEXITCODE)" } }

Write-Host "==> build venv"
if (Test-Path $Build) { Remove-Item -Recurse -Force $Build }
New-Item -ItemType Directory -Force $Build, $Dist | Out-Null
& $Python -m venv "$Build\venv"; Check "venv"
$Vpy = "$Build\venv\Scripts\python.exe"
& $Vpy -m pip install -q --upgrade pip; Check "pip"
& $Vpy -m pip install -q build "pyinstaller>=6.22,<7"; Check "pip install"

Write-Host "==> sdist and wheel"
Get-ChildItem $Dist -Filter "gdstudio-*" -ErrorAction SilentlyContinue | Remove-Item -Force
if (Test-Path "$Dist\gdstudio") { Remove-Item -Recurse -Force "$Dist\gdstudio" }
& $Vpy -m build --outdir $Dist $Root; Check "python -m build"
$Wheel = (Get-ChildItem $Dist -Filter "gdstudio-*-py3-none-any.whl").FullName
& $Vpy -m pip install -q $Wheel; Check "pip install wheel"
Push-Location $Build
$Version = (& $Vpy -c "import gdstudio; print(gdstudio.__version__)").Trim()
Pop-Location

Write-Host "==> icons"
$env:QT_QPA_PLATFORM = "offscreen"
& $Vpy "$Root\packaging\icons.py" "$Build\icons"; Check "icons"
Remove-Item Env:\QT_QPA_PLATFORM

Write-Host "==> PyInstaller"
$env:GDSTUDIO_ICON_DIR = "$Build\icons"
Push-Location $Build
& "$Build\venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --distpath $Dist --workpath "$Build\pyinstaller" "$Root\packaging\gdstudio.spec"
Check "pyinstaller"
Pop-Location

Write-Host "==> self-test (offscreen screenshot; the exe is windowed, so wait for it)"
$Shot = "$Build\selftest.png"
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process -FilePath "$Dist\gdstudio\gdstudio.exe" -Wait -PassThru `
    -ArgumentList "--screenshot", "`"$Shot`"", "--steps", "20", "rosenbrock_race"
Remove-Item Env:\QT_QPA_PLATFORM
if ($p.ExitCode -ne 0 -or -not (Test-Path $Shot)) { throw "self-test failed ($($p.ExitCode))" }

Write-Host "==> NSIS installer"
$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) { $Makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$Setup = "$Dist\GDStudio-$Version-setup.exe"
& $Makensis -WX -V2 "-DVERSION=$Version" "-DPAYLOAD_DIR=$Dist\gdstudio" `
    "-DICON=$Build\icons\gdstudio.ico" "-DOUTFILE=$Setup" "$Root\packaging\windows\gdstudio.nsi"
Check "makensis"
Get-Item $Setup | Select-Object Name, Length
