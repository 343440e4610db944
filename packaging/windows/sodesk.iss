; Inno Setup script: a Windows installer for Second Opinion Desk (Inno Setup 6).
;
; On a Windows build machine, from the repository's root:
;   py -3.11 -m venv .venv
;   .venv\Scripts\python -m pip install .
;   .venv\Scripts\python -m pip install "pyinstaller>=6.10,<7"
;   .venv\Scripts\python packaging\compile_forms.py --check
;   .venv\Scripts\python -m PyInstaller --noconfirm packaging\sodesk.spec
;   dist\sodesk\sodesk.exe --self-test
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\sodesk.iss
; The installer is written to dist\installer\SecondOpinionDesk-<version>-setup.exe.
;
; Per-user install by default (no administrator needed at a front desk; the dialog offers all users). The
; desk's database, letters and backups live in the user's AppData (platformdirs) and are never removed by the
; uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Second Opinion Desk"
#define AppExe "SecondOpinionDesk.exe"
#define CliExe "sodesk.exe"
#define Dist "..\..\dist\sodesk"

[Setup]
AppId={{5E1C2A7B-3F0D-4B8E-9C61-2D7A4E0B9F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Second Opinion Desk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=SecondOpinionDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\sodesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the sodesk command to PATH (reports and exports from a terminal)"; Flags: unchecked

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
; Check the installed copy is whole before offering to start it.
Filename: "{app}\{#CliExe}"; Parameters: "--self-test"; StatusMsg: "Checking the installation..."; \
  Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
