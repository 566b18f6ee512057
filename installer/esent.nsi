; SPDX-License-Identifier: MIT
; installer/esent.nsi: setup.exe for our esent.dll (x64 and x86), built with NSIS (makensis).
;
; Two ways to install:
;   - into an application's folder (any Windows, any Wine prefix): esent.dll of the chosen
;     architecture goes beside the application, which loads it before the system's;
;   - as the system esent.dll of a Wine prefix: the x64 DLL into system32 and the x86 DLL into
;     syswow64 (a 64-bit prefix), or the x86 DLL into system32 (a 32-bit prefix), and the DLL
;     override esent=native,builtin in HKCU\Software\Wine\DllOverrides so Wine loads it instead
;     of its own stubs. Refused on real Windows: replacing Windows' own esent.dll would break
;     Windows (it is used by the OS itself), and Windows File Protection would undo it anyway.
; The uninstaller restores exactly what was there: the replaced DLLs come back from the copies
; setup kept, files that were not there are deleted, the override gets its old value back or is
; removed. Running setup again over an installation keeps the first backups.
;
; Command line (silent mode for scripts):
;   setup.exe /S [/SYSTEM] [/ARCH=x64|x86] [/D=<folder>]
;     /S       no user interface; the exit code is 0 on success, 2 when setup refused or failed
;     /SYSTEM  the Wine-prefix system mode (default: application folder, which needs /D=)
;     /ARCH=   the application's architecture in folder mode (default: the system's)
;     /D=      the application's folder; NSIS wants it last and unquoted
;   esent-uninstall.exe /S        (in the folder, or in Program Files\esent for system mode)
;   /NOTWINE behaves as on real Windows (for the tests of the refusal; not for users)
;
; Build: makensis -DTARGET=amd64|x86 -DVERSION=0.1.0 -DDLL_X64=<esent.dll> -DDLL_X86=<esent.dll>
;        -DOUTFILE=<setup.exe> esent.nsi   (installer/CMakeLists.txt does this)
; The amd64 build runs on 64-bit Windows and 64-bit Wine; the x86 build also on 32-bit ones.

Unicode true
; x64.nsh folds ${RunningX64} to "true" in the amd64 build, leaving its else labels unused.
!pragma warning disable 6012
!ifndef TARGET
  !define TARGET amd64
!endif
Target ${TARGET}-unicode
!ifndef VERSION
  !define VERSION 0.0.0
!endif
!ifndef DLL_X64
  !error "define DLL_X64 (the x64 esent.dll)"
!endif
!ifndef DLL_X86
  !error "define DLL_X86 (the x86 esent.dll)"
!endif
!ifndef OUTFILE
  !define OUTFILE esent-setup.exe
!endif

!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh
!include nsDialogs.nsh
!include MUI2.nsh

!define PRODUCT "esent"
!define UNINSTALLER "esent-uninstall.exe"
!define STATE "esent-install.ini"
!define OVERRIDES "Software\Wine\DllOverrides"
!define ARP "Software\Microsoft\Windows\CurrentVersion\Uninstall\esent-wine"

Name "esent ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show
ShowUninstDetails show
InstallDir ""
BrandingText "esent ${VERSION}, an open-source ESENT"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "esent"
VIAddVersionKey "FileDescription" "esent.dll setup (an open-source ESENT)"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT licence"

Var Mode        ; "app" or "system"
Var Arch        ; "x64" or "x86" (application folder mode)
Var IsWine      ; 1 under Wine
Var Is64        ; 1 on a 64-bit system (prefix)
Var Dialog
Var RadioApp64
Var RadioApp32
Var RadioSystem

!define MUI_ABORTWARNING
Page custom ModePage ModePageLeave
!define MUI_PAGE_CUSTOMFUNCTION_PRE DirectoryPre
!define MUI_DIRECTORYPAGE_TEXT_TOP "Choose the folder of the application that uses esent.dll. Setup puts esent.dll there; an esent.dll already in that folder is kept and restored when you uninstall."
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; ---- detection --------------------------------------------------------------------------------

; Wine: ntdll exports wine_get_version, and the prefix has HKLM\Software\Wine.
!macro DETECT_WINE un
Function ${un}DetectWine
  StrCpy $IsWine 0
  System::Call 'kernel32::GetModuleHandleW(w "ntdll.dll") p.r0'
  ${If} $0 P<> 0
    System::Call 'kernel32::GetProcAddress(p r0, m "wine_get_version") p.r1'
    ${If} $1 P<> 0
      StrCpy $IsWine 1
    ${EndIf}
  ${EndIf}
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  ClearErrors
  EnumRegKey $0 HKLM "Software\Wine" 0
  ${IfNot} ${Errors}
    StrCpy $IsWine 1
  ${EndIf}
  SetRegView lastused
  StrCpy $Is64 0
  ${If} ${RunningX64}
    StrCpy $Is64 1
  ${EndIf}
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/NOTWINE" $1
  ${IfNot} ${Errors}
    StrCpy $IsWine 0
  ${EndIf}
FunctionEnd
!macroend
!insertmacro DETECT_WINE ""
!insertmacro DETECT_WINE "un."

!macro REFUSE_SYSTEM_ON_WINDOWS
  MessageBox MB_ICONSTOP|MB_OK "This is Windows, not Wine.$\r$\n$\r$\nSetup installs esent.dll as the system DLL only inside a Wine prefix: replacing Windows' own esent.dll would break Windows, which uses it itself.$\r$\n$\r$\nInstall into your application's folder instead (setup.exe /S /D=<folder>): the application then loads our esent.dll before the system's." /SD IDOK
  SetErrorLevel 2
  Abort
!macroend

Function .onInit
  Call DetectWine
  StrCpy $Mode "app"
  StrCpy $Arch "x86"
  ${If} $Is64 == 1
    StrCpy $Arch "x64"
  ${EndIf}
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/SYSTEM" $1
  ${IfNot} ${Errors}
    StrCpy $Mode "system"
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/ARCH=" $1
  ${IfNot} ${Errors}
    ${If} $1 == "x64"
    ${OrIf} $1 == "x86"
      StrCpy $Arch $1
    ${Else}
      MessageBox MB_ICONSTOP|MB_OK "Unknown architecture '$1' (use /ARCH=x64 or /ARCH=x86)." /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${EndIf}
  ${If} $Arch == "x64"
  ${AndIf} $Is64 != 1
    MessageBox MB_ICONSTOP|MB_OK "A 64-bit esent.dll cannot run on this 32-bit system." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  ${If} $Mode == "system"
    ${If} $IsWine != 1
      !insertmacro REFUSE_SYSTEM_ON_WINDOWS
    ${EndIf}
    Call SystemFolder
  ${ElseIf} ${Silent}
  ${AndIf} $INSTDIR == ""
    MessageBox MB_ICONSTOP|MB_OK "Name the application's folder with /D=<folder>, or install the Wine system DLL with /SYSTEM." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
FunctionEnd

; System mode keeps its uninstaller and backups in Program Files\esent.
Function SystemFolder
  ${If} $Is64 == 1
    StrCpy $INSTDIR "$PROGRAMFILES64\${PRODUCT}"
  ${Else}
    StrCpy $INSTDIR "$PROGRAMFILES\${PRODUCT}"
  ${EndIf}
FunctionEnd

; ---- pages --------------------------------------------------------------------------------------

Function ModePage
  !insertmacro MUI_HEADER_TEXT "Where should esent.dll go?" "esent ${VERSION}, an open-source replacement for Microsoft's ESENT.dll"
  nsDialogs::Create 1018
  Pop $Dialog
  ${NSD_CreateLabel} 0 0 100% 20u "Install esent.dll for one application (it goes into the application's folder), or, under Wine, for every program of this Wine prefix."
  Pop $0
  ${NSD_CreateRadioButton} 0 26u 100% 12u "Into an application's folder, for a 64-bit application"
  Pop $RadioApp64
  ${NSD_CreateRadioButton} 0 42u 100% 12u "Into an application's folder, for a 32-bit application"
  Pop $RadioApp32
  ${NSD_CreateRadioButton} 0 58u 100% 12u "As the system esent.dll of this Wine prefix (system32 and syswow64)"
  Pop $RadioSystem
  ${If} $IsWine == 1
    ${NSD_CreateLabel} 12u 74u 100% 40u "Wine is detected. Setup keeps the prefix's own esent.dll files and its DLL override, sets esent to native,builtin, and puts everything back when you uninstall."
    Pop $0
  ${Else}
    ${NSD_CreateLabel} 12u 74u 100% 40u "Not available: this is Windows, not Wine. Replacing Windows' own esent.dll would break Windows."
    Pop $0
    EnableWindow $RadioSystem 0
  ${EndIf}
  ${If} $Is64 != 1
    EnableWindow $RadioApp64 0
  ${EndIf}
  ${If} $Mode == "system"
    ${NSD_Check} $RadioSystem
  ${ElseIf} $Arch == "x64"
    ${NSD_Check} $RadioApp64
  ${Else}
    ${NSD_Check} $RadioApp32
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $RadioSystem $0
  ${NSD_GetState} $RadioApp64 $1
  ${If} $0 == ${BST_CHECKED}
    StrCpy $Mode "system"
    Call SystemFolder
  ${Else}
    StrCpy $Mode "app"
    ${If} $1 == ${BST_CHECKED}
      StrCpy $Arch "x64"
    ${Else}
      StrCpy $Arch "x86"
    ${EndIf}
    ${If} $INSTDIR == "$PROGRAMFILES64\${PRODUCT}"
    ${OrIf} $INSTDIR == "$PROGRAMFILES\${PRODUCT}"
      StrCpy $INSTDIR ""
    ${EndIf}
  ${EndIf}
FunctionEnd

Function DirectoryPre
  ${If} $Mode == "system"
    Abort
  ${EndIf}
FunctionEnd

; ---- installing -----------------------------------------------------------------------------------

; Keep the file being replaced, once: $0 = the file, $1 = the ini section. A second setup over an
; installation finds the section already written and keeps the first backup.
Function BackupOnce
  ReadINIStr $2 "$INSTDIR\${STATE}" $1 "existed"
  ${If} $2 != ""
    Return
  ${EndIf}
  ${If} ${FileExists} $0
    CreateDirectory "$INSTDIR\esent-backup"
    ; CopyFileW, not CopyFiles: it runs on this thread, so it sees the file system redirection
    ; the x86 build turns off for System32.
    System::Call 'kernel32::CopyFileW(w r0, w "$INSTDIR\esent-backup\$1-esent.dll", i 0) i.r5'
    ${If} $5 == 0
      SetErrorLevel 2
      Abort "Cannot keep a copy of $0; nothing was changed there."
    ${EndIf}
    DetailPrint "Kept $0 as $INSTDIR\esent-backup\$1-esent.dll"
    WriteINIStr "$INSTDIR\${STATE}" $1 "existed" "1"
  ${Else}
    WriteINIStr "$INSTDIR\${STATE}" $1 "existed" "0"
  ${EndIf}
FunctionEnd

Function InstallSystem
  CreateDirectory $INSTDIR
  WriteINIStr "$INSTDIR\${STATE}" "install" "mode" "system"
  ${If} $Is64 == 1
    ${DisableX64FSRedirection}
    StrCpy $0 "$WINDIR\System32\esent.dll"
    StrCpy $1 "system32"
    Call BackupOnce
    SetOutPath "$WINDIR\System32"
    File "/oname=esent.dll" "${DLL_X64}"
    ${EnableX64FSRedirection}
    StrCpy $0 "$WINDIR\SysWOW64\esent.dll"
    StrCpy $1 "syswow64"
    Call BackupOnce
    SetOutPath "$WINDIR\SysWOW64"
    File "/oname=esent.dll" "${DLL_X86}"
  ${Else}
    StrCpy $0 "$WINDIR\System32\esent.dll"
    StrCpy $1 "system32"
    Call BackupOnce
    SetOutPath "$WINDIR\System32"
    File "/oname=esent.dll" "${DLL_X86}"
  ${EndIf}

  ; The override: remember the old value (or its absence) once, then prefer our DLL.
  ReadINIStr $2 "$INSTDIR\${STATE}" "override" "existed"
  ${If} $2 == ""
    ClearErrors
    ReadRegStr $3 HKCU "${OVERRIDES}" "esent"
    ${If} ${Errors}
      WriteINIStr "$INSTDIR\${STATE}" "override" "existed" "0"
    ${Else}
      WriteINIStr "$INSTDIR\${STATE}" "override" "existed" "1"
      WriteINIStr "$INSTDIR\${STATE}" "override" "value" $3
    ${EndIf}
  ${EndIf}
  WriteRegStr HKCU "${OVERRIDES}" "esent" "native,builtin"
  DetailPrint "DLL override esent = native,builtin"

  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  ${If} $Is64 == 1
    SetRegView 64
  ${EndIf}
  WriteRegStr HKLM "${ARP}" "DisplayName" "esent ${VERSION} (system esent.dll of this Wine prefix)"
  WriteRegStr HKLM "${ARP}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${ARP}" "Publisher" "the esent project"
  WriteRegStr HKLM "${ARP}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${ARP}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${ARP}" "NoModify" 1
  WriteRegDWORD HKLM "${ARP}" "NoRepair" 1
  SetRegView lastused
FunctionEnd

Function InstallApp
  CreateDirectory $INSTDIR
  WriteINIStr "$INSTDIR\${STATE}" "install" "mode" "app"
  WriteINIStr "$INSTDIR\${STATE}" "install" "arch" $Arch
  StrCpy $0 "$INSTDIR\esent.dll"
  StrCpy $1 "app"
  Call BackupOnce
  SetOutPath $INSTDIR
  ${If} $Arch == "x64"
    File "/oname=esent.dll" "${DLL_X64}"
  ${Else}
    File "/oname=esent.dll" "${DLL_X86}"
  ${EndIf}
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
FunctionEnd

Section "esent.dll"
  SetOverwrite on
  ${If} $Mode == "system"
    ${If} $IsWine != 1
      !insertmacro REFUSE_SYSTEM_ON_WINDOWS
    ${EndIf}
    Call InstallSystem
  ${Else}
    ${If} $INSTDIR == ""
      SetErrorLevel 2
      Abort "No folder was chosen."
    ${EndIf}
    Call InstallApp
  ${EndIf}
SectionEnd

; ---- uninstalling ---------------------------------------------------------------------------------

; Put back what the section $1 of the state says was at $0: the kept copy, or nothing.
Function un.Restore
  ReadINIStr $2 "$INSTDIR\${STATE}" $1 "existed"
  ${If} $2 == "1"
    System::Call 'kernel32::CopyFileW(w "$INSTDIR\esent-backup\$1-esent.dll", w r0, i 0) i.r5'
    ${If} $5 == 0
      SetErrorLevel 2
      Abort "Cannot restore $0 from $INSTDIR\esent-backup\$1-esent.dll; the installation is left as it is."
    ${EndIf}
    DetailPrint "Restored $0"
    Delete "$INSTDIR\esent-backup\$1-esent.dll"
  ${ElseIf} $2 == "0"
    Delete $0
  ${EndIf}
FunctionEnd

Function un.onInit
  Call un.DetectWine
FunctionEnd

Section "Uninstall"
  ReadINIStr $4 "$INSTDIR\${STATE}" "install" "mode"
  ${If} $4 == "system"
    ${If} $IsWine != 1
      MessageBox MB_ICONSTOP|MB_OK "This installation is a Wine prefix's system esent.dll, but this is not Wine; nothing was changed." /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
    ${If} $Is64 == 1
      ${DisableX64FSRedirection}
      StrCpy $0 "$WINDIR\System32\esent.dll"
      StrCpy $1 "system32"
      Call un.Restore
      ${EnableX64FSRedirection}
      StrCpy $0 "$WINDIR\SysWOW64\esent.dll"
      StrCpy $1 "syswow64"
      Call un.Restore
    ${Else}
      StrCpy $0 "$WINDIR\System32\esent.dll"
      StrCpy $1 "system32"
      Call un.Restore
    ${EndIf}
    ReadINIStr $2 "$INSTDIR\${STATE}" "override" "existed"
    ${If} $2 == "1"
      ReadINIStr $3 "$INSTDIR\${STATE}" "override" "value"
      WriteRegStr HKCU "${OVERRIDES}" "esent" $3
    ${ElseIf} $2 == "0"
      ; The key itself stays: wineboot makes it in every prefix.
      DeleteRegValue HKCU "${OVERRIDES}" "esent"
    ${EndIf}
    ${If} $Is64 == 1
      SetRegView 64
    ${EndIf}
    DeleteRegKey HKLM "${ARP}"
    SetRegView lastused
  ${ElseIf} $4 == "app"
    StrCpy $0 "$INSTDIR\esent.dll"
    StrCpy $1 "app"
    Call un.Restore
  ${Else}
    MessageBox MB_ICONSTOP|MB_OK "$INSTDIR holds no esent installation (${STATE} is missing)." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  Delete "$INSTDIR\${STATE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR\esent-backup"
  ${If} $4 == "system"
    RMDir $INSTDIR
  ${EndIf}
SectionEnd
