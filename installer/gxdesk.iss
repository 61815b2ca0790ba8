; Inno Setup 6 script of gxdesk's setup program: a per-user install that needs no
; administrator rights, with a Chinese wizard.
;
;   python installer\build.py          (builds dist\gxdesk, then runs ISCC on this file)
;
; or by hand after PyInstaller, from the repository's top folder:
;   ISCC /DMyAppVersion=0.1.0 /DSourceDir=%CD%\dist\gxdesk /DOutputDir=%CD%\dist
;        /DIconFile=%CD%\build\gxdesk\gxdesk.ico installer\gxdesk.iss
;
; What it installs, for the current user only:
;   program   %LOCALAPPDATA%\Programs\gxdesk  (where {autopf} of a per-user install points)
;   shortcuts Start menu "gxdesk 年度报告", and on the desktop if ticked
;   .gxr      opens in gxdeskw.exe (HKCU\Software\Classes)
; The program writes its settings and autosaved drafts to %LOCALAPPDATA%\gxdesk
; (gxdesk/userdirs.py): another folder, which the uninstaller never touches, just
; like the reports the user saved wherever they chose. The uninstaller removes
; only what this script installed, then the program folder if it is empty.
; Needs Inno Setup 6.3 or later (x64compatible). Saved as UTF-8 with a BOM for the Chinese text.

#ifndef MyAppVersion
  #error Pass /DMyAppVersion=… (installer\build.py does)
#endif
#ifndef MyAppNumericVersion
  #define MyAppNumericVersion MyAppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\gxdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\build\gxdesk\gxdesk.ico"
#endif

#define MyAppName "gxdesk 政府信息公开年度报告"
#define ShortcutName "gxdesk 年度报告"
#define MyAppExe "gxdeskw.exe"
#define ProgId "gxdesk.report"

[Setup]
; Fixed for good: Windows knows an installed gxdesk by it, so that a new version
; replaces the old one instead of appearing twice in 应用和功能.
AppId={{A0DBE394-3C62-41C4-B371-3F239E6FB7AC}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName=gxdesk {#MyAppVersion}
AppPublisher=gxdesk
AppComments=政府信息公开工作年度报告：填写、核对、生成（国办公开办函〔2021〕30号格式）
VersionInfoVersion={#MyAppNumericVersion}
PrivilegesRequired=lowest
; {autopf} of a per-user install is FOLDERID_UserProgramFiles, %LOCALAPPDATA%\Programs on every
; Windows unless a policy moves it. It is spelled out here because Wine 8 lacks that known
; folder: so the very setup program CI installs and uninstalls under Wine is the one shipped.
DefaultDirName={localappdata}\Programs\gxdesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6.11 needs Windows 10 1809 (build 17763) or later, and the icuuc.dll that Windows
; carries since 1703: on the 1507-1607 LTSB releases still found on government PCs the
; program could not start, so the setup refuses with the message in [Messages] below.
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=gxdesk-{#MyAppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#MyAppExe}
UninstallDisplayName=gxdesk {#MyAppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
ChangesAssociations=yes
; A running gxdesk is asked to close before its files are replaced.
CloseApplications=yes

[Languages]
; The project's own translation of Inno Setup's messages, beside this script (Inno Setup
; ships no Simplified Chinese), so that no build needs the internet.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[Messages]
; What a clerk reads on a Windows older than MinVersion (the setup shows the first; the second
; serves the same check elsewhere in Inno Setup).
WindowsVersionNotSupported=gxdesk 需要 Windows 10 1809 版或更高版本（包括 Windows 11）。这台电脑的 Windows 版本较早（例如 Windows 10 LTSB 2015、2016 或 Windows 7、8），gxdesk 无法在上面运行，请联系本单位的信息技术人员升级系统。
WinVersionTooLowError=gxdesk 需要 Windows 10 1809 版（%1 %2）或更高版本（包括 Windows 11）。这台电脑的 Windows 版本较早（例如 Windows 10 LTSB 2015、2016），gxdesk 无法在上面运行，请联系本单位的信息技术人员升级系统。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An earlier version's libraries and Qt plugins that this version no longer has
; must not stay behind to be loaded by the new Qt. The folder is the program's own.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The two programs first and side by side: they carry the same Python archive,
; which the solid compression then stores once.
Source: "{#SourceDir}\gxdesk.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#SourceDir}\gxdeskw.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#SourceDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#ShortcutName}"; Filename: "{app}\{#MyAppExe}"; Comment: "政府信息公开工作年度报告：填写、核对、生成"
Name: "{autodesktop}\{#ShortcutName}"; Filename: "{app}\{#MyAppExe}"; Comment: "政府信息公开工作年度报告：填写、核对、生成"; Tasks: desktopicon

[Registry]
; .gxr reports open in gxdesk: a per-user association (HKA is HKCU in a non-administrative install).
; The uninstaller undoes entries last to first: the value goes, and then the key if nothing else
; is left in it (another program's OpenWithProgids entry, say); a separate key-only entry before it
; would be looked at while the value is still there, and leave an empty .gxr key behind.
Root: HKA; Subkey: "Software\Classes\.gxr"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.gxr\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "gxdesk 年度报告"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#MyAppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#MyAppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#MyAppExe}\SupportedTypes"; ValueType: string; ValueName: ".gxr"; ValueData: ""

[Run]
Filename: "{app}\{#MyAppExe}"; Description: "{cm:LaunchProgram,gxdesk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the user's reports, settings and autosaved drafts are theirs.
