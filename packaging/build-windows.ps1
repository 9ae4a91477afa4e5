# Build the Windows program folder (dist\TTDN) and its installer (dist\installer).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 [-NoVenv] [-NoInstaller]
#
# Needs Python 3.11+ (64-bit, from python.org) and, for the installer, Inno Setup 6
# (ISCC.exe on PATH or in its default folder). Runs packaging\build.py, which builds the
# folder, the plain PySide6 hello baseline, prints the sizes and runs the frozen self-test.
param(
    [switch]$NoVenv,        # use the current Python (CI: actions/setup-python)
    [switch]$NoInstaller    # only the program folder
)
$ErrorActionPreference = "Stop"
$root = Split-Path $PSScriptRoot -Parent
Set-Location $root
$env:PYTHONUTF8 = "1"             # UTF-8 everywhere, whatever the console's code page
$env:PYTHONIOENCODING = "utf-8"

if ($NoVenv) {
    $python = (Get-Command python).Source
} else {
    if (-not (Test-Path ".venv-build")) { py -3 -m venv .venv-build }
    $python = Join-Path $root ".venv-build\Scripts\python.exe"
}
& $python -m pip install --upgrade pip
& $python -m pip install -c constraints.txt -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

New-Item -ItemType Directory -Force build | Out-Null
& $python packaging\build.py --json | Tee-Object -FilePath build\build-windows.json
if ($LASTEXITCODE -ne 0) { throw "the build or the frozen self-test failed (see above)" }

if (-not $NoInstaller) {
    $iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
    if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
    if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found: install it, or run with -NoInstaller" }
    $version = & $python -c "import desktop_app; print(desktop_app.__version__)"
    & $iscc "/DAppVersion=$version" packaging\ttdn.iss
    if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
    Get-ChildItem dist\installer
}
