/* TEST-ONLY stand-in for MediationDesk.exe / mediation-desk.exe (never shipped).
 *
 * Lets the installer be built and smoke-tested before the real PyInstaller folder exists:
 * it appends its command line, one argument a line (UTF-8), to the file named by the
 * environment variable MEDIATION_DESK_STANDIN_LOG (or %TEMP%\mediation-desk-standin.txt),
 * then stays running for MEDIATION_DESK_STANDIN_SECONDS seconds (default 0), so a test can
 * see a running program hold its .exe open (the installer must refuse to overwrite it).
 * Built with: x86_64-w64-mingw32-gcc -municode -O2 -s -o X.exe standin.c
 */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void write_utf8(HANDLE file, const wchar_t *text) {
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    if (n <= 1) return;
    char *buf = (char *)malloc((size_t)n);
    if (!buf) return;
    WideCharToMultiByte(CP_UTF8, 0, text, -1, buf, n, NULL, NULL);
    DWORD written = 0;
    WriteFile(file, buf, (DWORD)(n - 1), &written, NULL);
    free(buf);
}

int wmain(int argc, wchar_t **argv) {
    wchar_t path[MAX_PATH * 2];
    DWORD got = GetEnvironmentVariableW(L"MEDIATION_DESK_STANDIN_LOG", path, MAX_PATH * 2);
    if (got == 0 || got >= MAX_PATH * 2) {
        DWORD t = GetTempPathW(MAX_PATH, path);
        if (t == 0 || t >= MAX_PATH) return 3;
        wcscat(path, L"mediation-desk-standin.txt");
    }
    HANDLE file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) return 4;
    for (int i = 0; i < argc; i++) {
        write_utf8(file, argv[i]);
        write_utf8(file, L"\n");
    }
    write_utf8(file, L"--end--\n");
    CloseHandle(file);

    wchar_t secs[32];
    DWORD s = GetEnvironmentVariableW(L"MEDIATION_DESK_STANDIN_SECONDS", secs, 32);
    if (s > 0 && s < 32) {
        long n = wcstol(secs, NULL, 10);
        if (n > 0) Sleep((DWORD)n * 1000);
    }
    return 0;
}
