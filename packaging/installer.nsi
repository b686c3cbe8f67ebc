; 调解工作台 (Mediation Desk): the Windows installer, MediationDesk-<version>-setup.exe.
;
; Built by packaging/build_installer.sh (makensis -INPUTCHARSET UTF8), which passes:
;   VERSION    the version in pyproject.toml, e.g. 0.1.0
;   VERSION4   the same as four numbers for the version resource, e.g. 0.1.0.0
;   SRCDIR     the PyInstaller folder (dist/MediationDesk: MediationDesk.exe, mediation-desk.exe, _internal)
;   FILES_NSH  a generated include naming SRCDIR's top-level files and folders (what the
;              uninstaller removes, and what an upgrade replaces)
;   OUTFILE    where the setup program goes
;   APP_ICON   mediation_desk/resources/icons/app.ico, when it exists (else NSIS's own icons)
;
; Per user, no administrator rights: everything goes under the user's profile and HKCU.
; The user's data (%LOCALAPPDATA%\MediationDesk: databases, keys, backups, logs) is never
; touched; the uninstaller says where it stays. Silent: setup.exe /S [/D=path], uninstall.exe /S.

!ifndef VERSION | VERSION4 | SRCDIR | FILES_NSH | OUTFILE
  !error "packaging/build_installer.sh passes VERSION, VERSION4, SRCDIR, FILES_NSH and OUTFILE"
!endif

Target amd64-unicode
; LZMA solid for a release; packaging/build_installer.sh passes COMPRESSOR=zlib for CI's
; smoke test (minutes faster, a larger file, the same installer otherwise)
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
!if "${COMPRESSOR}" == "lzma"
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!else if "${COMPRESSOR}" == "zlib"
  SetCompressor /SOLID zlib
!else
  !error "COMPRESSOR is lzma or zlib"
!endif
ManifestDPIAware true
RequestExecutionLevel user

!define APP_NAME "调解工作台"
!define APP_EXE "MediationDesk.exe"
!define CLI_EXE "mediation-desk.exe"
!define UNINSTALLER "uninstall.exe"
!define PUBLISHER "调解工作台"
!define PROG_ID "MediationDesk.mdx"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MediationDesk"
!define CLASSES "Software\Classes"
!define SHORTCUT_DIR "$SMPROGRAMS\${APP_NAME}"

Name "${APP_NAME}" "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\MediationDesk"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "${FILES_NSH}"

!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(WELCOME_TEXT)"
!define MUI_UNABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(FINISH_RUN)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!include "${__FILEDIR__}\nsis\strings_zh.nsh"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "OriginalFilename" "MediationDesk-${VERSION}-setup.exe"

; Is the program in $INSTDIR running? Windows refuses to open a running .exe for writing
; (a sharing violation), so each of the two programs is opened for appending (nothing is
; written) and an error means it is in use: this sees the GUI and the command line alike,
; whatever their window titles. Asks to close it; Cancel (and silent mode) aborts.
!macro DEFINE_CHECK_NOT_RUNNING un
  Function ${un}CheckNotRunning
    retry:
      StrCpy $R0 ""
      ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
        ClearErrors
        FileOpen $R1 "$INSTDIR\${APP_EXE}" a
        ${If} ${Errors}
          StrCpy $R0 "busy"
        ${Else}
          FileClose $R1
        ${EndIf}
      ${EndIf}
      ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
        ClearErrors
        FileOpen $R1 "$INSTDIR\${CLI_EXE}" a
        ${If} ${Errors}
          StrCpy $R0 "busy"
        ${Else}
          FileClose $R1
        ${EndIf}
      ${EndIf}
      ${If} $R0 == "busy"
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MSG_RUNNING)" /SD IDCANCEL IDRETRY retry
        SetErrorLevel 3
        Quit
      ${EndIf}
  FunctionEnd
!macroend
!insertmacro DEFINE_CHECK_NOT_RUNNING ""
!insertmacro DEFINE_CHECK_NOT_RUNNING "un."

; The association and the Apps & features entry go; a .mdx default that another program has
; taken over since is left to that program.
Function un.Unregister
  DeleteRegKey HKCU "${CLASSES}\${PROG_ID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\${APP_EXE}"
  ReadRegStr $R1 HKCU "${CLASSES}\.mdx" ""
  ${If} $R1 == "${PROG_ID}"
    DeleteRegValue HKCU "${CLASSES}\.mdx" ""
  ${EndIf}
  DeleteRegValue HKCU "${CLASSES}\.mdx\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\.mdx\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\.mdx"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; SHCNE_ASSOCCHANGED, SHCNF_IDLIST: Explorer re-reads the associations and icons
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
FunctionEnd

Function .onInit
  SetShellVarContext current
  ; Qt 6.10 loads the system ICU, which Windows has from 10 1903 (build 18362) on.
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 18362
    MessageBox MB_OK|MB_ICONSTOP "$(MSG_OLD_WINDOWS)" /SD IDOK
    SetErrorLevel 4
    Quit
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ${If} $INSTDIR == "$LOCALAPPDATA\MediationDesk"
    Abort
  ${EndIf}
FunctionEnd

Section "install"
  SetShellVarContext current
  ${If} $INSTDIR == "$LOCALAPPDATA\MediationDesk"
    MessageBox MB_OK|MB_ICONSTOP "$(MSG_DIR_IS_DATA)" /SD IDOK
    SetErrorLevel 5
    Quit
  ${EndIf}

  ; An older version installed elsewhere (an earlier /D=...) is uninstalled first, silently:
  ; one copy on the machine, one entry in Apps & features.
  ReadRegStr $R9 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $R9 != ""
  ${AndIf} $R9 != $INSTDIR
  ${AndIf} ${FileExists} "$R9\${UNINSTALLER}"
    ClearErrors
    ExecWait '"$R9\${UNINSTALLER}" /S _?=$R9' $R8
    ${If} ${Errors}
    ${OrIf} $R8 != 0
      MessageBox MB_OK|MB_ICONSTOP "$(MSG_OLD_UNINSTALL_FAILED)" /SD IDOK
      SetErrorLevel 6
      Quit
    ${EndIf}
    Delete "$R9\${UNINSTALLER}"
    RMDir "$R9"
  ${EndIf}

  Call CheckNotRunning

  ; Upgrade in place: the previous version's program files go first, so nothing of it
  ; lingers among the new ones (only when it is ours: the folder holds our program).
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
  ${OrIf} ${FileExists} "$INSTDIR\${UNINSTALLER}"
    !insertmacro REMOVE_PROGRAM_FILES
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; shortcuts start in the program's folder
  CreateDirectory "${SHORTCUT_DIR}"
  CreateShortcut "${SHORTCUT_DIR}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "${SHORTCUT_DIR}\$(SHORTCUT_UNINSTALL).lnk" "$INSTDIR\${UNINSTALLER}" "" \
    "$INSTDIR\${UNINSTALLER}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; .mdx, per user (HKCU\Software\Classes: Windows merges it into HKEY_CLASSES_ROOT)
  WriteRegStr HKCU "${CLASSES}\.mdx" "" "${PROG_ID}"
  WriteRegStr HKCU "${CLASSES}\.mdx\OpenWithProgids" "${PROG_ID}" ""
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}" "" "$(FILE_TYPE_NAME)"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}" "FriendlyTypeName" "$(FILE_TYPE_NAME)"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}\shell" "" "open"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}\SupportedTypes" ".mdx" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}\shell\open\command" "" \
    '"$INSTDIR\${APP_EXE}" "%1"'

  ; Apps & features
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "un.install"
  SetShellVarContext current
  Call un.CheckNotRunning

  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "${SHORTCUT_DIR}\${APP_NAME}.lnk"
  Delete "${SHORTCUT_DIR}\$(SHORTCUT_UNINSTALL).lnk"
  RMDir "${SHORTCUT_DIR}"

  Call un.Unregister

  ; only what the installer put there; a folder the user also keeps files in stays
  !insertmacro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ; the data folder (platformdirs user_data_dir("MediationDesk"), or MEDIATION_DESK_HOME) stays
  ReadEnvStr $R0 "MEDIATION_DESK_HOME"
  ${If} $R0 == ""
    StrCpy $R0 "$LOCALAPPDATA\MediationDesk"
  ${EndIf}
  ${If} ${FileExists} "$R0\*.*"
    MessageBox MB_OK|MB_ICONINFORMATION "$(MSG_DATA_KEPT)" /SD IDOK
  ${Else}
    MessageBox MB_OK|MB_ICONINFORMATION "$(MSG_DATA_NONE)" /SD IDOK
  ${EndIf}
SectionEnd
